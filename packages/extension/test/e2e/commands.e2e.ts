// The extension's commands as a user runs them on the open job: export and preview.
import * as vscode from 'vscode';
import * as assert from './assert.js';
import { exists, Fixture, openInEditor, readText, positionOf, screenshot, serverReady, sleep, waitFor, webviewText, workspaceFolder } from './helpers.js';

/** What `jobstd._previewState` reports (the webview itself cannot be read through the API). */
interface PreviewState {
    open: boolean;
    title?: string;
    uri?: string;
    updates: number;
}

suite('Commands', () => {
    suiteSetup(async function () {
        this.timeout(90_000);
        await serverReady();
    });

    test('Export to HTML writes the job as a page into the export folder', async () => {
        await openInEditor(Fixture.job);
        const target = vscode.Uri.joinPath(workspaceFolder(), 'out', 'service-representative.html');
        assert.equal(await exists(target), undefined, 'no HTML export before the command');
        // From the active editor, as from the command palette.
        const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.exportHtml');
        assert.equal(written?.toString(), target.toString(), 'the command reports the file it wrote');
        const stat = await waitFor('out/service-representative.html', () => exists(target));
        assert.equal(stat.type & vscode.FileType.File, vscode.FileType.File, 'the export is a file');
        const html = await readText(target);
        assert.match(html, /<html[\s>]/i, 'the export is an HTML page');
        assert.match(html, /Service Representative/, 'the page shows the job title');
    });

    test('Export to JSON writes the job as data into the export folder', async () => {
        const editor = await openInEditor(Fixture.job);
        const target = vscode.Uri.joinPath(workspaceFolder(), 'out', 'service-representative.json');
        assert.equal(await exists(target), undefined, 'no JSON export before the command');
        // On a file, as from the explorer's context menu.
        const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.exportJson', editor.document.uri);
        assert.equal(written?.toString(), target.toString(), 'the command reports the file it wrote');
        await waitFor('out/service-representative.json', () => exists(target));
        const text = await readText(target);
        const data: unknown = JSON.parse(text);
        assert.ok(typeof data === 'object' && data !== null, 'the export is a JSON object');
        assert.match(text, /"Service Representative"/, 'the data holds the job title');
        // The export reflects the documents as edited (the rename ran before), not the files on disk.
        assert.match(text, /Collaboration/, 'the data holds the renamed competency');
    });

    test('Export to Word and Export to JSON-LD write a Word file and schema.org data', async () => {
        const editor = await openInEditor(Fixture.job);
        const word = vscode.Uri.joinPath(workspaceFolder(), 'out', 'service-representative.docx');
        const writtenWord = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.exportWord', editor.document.uri);
        assert.equal(writtenWord?.toString(), word.toString(), 'the command reports the Word file it wrote');
        await waitFor('out/service-representative.docx', () => exists(word));
        const bytes = await vscode.workspace.fs.readFile(word);
        // The server sends the bytes as base64; written back they must be the zip archive a Word file is.
        assert.equal(String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]), 'PK\u0003\u0004', 'the Word file is a zip archive');
        assert.match(new TextDecoder('latin1').decode(bytes), /word\/document\.xml/, 'the archive holds the document part');
        const ld = vscode.Uri.joinPath(workspaceFolder(), 'out', 'service-representative.jsonld');
        const writtenLd = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.exportJsonLd', editor.document.uri);
        assert.equal(writtenLd?.toString(), ld.toString(), 'the command reports the JSON-LD file it wrote');
        await waitFor('out/service-representative.jsonld', () => exists(ld));
        const text = await readText(ld);
        assert.match(text, /"@context": "https:\/\/schema\.org"/, 'the data is schema.org JSON-LD');
        assert.match(text, /Service Representative/, 'the data names the job');
    });

    test('Open Preview to the Side shows the rendered job beside its source and follows edits', async () => {
        const editor = await openInEditor(Fixture.job);
        const uri = editor.document.uri;
        await vscode.commands.executeCommand('jobstd.openPreviewToSide', uri);
        const first = await waitFor('the preview to render', async () => {
            const now = await vscode.commands.executeCommand<PreviewState>('jobstd._previewState', uri);
            return now.open && now.updates > 0 ? now : undefined;
        });
        assert.equal(first.uri, uri.toString(), 'the preview shows the job');
        assert.match(first.title ?? '', /service-representative\.jobstd/, 'the preview\'s tab names the file');
        const previewTab = await waitFor('the preview\'s tab', () => vscode.window.tabGroups.all
            .flatMap(group => group.tabs)
            .find(tab => tab.input instanceof vscode.TabInputWebview && tab.label === first.title)).catch(() => undefined);
        const tabs = vscode.window.tabGroups.all.map(group => `${group.viewColumn}: ${group.tabs.map(tab => tab.label).join(', ')}`);
        assert.ok(previewTab, `the preview has a tab (tabs: ${tabs.join(' | ')})`);
        assert.notEqual(previewTab.group.viewColumn, editor.viewColumn, `the preview is beside the editor, not over it (tabs: ${tabs.join(' | ')})`);

        // What the webview shows (where the runner can look into the page: the web run). A blank
        // webview, such as one whose service worker could not register, fails here.
        if (await webviewText() !== undefined) {
            const shown = await waitFor('the preview to show the job', async () => {
                const text = await webviewText();
                return text && /Service Representative/.test(text) ? text : undefined;
            }).catch(async () => (await webviewText()) ?? '');
            assert.match(shown, /Service Representative/, 'the preview shows the job\'s title');
            // The document as edited by the quick fix, not the file as saved.
            assert.match(shown, /100\s*%/, 'the preview shows the competencies\' new total');
        }
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('workbench.action.closePanel');
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        await sleep(1_000);
        await screenshot('preview');

        // Live: an edit of the source renders the preview again (after the debounce).
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, editor.document.getWordRangeAtPosition(positionOf(editor.document, 'SR-100', 'SR-'.length), /[0-9]+/)!, '101');
        assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
        await waitFor('the preview to render the edit', async () => {
            const now = await vscode.commands.executeCommand<PreviewState>('jobstd._previewState', uri);
            return now.updates > first.updates ? now : undefined;
        });
        if (await webviewText() !== undefined) {
            const shown = await waitFor('the preview to show the edit', async () => {
                const text = await webviewText();
                return text && /SR-101/.test(text) ? text : undefined;
            }).catch(async () => (await webviewText()) ?? '');
            assert.match(shown, /SR-101/, 'the preview shows the edited job code');
        }
    });
});

// Import job standard…: existing documents in, .jobstd out, beside the source.
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import * as vscode from 'vscode';
import seed002 from '../../../language/test/fixtures/seeds/002_d738a5b5ce4a01b7.txt';
import * as assert from './assert.js';
import { exists, fixtureUri, readText, serverReady, waitFor } from './helpers.js';

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function removeIfThere(uri: vscode.Uri): Promise<void> {
    if (await exists(uri)) await vscode.workspace.fs.delete(uri);
}

/** The diagnostics the server published for a file, once they include the given code. */
function diagnosticsWith(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
    return waitFor(`a ${code} finding on ${uri.path}`, () => {
        const diagnostics = vscode.languages.getDiagnostics(uri);
        return diagnostics.some(d => d.code === code) ? diagnostics : undefined;
    });
}

suite('Import', () => {
    const written: vscode.Uri[] = [];

    suiteSetup(async function () {
        this.timeout(90_000);
        await serverReady();
    });

    // The workspace is shared with the other suites: leave it as it was.
    suiteTeardown(async () => {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        for (const uri of written) await removeIfThere(uri);
    });

    test('turns a text job standard into a .jobstd beside it, opened beside, checked by the server', async () => {
        const source = fixtureUri('legacy/cashier.txt');
        const target = fixtureUri('legacy/cashier.jobstd');
        await removeIfThere(target);
        written.push(target);
        const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.importDocument', source);
        assert.equal(result?.toString(), target.toString(), 'the command reports the file it wrote');
        const text = await readText(target);
        assert.match(text, /^job "Cashier" \{$/m, 'the job is titled from the first line');
        assert.match(text, /^ {2}reports to "Front End Manager"$/m, 'the Reports To line is a fact');
        assert.match(text, /target "Answers the store phone" within 3 rings/, 'the measurable duty is a target');
        assert.match(text, /signature "Employee Signature" _+ date _+/, 'the signature line is kept');
        const editor = await waitFor('the import open in an editor', () =>
            vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === target.toString()));
        assert.equal(editor.document.languageId, 'jobstd', 'the import opens as a job standard');
        const original = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === source.toString());
        assert.ok(original, 'the source is shown too');
        assert.equal(editor.viewColumn, (original.viewColumn ?? 0) + 1, 'the import is in the column right of the source');
        // "$ xx" is a blank of the original: the server flags it, and nothing worse.
        const diagnostics = await diagnosticsWith(target, 'placeholder');
        assert.deepEqual(diagnostics.filter(d => d.severity === vscode.DiagnosticSeverity.Error).map(d => d.message), [],
            'the import has no errors');
    });

    test('asks before replacing a .jobstd that is already there, and replaces it when told to', async () => {
        const source = fixtureUri('legacy/cashier.txt');
        const target = fixtureUri('legacy/cashier.jobstd');
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('// edited by hand\njob "Cashier" {\n}\n'));
        written.push(target);
        const replaced = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.importDocument', source, { overwrite: true });
        assert.equal(replaced?.toString(), target.toString(), 'with overwrite the command writes the file');
        assert.match(await readText(target), /Imported from cashier\.txt/, 'the file holds the new import');
    });

    test('imports the real job standard 002: its defects show up as findings, and nothing worse', async () => {
        const source = fixtureUri('legacy/002.txt');
        const target = fixtureUri('legacy/002.jobstd');
        await vscode.workspace.fs.writeFile(source, seed002);
        await removeIfThere(target);
        written.push(source, target);
        const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.importDocument', source);
        assert.equal(result?.toString(), target.toString(), 'the seed is imported');
        const text = await readText(target);
        assert.equal(text.match(/^ {4}task group [A-Z] /gm)?.length, 3, 'three task groups');
        assert.equal(text.match(/^ {4}competency /gm)?.length, 21, 'twenty-one competencies');
        // The original's 100.1% total and its two labels for one level are kept for the checks to name.
        const diagnostics = await diagnosticsWith(target, 'weight-sum');
        assert.match(diagnostics.find(d => d.code === 'weight-sum')?.message ?? '', /100\.1%/, 'the total is reported as it is');
        assert.ok(diagnostics.some(d => d.code === 'level-label-conflict'), 'the level label conflict is reported');
        assert.deepEqual(diagnostics.filter(d => d.severity === vscode.DiagnosticSeverity.Error).map(d => d.message), [],
            'the import has no errors');
    });

    test('reads a Word file, in the desktop and in the web worker alike', async () => {
        const word = new Document({ sections: [{ children: [
            new Paragraph({ text: 'Stock Clerk', heading: HeadingLevel.TITLE }),
            new Paragraph({ text: 'Reports To: Store Manager' }),
            new Paragraph({ text: 'Duties', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Receives deliveries and checks them against the packing slip.', bullet: { level: 0 } }),
            new Paragraph({ text: 'Restocks shelves before the store opens.', bullet: { level: 0 } }),
        ] }] });
        const base64 = await Packer.toBase64String(word);
        const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
        const source = fixtureUri('legacy/stock-clerk.docx');
        const target = fixtureUri('legacy/stock-clerk.jobstd');
        await vscode.workspace.fs.writeFile(source, bytes);
        written.push(source, target);
        const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.importDocument', source, { overwrite: true });
        assert.equal(result?.toString(), target.toString(), 'the Word file is imported');
        const text = await readText(target);
        assert.match(text, /^job "Stock Clerk" \{$/m, 'the Title style is the job title');
        assert.match(text, /section "Duties" bulleted \{/, 'the heading and its bulleted list are a section');
        assert.match(text, /"Restocks shelves before the store opens\."/, 'the list items are kept');
    });

    test('reads a Markdown file with headings and lists', async () => {
        const source = fixtureUri('legacy/barista.md');
        const target = fixtureUri('legacy/barista.jobstd');
        await writeText(source, '# Barista\n\nReports To: Shift Supervisor\n\n## Duties\n\n'
            + '- Prepares drinks to the recipe card.\n- Keeps the bar clean between orders.\n');
        await removeIfThere(target);
        written.push(source, target);
        const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.importDocument', source);
        assert.equal(result?.toString(), target.toString(), 'the Markdown file is imported');
        const text = await readText(target);
        assert.match(text, /^job "Barista" \{$/m, 'the first heading is the job title');
        assert.match(text, /section "Duties" bulleted \{\s+"Prepares drinks to the recipe card\."\s+"Keeps the bar clean between orders\."/,
            'the heading and its list are a section with every item');
    });

    test('imports every file selected in the Explorer', async () => {
        const sources = [fixtureUri('legacy/host.txt'), fixtureUri('legacy/busser.txt')];
        const targets = [fixtureUri('legacy/host.jobstd'), fixtureUri('legacy/busser.jobstd')];
        await writeText(sources[0], 'Host\n\nReports To: Restaurant Manager\n\nDUTIES:\n1. Greets and seats guests.\n');
        await writeText(sources[1], 'Busser\n\nReports To: Restaurant Manager\n\nDUTIES:\n1. Clears and resets tables.\n');
        for (const target of targets) await removeIfThere(target);
        written.push(...sources, ...targets);
        // The Explorer passes the clicked file, then the whole selection.
        const result = await vscode.commands.executeCommand<vscode.Uri[] | undefined>('jobstd.importDocument', sources[0], sources);
        assert.deepEqual(result?.map(uri => uri.toString()), targets.map(uri => uri.toString()), 'one .jobstd per selected file');
        assert.match(await readText(targets[0]), /^job "Host" \{$/m, 'the first file is imported');
        assert.match(await readText(targets[1]), /^job "Busser" \{$/m, 'the second file is imported');
    });

    test('writes nothing for a .docx that is not a Word file', async () => {
        const source = fixtureUri('legacy/not-word.docx');
        const target = fixtureUri('legacy/not-word.jobstd');
        await writeText(source, 'This was saved as .docx but is plain text.\n');
        await removeIfThere(target);
        written.push(source);
        const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.importDocument', source);
        assert.equal(result, undefined, 'the command reports that nothing was written');
        assert.equal(await exists(target), undefined, 'no .jobstd for a file that is not a Word document');
    });

    test('writes nothing for a file too large to be a job standard', async () => {
        const source = fixtureUri('legacy/huge.txt');
        const target = fixtureUri('legacy/huge.jobstd');
        const line = 'Answers the store phone within 3 rings and greets every customer at the register.\n';
        await writeText(source, line.repeat(Math.ceil(11 * 1024 * 1024 / line.length)));
        await removeIfThere(target);
        written.push(source);
        const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.importDocument', source);
        assert.equal(result, undefined, 'the command reports that nothing was written');
        assert.equal(await exists(target), undefined, 'no .jobstd for a file of 11 MB');
    });

    test('writes nothing for an empty file', async () => {
        const target = fixtureUri('legacy/empty.jobstd');
        await removeIfThere(target);
        const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('jobstd.importDocument', fixtureUri('legacy/empty.txt'));
        assert.equal(result, undefined, 'the command reports that nothing was written');
        assert.equal(await exists(target), undefined, 'no .jobstd for an empty file');
    });
});

// What an analyst sees on opening a job standard: its language, its findings, and the
// editor's help (completion, hover, go to definition), across files of the workspace.
import * as vscode from 'vscode';
import * as assert from './assert.js';
import { codeOf, diagnosticsOf, Fixture, fixtureUri, openInEditor, positionOf, screenshot, serverReady, sleep, waitFor } from './helpers.js';

const severityName = ['error', 'warning', 'info', 'hint'];

interface Seen {
    code: string;
    severity: string;
    line: number;
    column: number;
    text: string;
}

/** A diagnostic as a person reads it: code, severity, 1-based line and column, and the text it underlines. */
function seen(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Seen {
    return {
        code: codeOf(diagnostic),
        severity: severityName[diagnostic.severity],
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        text: document.getText(diagnostic.range),
    };
}

interface StatusBarState {
    visible: boolean;
    text: string;
    uri?: string;
}

/**
 * The status bar item's text for `uri` once it matches `settled` (or, after the wait, whatever it
 * shows: the assertions then say what differs). The item cannot be read through the API.
 */
async function settledStatus(uri: vscode.Uri, settled: RegExp): Promise<string> {
    let text = '(the status bar item does not show this document)';
    await waitFor(`the status bar to show ${uri.path.split('/').pop()}`, async () => {
        const state = await vscode.commands.executeCommand<StatusBarState>('jobstd._statusState');
        if (!state?.visible || state.uri !== uri.toString()) return undefined;
        text = state.text;
        return settled.test(text) ? true : undefined;
    }).catch(() => undefined);
    return text;
}

function byPlace(a: Seen, b: Seen): number {
    return a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

suite('Reading a job standard', () => {
    suiteSetup(async function () {
        this.timeout(90_000);
        await serverReady();
    });

    test('a .jobstd file opens in the jobstd language', async () => {
        const document = await vscode.workspace.openTextDocument(fixtureUri(Fixture.job));
        assert.equal(document.languageId, 'jobstd', 'language id of the job file');
    });

    test('the job shows its findings, with codes and the ranges they underline', async () => {
        const editor = await openInEditor(Fixture.job);
        const document = editor.document;
        const expected: Seen[] = [
            // Competency weights total 90%: reported on the title of the section that holds them.
            { code: 'weight-sum', severity: 'error', line: 15, column: 11, text: '"Competencies"' },
            // 'linked to' names a task group the job does not have.
            { code: 'unresolved-reference', severity: 'error', line: 18, column: 60, text: 'Escalations' },
            // 'uses' names a competency that no library of the workspace declares.
            { code: 'unresolved-reference', severity: 'error', line: 19, column: 10, text: 'Negotiation' },
            { code: 'placeholder', severity: 'warning', line: 23, column: 40, text: 'xx' },
            // No 'empty-section' for section "Notes": the workspace's jobstd.config.json turns it off.
            // No finding on Communication, Teamwork or ProblemSolving: they resolve into the
            // library file, which is not open in any editor.
        ];
        // The server may publish in steps: wait for the expected set, then compare what is there.
        let actual: Seen[] = [];
        await waitFor('the job\'s findings', () => {
            actual = diagnosticsOf(document.uri).map(d => seen(document, d)).sort(byPlace);
            return JSON.stringify(actual) === JSON.stringify(expected) ? true : undefined;
        }).catch(() => undefined);
        assert.deepEqual(actual, expected, 'findings of service-representative.jobstd');

        const libraryOpen = vscode.workspace.textDocuments.some(d => d.uri.toString() === fixtureUri(Fixture.library).toString());
        assert.equal(libraryOpen, false, 'the library file is not open, yet the job\'s uses of it resolve');

        const weightSum = diagnosticsOf(document.uri).find(d => codeOf(d) === 'weight-sum')!;
        assert.match(weightSum.message, /90\s*%/, 'the weight-sum finding names the total');

        // The picture of this moment: the job with its squiggles and the Problems panel.
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
        await sleep(1_000);
        await screenshot('editor-diagnostics');
    });

    test('the status bar shows the active job\'s weight totals and finding count', async () => {
        // The item refreshes as diagnostics settle: wait for the expected text, then compare.
        const job = (await openInEditor(Fixture.job)).document;
        const forJob = await settledStatus(job.uri, /Competencies\s+90\s*%/);
        assert.match(forJob, /Competencies\s+90\s*%/, 'the competency total');
        assert.match(forJob, /Task groups\s+100\s*(pts|points)/, 'the task group total');
        assert.match(forJob, /\$\(error\)\s*3\b.*\$\(warning\)\s*1\b/, '3 errors and 1 warning');

        // The other job uses the same library without a mistake: nothing to report.
        const other = (await openInEditor(Fixture.otherJob)).document;
        const forOther = await settledStatus(other.uri, /no findings/);
        assert.match(forOther, /Competencies\s+100\s*%/, 'the other job\'s competencies total 100%');
        assert.match(forOther, /no findings/, 'the other job has no findings');
        assert.deepEqual(diagnosticsOf(other.uri).map(d => seen(other, d)), [], 'no diagnostics on team-lead.jobstd');
    });

    test('completion after "linked to" offers the job\'s task groups', async () => {
        const document = (await openInEditor(Fixture.job)).document;
        const position = positionOf(document, 'linked to Records', 'linked to '.length);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
        const labels = list.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
        assert.ok(labels.includes('Phones'), `'Phones' is offered (offered: ${labels.join(', ')})`);
        assert.ok(labels.includes('Records'), `'Records' is offered (offered: ${labels.join(', ')})`);
        // Task groups belong to their job: the other job's are not offered here.
        assert.ok(!labels.includes('Coaching'), `the other job's 'Coaching' is not offered (offered: ${labels.join(', ')})`);
    });

    test('hovering a used competency shows its weight and its share', async () => {
        const document = (await openInEditor(Fixture.job)).document;
        const position = positionOf(document, 'uses Communication', 'uses Comm'.length);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        const text = hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
        assert.match(text, /Communication/, 'the hover names the competency');
        assert.match(text, /45\s*%/, 'the hover shows the weight as written (45%)');
        // 45% of a set that totals 90% is half of it.
        assert.match(text, /50(\.0+)?\s*%/, 'the hover shows the normalised share (50%)');
    });

    test('go to definition from "uses" opens the competency in the library file', async () => {
        const document = (await openInEditor(Fixture.job)).document;
        const position = positionOf(document, 'uses Communication', 'uses Comm'.length);
        const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, position);
        assert.equal(found.length, 1, 'one definition');
        const target = found[0];
        const uri = 'targetUri' in target ? target.targetUri : target.uri;
        const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
        assert.equal(uri.toString(), fixtureUri(Fixture.library).toString(), 'the definition is in the library file');
        const library = await vscode.workspace.openTextDocument(uri);
        assert.equal(range.start.line, positionOf(library, 'competency Communication').line, 'the definition is the line declaring Communication');
        assert.match(library.lineAt(range.start.line).text, /competency Communication/, 'that line declares it');
    });
});

// The language server under text that is hard to read or wrongly typed: a file nested hundreds
// deep beside a sound job, a rename to a name that is not one, and a closing quote deleted.
// Runs on its own job (robustness/claims-processor.jobstd), which no other suite reads, and
// writes the deep file only for its own tests.
import * as vscode from 'vscode';
import * as assert from './assert.js';
import { codeOf, diagnosticsOf, EXTENSION_ID, exists, fixtureUri, openInEditor, positionOf, serverReady, waitFor } from './helpers.js';

const JOB = 'robustness/claims-processor.jobstd';
const DEEP = 'robustness/deep-nesting.jobstd';
/** 300 sections, each opened inside the last and none closed: the kind of text that has crashed parsers. */
const DEEP_TEXT = 'job "Deep" {\n' + 'section "x" {\n'.repeat(300);
/** The statement line whose closing quote the slip test deletes. */
const STATEMENT = '"Answers claimants\' questions by phone and letter."';

interface Seen {
    code: string;
    line: number;
    text: string;
}

/** A diagnostic as a person reads it in the Problems panel: code, 1-based line, the text it underlines. */
function seen(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Seen {
    return { code: codeOf(diagnostic), line: diagnostic.range.start.line + 1, text: document.getText(diagnostic.range) };
}

function seenIn(document: vscode.TextDocument): Seen[] {
    return diagnosticsOf(document.uri).map(d => seen(document, d)).sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
}

/** The 1-based line of the first occurrence of `text`. */
function lineOf(document: vscode.TextDocument, text: string): number {
    return positionOf(document, text).line + 1;
}

/**
 * Waits until the document's diagnostics satisfy `settled`, then returns them; after the wait it
 * returns whatever is there, so that the assertions say what differs.
 */
async function settledDiagnostics(document: vscode.TextDocument, what: string, settled: (now: Seen[]) => boolean): Promise<Seen[]> {
    let now: Seen[] = [];
    await waitFor(what, () => {
        now = seenIn(document);
        return settled(now) ? true : undefined;
    }).catch(() => undefined);
    return now;
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    return hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** Whether the extension's language client still has its server running. */
function serverRunning(): boolean {
    const api = vscode.extensions.getExtension<{ client: { isRunning(): boolean } }>(EXTENSION_ID)?.exports;
    return api?.client.isRunning() ?? false;
}

suite('Robustness of the language server', () => {
    suiteSetup(async function () {
        this.timeout(90_000);
        await serverReady();
    });

    // The workspace is shared with the other suites: leave it as it was.
    suiteTeardown(async () => {
        const job = vscode.workspace.textDocuments.find(d => d.uri.toString() === fixtureUri(JOB).toString());
        if (job?.isDirty) {
            await vscode.window.showTextDocument(job);
            await vscode.commands.executeCommand('workbench.action.files.revert');
        }
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        if (await exists(fixtureUri(DEEP))) await vscode.workspace.fs.delete(fixtureUri(DEEP));
    });

    test('a file nested 300 deep gets a finding about its nesting, and the job beside it is still checked', async function () {
        this.timeout(60_000);
        await vscode.workspace.fs.writeFile(fixtureUri(DEEP), new TextEncoder().encode(DEEP_TEXT));
        const deep = (await openInEditor(DEEP)).document;
        const nesting = await waitFor('a finding about the deep file\'s nesting', () =>
            diagnosticsOf(deep.uri).find(d => codeOf(d) === 'syntax-error' && /nest/i.test(d.message)), 30_000);
        assert.equal(nesting.severity, vscode.DiagnosticSeverity.Error, 'the nesting finding is an error');
        assert.match(nesting.message, /nested more than \d+ deep/, 'the finding says how deep blocks may go');
        assert.ok(nesting.range.start.line < deep.lineCount, 'the finding is on a line of the file');

        // The neighbour, opened after: its own finding, nothing from the deep file.
        const job = (await openInEditor(JOB)).document;
        const target = lineOf(job, 'at least xx%');
        const before = await settledDiagnostics(job, 'the job\'s placeholder finding', now => now.length === 1);
        assert.deepEqual(before, [{ code: 'placeholder', line: target, text: 'xx%' }], 'the job shows its one finding');

        // Still alive: a new placeholder typed into the job is found, and hover answers.
        const duties = lineOf(job, STATEMENT);
        const insert = new vscode.WorkspaceEdit();
        insert.insert(job.uri, new vscode.Position(duties, 0), '    "Closes every claim file by 20XX."\n');
        assert.ok(await vscode.workspace.applyEdit(insert), 'the edit applies');
        try {
            const after = await settledDiagnostics(job, 'a finding on the new line', now => now.length === 2);
            assert.deepEqual(after, [
                { code: 'placeholder', line: duties + 1, text: '20XX' },
                { code: 'placeholder', line: target + 1, text: 'xx%' },
            ], 'the new line\'s placeholder is found, the old one moves down with its line');
            const hover = await hoverText(job, positionOf(job, 'at least xx%', 'at least x'.length));
            assert.match(hover, /Placeholder.*xx%/, 'hover still answers on the job');
            assert.ok(serverRunning(), 'the language server is still running');
        } finally {
            // The next tests read the job as the fixture has it.
            const undo = new vscode.WorkspaceEdit();
            undo.delete(job.uri, new vscode.Range(duties, 0, duties + 1, 0));
            await vscode.workspace.applyEdit(undo);
        }
        const restored = await settledDiagnostics(job, 'the job\'s findings as before', now => now.length === 1 && now[0].line === target);
        assert.deepEqual(restored, before, 'the job\'s findings are as before the edit');
    });

    test('hovering a weight shows its share and the set\'s total', async () => {
        const job = (await openInEditor(JOB)).document;
        // Competencies in percent: 7.4% + 92.6% is a 100% total.
        const competency = await hoverText(job, positionOf(job, '7.4%', 1));
        assert.match(competency, /Accuracy/, 'the hover names the competency');
        assert.match(competency, /share\s+\**7\.4\s*%/, 'the hover shows the share (7.4%)');
        assert.match(competency, /100\s*% total/, 'the hover shows the competencies\' total (100%)');
        // Task groups in points are relative: 60 of 90 points is two thirds.
        const taskGroup = await hoverText(job, positionOf(job, '60 points', 1));
        assert.match(taskGroup, /Intake/, 'the hover names the task group');
        assert.match(taskGroup, /share\s+\**66\.7\s*%/, 'the hover shows the normalised share (66.7%)');
        assert.match(taskGroup, /90 points/, 'the hover shows the task groups\' total (90 points)');
    });

    test('a rename to a name that is not one is refused with the reason, a valid one edits every link', async () => {
        const job = (await openInEditor(JOB)).document;
        const text = job.getText();
        const version = job.version;
        const at = positionOf(job, 'task group Intake', 'task group In'.length);

        const refusal = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', job.uri, at, 'Accuracy Detail')
            .then(() => undefined, (error: unknown) => error);
        assert.ok(refusal instanceof Error, `the rename is refused with an error (got: ${String(refusal)})`);
        assert.match(refusal.message, /^'Accuracy Detail' is not a name: /, 'the error says the new name is not a name');
        assert.match(refusal.message, /one word of letters, digits and _/, 'the error says what a name is');
        assert.match(refusal.message, /AccuracyDetail/, 'the error suggests a name that would do');
        assert.equal(job.getText(), text, 'the file is unchanged');
        assert.equal(job.version, version, 'the document was not edited');

        const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', job.uri, at, 'ClaimIntake');
        assert.ok(edit, 'the rename provider returns an edit');
        const changes = edit.entries();
        assert.deepEqual(changes.map(([uri]) => uri.toString()), [job.uri.toString()], 'the edit changes this job only');
        const renamed = changes[0][1].map(e => `${e.range.start.line + 1}:${job.getText(e.range)}`).sort();
        // The declaration and the link from Accuracy; the prose 'Claim intake' is a title, not a link.
        assert.deepEqual(renamed, [`${lineOf(job, 'task group Intake')}:Intake`, `${lineOf(job, 'linked to Intake')}:Intake`].sort(),
            'the edit renames the declaration and the link to it');
        assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
        assert.match(job.getText(), /task group ClaimIntake "Claim intake" 60 points/, 'the task group has its new name');
        assert.match(job.getText(), /linked to ClaimIntake, Payment/, 'the link follows it');
        assert.ok(!/\bIntake\b/.test(job.getText()), 'no use of the old name is left');
        const findings = await settledDiagnostics(job, 'the renamed job\'s findings', now => now.length === 1 && now[0].code === 'placeholder');
        assert.deepEqual(findings.map(f => f.code), ['placeholder'], 'the renamed link resolves: no new finding');
    });

    test('an unclosed quote gives one finding on its line, and its quick fix closes it', async () => {
        const job = (await openInEditor(JOB)).document;
        const before = await settledDiagnostics(job, 'the job\'s findings', now => now.length === 1);
        assert.deepEqual(before.map(f => f.code), ['placeholder'], 'the job has its one placeholder finding before the slip');
        const slipLine = lineOf(job, STATEMENT);
        const original = job.lineAt(slipLine - 1).text;

        // Delete the statement's closing quote, as a slip of the keyboard would.
        const quote = positionOf(job, STATEMENT, STATEMENT.length - 1);
        const slip = new vscode.WorkspaceEdit();
        slip.delete(job.uri, new vscode.Range(quote, quote.translate(0, 1)));
        assert.ok(await vscode.workspace.applyEdit(slip), 'the slip applies');
        const placeholderLine = lineOf(job, 'at least xx%');
        const after = await settledDiagnostics(job, 'the slip\'s finding', now => now.some(f => f.code === 'syntax-error'));
        const syntax = after.filter(f => f.code === 'syntax-error');
        assert.equal(syntax.length, 1, `one syntax error for one slip (findings: ${JSON.stringify(after)})`);
        assert.equal(syntax[0].line, slipLine, 'the syntax error is on the line of the slip');
        assert.ok(after.some(f => f.code === 'placeholder' && f.line === placeholderLine && f.text === 'xx%'),
            `the placeholder further down is still reported (findings: ${JSON.stringify(after)})`);
        assert.equal(after.length, 2, `nothing else is reported (findings: ${JSON.stringify(after)})`);

        const finding = diagnosticsOf(job.uri).find(d => codeOf(d) === 'syntax-error')!;
        assert.match(finding.message, /quote/i, 'the finding says a quote is not closed');
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', job.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
        const close = actions.find(a => a.title === 'Close the quote');
        assert.ok(close?.edit, `'Close the quote' is offered with its edit (offered: ${actions.map(a => a.title).join(' | ')})`);
        assert.ok(await vscode.workspace.applyEdit(close.edit), 'the fix applies');
        assert.equal(job.lineAt(slipLine - 1).text, original, 'the line reads as before the slip');
        const fixed = await settledDiagnostics(job, 'the findings as before the slip', now => JSON.stringify(now) === JSON.stringify(before));
        assert.deepEqual(fixed, before, 'the findings are as before the slip');
    });
});

// A career ladder in the editor: its findings across levels, its outline, the matrix cell a
// level requires on hover, and the quick fix that raises a requirement that falls.
import * as vscode from 'vscode';
import * as assert from './assert.js';
import { codeOf, diagnosticsOf, openInEditor, positionOf, serverReady, waitFor } from './helpers.js';

const LADDER = 'ladders/clerk-ladder.jobstd';

suite('A career ladder', () => {
    suiteSetup(async function () {
        this.timeout(90_000);
        await serverReady();
    });

    test('shows the levels declared but not described, and the proficiency that falls, where they are', async () => {
        const document = (await openInEditor(LADDER)).document;
        const findings = await waitFor('the ladder\'s findings', () => {
            const now = diagnosticsOf(document.uri);
            return now.some(d => codeOf(d) === 'proficiency-falls') && now.some(d => codeOf(d) === 'level-count') ? now : undefined;
        });
        const seen = findings.map(d => `${codeOf(d)} ${d.range.start.line + 1} ${document.getText(d.range)}`).sort();
        assert.deepEqual(seen, ['level-count 4 4', 'proficiency-falls 35 1'], 'one finding each, on the declared count and on the requirement that falls');
    });

    test('outlines the ladder by its levels, in the order written', async () => {
        const document = (await openInEditor(LADDER)).document;
        const symbols = await waitFor('the outline', async () => {
            const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
            return found && found.length > 0 ? found : undefined;
        });
        assert.deepEqual(symbols.map(s => s.name), ['Records Clerk'], 'the ladder by its title');
        assert.deepEqual(symbols[0].children.map(s => s.name), ['PL', 'Accuracy', 'Records Clerk I', 'Records Clerk II', 'Records Clerk III'], 'its scale and competency, then its levels');
    });

    test('hovering a required proficiency shows that cell of the matrix', async () => {
        const document = (await openInEditor(LADDER)).document;
        const position = positionOf(document, 'requires Accuracy 2', 'requires Accuracy '.length);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        const text = hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
        assert.match(text, /Accuracy 2 "Skilled"/, 'the label of proficiency 2');
        assert.match(text, /Finds and corrects errors in the work of others\./, 'its indicator');
    });

    test('the quick fix raises the requirement to the level below\'s, and the finding goes away', async () => {
        const document = (await openInEditor(LADDER)).document;
        const finding = await waitFor('the proficiency-falls finding', () => diagnosticsOf(document.uri).find(d => codeOf(d) === 'proficiency-falls'));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
        const fix = actions.find(a => /Require Accuracy at 2/.test(a.title));
        assert.ok(fix?.edit, `a fix is offered with its edit (offered: ${actions.map(a => a.title).join(' | ')})`);
        assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the fix applies');
        assert.match(document.lineAt(34).text, /requires Accuracy 2$/, 'level III now requires Accuracy 2');
        await waitFor('the proficiency-falls finding to disappear', () => {
            const now = diagnosticsOf(document.uri);
            return !now.some(d => codeOf(d) === 'proficiency-falls') && now.some(d => codeOf(d) === 'level-count') ? true : undefined;
        });
    });
});

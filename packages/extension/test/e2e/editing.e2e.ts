// Changing a job standard through the editor: rename across files and the weight quick fix.
// These tests edit the fixture's documents (in memory; nothing is saved), so they run after
// the reading tests and each leaves the documents consistent for the next.
import * as vscode from 'vscode';
import * as assert from './assert.js';
import { codeOf, diagnosticsOf, Fixture, fixtureUri, openInEditor, positionOf, serverReady, waitFor } from './helpers.js';

/** The percent weights of the `uses` lines of a document, by competency. */
function competencyWeights(document: vscode.TextDocument): Map<string, number> {
    const weights = new Map<string, number>();
    for (const match of document.getText().matchAll(/^\s*uses\s+(\w+)\s+([0-9.]+)%/gm)) {
        weights.set(match[1], Number(match[2]));
    }
    return weights;
}

function sum(values: Iterable<number>): number {
    let total = 0;
    for (const value of values) total += value;
    // Weights are written with at most a few decimals: round away the float noise of adding them.
    return Math.round(total * 1e6) / 1e6;
}

suite('Editing a job standard', () => {
    suiteSetup(async function () {
        this.timeout(90_000);
        await serverReady();
    });

    test('renaming a library competency renames its uses in the job file too', async () => {
        const library = await vscode.workspace.openTextDocument(fixtureUri(Fixture.library));
        const position = positionOf(library, 'competency Teamwork', 'competency Team'.length);
        const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', library.uri, position, 'Collaboration');
        assert.ok(edit, 'the rename provider returns an edit');
        const files = edit.entries().map(([uri]) => uri.path.split('/').pop()).sort();
        assert.deepEqual(files, [Fixture.library, Fixture.job].sort(), 'the edit changes the library and the job that uses it');

        assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
        const job = await vscode.workspace.openTextDocument(fixtureUri(Fixture.job));
        assert.match(library.getText(), /competency Collaboration "Teamwork"/, 'the library declares Collaboration (its title is prose, untouched)');
        assert.match(job.getText(), /uses Collaboration 25%/, 'the job uses Collaboration');
        assert.ok(!/\bTeamwork\b/.test(job.getText()), 'no use of the old name is left in the job');

        // The server sees the edit: the renamed use links to the renamed declaration.
        await waitFor('the renamed use to resolve into the library', async () => {
            const at = positionOf(job, 'uses Collaboration', 'uses Coll'.length);
            const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', job.uri, at);
            const target = found?.[0];
            if (!target) return undefined;
            const uri = 'targetUri' in target ? target.targetUri : target.uri;
            return uri.toString() === library.uri.toString() ? true : undefined;
        });
        // Definitions answer from the new build at once; its diagnostics are published a moment later,
        // and until then the old ones (with the old name's ranges) are still shown.
        const unresolvedNow = () => diagnosticsOf(job.uri).filter(d => codeOf(d) === 'unresolved-reference').map(d => job.getText(d.range)).sort();
        const settled = await waitFor('the job\'s diagnostics after the rename', () => {
            const names = unresolvedNow();
            return names.length === 2 ? names : undefined;
        }).catch(() => unresolvedNow());
        assert.deepEqual(settled, ['Escalations', 'Negotiation'], 'only the fixture\'s two unresolved links remain');
    });

    test('the weight quick fix makes the competencies total exactly 100% and the finding goes away', async () => {
        const editor = await openInEditor(Fixture.job);
        const document = editor.document;
        const finding = await waitFor('the weight-sum finding', () => diagnosticsOf(document.uri).find(d => codeOf(d) === 'weight-sum'));
        assert.equal(sum(competencyWeights(document).values()), 90, 'the fixture\'s competencies total 90% before the fix');

        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
        const fixes = actions.filter(a => a.diagnostics?.some(d => codeOf(d) === 'weight-sum') || /100\s*%/.test(a.title));
        assert.ok(fixes.length >= 2, `a proportional and an even-split fix are offered (offered: ${actions.map(a => a.title).join(' | ')})`);
        const proportional = fixes.find(a => a.isPreferred) ?? fixes.find(a => /proportion/i.test(a.title)) ?? fixes[0];
        assert.ok(proportional.edit, `the fix '${proportional.title}' carries its edit`);

        assert.ok(await vscode.workspace.applyEdit(proportional.edit), 'the fix applies');
        const weights = competencyWeights(document);
        assert.equal(sum(weights.values()), 100, `the competencies total exactly 100% after '${proportional.title}' (${[...weights].map(([n, w]) => `${n} ${w}%`).join(', ')})`);
        // Proportional: the largest stays the largest, and 45 of 90 becomes 50 of 100.
        assert.equal(weights.get('Communication'), 50, 'Communication keeps its half');

        await waitFor('the weight-sum finding to disappear', () => {
            const now = diagnosticsOf(document.uri);
            // The other findings stay: the diagnostics were recomputed, not just cleared.
            return !now.some(d => codeOf(d) === 'weight-sum') && now.some(d => codeOf(d) === 'placeholder') ? true : undefined;
        });
    });
});

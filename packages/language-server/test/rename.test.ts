import { describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import { ResponseError, type Range } from 'vscode-languageserver';
import { applyEdits, buildWorkspace, createServices } from './helpers.js';

const services = createServices();
const { JobStd } = services;
const rename = JobStd.lsp.RenameProvider!;

const LIBRARY = `library CTK "CTK Competency Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5
  competency Accuracy {
    definition "Gets the details right."
  }
  competency Teamwork
}
`;
const JOB = `job "Teller" {
  task group A "Cash handling" 60 points {
    "Counts the drawer"
  }
  task group B "Service" 40 points {
    "Greets customers"
  }
  uses Accuracy 60% level DPL 4 linked to A, B
  uses Teamwork 40% linked to B
}
`;

/** The position just inside the n-th occurrence of a word. */
function at(document: LangiumDocument, word: string, occurrence = 0) {
    const text = document.textDocument.getText();
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) offset = text.indexOf(word, offset + 1);
    if (offset < 0) throw new Error(`'${word}' not in the document`);
    return { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset + 1) };
}

async function refusal(request: () => unknown): Promise<ResponseError<unknown>> {
    try {
        await request();
    } catch (error) {
        expect(error).toBeInstanceOf(ResponseError);
        return error as ResponseError<unknown>;
    }
    throw new Error('expected the rename to be refused');
}

describe('rename', () => {
    it('renames a library competency from a job: the declaration and every link in both files', async () => {
        const [job, library] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const edit = await rename.rename(job, { ...at(job, 'Accuracy'), newName: 'AccuracyDetail' });
        const changes = edit!.changes!;
        expect(Object.keys(changes).sort()).toEqual([job.uri.toString(), library.uri.toString()].sort());
        expect(applyEdits(job, changes[job.uri.toString()])).toBe(JOB.replace('uses Accuracy', 'uses AccuracyDetail'));
        expect(applyEdits(library, changes[library.uri.toString()])).toBe(LIBRARY.replace('competency Accuracy', 'competency AccuracyDetail'));
    });

    it('renames a task group and each link to it, and the renamed files link without errors', async () => {
        const [job] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const edit = await rename.rename(job, { ...at(job, 'group B'), position: job.textDocument.positionAt(JOB.indexOf('group B') + 6), newName: 'Service' });
        const renamed = applyEdits(job, edit!.changes![job.uri.toString()]);
        expect(renamed).toContain('task group Service "Service" 40 points');
        expect(renamed).toContain('linked to A, Service\n');
        expect(renamed).toContain('uses Teamwork 40% linked to Service\n');
        const rebuilt = await buildWorkspace(services, [renamed, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        expect(rebuilt.flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 1)).toEqual([]);
    });

    it('renames a scale from a level that uses it', async () => {
        const [job, library] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const edit = await rename.rename(job, { ...at(job, 'DPL'), newName: 'Proficiency' });
        expect(applyEdits(job, edit!.changes![job.uri.toString()])).toContain('level Proficiency 4');
        expect(applyEdits(library, edit!.changes![library.uri.toString()])).toContain('scale Proficiency "Desired Proficiency Level"');
    });

    it('renames a level of a ladder where it is declared, and every level that inherits it', async () => {
        const ladder = 'ladder "Clerk" {\n  level I "Clerk I" { "Files records." }\n  level II "Clerk II" { inherits I }\n  level III "Clerk III" { inherits II }\n}\n';
        const [document] = await buildWorkspace(services, [ladder], ['clerk.jobstd']);
        const edit = await rename.rename(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(ladder.indexOf('inherits I') + 9), newName: 'ClerkOne' });
        expect(applyEdits(document, edit!.changes![document.uri.toString()]))
            .toBe(ladder.replace('level I "', 'level ClerkOne "').replace('inherits I\n', 'inherits ClerkOne\n').replace('inherits I ', 'inherits ClerkOne '));
        const taken = await refusal(() => rename.rename(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(ladder.indexOf('level I ') + 6), newName: 'III' }));
        expect(taken.message).toBe(`'III' is already the name of a level in ladder "Clerk" (line 4). Choose a name no other level of the ladder has.`);
    });

    it('refuses a name with a space, and says what a name is', async () => {
        const [job] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const error = await refusal(() => rename.rename(job, { ...at(job, 'Accuracy'), newName: 'Accuracy Detail' }));
        expect(error.message).toBe("'Accuracy Detail' is not a name: a name is one word of letters, digits and _ that starts with a letter, such as AccuracyDetail.");
    });

    it('refuses a name that starts with a digit', async () => {
        const [job] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const error = await refusal(() => rename.rename(job, { ...at(job, 'Teamwork'), newName: '9lives' }));
        expect(error.message).toBe("'9lives' is not a name: a name is one word of letters, digits and _ that starts with a letter, such as Lives.");
    });

    it('refuses a keyword of the language', async () => {
        const [job] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const error = await refusal(() => rename.rename(job, { ...at(job, 'group A'), position: job.textDocument.positionAt(JOB.indexOf('group A') + 6), newName: 'section' }));
        expect(error.message).toBe("'section' is a keyword of the language, so it cannot be a name. Choose another word, such as Section.");
        // Every keyword comes from the grammar, the days of a schedule too.
        expect((await refusal(() => rename.rename(job, { ...at(job, 'Teamwork'), newName: 'Mon' }))).message).toMatch(/^'Mon' is a keyword of the language/);
    });

    it('refuses a template blank, which the file would read as a placeholder', async () => {
        const [job] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const error = await refusal(() => rename.rename(job, { ...at(job, 'Teamwork'), newName: 'XX' }));
        expect(error.message).toMatch(/^'XX' would be read as a template placeholder, not a name/);
    });

    it('refuses the name of another task group of the same job, with its line', async () => {
        const [job] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const error = await refusal(() => rename.rename(job, { ...at(job, 'linked to A'), position: job.textDocument.positionAt(JOB.indexOf('linked to A') + 10), newName: 'B' }));
        expect(error.message).toBe(`'B' is already the name of a task group in job "Teller" (line 5). Choose a name no other task group of the job has.`);
    });

    it('refuses the name of another library competency anywhere in the workspace', async () => {
        const other = 'library Bank "Bank Competencies" {\n  competency Integrity\n}\n';
        const [job] = await buildWorkspace(services, [JOB, LIBRARY, other], ['teller.jobstd', 'ctk.jobstd', 'bank.jobstd']);
        const error = await refusal(() => rename.rename(job, { ...at(job, 'Accuracy'), newName: 'Integrity' }));
        expect(error.message).toBe("'Integrity' is already the name of a competency in a library (bank.jobstd, line 2), and library names are shared by the whole workspace. Choose another name.");
    });

    it('refuses a library name a job already declares for itself, where its link would change meaning', async () => {
        const own = JOB.replace('  uses Teamwork 40% linked to B\n', '  competency Precision 40% {\n    linked to B\n  }\n');
        const [, library] = await buildWorkspace(services, [own, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const error = await refusal(() => rename.rename(library, { ...at(library, 'Accuracy'), newName: 'Precision' }));
        expect(error.message).toBe(`Job "Teller" (teller.jobstd, line 9) declares its own competency 'Precision': its link to 'Accuracy' would point to that one instead. Choose another name.`);
    });

    it('refuses a job scale name that a level already links to in the library', async () => {
        const text = 'job "J" {\n  scale Local 1 to 3\n  uses Accuracy level DPL 4\n}\n';
        const [job] = await buildWorkspace(services, [text, LIBRARY], ['j.jobstd', 'ctk.jobstd']);
        const error = await refusal(() => rename.rename(job, { ...at(job, 'Local'), newName: 'DPL' }));
        expect(error.message).toMatch(/^'DPL' is already linked to in job "J" \(line 3\)/);
    });

    it('does nothing when the name stays the same', async () => {
        const [job] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        expect(await rename.rename(job, { ...at(job, 'Accuracy'), newName: 'Accuracy' })).toEqual({ changes: {} });
    });
});

describe('prepare rename', () => {
    it('offers the name under the cursor, in a `uses` and where it is declared', async () => {
        const [job, library] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        const onUse = await rename.prepareRename(job, at(job, 'Accuracy')) as unknown as { range: Range; placeholder: string };
        expect(onUse.placeholder).toBe('Accuracy');
        expect(job.textDocument.getText(onUse.range)).toBe('Accuracy');
        const onLibrary = await rename.prepareRename(library, at(library, 'CTK')) as unknown as { range: Range; placeholder: string };
        expect(onLibrary.placeholder).toBe('CTK');
    });

    it('refuses a keyword and prose, saying what can be renamed', async () => {
        const [job] = await buildWorkspace(services, [JOB, LIBRARY], ['teller.jobstd', 'ctk.jobstd']);
        for (const where of ['uses', 'Counts the drawer', '60 points']) {
            const error = await refusal(() => rename.prepareRename(job, at(job, where)));
            expect(error.message).toMatch(/^Only a name can be renamed/);
        }
    });

    it('refuses a link to nothing', async () => {
        const [job] = await buildWorkspace(services, ['job "J" {\n  uses Nowhere 100%\n}\n']);
        const error = await refusal(() => rename.prepareRename(job, at(job, 'Nowhere')));
        expect(error.message).toMatch(/^'Nowhere' links to nothing yet/);
    });
});

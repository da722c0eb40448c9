import { describe, expect, it } from 'vitest';
import { expectFindReferences, expectFoldings, expectGoToDefinition, expectSymbols } from 'langium/test';
import type { DocumentSymbol, LocationLink } from 'vscode-languageserver';
import { applyEdits, buildWorkspace, createServices, readExample } from './helpers.js';

const services = createServices();
const { JobStd, shared } = services;

const LIBRARY = `library CTK "CTK Competency Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5
  competency Adaptability {
    definition "Maintains effectiveness when things change."
  }
  competency Teamwork
}
`;
const JOB_ONE = 'job "One" {\n  uses Adaptability 60% level DPL 5\n  uses Teamwork 40%\n}\n';
const JOB_TWO = 'job "Two" {\n  section "Competencies" {\n    uses Adaptability 100%\n  }\n}\n';

/** The offset just inside the n-th occurrence of a word. */
function inside(text: string, word: string, occurrence = 0): number {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) at = text.indexOf(word, at + 1);
    return at + 1;
}

describe('go to definition and find references', () => {
    it('goes from a link to its task group in the same job', async () => {
        await expectGoToDefinition(JobStd)({
            text: 'job "J" {\n  task group <|A|> {\n    "a"\n  }\n  competency C {\n    linked to <|>A\n  }\n}\n',
            index: 0, rangeIndex: 0, disposeAfterCheck: true,
        });
    });

    it('finds every link to a task group, with its declaration', async () => {
        await expectFindReferences(JobStd)({
            text: 'job "J" {\n  task group <|<|>A|> {\n    "a"\n  }\n  uses X linked to <|A|>\n  competency C {\n    linked to <|A|>\n  }\n}\n',
            includeDeclaration: true, disposeAfterCheck: true,
        });
    });

    it('goes from `uses Adaptability` to the competency in the library file', async () => {
        const [one, library] = await buildWorkspace(services, [JOB_ONE, LIBRARY], ['one.jobstd', 'ctk.jobstd']);
        const result = await JobStd.lsp.DefinitionProvider!.getDefinition(one, {
            textDocument: { uri: one.uri.toString() }, position: one.textDocument.positionAt(inside(JOB_ONE, 'Adaptability')),
        }) as LocationLink[];
        expect(result).toHaveLength(1);
        expect(result[0].targetUri).toBe(library.uri.toString());
        expect(library.textDocument.getText(result[0].targetSelectionRange)).toBe('Adaptability');
    });

    it('finds the uses of a library competency in every job file', async () => {
        const [library, one, two] = await buildWorkspace(services, [LIBRARY, JOB_ONE, JOB_TWO], ['ctk.jobstd', 'one.jobstd', 'two.jobstd']);
        const locations = await JobStd.lsp.ReferencesProvider!.findReferences(library, {
            textDocument: { uri: library.uri.toString() }, position: library.textDocument.positionAt(inside(LIBRARY, 'Adaptability')),
            context: { includeDeclaration: false },
        });
        expect(locations.map(l => l.uri).sort()).toEqual([one.uri.toString(), two.uri.toString()].sort());
    });
});

describe('rename', () => {
    it('renames a library competency and every `uses` of it in other files', async () => {
        const [library, one, two] = await buildWorkspace(services, [LIBRARY, JOB_ONE, JOB_TWO], ['ctk.jobstd', 'one.jobstd', 'two.jobstd']);
        const edit = await JobStd.lsp.RenameProvider!.rename(library, {
            textDocument: { uri: library.uri.toString() }, position: library.textDocument.positionAt(inside(LIBRARY, 'Adaptability')),
            newName: 'Flexibility',
        });
        const changes = edit!.changes!;
        expect(Object.keys(changes).sort()).toEqual([library, one, two].map(d => d.uri.toString()).sort());
        expect(applyEdits(library, changes[library.uri.toString()])).toContain('competency Flexibility {');
        expect(applyEdits(one, changes[one.uri.toString()])).toBe('job "One" {\n  uses Flexibility 60% level DPL 5\n  uses Teamwork 40%\n}\n');
        expect(applyEdits(two, changes[two.uri.toString()])).toContain('uses Flexibility 100%');
    });

    it('renames from a use just the same, and the renamed workspace links without errors', async () => {
        const [library, one, two] = await buildWorkspace(services, [LIBRARY, JOB_ONE, JOB_TWO], ['ctk.jobstd', 'one.jobstd', 'two.jobstd']);
        const edit = await JobStd.lsp.RenameProvider!.rename(two, {
            textDocument: { uri: two.uri.toString() }, position: two.textDocument.positionAt(inside(JOB_TWO, 'Adaptability')),
            newName: 'Flexibility',
        });
        const texts = [library, one, two].map(d => applyEdits(d, edit!.changes![d.uri.toString()] ?? []));
        const rebuilt = await buildWorkspace(services, texts, ['ctk.jobstd', 'one.jobstd', 'two.jobstd']);
        const codes = rebuilt.flatMap(d => d.diagnostics ?? []).map(d => d.code);
        expect(codes).not.toContain('unresolved-reference');
        expect(texts[0]).toContain('competency Flexibility {');
    });

    it('renames a task group and the links to it', async () => {
        const text = 'job "J" {\n  task group A {\n    "a"\n  }\n  competency C {\n    linked to A\n  }\n}\n';
        const [document] = await buildWorkspace(services, [text]);
        const edit = await JobStd.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(inside(text, 'A', 0) - 1), newName: 'Core',
        });
        expect(applyEdits(document, edit!.changes![document.uri.toString()])).toBe(text.replace('group A', 'group Core').replace('to A', 'to Core'));
    });
});

describe('outline, workspace symbols, folding', () => {
    it('shows the job by its title, its sections by theirs, and task groups, competencies, roles and targets inside', async () => {
        const text = `job "Team Lead" {
  section "Task Groups" {
    task group A "Functional" 100 points {
      "a"
    }
  }
  section "Competencies" {
    uses Adaptability 60%
    competency Own "Owned" 40%
  }
  role Manager "Manager" {
    reports to "Director"
  }
  target "Answering the phones" within 3 rings
  requirements {
    education "Degree"
  }
}
`;
        await expectSymbols(JobStd)({
            text, disposeAfterCheck: true,
            assert: (symbols: DocumentSymbol[]) => {
                const tree = (list: DocumentSymbol[] | undefined): unknown[] => (list ?? []).map(s => s.children ? [s.name, tree(s.children)] : s.name);
                expect(tree(symbols)).toEqual([
                    ['Team Lead', [
                        ['Task Groups', ['A']],
                        ['Competencies', ['Adaptability', 'Own']],
                        'Manager',
                        'Answering the phones',
                        'Requirements',
                    ]],
                ]);
                const section = symbols[0].children![0];
                expect(section.detail).toBe('section');
                expect(section.children![0].detail).toBe('task group · Functional · 100 points');
                // Picking the job selects its title.
                expect(symbols[0].selectionRange).toEqual({ start: { line: 0, character: 4 }, end: { line: 0, character: 15 } });
            },
        });
    });

    it('outlines the seed 002 job: sections with their task groups and 21 competencies', async () => {
        await expectSymbols(JobStd)({
            text: readExample('customer-service-representative.jobstd'), disposeAfterCheck: true,
            assert: (symbols: DocumentSymbol[]) => {
                expect(symbols.map(s => s.name)).toEqual(['Customer Service Representative']);
                const sections = symbols[0].children!;
                expect(sections.map(s => s.name)).toEqual(['Requirements', 'Task Groups', 'Competencies', 'Characteristics']);
                expect(sections[1].children!.map(s => s.name)).toEqual(['A', 'B', 'C']);
                expect(sections[2].children).toHaveLength(21);
            },
        });
    });

    it('outlines a ladder: its levels by title with their sections, proficiency descriptors and demands', async () => {
        const text = `ladder "Support Engineer" {
  levels 2
  competency Troubleshooting {
    proficiency PL {
      1 "Basic" { "Follows the runbook." }
      3 "Advanced" { "Isolates intermittent faults." }
    }
  }
  level L1 "Support Engineer I" {
    grade "P1"
    section "Essential functions" 60% essential {
      "Answers tickets." 60%
    }
    "Writes notes." 40% marginal
  }
  level L2 {
    inherits L1
  }
  physical demands {
    "Lifts up to 25 lbs" occasionally
  }
}
`;
        await expectSymbols(JobStd)({
            text, disposeAfterCheck: true,
            assert: (symbols: DocumentSymbol[]) => {
                const tree = (list: DocumentSymbol[] | undefined): unknown[] => (list ?? []).map(s => s.children ? [s.name, tree(s.children)] : s.name);
                expect(tree(symbols)).toEqual([
                    ['Support Engineer', [
                        ['Troubleshooting', ['1 Basic', '3 Advanced']],
                        ['Support Engineer I', ['Essential functions']],
                        'L2',
                        'Physical demands',
                    ]],
                ]);
                expect(symbols[0].detail).toBe('ladder');
                const level = symbols[0].children![1];
                expect(level.detail).toBe('level · L1 · P1');
                expect(level.children![0].detail).toBe('section · essential · 60%');
                // Picking a level selects its short name.
                expect(level.selectionRange).toEqual({ start: { line: 8, character: 8 }, end: { line: 8, character: 10 } });
            },
        });
    });

    it('folds a ladder, its levels, proficiency descriptors and demands', async () => {
        await expectFoldings(JobStd)({
            text: '<|ladder "L" {\n  <|level L1 {\n    <|section "S" 100% {\n      "a" 100%|>\n    }|>\n  }\n  <|competency C {\n    <|proficiency P {\n      <|1 "Basic" {\n        "b"|>\n      }|>\n    }|>\n  }\n  <|physical demands {\n    "c" rarely|>\n  }|>\n}\n',
            disposeAfterCheck: true,
        });
    });

    it('lists library members as workspace symbols', async () => {
        await buildWorkspace(services, [LIBRARY, JOB_ONE], ['ctk.jobstd', 'one.jobstd']);
        const symbols = await shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'Adapt' });
        expect(symbols.map(s => s.name)).toEqual(['Adaptability']);
    });

    it('folds every block that spans lines, up to the line before its closing brace', async () => {
        await expectFoldings(JobStd)({
            text: '<|job "J" {\n  <|section "S" {\n    <|task group A {\n      "a"|>\n    }|>\n  }\n  <|requirements {\n    education "x"|>\n  }|>\n}\n',
            disposeAfterCheck: true,
        });
    });
});

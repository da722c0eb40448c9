import { beforeAll, describe, expect, it } from 'vitest';
import { expectCompletion, parseHelper } from 'langium/test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { createServices } from './helpers.js';

const services = createServices();
const complete = expectCompletion(services.JobStd);

beforeAll(async () => {
    await parseHelper(services.JobStd)(`library CTK "CTK Competency Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5 {
    5 "Expert"
    3 "Intermediate"
  }
  scale Pace 1 to 3
  competency Adaptability 7.4%
  competency CustomerFocus "Customer Focus"
}
`, { documentUri: 'file:///workspace/ctk.jobstd' });
});

/** Completion items at the marker, in the order the editor shows them. */
async function itemsAt(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await complete({
        text, index: 0, disposeAfterCheck: true,
        assert: (list: CompletionList) => { items = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')); },
    });
    return items;
}

const labels = (items: CompletionItem[]) => items.map(i => i.label);

const TASK_GROUPS = 'task group A "Functional" 100 points {\n    "a"\n  }\n  task group B 60 points {\n    "b"\n  }';

describe('completion', () => {
    it('proposes the keywords of the language where a statement may start', async () => {
        const items = await itemsAt('job "J" {\n  <|>\n}\n');
        expect(labels(items)).toEqual(expect.arrayContaining(['section', 'task', 'competency', 'uses', 'target', 'kpi', 'requirements', 'summary']));
    });

    it("proposes the job's task groups after `linked to`, with their titles and weights", async () => {
        const items = await itemsAt(`job "J" {\n  ${TASK_GROUPS}\n  uses Adaptability 7.4% linked to <|>\n}\n`);
        const names = items.filter(i => i.detail !== 'Keyword');
        expect(labels(names)).toEqual(['A', 'B']);
        expect(names[0].detail).toBe('Functional · 100 points');
        expect(names[1].detail).toBe('60 points');
    });

    it('proposes the next task group after a comma too', async () => {
        const items = await itemsAt(`job "J" {\n  ${TASK_GROUPS}\n  uses Adaptability linked to A, <|>\n}\n`);
        expect(labels(items)).toEqual(['A', 'B']);
    });

    it('proposes the competencies of the library (and of the job) after `uses`', async () => {
        const items = await itemsAt('job "J" {\n  competency Own 5%\n  uses <|>\n}\n');
        expect(labels(items)).toEqual(expect.arrayContaining(['Adaptability', 'CustomerFocus', 'Own']));
        expect(items.find(i => i.label === 'CustomerFocus')?.detail).toBe('Customer Focus');
        expect(items.find(i => i.label === 'Adaptability')?.detail).toBe('7.4%');
    });

    it('proposes scales after `level`', async () => {
        const items = await itemsAt('job "J" {\n  uses Adaptability 7.4% level <|>\n}\n');
        expect(labels(items)).toEqual(expect.arrayContaining(['DPL', 'Pace']));
        expect(items.find(i => i.label === 'DPL')?.detail).toBe('Desired Proficiency Level');
    });

    it("proposes the scale's levels with their labels after `level DPL `", async () => {
        const items = await itemsAt('job "J" {\n  uses Adaptability 7.4% level DPL <|>\n}\n');
        expect(labels(items)).toEqual(['5 "Expert"', '3 "Intermediate"']);
        expect(items[0].textEdit?.newText).toBe('5 "Expert"');
        expect(items[0].detail).toBe('Desired Proficiency Level');
    });

    it('proposes the numbers of a scale without labels, in characteristics too', async () => {
        const items = await itemsAt('job "J" {\n  characteristics {\n    Pace <|>\n  }\n}\n');
        expect(labels(items)).toEqual(['1', '2', '3']);
    });

    it("proposes units, periods and % after a target's number", async () => {
        const items = await itemsAt('job "J" {\n  target "Answering the phones" within 3 <|>\n}\n');
        expect(labels(items)).toEqual(expect.arrayContaining(['hours', 'days', 'minutes', 'rings', '%', 'per month', 'in 2026', 'in 2027', 'or']));
        // The percent sign joins its number ("3 %" would not read as a percentage): it replaces the space after "3".
        const percent = items.find(i => i.label === '%')!;
        expect(percent.textEdit).toEqual({ newText: '%', range: { start: { line: 1, character: 40 }, end: { line: 1, character: 41 } } });
    });

    it('proposes units of time after a requirement of experience', async () => {
        const items = await itemsAt('job "J" {\n  requirements {\n    experience "in sales" at least 3 <|>\n  }\n}\n');
        expect(labels(items)).toEqual(['years', 'months', 'weeks']);
    });
});

describe('completion in a ladder', () => {
    const ladder = (body: string) => `ladder "Support Engineer" {
  competency Troubleshooting {
    proficiency DPL {
      1 "Basic" { "Follows the runbook." }
    }
  }
  level L1 "Support Engineer I" {
    "Answers tickets."
  }
${body}
}
`;

    it('proposes the keywords of a ladder and of a level', async () => {
        const top = labels(await itemsAt(ladder('  <|>')));
        expect(top).toEqual(expect.arrayContaining(['level', 'levels', 'occupation', 'status', 'effective', 'grade', 'band', 'physical', 'working']));
        const inLevel = labels(await itemsAt(ladder('  level L2 {\n    <|>\n  }')));
        expect(inLevel).toEqual(expect.arrayContaining(['inherits', 'requires', 'scope', 'time', 'grade', 'section']));
    });

    it('proposes the levels a level may inherit, and the competencies it may require', async () => {
        expect(labels(await itemsAt(ladder('  level L2 {\n    inherits <|>\n  }')))).toContain('L1');
        expect(labels(await itemsAt(ladder('  level L2 {\n    requires <|>\n  }')))).toEqual(expect.arrayContaining(['Troubleshooting', 'Adaptability']));
    });

    it('proposes the frequencies of a physical demand and the taxonomies of an occupation', async () => {
        expect(labels(await itemsAt(ladder('  physical demands {\n    "Lifts up to 25 lbs" <|>\n  }'))))
            .toEqual(expect.arrayContaining(['never', 'rarely', 'occasionally', 'frequently', 'constantly']));
        expect(labels(await itemsAt(ladder('  occupation <|>')))).toEqual(['onet', 'soc', 'isco']);
        expect(labels(await itemsAt(ladder('  status <|>')))).toEqual(expect.arrayContaining(['draft', 'in', 'approved', 'retired']));
    });
});

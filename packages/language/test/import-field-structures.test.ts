import { AstUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { importDocument, isPay, isRequirement, isSection, isStatement, isTarget, isCharacteristic, type ImportResult, type Job } from '../src/index.js';
import { build, findingsOf } from './helpers.js';

/**
 * Structures of job documents as the field writes them (handbook pages, UK forms, class
 * specifications, postings), each in a few lines written for this test.
 */

async function imported(name: string, content: string): Promise<{ result: ImportResult; job: Job }> {
    const result = await importDocument({ name, content });
    const [document] = await build([result.text]);
    expect(document.parseResult.parserErrors).toEqual([]);
    expect(result.report.coverage.missing).toEqual([]);
    return { result, job: document.parseResult.value.jobs[0] };
}

const all = <T extends AstNode>(node: AstNode, guard: (n: unknown) => n is T): T[] => AstUtils.streamAllContents(node).filter(guard).toArray();
const sectionTitles = (job: Job) => all(job, isSection).map(s => s.title);

describe('1. YAML front matter', () => {
    it('gives the title and reports the site keys, whatever their order', async () => {
        for (const header of ['title: Payroll Clerk\nlayout: page', 'layout: page\ntitle: "Payroll Clerk"']) {
            const { result, job } = await imported('clerk.md', `---\n${header}\n---\n\n## Duties\n\n- Processes weekly payroll.\n`);
            expect(job.title).toBe('Payroll Clerk');
            expect(sectionTitles(job)).toEqual(['Duties']);
            expect(result.report.removed.find(r => r.kind === 'front matter')?.examples).toEqual(['layout: page']);
        }
    });

    it('turns known keys into facts and keeps list values of site keys out', async () => {
        const { result, job } = await imported('clerk.md',
            '---\npermalink: /jobs/clerk/\ntitle: Records Clerk\ncode: RC-2\ngrade: 5\nfamily: Administration\ntags:\n  - admin\n---\n\nKeeps the records.\n');
        expect([job.title, job.code, job.grade, job.family]).toEqual(['Records Clerk', 'RC-2', '5', 'Administration']);
        expect(result.text).not.toMatch(/permalink|admin"/);
        expect(sectionTitles(job)).toEqual([]);
    });
});

describe('2. form labels left empty', () => {
    it('reports "SALARY SCALE:" as an empty field and does not nest the next heading in it', async () => {
        const { result, job } = await imported('post.md', 'POST TITLE: Clerk\nGRADE: 4\nSALARY SCALE:\nREPORTS TO: Office Manager\n\n## Main duties\n\n- Files records.\n');
        expect(job.title).toBe('Clerk');
        expect([job.grade, job.reportsToText]).toEqual(['4', 'Office Manager']);
        expect(sectionTitles(job)).toEqual(['Main duties']);
        expect(result.report.removed.find(r => r.kind === 'empty field')?.examples).toEqual(['SALARY SCALE:']);
    });
});

describe('3. title and pay', () => {
    it('takes the Title: label over a banner above it, and reads a salary range with its period', async () => {
        const { job } = await imported('class.txt', '=== JOB DETAILS ===\nTitle: Records Clerk II\nSalary: $20.00 - $25.00 Hourly\n\nFiles records.\n');
        expect(job.title).toBe('Records Clerk II');
        expect(job.subtitle).toBeUndefined();
        const pay = all(job, isPay).map(p => [p.label, p.amount, p.separator, p.maximum, p.period?.frequency]);
        expect(pay).toEqual([['Salary', '$ 20.00', '-', '$ 25.00', 'hourly']]);
    });
});

describe('4. requirements with durations and necessity', () => {
    it('reads "Experience:" labels, "2+ years" items and Essential/Desirable lists', async () => {
        const { job } = await imported('spec.txt', [
            'Clerk', '', 'Experience:   A minimum of three (3) years of office work.', '',
            'Requirements', '', '- 2+ years of experience with payroll software.', '',
            'Essential:', '- Good written English.', '- 3-5 years of experience in records management.', '',
            'Desirable:', '- Knowledge of Excel.', '',
        ].join('\n'));
        const requirements = all(job, isRequirement).map(r => [r.kind, r.text, r.duration?.comparator, r.duration?.spelled,
            r.duration?.value, r.duration?.plus || undefined, r.duration?.maximum, r.duration?.unit, r.necessity]);
        expect(requirements).toEqual([
            ['experience', 'office work', 'a minimum of', 'three', '3', undefined, undefined, 'years', undefined],
            ['experience', 'experience with payroll software', undefined, undefined, '2', true, undefined, 'years', undefined],
            ['experience', 'experience in records management', undefined, undefined, '3', undefined, '5', 'years', 'essential'],
        ]);
        const marked = all(job, isStatement).filter(s => s.mark).map(s => [s.text, s.mark]);
        expect(marked).toEqual([['Good written English.', 'essential'], ['Knowledge of Excel.', 'desirable']]);
    });
});

describe('5. shares of time', () => {
    it('reads "(60%)" at the end of a duty as its share, so a total over 100% is flagged', async () => {
        const { result, job } = await imported('duties.txt', 'Clerk\n\nEXAMPLES OF DUTIES\n\nReviews permit applications. (60%)\nFiles records. (50%)\n');
        expect(all(job, isStatement).map(s => [s.text, s.weight?.value])).toEqual([['Reviews permit applications.', '60%'], ['Files records.', '50%']]);
        const findings = await findingsOf(result.text);
        expect(findings.some(f => f.code === 'weight-sum')).toBe(true);
    });
});

describe('6. no false targets', () => {
    it('leaves answer options and time ranges as prose', async () => {
        const { job } = await imported('questions.txt', 'Clerk\n\nQUESTIONNAIRE\n\nHow long have you worked in an office?\n\nLess than 3 months\nMore than 3 months but less than 6 months\n\nTime in level: 1-2 years\n');
        expect(all(job, isTarget)).toEqual([]);
        expect(all(job, isCharacteristic)).toEqual([]);
        expect(all(job, isStatement).map(s => s.text)).toEqual([
            'How long have you worked in an office?', 'Less than 3 months', 'More than 3 months but less than 6 months', 'Time in level: 1-2 years',
        ]);
    });

    it('still reads a target with a comparison after its measure', async () => {
        const { job } = await imported('targets.txt', 'Clerk\n\nStandards\n\nAnswers the main phones within 3 rings.\n');
        expect(all(job, isTarget).map(t => [t.measure, t.spec?.comparator, t.spec?.value, t.spec?.unit])).toEqual([['Answers the main phones', 'within', '3', 'rings']]);
    });
});

describe('7. text as written, nesting kept', () => {
    it('keeps straight quotes and double hyphens, and nested items under their parent item', async () => {
        const { job } = await imported('nested.md', '# Clerk\n\n## Duties\n\n- Keeps the "Daily Log" -- by hand\n  - Records times.\n  - Checks totals.\n- Greets visitors.\n');
        const parent = all(job, isSection).find(s => s.title.startsWith('Keeps'))!;
        expect(parent.title).toBe('Keeps the "Daily Log" -- by hand');
        expect(all(parent, isStatement).map(s => s.text)).toEqual(['Records times.', 'Checks totals.']);
        expect(all(job, isStatement).map(s => s.text)).toEqual(['Records times.', 'Checks totals.', 'Greets visitors.']);
    });

    it('keeps the nesting of HTML lists', async () => {
        const { job } = await imported('nested.html', '<h1>Clerk</h1><h2>Duties</h2><ul><li>Keeps the log<ul><li>Records times.</li></ul></li><li>Greets visitors.</li></ul>');
        expect(sectionTitles(job)).toEqual(['Duties', 'Keeps the log']);
    });
});

describe('8. facts of a level stay with the level', () => {
    it('gives each level its own scope, grade and time in level; the job keeps none of them', async () => {
        const { result, job } = await imported('ladder.md', [
            '---', 'title: Support Engineer', 'layout: ladder', '---', '',
            '## L1 — Associate', '', 'Scope: Ticket', 'Time in level: 1-2 years', '', '- Resolves tickets.', '',
            '## L2 — Engineer', '', 'Scope: Team', 'Grade: 5', '', '### Responsibilities', '', '- Mentors associates.', '',
            '## Benefits', '', 'Paid leave for all levels.', '',
        ].join('\n'));
        expect(job.summary).toBeUndefined();
        expect(job.levels.map(l => [l.name, l.scope, l.grade, l.timeInLevel?.low, l.timeInLevel?.high])).toEqual([
            ['L1', 'Ticket', undefined, '1', '2'], ['L2', 'Team', '5', undefined, undefined],
        ]);
        expect(sectionTitles(job)).toEqual(['Responsibilities', 'Benefits']);
        expect(job.elements.filter(isSection).map(s => s.title)).toEqual(['Benefits']);
        const errors = (await findingsOf(result.text)).filter(f => f.severity === 'error');
        expect(errors).toEqual([]);
    });
});

describe('field shapes met in class specifications and ladders', () => {
    it('reads a numbered duty with its share as a duty, not a competency', async () => {
        const { job } = await imported('spec.txt', 'Maintenance Worker\n\nEXAMPLES OF DUTIES\n\n1. Patches potholes and repairs road shoulders. (60%)\n2. Repairs fences in county parks. (40%)\n');
        expect(all(job, isStatement).map(s => [s.text, s.weight?.value])).toEqual([
            ['Patches potholes and repairs road shoulders.', '60%'], ['Repairs fences in county parks.', '40%'],
        ]);
    });

    it('reads pay in a two-column table row and after a padded label', async () => {
        const { job } = await imported('spec.md', '# Library Assistant\n\n| Field | Value |\n|---|---|\n| **Salary range** | $17.75 - $22.60 Hourly |\n\nSALARY RANGE:     $22.40 - $29.10 Hourly\n');
        expect(all(job, isPay).map(p => [p.label, p.amount, p.maximum, p.period?.frequency])).toEqual([
            ['Salary range', '$ 17.75', '$ 22.60', 'hourly'], ['SALARY RANGE', '$ 22.40', '$ 29.10', 'hourly'],
        ]);
    });

    it('takes a level\'s facts written as list items, and its code as its name', async () => {
        const { job } = await imported('ladder.md', '# Support Engineer\n\n## Levels\n\n### L1 – Support Engineer I\n\n- Scope: Own tickets\n- Time in level: typically 18 months\n- Grade: P1\n');
        expect(job.levels.map(l => [l.name, l.title, l.scope, l.grade, l.timeInLevel?.approximate, l.timeInLevel?.low, l.timeInLevel?.unit]))
            .toEqual([['L1', 'Support Engineer I', 'Own tickets', 'P1', 'typically', '18', 'months']]);
    });
});

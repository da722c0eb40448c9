import { AstUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { importDocument, isCompetency, isStatement, type ImportResult, type Job } from '../src/index.js';
import { isLevelLabel, levelMatrixOf } from '../src/import/classify-matrix.js';
import { build, findingsOf } from './helpers.js';
import { heading, pack, para, table, title } from './fixtures/import-corpus/docx-kit.js';

/**
 * Level matrices (competencies × levels, and the transposed form) become competencies with a
 * proficiency descriptor per level; tables that are not certainly one stay prose. Every input
 * is written for this test.
 */

async function imported(name: string, content: string | Uint8Array): Promise<{ result: ImportResult; job: Job }> {
    const result = await importDocument({ name, content });
    const [document] = await build([result.text]);
    expect(document.parseResult.lexerErrors).toEqual([]);
    expect(document.parseResult.parserErrors).toEqual([]);
    expect(result.report.coverage.missing).toEqual([]);
    expect(result.report.coverage.ratio).toBe(1);
    const errors = (await findingsOf(result.text)).filter(f => f.severity === 'error');
    expect(errors).toEqual([]);
    return { result, job: document.parseResult.value.jobs[0] };
}

const all = <T extends AstNode>(node: AstNode, guard: (n: unknown) => n is T): T[] => AstUtils.streamAllContents(node).filter(guard).toArray();

/** Each competency as title → [value, label, indicators] per descriptor. */
function matrixOf(job: Job): Record<string, [string, string | undefined, string[]][]> {
    return Object.fromEntries(all(job, isCompetency).map(c => [
        c.title ?? c.name,
        c.descriptors.map(d => [d.value, d.label, d.indicators.map(i => i.text)] as [string, string | undefined, string[]]),
    ]));
}

describe('a level matrix becomes competencies with proficiency descriptors', () => {
    it('reads a Markdown pipe table, a cell of two sentences giving two indicators', async () => {
        const { result, job } = await imported('records-clerk.md', [
            '# Records Clerk',
            '',
            '## What each level does',
            '',
            '| Competency | Clerk I | Clerk II | Clerk III |',
            '| --- | --- | --- | --- |',
            '| Filing accuracy | Files papers in the right folder. | Audits the folders of the whole office. Fixes what is misfiled. | Designs the filing plan for the department. |',
            '| Customer service | Answers walk-in questions politely. | Handles requests for copies of records. | Resolves complaints about access to records. |',
            '',
        ].join('\n'));
        expect(matrixOf(job)).toEqual({
            'Filing accuracy': [
                ['1', 'Clerk I', ['Files papers in the right folder.']],
                ['2', 'Clerk II', ['Audits the folders of the whole office.', 'Fixes what is misfiled.']],
                ['3', 'Clerk III', ['Designs the filing plan for the department.']],
            ],
            'Customer service': [
                ['1', 'Clerk I', ['Answers walk-in questions politely.']],
                ['2', 'Clerk II', ['Handles requests for copies of records.']],
                ['3', 'Clerk III', ['Resolves complaints about access to records.']],
            ],
        });
        expect(result.report.recognised.competencies).toBe(2);
        expect(result.report.recognised.behaviours).toBe(7);
        expect(result.report.removed.find(r => r.kind === 'table header')?.examples).toEqual(['Competency | Clerk I | Clerk II | Clerk III']);
        expect(result.text).not.toContain('Competency: Filing accuracy');
    });

    it('reads an HTML table, in an HTML page and inside Markdown, with an empty cell left out', async () => {
        const rows = `<table>
  <thead><tr><th>Skill</th><th>Associate</th><th>Senior</th><th>Principal</th></tr></thead>
  <tbody>
    <tr><td>Planning</td><td>Plans their own week with a lead.</td><td>Plans the work of a small team.</td><td>Sets the plan for the whole programme.</td></tr>
    <tr><td>Mentoring</td><td></td><td>Pairs with new starters during their first month.</td><td>Runs the mentoring scheme of the group.</td></tr>
  </tbody>
</table>`;
        const expected = {
            Planning: [
                ['1', 'Associate', ['Plans their own week with a lead.']],
                ['2', 'Senior', ['Plans the work of a small team.']],
                ['3', 'Principal', ['Sets the plan for the whole programme.']],
            ],
            Mentoring: [
                ['2', 'Senior', ['Pairs with new starters during their first month.']],
                ['3', 'Principal', ['Runs the mentoring scheme of the group.']],
            ],
        };
        const html = await imported('planner.html', `<html><body><h1>Project Planner</h1><h2>Skills by level</h2>${rows}</body></html>`);
        expect(matrixOf(html.job)).toEqual(expected);
        const markdown = await imported('planner.md', `# Project Planner\n\n## Skills by level\n\n${rows}\n\n## Pay\n\nPaid monthly.\n`);
        expect(matrixOf(markdown.job)).toEqual(expected);
        expect(all(markdown.job, isStatement).map(s => s.text)).toEqual(['Paid monthly.']);
        expect(markdown.result.text).not.toContain('<td>');
    });

    it('reads a Word table whose header row is only bold', async () => {
        const docx = await pack([
            title('Warehouse Operative'),
            para('The operative ladder has three levels.'),
            heading('Competency matrix'),
            table([
                ['Competency', 'WO1', 'WO2', 'WO3'],
                ['Safe lifting', 'Lifts loads with the correct posture.', 'Shows new starters how to lift safely.', 'Runs the manual handling training.'],
                ['Stock control', 'Counts stock on the weekly cycle.', 'Investigates differences in the counts.', 'Owns the stock accuracy of the site.'],
            ], 'bold'),
        ]);
        const { job } = await imported('operative.docx', docx);
        expect(matrixOf(job)).toEqual({
            'Safe lifting': [
                ['1', 'WO1', ['Lifts loads with the correct posture.']],
                ['2', 'WO2', ['Shows new starters how to lift safely.']],
                ['3', 'WO3', ['Runs the manual handling training.']],
            ],
            'Stock control': [
                ['1', 'WO1', ['Counts stock on the weekly cycle.']],
                ['2', 'WO2', ['Investigates differences in the counts.']],
                ['3', 'WO3', ['Owns the stock accuracy of the site.']],
            ],
        });
    });

    it('reads the transposed form: rows are levels, columns competencies', async () => {
        const { job } = await imported('nurse.md', [
            '# Ward Nurse',
            '',
            '| Level | Patient safety | Team work |',
            '| --- | --- | --- |',
            '| Level 1 | Follows the checklists of the ward. | Hands over clearly at the end of a shift. |',
            '| Level 2 | Spots risks before they harm a patient. | Organises the work of the shift. |',
            '',
        ].join('\n'));
        expect(matrixOf(job)).toEqual({
            'Patient safety': [
                ['1', 'Level 1', ['Follows the checklists of the ward.']],
                ['2', 'Level 2', ['Spots risks before they harm a patient.']],
            ],
            'Team work': [
                ['1', 'Level 1', ['Hands over clearly at the end of a shift.']],
                ['2', 'Level 2', ['Organises the work of the shift.']],
            ],
        });
    });
});

describe('a table that is not certainly a level matrix stays prose', () => {
    const tables: [string, string[]][] = [
        ['a levels table (levels with their facts)', [
            '| Level | Title | Scope | Time in level |',
            '| --- | --- | --- | --- |',
            '| L1 | Junior Clerk | Own desk | 1–2 years |',
            '| L2 | Clerk | The office | 2–3 years |',
        ]],
        ['a table of competencies with a definition and a weight', [
            '| Competency | Definition | Weight |',
            '| --- | --- | --- |',
            '| Accuracy | Gets the details of each record right. | 40% |',
            '| Courtesy | Treats every visitor with respect. | 60% |',
        ]],
        ['a responsibility chart whose cells are marks', [
            '| Task | Manager | Analyst | Clerk |',
            '| --- | --- | --- | --- |',
            '| Monthly report | Approves | Writes it | Checks it |',
        ]],
        ['a table of levels whose cells are amounts', [
            '| Competency | Clerk I | Clerk II |',
            '| --- | --- | --- |',
            '| Pay band | $30,000 - $35,000 | $34,000 - $40,000 |',
        ]],
        ['a transposed table with one column of expectations', [
            '| Level | Expectations |',
            '| --- | --- |',
            '| Level 1 | Learns the job with help. |',
            '| Level 2 | Works without help. |',
        ]],
    ];
    for (const [what, lines] of tables) {
        it(what, async () => {
            const { job } = await imported('table.md', ['# Records Clerk', '', ...lines, ''].join('\n'));
            expect(all(job, isCompetency)).toEqual([]);
            expect(all(job, isStatement).length).toBeGreaterThan(0);
        });
    }

    it('keeps a body row of cells as the labelled statement it was', async () => {
        const { job } = await imported('chart.md', [
            '# Records Clerk', '',
            '| Task | Manager | Analyst | Clerk |',
            '| --- | --- | --- | --- |',
            '| Monthly report | Approves | Writes it | Checks it |', '',
        ].join('\n'));
        expect(all(job, isStatement).map(s => s.text)).toEqual(['Task: Monthly report; Manager: Approves; Analyst: Writes it; Clerk: Checks it']);
    });
});

describe('the matrix classifier', () => {
    it('reads level labels as the field writes them, and nothing else', () => {
        for (const label of ['L1', 'IC3', 'AE2', 'Level 4', '2 – Intermediate', 'Clerk II', 'Support Engineer III', 'Associate', 'Senior', 'Staff', 'Principal', 'Analyst', 'Senior Account Executive']) {
            expect(isLevelLabel(label), label).toBe(true);
        }
        for (const label of ['Definition', 'Weight', 'Notes', 'Examples', 'Accuracy', 'Checks own work.', '']) {
            expect(isLevelLabel(label), label).toBe(false);
        }
    });

    it('needs a header, rows of the same width and prose in the cells', () => {
        const header = ['Competency', 'L1', 'L2'];
        expect(levelMatrixOf([header])).toBeUndefined();
        expect(levelMatrixOf([header, ['Accuracy', 'Checks own work.']])).toBeUndefined();
        expect(levelMatrixOf([header, ['Accuracy', 'Yes', 'No']])).toBeUndefined();
        expect(levelMatrixOf([['Task', 'L1', 'L2'], ['Accuracy', 'Checks own work.', 'Checks the work of others.']])).toBeUndefined();
        expect(levelMatrixOf([['', 'L1', 'L2'], ['Accuracy', 'Checks own work.', 'Checks the work of others.']])?.levels).toEqual(['L1', 'L2']);
        expect(levelMatrixOf([header, ['Accuracy', 'Checks own work.', 'Checks the work of others.']])).toEqual({
            levels: ['L1', 'L2'], transposed: false,
            competencies: [{ title: 'Accuracy', cells: ['Checks own work.', 'Checks the work of others.'] }],
        });
    });
});

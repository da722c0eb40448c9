import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDocx, exportHtml, exportJson, type CompetencyJson, type ElementJson, type JobJson } from '../src/index.js';
import { DocumentView, type Line } from '../src/export/document-view.js';
import type { CellView, TableView } from '../src/export/document-tables.js';
import { compilePlaceholderPatterns } from '../src/validation/placeholders.js';
import { build } from './helpers.js';
import { contextOf, EVERYTHING } from './export-fixtures.js';
import { CLASS_SPEC_JOB, LADDER_JOB } from './export-html-fixtures.js';

/** A help desk job small enough to say every cell of its tables. */
const SMALL_JOB = `job "Help Desk Analyst" {
  scale DPL "Desired Proficiency Level" 1 to 5 { 4 "Advanced" 5 "Expert" }
  task group A "Phones/Email" 30 points { "Takes calls" 60% essential "Answers email" }
  task group B "Records" 10 points { "Files tickets" }
  competency Listening "Active Listening" 40% { level DPL 4 linked to A }
  competency Writing "Written Communication" 60% { level DPL 5 linked to A, B }
}
`;

const view = new DocumentView(compilePlaceholderPatterns());

async function jobOf(text: string): Promise<JobJson> {
    const [document] = await build([text]);
    return exportJson(document.parseResult.value, contextOf(document, 'jobs/test.jobstd')).jobs[0];
}

function textOf(line: Line | undefined): string {
    return (line ?? []).map(piece => piece.text).join('');
}

function cellText(cell: CellView): string {
    return [textOf(cell.value), textOf(cell.line), textOf(cell.note), ...(cell.items ?? []).map(i => `• ${textOf(i.line)}${i.note ? ` ${textOf(i.note)}` : ''}`)].filter(t => t !== '').join(' ');
}

function headers(table: TableView): string[] {
    return table.columns.map(c => [typeof c.header === 'string' ? c.header : textOf(c.header), ...(c.note ? [textOf(c.note)] : [])].join(' '));
}

function of<T extends ElementJson['kind']>(job: JobJson, kind: T): Array<Extract<ElementJson, { kind: T }>> {
    return job.elements.filter((e): e is Extract<ElementJson, { kind: T }> => e.kind === kind);
}

describe('the tables of the presentation model', () => {
    it('gives a small job\'s competencies the columns, rows and total a reader expects', async () => {
        const job = await jobOf(SMALL_JOB);
        const table = view.competencyTable(of(job, 'competency'), job.weights.competencies, true)!;
        expect(table.kind).toBe('competencies');
        expect(textOf(table.caption)).toBe('Competencies');
        // The weights are percentages totalling 100%: their own shares, so no Share column; both levels
        // are on one scale, named once in the header.
        expect(headers(table)).toEqual(['Competency', 'Weight', 'Level (Desired Proficiency Level)', 'Linked to']);
        expect(table.columns.map(c => c.numeric === true)).toEqual([false, true, false, false]);
        expect(table.columns.reduce((sum, c) => sum + c.width, 0)).toBe(100);
        expect(table.rowHeader).toBe(0);
        expect(table.rows.map(r => r.cells.map(cellText))).toEqual([
            ['Active Listening', '40%', '4 Advanced', 'A (Phones/Email)'],
            ['Written Communication', '60%', '5 Expert', 'A (Phones/Email), B (Records)'],
        ]);
        // Each link names its task group, for formats that link to the group's row.
        expect(table.rows[1].cells[3].line!.filter(p => p.ref?.id === 'B').map(p => p.text).join('')).toBe('B (Records)');
        // The weight stands for the share: its cell carries the share a bar draws.
        expect(table.rows[0].cells[1].share).toBeCloseTo(0.4);
        expect(table.total!.map(cellText)).toEqual(['Total', '100%', '', '']);
    });

    it('gives task groups weighed in points a Share column, their tasks as a list, and a row each to link to', async () => {
        const job = await jobOf(SMALL_JOB);
        const table = view.taskGroupTable(of(job, 'taskGroup'), job.weights.taskGroups);
        expect(headers(table)).toEqual(['Task group', 'Tasks', 'Weight', 'Share']);
        expect(table.columns.map(c => c.numeric === true)).toEqual([false, false, true, true]);
        expect(table.rows.map(r => r.anchor)).toEqual([{ kind: 'taskGroup', id: 'A' }, { kind: 'taskGroup', id: 'B' }]);
        expect(table.rows.map(r => r.cells.map(cellText))).toEqual([
            ['A: Phones/Email', '• Takes calls (60%, essential) • Answers email', '30 points', '75.0%'],
            ['B: Records', '• Files tickets', '10 points', '25.0%'],
        ]);
        expect(table.rows.map(r => r.cells[3].share)).toEqual([0.75, 0.25]);
        expect(table.total!.map(cellText)).toEqual(['Total', '', '40 points', '100%']);
    });

    it('has no competency table where the definitions are the whole story: in a library', async () => {
        const [document] = await build([EVERYTHING]);
        const library = exportJson(document.parseResult.value, contextOf(document, 'jobs/test.jobstd')).libraries[0];
        const competencies = library.members.filter((m): m is CompetencyJson => m.kind === 'competency');
        expect(view.competencyTable(competencies, undefined, false)).toBeUndefined();
    });

    it('says in the matrix where a level\'s requirement comes from, and what it looks like', async () => {
        const table = view.proficiencyMatrixTable(await jobOf(LADDER_JOB))!;
        expect(textOf(table.caption)).toBe('Proficiency required at each level');
        expect(textOf(table.captionNote)).toBe('(an empty cell: nothing required)');
        expect(headers(table)[0]).toBe('Competency');
        const inherited = table.rows.flatMap(r => r.cells).find(c => textOf(c.note).startsWith('(inherited from'));
        expect(inherited && textOf(inherited.value)).toMatch(/^\d/);
    });
});

// ----- the same words in HTML and Word ---------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]);
const stripTags = (markup: string) => decode(markup.replace(/<[^>]+>/g, ''));

/** Each HTML table's caption and header words; the bars' note is HTML's own, as only HTML draws bars. */
function htmlTables(page: string): Array<{ caption: string; header: string[] }> {
    return [...page.matchAll(/<table class="[^"]+">\n<caption>(.*?)<\/caption>\n<thead><tr>(.*?)<\/tr><\/thead>/g)].map(m => ({
        caption: stripTags(m[1].replace(/ <span class="caption-note">\(a full bar is the whole\)<\/span>/, '')),
        header: [...m[2].matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map(h => stripTags(h[1])),
    }));
}

/** Each Word table's caption and header row: the caption paragraph, then the table's first row or, for the findings, the tabbed line. */
function wordTables(xml: string): Array<{ caption: string; header: string[] }> {
    const texts = (part: string) => decode([...part.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map(t => t[1] ?? '\t').join(''));
    const out: Array<{ caption: string; header: string[] }> = [];
    for (const m of xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Caption"\/>((?:(?!<\/w:p>).)*)<\/w:p>(<w:tbl>.*?<\/w:tbl>|<w:p>(?:(?!<\/w:p>).)*<\/w:p>)/gs)) {
        const caption = texts(m[1]);
        const header = m[2].startsWith('<w:tbl>')
            ? [.../<w:tr>.*?<\/w:tr>/s.exec(m[2])![0].matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map(c => texts(c[1]))
            : texts(m[2]).split('\t');
        out.push({ caption, header });
    }
    return out;
}

describe('the tables in HTML and in Word', () => {
    it.each([['a job with every element', EVERYTHING], ['a ladder', LADDER_JOB], ['a class specification', CLASS_SPEC_JOB], ['a small job', SMALL_JOB]])(
        '%s: every table has the same caption and header words in both',
        async (_, text) => {
            const [document] = await build([text]);
            const context = { ...contextOf(document, 'jobs/test.jobstd'), findingsAppendix: true };
            const html = htmlTables(exportHtml(document.parseResult.value, context));
            const word = wordTables(new TextDecoder().decode(unzipSync(await exportDocx(document.parseResult.value, context))['word/document.xml']));
            expect(html.length).toBeGreaterThan(0);
            expect(word).toEqual(html);
        });

    it('names a shared scale once, in the Level header, in both', async () => {
        const [document] = await build([SMALL_JOB]);
        const context = contextOf(document, 'jobs/test.jobstd');
        const html = exportHtml(document.parseResult.value, context);
        expect(html).toContain('<th scope="col">Level <span class="column-note">(Desired Proficiency Level)</span></th>');
        expect(html).not.toMatch(/<td>5 Expert <span class="scale">/);
        const xml = new TextDecoder().decode(unzipSync(await exportDocx(document.parseResult.value, context))['word/document.xml']);
        expect(wordTables(xml).find(t => t.caption === 'Competencies')?.header).toEqual(['Competency', 'Weight', 'Level (Desired Proficiency Level)', 'Linked to']);
    });
});

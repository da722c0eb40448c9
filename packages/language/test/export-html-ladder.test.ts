import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { exportHtml } from '../src/index.js';
import { exportHtmlIndex } from '../src/export/html-index.js';
import { build } from './helpers.js';
import { contextOf, HOSTILE } from './export-fixtures.js';
import { CLASS_SPEC_JOB, HOSTILE_LADDER, LADDER_JOB } from './export-html-fixtures.js';

/**
 * Ladders, duties, pay, requirements and demands in the HTML export, read the way a reader
 * meets them: the page is parsed, and the tests look at text and table structure, not markup.
 */

interface Node {
    nodeName: string;
    tagName?: string;
    value?: string;
    attrs?: Array<{ name: string; value: string }>;
    childNodes?: Node[];
}

async function pageOf(text: string): Promise<{ html: string; root: Node }> {
    const [document] = await build([text]);
    const html = exportHtml(document.parseResult.value, contextOf(document, 'jobs/test.jobstd'));
    return { html, root: parse(html) as unknown as Node };
}

function all(node: Node, test: (n: Node) => boolean, out: Node[] = []): Node[] {
    if (test(node)) out.push(node);
    for (const child of node.childNodes ?? []) all(child, test, out);
    return out;
}

const attr = (node: Node, name: string) => node.attrs?.find(a => a.name === name)?.value;
const hasClass = (node: Node, name: string) => (attr(node, 'class') ?? '').split(' ').includes(name);
const byTag = (root: Node, tag: string) => all(root, n => n.tagName === tag);
const byClass = (root: Node, tag: string, name: string) => all(root, n => n.tagName === tag && hasClass(n, name));

/** The text a reader sees, with runs of white space as one space. */
function text(node: Node): string {
    const raw = (n: Node): string => n.nodeName === '#text' ? n.value ?? '' : n.tagName === 'br' ? ' ' : (n.childNodes ?? []).map(raw).join('');
    return raw(node).replace(/\s+/g, ' ').trim();
}

/** A table as rows of cell texts, its header row first; `th` cells keep their scope. */
function tableOf(table: Node): { caption: string; head: string[]; rows: string[][]; scopes: string[] } {
    const caption = byTag(table, 'caption')[0];
    const rows = byTag(table, 'tr').map(tr => (tr.childNodes ?? []).filter(c => c.tagName === 'td' || c.tagName === 'th'));
    return {
        caption: caption ? text(caption) : '',
        head: rows[0].map(text),
        rows: rows.slice(1).map(r => r.map(text)),
        scopes: byTag(table, 'th').map(th => attr(th, 'scope') ?? ''),
    };
}

/** The facts list under a heading: name → value. */
function factsOf(dl: Node): Record<string, string> {
    const out: Record<string, string> = {};
    let name = '';
    for (const child of dl.childNodes ?? []) {
        if (child.tagName === 'dt') name = text(child);
        if (child.tagName === 'dd') out[name] = text(child);
    }
    return out;
}

function sectionHeaded(root: Node, heading: string): Node {
    const found = all(root, n => n.tagName === 'section' && (n.childNodes ?? []).some(c => /^h[1-6]$/.test(c.tagName ?? '') && text(c) === heading));
    expect(found, `a section headed "${heading}"`).toHaveLength(1);
    return found[0];
}

describe('HTML export: a ladder', () => {
    it('lists the ladder\'s facts: family, levels, band, occupation with its taxonomy, status with approver and date, effective date', async () => {
        const { root } = await pageOf(LADDER_JOB);
        const facts = factsOf(byClass(root, 'dl', 'facts')[0]);
        expect(facts).toMatchObject({
            'Job family': 'Customer Support',
            Levels: '3',
            Band: 'B4',
            Occupation: '15-1232.00 Computer User Support Specialists (O*NET-SOC 2019)',
            Status: 'Approved by Dana Whitfield, HR Director on 14 March 2026',
            Effective: '1 April 2026',
        });
    });

    it('has a competency × level matrix: one row per competency, one column per level, each cell the value, its label and indicators', async () => {
        const { root } = await pageOf(LADDER_JOB);
        const tables = byClass(root, 'table', 'proficiency-matrix');
        expect(tables).toHaveLength(1);
        const matrix = tableOf(tables[0]);
        expect(matrix.caption).toMatch(/^Proficiency required at each level/);
        expect(matrix.head).toEqual(['Competency', 'L1: Support Engineer I', 'L2: Support Engineer II', 'L3: Senior Support Engineer']);
        expect(matrix.scopes.slice(0, 4)).toEqual(['col', 'col', 'col', 'col']);
        expect(matrix.rows.map(r => r[0])).toEqual(['Technical troubleshooting', 'Customer writing']);
        for (const row of matrix.rows) expect(row, 'a cell for every level, empty or not').toHaveLength(4);
        // Written in the level; the descriptor's label and indicators come with the value.
        expect(matrix.rows[0][1]).toBe('1 Basic Follows runbooks to resolve known issues.');
        expect(matrix.rows[0][2]).toBe('2 Intermediate Diagnoses issues that span two systems.');
        // L3 requires no troubleshooting and does not inherit: the cell is there, and empty.
        expect(matrix.rows[0][3]).toBe('');
        // L2 inherits L1's writing; the label of a value without a descriptor is the scale's.
        expect(matrix.rows[1][1]).toBe('1 Basic');
        expect(matrix.rows[1][2]).toBe('1 Basic (inherited from L1)');
        expect(matrix.rows[1][3]).toBe('3 Advanced Writes post-incident reviews.');
        const rowHeaders = byTag(tables[0], 'tbody').flatMap(b => byTag(b, 'th'));
        expect(rowHeaders.map(th => attr(th, 'scope'))).toEqual(['row', 'row']);
    });

    it('shows each level in order with its title, grade, scope, time in level as written, inheritance, duties and pay', async () => {
        const { root } = await pageOf(LADDER_JOB);
        const levels = byClass(root, 'section', 'career-level');
        expect(levels.map(l => text(byTag(l, 'h3')[0]))).toEqual(['L1: Support Engineer I', 'L2: Support Engineer II', 'L3: Senior Support Engineer']);
        const l1 = factsOf(byClass(levels[0], 'dl', 'facts')[0]);
        expect(l1).toMatchObject({ Grade: 'P1', Scope: 'Individual tickets', 'Time in level': '1–2 years', 'Duties’ shares of time': '100% in all (2 duties)' });
        const l2 = factsOf(byClass(levels[1], 'dl', 'facts')[0]);
        expect(l2['Time in level']).toBe('typically 18 months');
        expect(l2.Inherits).toBe('L1 (Support Engineer I)');
        // The inheritance is a link to the level it names.
        const link = byTag(byClass(levels[1], 'dl', 'facts')[0], 'a')[0];
        expect(attr(link, 'href')).toBe(`#${attr(levels[0], 'id')}`);
        const duties = tableOf(byClass(levels[0], 'table', 'duties')[0]);
        expect(duties.head).toEqual(['Duty', 'Share of time', 'Function']);
        expect(duties.rows).toEqual([['Resolves tier-1 tickets', '60%', 'Essential'], ['Writes knowledge base articles', '40%', 'Marginal']]);
        expect(text(byClass(levels[0], 'p', 'pay')[0])).toBe('Base salary: $52,000–$68,000 yearly or Hourly pay: $25.00 - $32.50 per hour');
        expect(byClass(levels[0], 'ul', 'proficiencies').map(text)).toEqual(['Technical troubleshooting: 1 Basic Customer writing: 1 Basic']);
    });

    it('writes requirements with their necessity as written, issuers and durations as written', async () => {
        const { root } = await pageOf(LADDER_JOB);
        const items = byTag(byClass(root, 'section', 'requirements')[0], 'li').map(text);
        expect(items).toEqual([
            'Experience: support experience three (3) years (essential)',
            'Experience: scripting 2+ years (desirable)',
            'Experience: team leadership 3–5 years',
            'Licence: Driving licence issued by DVLA (essential)',
            'Certification: CompTIA A+ issued by CompTIA (preferred)',
            'Degree in a technical field (desirable)',
        ]);
    });

    it('describes each competency\'s proficiency levels under it: value, label and indicators', async () => {
        const { root } = await pageOf(LADDER_JOB);
        const competency = sectionHeaded(root, 'Technical troubleshooting');
        const levels = byClass(competency, 'dl', 'proficiency-levels')[0];
        expect(byTag(levels, 'dt').map(text)).toEqual(['1 Basic', '2 Intermediate']);
        expect(byTag(levels, 'dd').map(text)).toEqual(['Follows runbooks to resolve known issues.', 'Diagnoses issues that span two systems.']);
        expect(text(competency)).toContain('Proficiency levels (Proficiency)');
        // Competencies that only describe proficiency get no table of empty weight cells.
        expect(byClass(root, 'table', 'competencies')).toHaveLength(0);
    });

    it('lists ladders in the index with their levels', () => {
        const html = exportHtmlIndex([
            { file: 'a.jobstd', href: 'a.html', title: 'Support Engineer', family: 'Support', levels: ['Support Engineer I', 'Support Engineer II', 'Principal'], errors: 0, warnings: 0 },
            { file: 'b.jobstd', href: 'b.html', title: 'Clerk', level: 'Entry', errors: 0, warnings: 0 },
        ]);
        const rows = tableOf(byClass(parse(html), 'table', 'index')[0]).rows;
        // No row has a code: the column is left out.
        expect(rows[0]).toEqual(['Clerk b.jobstd', '—', 'Entry', 'none']);
        expect(rows[1][2]).toBe('Ladder of 3 levels: Support Engineer I to Principal');
    });
});

describe('HTML export: a class specification', () => {
    it('marks a section\'s function once under its title and each duty\'s in the table; a weighted section says its share', async () => {
        const { root } = await pageOf(CLASS_SPEC_JOB);
        const essential = sectionHeaded(root, 'Essential functions');
        expect(factsOf(byClass(essential, 'dl', 'facts')[0])).toEqual({ Function: 'Essential' });
        expect(tableOf(byClass(essential, 'table', 'duties')[0]).rows).toEqual([
            ['Reviews building permit applications.', '35%', 'Essential'],
            ['Answers questions at the counter.', '25%', 'Essential'],
        ]);
        const other = sectionHeaded(root, 'Other duties');
        expect(factsOf(byClass(other, 'dl', 'facts')[0])).toMatchObject({ 'Share of time': '40%', Function: 'Marginal' });
        const facts = factsOf(byClass(root, 'dl', 'facts')[0]);
        expect(facts).toMatchObject({ Grade: '24', Occupation: '43-4031 Court, Municipal, and License Clerks (SOC 2018)', Status: 'In review' });
        expect(facts['Duties’ shares of time']).toBe('100% in all (3 duties)');
    });

    it('shows physical demands and working conditions with their frequency word and what it means', async () => {
        const { root } = await pageOf(CLASS_SPEC_JOB);
        const demands = tableOf(byTag(sectionHeaded(root, 'Physical demands'), 'table')[0]);
        expect(demands.head).toEqual(['Demand', 'Frequency']);
        expect(demands.rows).toEqual([
            ['Lifts boxes of up to 25 lbs', 'occasionally (up to a third of the time)'],
            ['Sits at a desk', 'constantly (more than two thirds of the time)'],
        ]);
        const conditions = tableOf(byTag(sectionHeaded(root, 'Working conditions'), 'table')[0]);
        expect(conditions.rows).toEqual([['Works in an office with moderate noise', 'frequently (a third to two thirds of the time)']]);
    });

    it('keeps a duty\'s share and mark in a numbered list', async () => {
        const { root } = await pageOf(`job "J" {
  section "Duties" numbered {
    "Processes weekly payroll" 35% essential
    "Files" marginal
  }
}
`);
        expect(byTag(byTag(root, 'ol')[0], 'li').map(text)).toEqual(['Processes weekly payroll (35%, essential)', 'Files (marginal)']);
    });
});

describe('HTML export: hostile text in the new fields', () => {
    it('escapes every new field: no markup of the writer reaches the page, and the reader sees the text as written', async () => {
        const { html, root } = await pageOf(HOSTILE_LADDER);
        expect(html).not.toMatch(/<script|<img|<b>/i);
        const seen = text(byTag(root, 'body')[0]);
        // Facts, the matrix, level headings and facts, duties, requirements, pay, demands and conditions.
        const places = [
            byClass(root, 'dl', 'facts')[0], ...byClass(root, 'table', 'proficiency-matrix'), ...byClass(root, 'section', 'career-level'),
            ...byClass(root, 'table', 'duties'), ...byClass(root, 'section', 'requirements'), ...byClass(root, 'p', 'pay'),
            ...byClass(root, 'table', 'conditions'), ...byClass(root, 'dl', 'proficiency-levels'),
        ];
        expect(places.length).toBeGreaterThanOrEqual(10);
        for (const place of places) expect(text(place)).toMatch(/<script>alert\(1\)<\/script>|"><img src=x onerror=alert\(1\)>|Tom's "best" & <b>boldest<\/b>/);
        const facts = factsOf(byClass(root, 'dl', 'facts')[0]);
        expect(facts.Grade).toBe(HOSTILE.img);
        expect(facts.Band).toBe(`Tom's best & <b>boldest</b>`);
        expect(facts.Occupation).toBe(`${HOSTILE.script} ${HOSTILE.img} (ISCO-08)`);
        expect(facts.Status).toBe(`Draft by ${HOSTILE.quotes}`);
        const matrix = tableOf(byClass(root, 'table', 'proficiency-matrix')[0]);
        expect(matrix.head).toEqual(['Competency', `L1: ${HOSTILE.img}`, `L2: ${HOSTILE.script}`]);
        expect(matrix.rows).toEqual([[HOSTILE.img, `1 ${HOSTILE.script} ${HOSTILE.quotes}`, `1 ${HOSTILE.script} (inherited from L1) ${HOSTILE.quotes}`]]);
        expect(text(byClass(root, 'p', 'pay')[0])).toBe(`${HOSTILE.script}: $1–$2 yearly or ${HOSTILE.img}: $3 per hour`);
        expect(seen).toContain(`Certification: ${HOSTILE.script} issued by ${HOSTILE.img} (preferred)`);
        expect(seen).toContain(`${HOSTILE.quotes} (desirable)`);
        expect(tableOf(byClass(root, 'table', 'conditions')[0]).rows).toEqual([[HOSTILE.script, 'rarely (less than 5% of the time)']]);
        // The only attributes are the exporter's own: level ids and the links to them among them.
        const attributes = all(root, n => (n.attrs ?? []).length > 0).flatMap(n => n.attrs!.map(a => `${a.name}=${a.value}`));
        for (const a of attributes) {
            expect(a).toMatch(/^(lang=en|charset=utf-8|name=viewport|content=width=device-width, initial-scale=1|class=[a-z0-9 -]+|id=job\d+-(group|level)\d+|href=#job\d+-(group|level)\d+|scope=(row|col)|width=\d+(\.\d)?|height=\d+|[xy]=0\.5|aria-hidden=true|focusable=false)$/);
        }
    });
});

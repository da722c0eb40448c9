import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'parse5';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/index.js';
import { exportHtmlIndex, type HtmlIndexEntry } from '../src/export/html-index.js';
import { exportFiles } from '../src/node/index.js';
import { HOSTILE } from './export-fixtures.js';
import { BIDI } from './export-html-fixtures.js';
import { NAMESAKES_INDEX } from './export-html-index-fixtures.js';

/**
 * The index of an HTML export as a reviewer reads it: which row is which document, which
 * columns say something, and where a findings count leads. The page is parsed; the tests
 * look at what is shown and linked, not at the markup's spelling.
 */

interface Element {
    nodeName: string;
    tagName?: string;
    value?: string;
    attrs?: Array<{ name: string; value: string }>;
    childNodes?: Element[];
}

function descendants(node: Element): Element[] {
    return (node.childNodes ?? []).flatMap(child => [child, ...descendants(child)]);
}

const attribute = (node: Element, name: string) => node.attrs?.find(a => a.name === name)?.value;
const tagged = (root: Element, tag: string) => descendants(root).filter(n => n.tagName === tag);
const cellsOf = (row: Element) => (row.childNodes ?? []).filter(c => c.tagName === 'th' || c.tagName === 'td');

/** What a reader sees: a line break reads as a space, runs of white space as one. */
function shown(node: Element): string {
    const raw = (n: Element): string => n.nodeName === '#text' ? n.value ?? '' : n.tagName === 'br' ? ' ' : (n.childNodes ?? []).map(raw).join('');
    return raw(node).replace(/\s+/g, ' ').trim();
}

/** The index's table of documents: its column heads and, per row, the title's link and each cell. */
function documentsOf(html: string) {
    const root = parse(html) as unknown as Element;
    const table = tagged(root, 'table').find(t => attribute(t, 'class') === 'index')!;
    const [head, ...rows] = tagged(table, 'tr');
    return {
        root,
        heads: cellsOf(head).map(shown),
        rows: rows.map(row => {
            const cells = cellsOf(row);
            const links = tagged(cells[0], 'a');
            const countLink = tagged(cells[cells.length - 1], 'a')[0];
            return {
                link: links.length > 0 ? shown(links[0]) : undefined,
                cells: cells.map(shown),
                findingsHref: countLink ? attribute(countLink, 'href') : undefined,
            };
        }),
    };
}

const entry = (file: string, title: string, more: Partial<HtmlIndexEntry> = {}): HtmlIndexEntry =>
    ({ file, href: file.replace(/\.jobstd$/, '.html'), title, errors: 0, warnings: 0, ...more });

describe('HTML index: documents of the same title', () => {
    it('tells namesakes apart by what differs (subtitle, job family) or else by their files, and leaves unique titles alone', () => {
        const { rows } = documentsOf(exportHtmlIndex(NAMESAKES_INDEX));
        expect(rows.map(r => r.link)).toEqual([
            'Cashier',
            `Clerk (${HOSTILE.img}, job family Office)`,
            'Clerk (job family Retail)',
            'Porter (jobs/a/porter.jobstd)',
            'PORTER (jobs/b/porter.jobstd)',
            'Teller',
            'Usher',
        ]);
    });

    it('names a ladder by its levels and a job by its code when that is what differs', () => {
        const { rows } = documentsOf(exportHtmlIndex([
            entry('a.jobstd', 'Support Engineer', { levels: ['I', 'II', 'III'] }),
            entry('b.jobstd', 'Support Engineer', { level: 'Senior' }),
            entry('c.jobstd', 'Support Engineer', { level: 'Senior', code: 'SE-3' }),
        ]));
        expect(rows.map(r => r.link)).toEqual([
            'Support Engineer (ladder of 3 levels)',
            'Support Engineer (level Senior)',
            'Support Engineer (code SE-3, level Senior)',
        ]);
    });

    it('keeps the note\'s user text escaped and isolated', () => {
        const html = exportHtmlIndex(NAMESAKES_INDEX);
        expect(html).toContain(`<span class="variant">(${escapeHtml(HOSTILE.img)}, job family Office)</span>`);
        expect(html).not.toContain(HOSTILE.img);
        const rtl = exportHtmlIndex([entry('a.jobstd', 'Clerk', { family: BIDI.hebrew }), entry('b.jobstd', 'Clerk')]);
        expect(rtl).toContain(`<span class="variant">(job family <bdi>${BIDI.hebrew}</bdi>)</span>`);
    });
});

describe('HTML index: columns', () => {
    it('leaves out a column that no row fills', () => {
        expect(documentsOf(exportHtmlIndex(NAMESAKES_INDEX)).heads).toEqual(['Title and source', 'Code', 'Job family', 'Findings']);
        const bare = documentsOf(exportHtmlIndex([entry('a.jobstd', 'Porter'), entry('b.jobstd', 'Clerk', { code: '' })]));
        expect(bare.heads).toEqual(['Title and source', 'Findings']);
        expect(bare.rows.map(r => r.cells)).toEqual([['Clerk b.jobstd', 'none'], ['Porter a.jobstd', 'none']]);
    });

    it('keeps a column one row fills, with a dash in the others', () => {
        const { heads, rows } = documentsOf(exportHtmlIndex([entry('a.jobstd', 'Porter'), entry('b.jobstd', 'Engineer', { levels: ['I', 'II'] })]));
        expect(heads).toEqual(['Title and source', 'Level', 'Findings']);
        expect(rows.map(r => r.cells[1])).toEqual(['Ladder of 2 levels: I to II', '—']);
    });
});

describe('HTML index: findings', () => {
    it('links each count to that document\'s findings in the index, and a document without findings to nothing', () => {
        const { rows, root } = documentsOf(exportHtmlIndex(NAMESAKES_INDEX));
        expect(rows.map(r => [r.cells.at(-1), r.findingsHref])).toEqual([
            ['1 note', '#findings-jobs-cashier'],
            ['2 errors', '#findings-jobs-office-clerk'],
            ['1 warning', '#findings-jobs-retail-clerk'],
            ['none', undefined],
            ['none', undefined],
            // Two files whose names fold alike: the second in the order of files takes -2.
            ['1 warning', '#findings-jobs-a-b'],
            ['1 warning', '#findings-jobs-a-b-2'],
        ]);
        const ids = descendants(root).map(n => attribute(n, 'id')).filter(id => id !== undefined);
        expect(new Set(ids).size).toBe(ids.length);
        for (const { findingsHref } of rows.filter(r => r.findingsHref)) {
            expect(ids.filter(id => `#${id}` === findingsHref), findingsHref).toHaveLength(1);
        }
    });

    it('lists a document\'s findings by line under its title: line:column, severity, rule, message', () => {
        const { root } = documentsOf(exportHtmlIndex(NAMESAKES_INDEX));
        const section = descendants(root).find(n => attribute(n, 'id') === 'findings-jobs-office-clerk')!;
        expect(shown(tagged(section, 'h3')[0])).toBe(`Clerk (${HOSTILE.img}, job family Office)`);
        expect(attribute(tagged(tagged(section, 'h3')[0], 'a')[0], 'href')).toBe('office/clerk.html');
        expect(tagged(tagged(section, 'tbody')[0], 'tr').map(r => cellsOf(r).map(shown))).toEqual([
            ['2:10', 'error', 'unresolved-reference', 'Unresolved reference: no competency named \'Nothing\'.'],
            ['9:1', 'error', HOSTILE.quotes, BIDI.override],
        ]);
        // Headings go h1, h2, h3: the findings are a part of the index, each document a part of them.
        expect([...exportHtmlIndex(NAMESAKES_INDEX).matchAll(/<h([1-6])>/g)].map(m => m[1]).join('')).toMatch(/^12(3)+$/);
    });

    it('escapes and isolates what the findings say', () => {
        const html = exportHtmlIndex(NAMESAKES_INDEX);
        expect(html).not.toMatch(/<script|<img|<b>/i);
        expect(html).toContain(`Placeholder ${escapeHtml(HOSTILE.script)}`);
        expect(html).toContain(`<code>${escapeHtml(HOSTILE.quotes)}</code>`);
        expect(html).toContain(`<td><bdi>${escapeHtml(BIDI.override)}</bdi></td>`);
        expect(html.replace(/<bdi>[\s\S]*?<\/bdi>/g, '')).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    });

    it('gives the same bytes whatever order the documents come in, and keeps a document\'s link when others are added', () => {
        const html = exportHtmlIndex(NAMESAKES_INDEX);
        expect(exportHtmlIndex([...NAMESAKES_INDEX].reverse())).toBe(html);
        const more = exportHtmlIndex([...NAMESAKES_INDEX, entry('jobs/0.jobstd', 'Zebra keeper', {
            warnings: 1, findings: [{ line: 1, column: 1, severity: 'warning', code: 'x', message: 'y' }],
        })]);
        const hrefs = (page: string) => documentsOf(page).rows.map(r => r.findingsHref);
        expect(hrefs(more).slice(0, -1)).toEqual(hrefs(html));
        expect(hrefs(more).at(-1)).toBe('#findings-jobs-0');
    });

    it('has no findings section when no document has findings listed', () => {
        const html = exportHtmlIndex([entry('a.jobstd', 'Porter'), entry('b.jobstd', 'Clerk', { errors: 1 })]);
        expect(html).not.toContain('<h2>');
        expect(documentsOf(html).rows.map(r => [r.cells.at(-1), r.findingsHref])).toEqual([['1 error', undefined], ['none', undefined]]);
    });
});

const CLEAN = `job "Records Clerk" {
  family "Office"
  summary "Keeps the records in order."
}
`;
const SAME_TITLE = `job "Records Clerk" {
  family "Retail"
  section "Duties" {
    "Balances xx drawers a day"
  }
}
`;
const BROKEN = `job "Records Clerk" {
  section "Competencies" {
    uses Nothing
  }
}
`;

describe('exportFiles: the index.html', () => {
    let root: string;
    const put = (relative: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
        writeFileSync(path.join(root, relative), text);
    };
    beforeEach(() => {
        root = mkdtempSync(path.join(os.tmpdir(), 'jobstd-index-'));
    });
    afterEach(() => {
        rmSync(root, { recursive: true, force: true });
    });

    it('lists what the run exported: namesakes told apart, a count linked to the findings listed below', async () => {
        put('jobs/office/clerk.jobstd', CLEAN);
        put('jobs/retail/clerk.jobstd', SAME_TITLE);
        const report = await exportFiles(['jobs'], { cwd: root, format: 'html', outDir: 'site' });
        expect(report.index).toBe(path.join('site', 'index.html'));
        const html = readFileSync(path.join(root, 'site/index.html'), 'utf8');
        const { heads, rows, root: page } = documentsOf(html);
        expect(heads).toEqual(['Title and source', 'Job family', 'Findings']);
        expect(rows.map(r => [r.link, r.cells.at(-1), r.findingsHref])).toEqual([
            ['Records Clerk (job family Office)', 'none', undefined],
            ['Records Clerk (job family Retail)', '1 warning', '#findings-jobs-retail-clerk'],
        ]);
        const section = descendants(page).find(n => attribute(n, 'id') === 'findings-jobs-retail-clerk')!;
        expect(tagged(section, 'tr').slice(1).map(r => cellsOf(r).map(shown)))
            .toEqual([['4:15', 'warning', 'placeholder', 'Unfilled placeholder \'xx\' (a number still to be filled in).']]);
    });

    it('keeps the index of an earlier run when this run exported nothing, and says so in its report', async () => {
        put('clerk.jobstd', CLEAN);
        await exportFiles(['clerk.jobstd'], { cwd: root, format: 'html', outDir: 'site' });
        const before = readFileSync(path.join(root, 'site/index.html'), 'utf8');
        put('clerk.jobstd', BROKEN);
        const report = await exportFiles(['clerk.jobstd'], { cwd: root, format: 'html', outDir: 'site' });
        expect(report.written).toEqual([]);
        expect(report.index).toBeUndefined();
        expect(report.indexKept).toEqual({ file: path.join('site', 'index.html'), exists: true });
        expect(readFileSync(path.join(root, 'site/index.html'), 'utf8')).toBe(before);
        expect(before).toContain('href="clerk.html"');
    });

    it('writes no index, and creates no folder, when the first run exports nothing', async () => {
        put('clerk.jobstd', BROKEN);
        const report = await exportFiles(['clerk.jobstd'], { cwd: root, format: 'html', outDir: 'site' });
        expect(report.indexKept).toEqual({ file: path.join('site', 'index.html'), exists: false });
        expect(existsSync(path.join(root, 'site'))).toBe(false);
    });
});

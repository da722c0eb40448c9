/// <reference lib="dom" />
// The page.evaluate callbacks below run in Chromium and use its DOM.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { exportHtml } from '../src/index.js';
import { build } from './helpers.js';
import { contextOf, exampleFiles, readExample } from './export-fixtures.js';
import { brokenWords, isPageNumberLine, pdfPageCount, pdfPages, squash, which, wordsOf } from './print-helpers.js';

/**
 * Every example's HTML export printed from Chromium on A4 and on Letter, checked for what a manager
 * holding the paper would notice: something cut off at the right edge, a heading alone at the foot
 * of a page, a signature block or a short table torn across two pages, a word broken mid-word.
 * The PDFs are kept in test-results/print for a person to look at.
 */

const resultsDir = join(__dirname, '../test-results/print');
const chromiumPath = which('chromium');
const pdftotextPath = which('pdftotext');
// CI installs chromium and poppler (.ci/run): there a missing tool fails the test instead of skipping it.
const missing = (!chromiumPath || !pdftotextPath) && !process.env.CI;
const browserArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Paper sizes in millimetres; the margins come from the export's own @page rule. */
const PAPER = { A4: { width: 210, height: 297 }, Letter: { width: 215.9, height: 279.4 } } as const;
type Format = keyof typeof PAPER;
const PX_PER_MM = 96 / 25.4;

/** The examples' HTML, by output file name. */
const documents = new Map<string, string>();

function writeAtomically(path: string, content: string | Uint8Array): void {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, content);
    renameSync(temporary, path);
}

const urlOf = (name: string) => pathToFileURL(join(resultsDir, name)).href;

beforeAll(async () => {
    const files = exampleFiles();
    // All examples together, so that a job's `uses` resolve against the library file.
    const built = await build(files.map(readExample));
    mkdirSync(resultsDir, { recursive: true });
    for (const [i, document] of built.entries()) {
        const name = `${basename(files[i], '.jobstd')}.html`;
        const html = exportHtml(document.parseResult.value, contextOf(document, `examples/${files[i]}`));
        documents.set(name, html);
        writeAtomically(join(resultsDir, name), html);
    }
}, 60_000);

/** The page margins the export asks for in its @page rule, in CSS pixels: [top, right, bottom, left]. */
async function pageMargins(context: BrowserContext, name: string): Promise<number[]> {
    const page = await context.newPage();
    try {
        await page.goto(urlOf(name));
        const margins = await page.evaluate(() => {
            for (const sheet of Array.from(document.styleSheets)) {
                for (const rule of Array.from(sheet.cssRules)) {
                    if (rule instanceof CSSPageRule && !rule.selectorText && rule.style.marginLeft) {
                        return [rule.style.marginTop, rule.style.marginRight, rule.style.marginBottom, rule.style.marginLeft];
                    }
                }
            }
            return undefined;
        });
        expect(margins, `${name}: no @page rule with margins`).toBeDefined();
        return margins!.map(m => {
            const match = /^([\d.]+)mm$/.exec(m);
            expect(match, `${name}: @page margin ${m} is not in mm`).not.toBeNull();
            return Number(match![1]) * PX_PER_MM;
        });
    } finally {
        await page.close();
    }
}

/** The content box of a printed page, in CSS pixels. */
async function contentBox(context: BrowserContext, name: string, format: Format): Promise<{ width: number; height: number }> {
    const [top, right, bottom, left] = await pageMargins(context, name);
    return { width: PAPER[format].width * PX_PER_MM - left - right, height: PAPER[format].height * PX_PER_MM - top - bottom };
}

describe.skipIf(missing)('HTML export printed from Chromium', () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
        expect(chromiumPath, 'chromium is not installed (apt-get install -y chromium)').toBeDefined();
        expect(pdftotextPath, 'pdftotext is not installed (apt-get install -y poppler-utils)').toBeDefined();
        // launch() gives the browser a fresh, temporary user-data-dir of its own.
        browser = await chromium.launch({ executablePath: chromiumPath, args: browserArgs });
    }, 60_000);
    afterAll(async () => {
        await browser?.close();
    });

    describe.each(Object.keys(PAPER) as Format[])('on %s', (format) => {
        it('lays every element and every piece of text inside the page\'s content box, and inside its table cell', async () => {
            const context = await browser!.newContext();
            try {
                const overflows: string[] = [];
                let measured = 0;
                for (const name of documents.keys()) {
                    const box = await contentBox(context, name, format);
                    // The page as the printer lays it out: print styles, at the width between the margins.
                    const page = await context.newPage();
                    await page.setViewportSize({ width: Math.floor(box.width), height: Math.floor(box.height) });
                    await page.emulateMedia({ media: 'print' });
                    await page.goto(urlOf(name));
                    const found = await page.evaluate((width) => {
                        const out: string[] = [];
                        let count = 0;
                        const label = (node: Node) => {
                            const element = node instanceof Element ? node : node.parentElement!;
                            const tag = `${element.tagName.toLowerCase()}${element.classList.length ? '.' + Array.from(element.classList).join('.') : ''}`;
                            return `${tag} "${(node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
                        };
                        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
                        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                            let rects: DOMRect[];
                            if (node instanceof Element) rects = [node.getBoundingClientRect()];
                            else {
                                if (!node.textContent?.trim()) continue;
                                const range = document.createRange();
                                range.selectNodeContents(node);
                                rects = Array.from(range.getClientRects());
                            }
                            for (const r of rects) {
                                if (r.width === 0 && r.height === 0) continue;
                                count++;
                                if (r.left < -0.5 || r.right > width + 0.5) {
                                    out.push(`${label(node)}: ${r.left.toFixed(1)}–${r.right.toFixed(1)}px, the page has 0–${width.toFixed(1)}px`);
                                    break;
                                }
                                // A long word or a bar pushed out of its cell overprints the next column.
                                const cell: Element | null | undefined = node.parentElement?.closest('td, th');
                                if (cell && cell !== node) {
                                    const c = cell.getBoundingClientRect();
                                    if (r.left < c.left - 0.5 || r.right > c.right + 0.5) {
                                        out.push(`${label(node)}: ${r.left.toFixed(1)}–${r.right.toFixed(1)}px, its cell has ${c.left.toFixed(1)}–${c.right.toFixed(1)}px`);
                                        break;
                                    }
                                }
                            }
                        }
                        if (document.documentElement.scrollWidth > Math.ceil(width) + 1) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
                        return { out, count };
                    }, Math.floor(box.width));
                    measured += found.count;
                    overflows.push(...found.out.map(o => `${name}: ${o}`));
                    await page.close();
                }
                // Not a vacuous pass: the boxes of every example were measured.
                expect(measured).toBeGreaterThan(1000);
                expect(overflows).toEqual([]);
            } finally {
                await context.close();
            }
        }, 180_000);

        it('prints the same pages twice, never ends a page with a heading, keeps signatures and short tables whole, and breaks no word', async () => {
            const context = await browser!.newContext();
            try {
                const problems: string[] = [];
                let kept = 0;
                for (const name of documents.keys()) {
                    const box = await contentBox(context, name, format);
                    const print = async () => {
                        const page = await context.newPage();
                        await page.goto(urlOf(name));
                        const pdf = await page.pdf({ format, printBackground: true });
                        await page.close();
                        return pdf;
                    };
                    const pdf = await print();
                    const again = await print();
                    writeAtomically(join(resultsDir, name.replace(/\.html$/, `-${format.toLowerCase()}.pdf`)), pdf);
                    const count = pdfPageCount(pdf);
                    if (pdfPageCount(again) !== count) problems.push(`${name}: ${count} pages, then ${pdfPageCount(again)} printed again`);

                    // What the page says, read in print layout at the page's width.
                    const page = await context.newPage();
                    await page.setViewportSize({ width: Math.floor(box.width), height: Math.floor(box.height) });
                    await page.emulateMedia({ media: 'print' });
                    await page.goto(urlOf(name));
                    const facts = await page.evaluate((height) => {
                        const text = (e: Element) => (e.textContent ?? '').replace(/\s+/g, ' ').trim();
                        const squashed = (t: string) => t.replace(/\s+/g, ' ').trim();
                        const body = squashed(document.body.innerText);
                        const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
                        /**
                         * A text that stands for an element on the printed page: its first words, and which of
                         * their occurrences in the page's text it is, so that a repeated caption is told apart.
                         */
                        const probe = (e: Element | null | undefined, words: number) => {
                            if (!e) return undefined;
                            const needle = text(e).split(' ').slice(0, words).join(' ');
                            if (needle.length < 3) return undefined;
                            const before = document.createRange();
                            before.setStart(document.body, 0);
                            before.setEndBefore(e);
                            return { needle, index: count(squashed(before.toString()), needle), of: count(body, needle) };
                        };
                        const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, caption, p.term, p.behaviours-label')).map(text);
                        const tableHeads = Array.from(document.querySelectorAll('thead')).map(text);
                        const signatures = Array.from(document.querySelectorAll('.signatures')).map(block =>
                            Array.from(block.querySelectorAll('.signature-label')).filter(l => text(l) !== 'Date').map(l => probe(l, 6)));
                        // A short table: a third of a page or less. Its caption and the first cell of its
                        // first and last rows stand for it on the printed page.
                        const tables = Array.from(document.querySelectorAll('table'))
                            .filter(t => t.getBoundingClientRect().height <= height / 3)
                            .map(t => {
                                const rows = t.querySelectorAll('tbody tr');
                                return [probe(t.querySelector('caption'), 4), probe(rows[0]?.firstElementChild, 2), probe(rows[rows.length - 1]?.firstElementChild, 2)];
                            });
                        return { headings, tableHeads, signatures, tables, text: document.body.innerText, title: document.title };
                    }, box.height);
                    await page.close();

                    const title = squash(facts.title).slice(0, 12);
                    const pages = pdfPages(pdf).map((text, p) => {
                        const lines = text.split('\n').filter(line => line.trim() !== '' && !isPageNumberLine(line));
                        // From the second page on, the first line is the running header: title and revision.
                        return p > 0 && lines.length > 0 && squash(lines[0]).startsWith(title) ? lines.slice(1) : lines;
                    });
                    const squashed = pages.map(lines => squash(lines.join(' ')));
                    const sorted = (text: string) => wordsOf(text).sort().join(' ');
                    const headings = new Set(facts.headings.map(squash));
                    // A table's header row laid out in columns interleaves its cells' lines: compared as words.
                    const tableHeads = new Set(facts.tableHeads.map(sorted).filter(w => w !== ''));
                    /** The heading (or table header) that the last lines of a page are, if they are one. */
                    const headingAtFoot = (lines: string[]) => {
                        for (let k = 1; k <= Math.min(6, lines.length); k++) {
                            const tail = lines.slice(-k);
                            // A heading wrapped over two or three lines.
                            if (k <= 3 && headings.has(squash(tail.join(' ')))) return squash(tail.join(' '));
                            if (tableHeads.has(sorted(tail.join(' ')))) return `table header ${squash(tail.join(' '))}`;
                        }
                        return undefined;
                    };
                    pages.forEach((lines, p) => {
                        if (p === pages.length - 1 || lines.length === 0) return;
                        const heading = headingAtFoot(lines);
                        if (heading) problems.push(`${name}: page ${p + 1} of ${pages.length} ends with the heading "${heading}"`);
                        // A heading with a single line under it, the rest of its section over the page.
                        const next = pages[p + 1];
                        const above = headingAtFoot(lines.slice(0, -1));
                        if (above && !above.startsWith('table header') && next.length > 0 && !headingAtFoot([next[0]])) {
                            problems.push(`${name}: page ${p + 1} of ${pages.length} ends with the heading "${above}" and one line under it`);
                        }
                    });
                    /** The page an element is printed on, told by its probe; undefined when the printed text cannot tell. */
                    const pageOf = (probe: { needle: string; index: number; of: number } | null | undefined) => {
                        if (!probe) return undefined;
                        const needle = squash(probe.needle);
                        const occurrences = squashed.flatMap((text, p) => Array<number>(text.split(needle).length - 1).fill(p));
                        return occurrences.length === probe.of ? occurrences[probe.index] : undefined;
                    };
                    for (const group of [...facts.signatures, ...facts.tables]) {
                        const on = group.map(pageOf);
                        // A block whose texts the printed page cannot place is not judged.
                        if (on.length < 2 || on.some(p => p === undefined)) continue;
                        kept++;
                        if (new Set(on).size > 1) problems.push(`${name}: split across pages ${[...new Set(on)].map(p => p! + 1).join(' and ')}: ${group.map(g => `"${g!.needle}"`).join(', ')}`);
                    }
                    // The running header says the title and the revision; the footer is left out above.
                    const known = `${facts.text} ${facts.title} Revised`;
                    problems.push(...brokenWords(known, pages.map(lines => lines.join('\n'))).map(b => `${name}: a word broken or not in the document: ${b}`));
                }
                expect(problems).toEqual([]);
                expect(kept, 'signature blocks and short tables found on the printed pages').toBeGreaterThan(10);
            } finally {
                await context.close();
            }
        }, 300_000);
    });
});

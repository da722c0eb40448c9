import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocx, exportJson, type ElementJson, type IncentiveClauseJson } from '../src/index.js';
import { build } from './helpers.js';
import { contextOf, exampleFiles, readExample } from './export-fixtures.js';
import { brokenWords, isPageNumberLine, pdfPages, squash, which, wordsOf } from './print-helpers.js';

/**
 * Every example's Word export as a reader gets it on paper: converted to PDF by LibreOffice and
 * read back with pdftotext. No word is broken mid-word in a narrow column, a pair of signatures
 * stays on one page, and no page ends with a heading or a table's caption.
 * The PDFs are kept in test-results/print-docx for a person to look at.
 */

const soffice = which('soffice');
const pdftotextPath = which('pdftotext');
const resultsDir = join(__dirname, '../test-results/print-docx');
const files = exampleFiles();

interface Converted {
    file: string;
    /** What mammoth, reading the .docx as Word would, finds as its text. */
    text: string;
    /** The paragraphs styled as headings or captions, as written. */
    headings: string[];
    /** Runs of signatures next to each other, by label: each run belongs on one page. */
    signatureRuns: string[][];
    pages: string[][];
}

const converted = new Map<string, Converted>();
let folder: string | undefined;

/** Signatures written one after the other, at any depth of sections and incentives. */
function signatureRuns(elements: Array<ElementJson | IncentiveClauseJson>): string[][] {
    const runs: string[][] = [];
    let run: string[] = [];
    for (const element of elements) {
        if (element.kind === 'signature') { run.push(element.label); continue; }
        if (run.length > 1) runs.push(run);
        run = [];
        if (element.kind === 'section' || element.kind === 'role') runs.push(...signatureRuns(element.elements));
        if (element.kind === 'incentive') runs.push(...signatureRuns(element.clauses));
    }
    if (run.length > 1) runs.push(run);
    return runs;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of every paragraph styled as the title, a heading or a caption, in document order. */
function headingsOf(xml: string): string[] {
    const paragraphs = xml.split(/<w:p[ >]/).slice(1).map(p => p.slice(0, p.indexOf('</w:p>')));
    return paragraphs
        .filter(p => /<w:pStyle w:val="(?:Title|Heading\d|Caption)"\/>/.test(p))
        .map(p => squash([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map(m => m[1]).join('')
            .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (_, e: string) => e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16))
                : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e] ?? `&${e};`)))
        .filter(h => h !== '');
}

beforeAll(async () => {
    if (!soffice || !pdftotextPath) return;
    folder = mkdtempSync(join(tmpdir(), 'jobstd-docx-print-'));
    // All examples together, so that a job's `uses` resolve against the library file.
    const documents = await build(files.map(readExample));
    const inputs: string[] = [];
    const pending = new Map<string, Omit<Converted, 'pages'>>();
    for (const [i, document] of documents.entries()) {
        const context = contextOf(document, `examples/${files[i]}`);
        const bytes = await exportDocx(document.parseResult.value, context);
        const input = join(folder, files[i].replace(/\.jobstd$/, '.docx'));
        writeFileSync(input, bytes);
        inputs.push(input);
        const xml = Buffer.from(unzipSync(bytes)['word/document.xml']).toString('utf8');
        const json = exportJson(document.parseResult.value, context);
        pending.set(files[i], {
            file: files[i],
            text: (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value,
            headings: headingsOf(xml),
            signatureRuns: json.jobs.flatMap(j => signatureRuns(j.elements)),
        });
    }
    // One LibreOffice for every file: its start-up is most of the time. A profile of its own, so
    // that two runs at once (or a LibreOffice the user has open) do not share one.
    execFileSync(soffice, [`-env:UserInstallation=file://${folder}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', folder, ...inputs],
        { timeout: 600_000, stdio: 'pipe' });
    mkdirSync(resultsDir, { recursive: true });
    for (const [file, entry] of pending) {
        const pdf = join(folder, file.replace(/\.jobstd$/, '.pdf'));
        if (!existsSync(pdf)) continue;
        copyFileSync(pdf, join(resultsDir, basename(pdf)));
        const title = squash(entry.headings[0] ?? '').slice(0, 12);
        const pages = pdfPages(readFileSync(pdf)).map(text => {
            const lines = text.split('\n').filter(line => line.trim() !== '' && !isPageNumberLine(line));
            // The running header (title, revision) opens every page.
            return lines.length > 0 && title !== '' && squash(lines[0]).startsWith(title) && !squash(lines[0]).startsWith(squash(entry.headings[0])) ? lines.slice(1) : lines;
        });
        converted.set(file, { ...entry, pages });
    }
}, 660_000);

afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
});

const skip = !soffice || !pdftotextPath;
const why = skip ? ' (SKIPPED: soffice, from LibreOffice, or pdftotext is not installed; apt-get install -y libreoffice-writer-nogui poppler-utils)' : '';

describe('Word export printed through LibreOffice', () => {
    it.skipIf(skip && !process.env.CI)(`converts every example to a PDF${why}`, () => {
        expect(soffice, 'soffice is not installed (apt-get install -y libreoffice-writer-nogui)').toBeDefined();
        expect([...converted.keys()]).toEqual(files);
        for (const { file, pages } of converted.values()) expect(pages.length, file).toBeGreaterThan(0);
    });

    it.skipIf(skip && !process.env.CI).each(files)(`%s: every word of the document is printed whole${why}`, (file) => {
        const entry = converted.get(file);
        expect(entry, `${file} was not converted`).toBeDefined();
        // The running header says the title and the revision date.
        const known = `${entry!.text} Revised ${entry!.headings[0] ?? ''}`;
        const broken = brokenWords(known, entry!.pages.map(lines => lines.join('\n')));
        expect(broken).toEqual([]);
        // Not a vacuous pass: the printed pages hold the document's words.
        expect(new Set(entry!.pages.flatMap(lines => wordsOf(lines.join(' ')))).size).toBeGreaterThan(new Set(wordsOf(entry!.text)).size * 0.8);
    });

    it.skipIf(skip && !process.env.CI).each(files)(`%s: no page ends with a heading or a caption, and signatures written together are on one page${why}`, (file) => {
        const entry = converted.get(file);
        expect(entry, `${file} was not converted`).toBeDefined();
        const { pages, headings } = entry!;
        const problems: string[] = [];
        const known = new Set(headings);
        pages.forEach((lines, p) => {
            if (p === pages.length - 1 || lines.length === 0) return;
            for (let k = 1; k <= Math.min(3, lines.length); k++) {
                // A heading wrapped over two or three lines leaves its end at the foot.
                const tail = squash(lines.slice(-k).join(' '));
                if (known.has(tail)) problems.push(`page ${p + 1} of ${pages.length} ends with the heading "${tail}"`);
            }
        });
        const squashed = pages.map(lines => squash(lines.join(' ')));
        for (const run of entry!.signatureRuns) {
            // Only labels printed once can say where they are.
            const on = run.map(label => squashed.flatMap((text, p) => Array<number>(text.split(squash(label)).length - 1).fill(p)));
            if (on.some(pagesOf => pagesOf.length !== 1)) continue;
            if (new Set(on.flat()).size > 1) problems.push(`the signatures ${run.map(l => `"${l}"`).join(', ')} are split across pages ${[...new Set(on.flat())].map(p => p + 1).join(' and ')}`);
        }
        expect(problems).toEqual([]);
    });
});

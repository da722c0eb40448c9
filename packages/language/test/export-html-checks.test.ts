import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { exportHtml } from '../src/index.js';
import { exportHtmlIndex, htmlIndexEntry, type HtmlIndexEntry } from '../src/export/html-index.js';
import { build } from './helpers.js';
import { contextOf, EVERYTHING, exampleFiles, HOSTILE_JOB, readExample } from './export-fixtures.js';
import { BIDI_JOB, CLASS_SPEC_JOB, HOSTILE_INDEX, HOSTILE_LADDER, LADDER_JOB } from './export-html-fixtures.js';
import { NAMESAKES_INDEX } from './export-html-index-fixtures.js';

/**
 * The HTML export checked the way a user would: every example (and the index) through the
 * W3C Nu HTML Checker and axe-core in Chromium, compared with golden files, and the 002
 * translation printed to PDF (A4 and Letter) and photographed, for a person to look at.
 */

const resultsDir = join(__dirname, '../test-results/html');
const goldenDir = join(__dirname, 'golden/html');
const vnuJar = join(__dirname, '../../../node_modules/vnu-jar/build/dist/vnu.jar');
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * Another run of the suite (a second terminal, a watcher) may write the same files at the same
 * time: each file appears whole, never half-written under a checker's eyes.
 */
function writeAtomically(path: string, content: string | Uint8Array): void {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, content);
    renameSync(temporary, path);
}

function which(command: string): string | undefined {
    try {
        return execSync(`command -v ${command}`, { encoding: 'utf8', shell: '/bin/sh' }).trim() || undefined;
    } catch {
        return undefined;
    }
}

const javaPath = which('java');
const chromiumPath = which('chromium');
const pdftoppmPath = which('pdftoppm');
// CI installs java, chromium and poppler (.ci/run): there a missing tool fails the test instead of skipping it.
const skipWithout = (tool: string | undefined) => !tool && !process.env.CI;

/** Every page the checks look at, by output file name: the examples, the index and the fixtures. */
const pages = new Map<string, string>();

beforeAll(async () => {
    const files = exampleFiles();
    const documents = await build(files.map(readExample));
    const entries: HtmlIndexEntry[] = [];
    for (const [i, document] of documents.entries()) {
        const context = contextOf(document, `examples/${files[i]}`);
        const name = `${basename(files[i], '.jobstd')}.html`;
        pages.set(name, exportHtml(document.parseResult.value, context));
        // The entry the export itself makes: the golden index is the one users get.
        entries.push(htmlIndexEntry(document.parseResult.value, { file: context.file, href: name, findings: context.findings }));
    }
    pages.set('index.html', exportHtmlIndex(entries));
    const [everything] = await build([EVERYTHING]);
    // The fixtures carry the reviewers' appendix, so its findings table is checked too.
    pages.set('fixture-everything.html', exportHtml(everything.parseResult.value, { ...contextOf(everything, 'fixtures/everything.jobstd'), findingsAppendix: true }));
    const [hostile] = await build([HOSTILE_JOB]);
    pages.set('fixture-hostile.html', exportHtml(hostile.parseResult.value, { ...contextOf(hostile, 'fixtures/hostile.jobstd'), findingsAppendix: true }));
    const [bidi] = await build([BIDI_JOB]);
    pages.set('fixture-bidi.html', exportHtml(bidi.parseResult.value, contextOf(bidi, 'fixtures/bidi.jobstd')));
    pages.set('fixture-hostile-index.html', exportHtmlIndex(HOSTILE_INDEX));
    // Namesakes, hostile findings and links to them: the index's notes and findings section checked too.
    pages.set('fixture-namesakes-index.html', exportHtmlIndex(NAMESAKES_INDEX));
    for (const [name, text] of [['fixture-ladder.html', LADDER_JOB], ['fixture-class-spec.html', CLASS_SPEC_JOB], ['fixture-hostile-ladder.html', HOSTILE_LADDER]]) {
        const [document] = await build([text]);
        pages.set(name, exportHtml(document.parseResult.value, contextOf(document, `fixtures/${name.replace(/\.html$/, '.jobstd')}`)));
    }
    mkdirSync(resultsDir, { recursive: true });
    for (const [name, html] of pages) writeAtomically(join(resultsDir, name), html);
}, 60_000);

describe('HTML export: golden files', () => {
    it('matches the golden file of every example and of the index (UPDATE_GOLDEN=1 rewrites them)', () => {
        if (update) mkdirSync(goldenDir, { recursive: true });
        const names = [...pages.keys()].filter(n => !n.startsWith('fixture-'));
        expect(names.length).toBeGreaterThan(exampleFiles().length);
        for (const name of names) {
            const golden = join(goldenDir, name);
            if (update) writeFileSync(golden, pages.get(name)!);
            expect(existsSync(golden), `${golden} is missing: run the tests with UPDATE_GOLDEN=1`).toBe(true);
            expect(pages.get(name), name).toBe(readFileSync(golden, 'utf8'));
        }
        // A golden file whose example is gone is stale.
        expect(readdirSync(goldenDir).sort()).toEqual(names.sort());
    });
});

describe('HTML export: outline', () => {
    it('has one h1 and no skipped heading level on every page', () => {
        for (const [name, html] of pages) {
            const levels = [...html.matchAll(/<h([1-6])>/g)].map(m => Number(m[1]));
            expect(levels.filter(l => l === 1), name).toHaveLength(1);
            expect(levels[0], name).toBe(1);
            levels.forEach((level, i) => {
                if (i > 0) expect(level, `${name}: h${levels[i - 1]} then h${level}`).toBeLessThanOrEqual(levels[i - 1] + 1);
            });
        }
    });
});

describe('HTML export: W3C Nu HTML Checker', () => {
    const title = 'every example, the index and the fixtures have no errors';
    it.skipIf(skipWithout(javaPath))(javaPath ? title : `${title} (SKIPPED: java is not installed; apt-get install -y default-jre-headless)`, () => {
        expect(javaPath, 'java is not installed (apt-get install -y default-jre-headless)').toBeDefined();
        const files = [...pages.keys()].map(n => join(resultsDir, n));
        // One run over every file: the checker's start-up is most of its time.
        let output: string;
        try {
            output = execFileSync('java', ['-jar', vnuJar, '--format', 'json', '--stdout', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        } catch (error) {
            // vnu exits non-zero when it reports errors; the report is still on stdout.
            output = (error as { stdout?: string }).stdout ?? '';
            if (!output) throw error;
        }
        const messages = (JSON.parse(output) as { messages: Array<{ type: string; subType?: string; url?: string; message: string; extract?: string }> }).messages;
        const errors = messages.filter(m => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
        const warnings = messages.filter(m => m.subType === 'warning');
        writeFileSync(join(resultsDir, 'vnu.json'), JSON.stringify(messages, null, 2));
        expect(errors.map(m => `${basename(m.url ?? '')}: ${m.message} ${m.extract ?? ''}`)).toEqual([]);
        expect(warnings.map(m => `${basename(m.url ?? '')}: ${m.message}`)).toEqual([]);
    }, 120_000);
});

const browserArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('HTML export: in Chromium', () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
        if (chromiumPath) browser = await chromium.launch({ executablePath: chromiumPath, args: browserArgs });
    }, 60_000);
    afterAll(async () => {
        await browser?.close();
    });

    const axeTitle = 'axe-core finds no violations on any example, the index or the fixtures';
    it.skipIf(skipWithout(chromiumPath))(chromiumPath ? axeTitle : `${axeTitle} (SKIPPED: chromium is not installed; apt-get install -y chromium)`, async () => {
        expect(browser, 'chromium is not installed (apt-get install -y chromium)').toBeDefined();
        const context = await browser!.newContext();
        try {
            const violations: string[] = [];
            for (const name of pages.keys()) {
                const page = await context.newPage();
                await page.goto(pathToFileURL(join(resultsDir, name)).href);
                const results = await new AxeBuilder({ page }).analyze();
                for (const v of results.violations) {
                    violations.push(`${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
                }
                await page.close();
            }
            expect(violations).toEqual([]);
        } finally {
            await context.close();
        }
    }, 120_000);

    const printTitle = 'prints the 002 translation on A4 and Letter, and photographs it on screen, for a person to look at';
    it.skipIf(skipWithout(chromiumPath) || skipWithout(pdftoppmPath))(chromiumPath && pdftoppmPath ? printTitle : `${printTitle} (SKIPPED: chromium or pdftoppm is not installed)`, async () => {
        expect(browser, 'chromium is not installed (apt-get install -y chromium)').toBeDefined();
        expect(pdftoppmPath, 'pdftoppm is not installed (apt-get install -y poppler-utils)').toBeDefined();
        const context = await browser!.newContext({ viewport: { width: 1100, height: 900 } });
        try {
            const page = await context.newPage();
            let a4: Buffer | undefined;
            await page.goto(pathToFileURL(join(resultsDir, 'customer-service-representative.html')).href);
            await page.screenshot({ path: join(resultsDir, 'csr-screen.png'), fullPage: true });
            // The first screenful and the weights, at a size a person can look at.
            await page.screenshot({ path: join(resultsDir, 'csr-screen-top.png') });
            await page.locator('table.competencies').screenshot({ path: join(resultsDir, 'csr-screen-competencies.png') });
            for (const format of ['A4', 'Letter'] as const) {
                const prefix = `csr-${format.toLowerCase()}`;
                const pdf = join(resultsDir, `${prefix}.pdf`);
                const pdfBytes = await page.pdf({ format, printBackground: true });
                expect(Buffer.from(pdfBytes).subarray(0, 5).toString()).toBe('%PDF-');
                writeAtomically(pdf, pdfBytes);
                // Pages of an earlier, longer print would mislead whoever looks at them.
                for (const old of readdirSync(resultsDir).filter(f => f.startsWith(`${prefix}-`) && f.endsWith('.png'))) rmSync(join(resultsDir, old), { force: true });
                execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(resultsDir, prefix)]);
                const pngs = readdirSync(resultsDir).filter(f => f.startsWith(`${prefix}-`) && f.endsWith('.png'));
                // The 002 translation is long: several pages, each with a running header of title and revision.
                expect(pngs.length, format).toBeGreaterThan(1);
                if (format === 'A4') a4 = Buffer.from(pdfBytes);
            }
            // The printed text carries the running header and page numbers (margin boxes).
            const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: a4, encoding: 'utf8' });
            const pagesText = text.split('\f').filter(p => p.trim() !== '');
            expect(pagesText[1]).toContain('Customer Service Representative');
            expect(pagesText[1]).toContain('Revised 29 May 2012');
            expect(pagesText[1]).toMatch(/Page 2 of \d+/);
        } finally {
            await context.close();
        }
    }, 120_000);
});

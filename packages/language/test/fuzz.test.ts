import fc from 'fast-check';
import { AstUtils, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createJobStdServices, exportDocx, exportHtml, exportJson, exportJsonLd, IssueCodes, reflection, type Document } from '../src/index.js';
import { contextOf } from './export-fixtures.js';
import {
    deepNesting, examples, hostileCharacters, jobstdDocument, lineEndings, longLine, mutatedExample
} from './fuzz-arbitraries.js';

/**
 * Property-based fuzzing: the language server parses, links and checks every keystroke, and
 * the CLI exports whatever is on disk. No text, however broken, may make any of them throw,
 * and every syntax problem must reach the writer as a finding. One set of services reads
 * document after document, as an editor's does, so a parser left broken by one is caught.
 */

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => { consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
afterEach(() => consoleError.mockRestore());

let services = createJobStdServices({ ...EmptyFileSystem });
let counter = 0;

async function build(text: string): Promise<LangiumDocument<Document>> {
    await clearDocuments(services.shared);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.parse(`file:///fuzz/${++counter}.jobstd`));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

const fuzzed: Record<string, number> = {};
/** The slowest input of each generator, printed at the end: where to look for quadratic work. */
const slowest: Record<string, { ms: number; text: string }> = {};
let documents = 0;
/** Inputs after which the same services no longer read the examples as fresh ones do. */
const poisoners: string[] = [];

async function survives(generator: string, text: string): Promise<void> {
    fuzzed[generator] = (fuzzed[generator] ?? 0) + 1;
    const started = performance.now();
    try {
        await readAndExport(text);
    } finally {
        const ms = performance.now() - started;
        if (ms > (slowest[generator]?.ms ?? 0)) slowest[generator] = { ms, text: JSON.stringify(text.slice(0, 60)) + ` (${text.length} chars)` };
    }
}

/** Parses, links, validates and exports one text; fails on anything thrown or logged. */
async function readAndExport(text: string): Promise<void> {
    let document: LangiumDocument<Document>;
    try {
        document = await build(text);
    } catch (error) {
        // Note whether the crash broke the services, then carry on with fresh ones, so that
        // fast-check's shrinking sees each candidate on sound services.
        if (!(await parsesExamplesSoundly())) poisoners.push(text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text);
        services = createJobStdServices({ ...EmptyFileSystem });
        throw error;
    }
    expectEverySyntaxProblemReported(document);
    // Every other document also with source locations, as `export --locations` writes them.
    const context = { ...contextOf(document, 'fuzz.jobstd'), locations: documents % 2 === 0 };
    const json = exportJson(document.parseResult.value, context);
    expect((JSON.parse(JSON.stringify(json)) as typeof json).jobs).toHaveLength(document.parseResult.value.jobs.length);
    expect(exportHtml(document.parseResult.value, context)).toContain('</html>');
    expect(exportJsonLd(document.parseResult.value, context)['@graph']).toBeInstanceOf(Array);
    // Word is slow to pack: one document in twenty.
    if (++documents % 20 === 0) {
        expect((await exportDocx(document.parseResult.value, context)).byteLength).toBeGreaterThan(0);
    }
    expect(consoleError).not.toHaveBeenCalled();
}

function expectEverySyntaxProblemReported(document: LangiumDocument<Document>): void {
    const diagnostics = document.diagnostics ?? [];
    const { lexerErrors, parserErrors } = document.parseResult;
    const syntax = diagnostics.filter(d => d.code === IssueCodes.SyntaxError);
    expect(syntax.length).toBeGreaterThanOrEqual(lexerErrors.length + parserErrors.length);
    const lines = document.textDocument.lineCount;
    for (const d of diagnostics) {
        expect(d.message.trim()).not.toBe('');
        expect(d.code).toBeTruthy();
        expect(d.range.start.line).toBeLessThanOrEqual(d.range.end.line);
        expect(d.range.end.line).toBeLessThan(lines);
    }
}

/** Jobs and AST nodes of a document: what a poisoned parser would get wrong. */
function shape(root: Document): { jobs: number; libraries: number; nodes: number } {
    return { jobs: root.jobs.length, libraries: root.libraries.length, nodes: AstUtils.streamAst(root).count() };
}

const fresh = createJobStdServices({ ...EmptyFileSystem });
const expectedShapes = examples.map(example => shape(fresh.JobStd.parser.LangiumParser.parse<Document>(example).value));

/** Whether the services in use read every example exactly as fresh ones do. */
async function parsesExamplesSoundly(): Promise<boolean> {
    try {
        for (const [i, example] of examples.entries()) {
            const document = await build(example);
            const { lexerErrors, parserErrors, value } = document.parseResult;
            if (lexerErrors.length + parserErrors.length > 0) return false;
            if (JSON.stringify(shape(value)) !== JSON.stringify(expectedShapes[i])) return false;
        }
        return true;
    } catch {
        return false;
    }
}

/** FUZZ_SCALE=10 fuzzes ten times longer, when hunting rather than guarding. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

/** A property may not run past this: a synchronous parse cannot be stopped, so fast-check stops starting new ones. */
const TIME_LIMIT_MS = 100_000 * Math.max(1, SCALE);

function property(generator: string, arbitrary: fc.Arbitrary<string>, numRuns: number): Promise<void> {
    return fc.assert(fc.asyncProperty(arbitrary, text => survives(generator, text)), {
        numRuns: Math.ceil(numRuns * SCALE), interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: true,
    });
}

describe('fuzzing: nothing throws, every syntax problem is a finding', () => {
    afterEach(async () => {
        expect(poisoners, 'inputs after which the same services misread the examples').toEqual([]);
        poisoners.length = 0;
        expect(await parsesExamplesSoundly(), 'the services still read the examples as fresh ones do').toBe(true);
    });
    afterAll(() => {
        // The counts the report quotes: how many documents each generator fed through.
        console.log(`fuzzed: ${Object.entries(fuzzed).map(([g, n]) => `${g} ${n}`).join(', ')}; ${documents} in all`);
        for (const [g, { ms, text }] of Object.entries(slowest)) console.log(`slowest ${g}: ${Math.round(ms)} ms, ${text}`);
    });

    it('documents written in the language, with any prose', async () => {
        await property('grammar', jobstdDocument, 4_500);
    }, TIME_LIMIT_MS + 30_000);

    it('the examples with lines and characters deleted, duplicated, swapped, and stray quotes, braces and comments', async () => {
        await property('mutation', mutatedExample, 3_500);
    }, TIME_LIMIT_MS + 30_000);

    it('NUL bytes, lone surrogates, U+FFFE and other hostile characters', async () => {
        await property('hostile characters', hostileCharacters, 1_200);
    }, TIME_LIMIT_MS + 30_000);

    it('CR-only and CRLF line ends, with and without a byte-order mark', async () => {
        await property('line endings', lineEndings, 800);
    }, TIME_LIMIT_MS + 30_000);

    it('lines of 100,000 characters', async () => {
        await property('long lines', longLine, 20);
    }, TIME_LIMIT_MS + 30_000);

    it('hundreds of nested sections, roles and incentives, closed or not', async () => {
        await property('deep nesting', deepNesting, 40);
    }, TIME_LIMIT_MS + 30_000);
});

describe('the grammar generator', () => {
    it('writes every construct of the grammar, so that none goes unfuzzed', () => {
        // A fixed seed: the same 500 documents every run, read by the parser alone.
        const seen = new Set<string>();
        for (const text of fc.sample(jobstdDocument, { numRuns: 500, seed: 17 })) {
            for (const node of AstUtils.streamAst(fresh.JobStd.parser.LangiumParser.parse<Document>(text).value)) seen.add(node.$type);
        }
        const all = reflection.getAllTypes();
        const concrete = all.filter(t => !all.some(other => other !== t && reflection.isSubtype(other, t)));
        expect(concrete.filter(t => !seen.has(t))).toEqual([]);
    });
});

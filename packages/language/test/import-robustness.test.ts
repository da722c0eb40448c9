import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { createJobStdServices, importDocument, ImportError } from '../src/index.js';
import { measureCoverage } from '../src/import/coverage.js';

const seedsDir = join(__dirname, 'fixtures/seeds');
const seedLines = readdirSync(seedsDir).filter(f => f.endsWith('.txt')).flatMap(f => readFileSync(join(seedsDir, f), 'utf8').split('\n'));
const parser = createJobStdServices(EmptyFileSystem).shared.workspace.LangiumDocumentFactory;

const syntaxErrors = (text: string) => {
    const { parseResult } = parser.fromString(text, URI.parse('memory:///imported.jobstd'));
    return [...parseResult.lexerErrors, ...parseResult.parserErrors].map(e => e.message);
};

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
    };
}

const JUNK = ['"', '"""', '{', '}', '//', '/*', '\\', 'job', 'level', 'Mon', 'shift 1-', ':', '1.', 'a)', '·', '#', '**',
    '<b>', '&amp;', 'x%', '$ xx', '20XX', '_____', 'Date:', 'Signature:', '\t\t', 'Behaviors', 'DPL: 9 -'];

describe('the coverage check', () => {
    const output = 'job "Clerk" {\n  created 2003-09-23T03:35:00\n  experience "customer service experience" at least 3 years\n  // Files the reports.\n  linked to A, B\n}\n';

    it('finds sentences whose words moved, dates rewritten and labels turned into keywords', () => {
        const coverage = measureCoverage(['Clerk', 'Date Created: 9/23/2003 3:35:00 AM', 'At least 3 years of customer service experience.', 'Linked To Task Group(s): A, B'], output);
        expect(coverage).toEqual({ sentences: 4, covered: 4, ratio: 1, missing: [] });
    });

    it('names a sentence that is not in the output, or only in a comment', () => {
        const coverage = measureCoverage(['Clerk', 'Files the reports.', 'Answers the phone.'], output);
        expect(coverage.missing).toEqual(['Files the reports.', 'Answers the phone.']);
        expect(coverage.ratio).toBeCloseTo(1 / 3);
    });

    it('counts a word as often as the input has it', () => {
        expect(measureCoverage(['Checks checks twice.'], '"Checks twice."').missing).toEqual(['Checks checks twice.']);
    });
});

describe('the importer on text it has never seen', () => {
    it('writes text that parses, and keeps every sentence, for 300 documents made of shuffled and damaged seed lines', async () => {
        const next = random(20261122);
        const problems: string[] = [];
        for (let n = 0; n < 300; n++) {
            const lines: string[] = [];
            for (let i = 1 + Math.floor(next() * 60); i > 0; i--) {
                let line = seedLines[Math.floor(next() * seedLines.length)];
                if (next() < 0.3) {
                    const at = Math.floor(next() * (line.length + 1));
                    line = line.slice(0, at) + JUNK[Math.floor(next() * JUNK.length)] + line.slice(at);
                }
                if (next() < 0.1) line = line.slice(0, Math.floor(next() * line.length));
                lines.push(line);
            }
            const name = `doc${n}.${['txt', 'md', 'html'][Math.floor(next() * 3)]}`;
            try {
                const result = await importDocument({ name, content: lines.join(next() < 0.5 ? '\n' : '\n\n') });
                const errors = syntaxErrors(result.text);
                if (errors.length > 0) problems.push(`${name}: ${errors[0]}`);
                if (result.report.coverage.missing.length > 0) problems.push(`${name}: lost ${result.report.coverage.missing[0]}`);
            } catch (error) {
                if (!(error instanceof ImportError)) problems.push(`${name}: ${(error as Error).message}`);
            }
        }
        expect(problems).toEqual([]);
    });

    it('keeps quotes, braces and comment marks of the input as words, not syntax', async () => {
        const input = 'Quoted Job\n\nDUTIES:\n- Says "hello" and """more""" to { everyone } // not a comment\n- Uses /* this */ and \\ freely';
        const { text, report } = await importDocument({ name: 'quotes.txt', content: input });
        expect(syntaxErrors(text)).toEqual([]);
        expect(report.coverage.missing).toEqual([]);
        expect(text).toContain('to { everyone } // not a comment');
    });

    it('keeps what no structure can hold in an "Other content" section, and reports it', async () => {
        const input = 'Analyst\n\nCompetencies\n\n1 - Rigour (100%)\n\nChecks the numbers.\n\nLast Updated: sometime last spring\n';
        const { text, report } = await importDocument({ name: 'analyst.txt', content: input });
        expect(syntaxErrors(text)).toEqual([]);
        expect(report.unrecognised).toEqual(['Last Updated: sometime last spring']);
        expect(text).toMatch(/section "Other content" \{\n {4}"Last Updated: sometime last spring"\n {2}\}/);
        expect(report.coverage.missing).toEqual([]);
    });

    it.each([
        ['empty.txt', 'empty', ''],
        ['blank.md', 'empty', '  \n\n\t\n'],
        ['binary.txt', 'binary', new Uint8Array([0x4a, 0x6f, 0x62, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00])],
        ['zip.txt', 'binary', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
        ['notzip.docx', 'not-docx', 'Job title\nThis is plain text with a .docx name.'],
        ['broken.docx', 'not-docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])],
        ['job.pdf', 'unsupported', '%PDF-1.4'],
    ] as const)('refuses %s (%s)', async (name, reason, content) => {
        const error = await importDocument({ name, content }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportError);
        expect((error as ImportError).reason).toBe(reason);
        expect((error as ImportError).message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));
    });

    it('refuses a file larger than the limit before reading it', async () => {
        const error = await importDocument({ name: 'huge.txt', content: new Uint8Array(2048) }, { maxBytes: 1024 }).catch((e: unknown) => e);
        expect((error as ImportError).reason).toBe('too-large');
        expect((error as ImportError).message).toContain('more than the');
    });

    it('reads Windows-1252 text, as old exports are', async () => {
        const bytes = Uint8Array.from([...'Clerk\n\nDUTIES:\n- Files the clerk', 0x92, ...'s reports'].map(c => typeof c === 'number' ? c : c.charCodeAt(0)));
        const { text } = await importDocument({ name: 'old.txt', content: bytes });
        expect(text).toContain('"Files the clerk’s reports"');
    });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocx, exportHtml, exportJson } from '../src/index.js';
import { build } from './helpers.js';
import { contextOf, exampleFiles, readExample } from './export-fixtures.js';
import {
    docxText, htmlVisibleText, jsonTermSentences, missingSentences, normaliseOutput, sourceSentences, splitSentences,
    type SourceSentence,
} from './source-sentences.js';

/**
 * The HTML page and the Word file are what people print and sign: every sentence the analyst
 * wrote must be in them word for word (whitespace, quote and dash forms, and Markdown escapes
 * aside). A sentence reworded by an exporter ("first time call completion ratio: 85%" for
 * "85% first time call completion ratio") is a sentence the signer never saw.
 */

type Format = 'HTML' | 'Word';

interface Exported {
    sentences: SourceSentence[];
    /** The JSON export's term sentences, to check the source reading against. */
    jsonTerms: SourceSentence[];
    text: Record<Format, string>;
}

const files = exampleFiles();
const exported = new Map<string, Exported>();
const tally: Array<{ file: string; format: Format; sentences: number; found: number }> = [];

beforeAll(async () => {
    // All examples together, so that a job's `uses` resolve against the library file.
    const documents = await build(files.map(readExample));
    for (const [i, document] of documents.entries()) {
        const context = contextOf(document, `examples/${files[i]}`);
        const root = document.parseResult.value;
        exported.set(files[i], {
            sentences: sourceSentences(document),
            jsonTerms: jsonTermSentences(exportJson(root, { ...context, locations: true })),
            text: { HTML: htmlVisibleText(exportHtml(root, context)), Word: await docxText(await exportDocx(root, context)) },
        });
    }
});

afterAll(() => {
    // The per-example count, for whoever reads the run: how far each document is from faithful.
    if (tally.length > 0) console.log(['Sentences found word for word:', ...tally.map(t => `  ${t.file} ${t.format}: ${t.found}/${t.sentences}`)].join('\n'));
});

describe('the human documents say exactly what the analyst wrote', () => {
    for (const format of ['HTML', 'Word'] as const) {
        it.each(files)(`%s: every sentence of the source is in the ${format} export word for word`, (file) => {
            const { sentences: all, text } = exported.get(file)!;
            const missing = missingSentences(all, text[format]);
            tally.push({ file, format, sentences: all.length, found: all.length - missing.length });
            expect(all.length, 'an example with no prose would make this test vacuous').toBeGreaterThan(0);
            expect(missing.map(s => `examples/${file}:${s.line}  ${s.text}`),
                `${format} export of ${file}: ${all.length - missing.length} of ${all.length} sentences found`).toEqual([]);
        });
    }

    it.each(files)('%s: each term\'s sentence read from the source is the one the JSON export gives', (file) => {
        // Guards the extraction: a term whose quoted words are left to its sentence must have that sentence.
        const { sentences, jsonTerms } = exported.get(file)!;
        for (const term of jsonTerms) expect(sentences, `line ${term.line}`).toContainEqual(term);
    });
});

describe('the comparison itself', () => {
    const CLERK = `job "Records Clerk" {
  section "Duties" {
    "Files records. Answers the phone!"
    """Keeps the \\_index\\_ current.

    Says "don't" when asked."""
    target "Answering the main phones" within 3 rings
    "A bonus of 10% of all incremental profit dollars will be paid quarterly." { rate 10% of "all incremental profit dollars" paid quarterly }
  }
  signature "Employee Signature" _______________ date _________
}
`;

    it('reads texts as sentences with their lines, terms as one line, and a statement\'s terms not at all', async () => {
        const [document] = await build([CLERK]);
        expect(sourceSentences(document)).toEqual([
            { line: 1, text: 'Records Clerk' },
            { line: 2, text: 'Duties' },
            { line: 3, text: 'Files records.' },
            { line: 3, text: 'Answers the phone!' },
            { line: 4, text: 'Keeps the _index_ current.' },
            { line: 6, text: 'Says "don\'t" when asked.' },
            { line: 7, text: 'Answering the main phones within 3 rings' },
            { line: 8, text: 'A bonus of 10% of all incremental profit dollars will be paid quarterly.' },
            { line: 10, text: 'Employee Signature' },
        ]);
    });

    it('finds a statement that is in both documents, and reports one altered by a single word', async () => {
        const [document] = await build([CLERK]);
        const context = contextOf(document, 'clerk.jobstd');
        const root = document.parseResult.value;
        const outputs = [htmlVisibleText(exportHtml(root, context)), await docxText(await exportDocx(root, context))];
        const present = { line: 3, text: 'Files records.' };
        const altered = { line: 3, text: 'Files all records.' };
        for (const output of outputs) {
            expect(missingSentences([present], output)).toEqual([]);
            expect(missingSentences([present, altered], output)).toEqual([altered]);
        }
    });

    it('asks for a sentence written twice twice', () => {
        const twice = [{ line: 3, text: 'Files records.' }, { line: 9, text: 'Files records.' }];
        expect(missingSentences(twice, normaliseOutput('Files records.\nFiles records.'))).toEqual([]);
        expect(missingSentences(twice, normaliseOutput('Files records.'))).toEqual([twice[1]]);
    });

    it('treats quote and dash forms and Markdown escapes as one, and nothing else', () => {
        const [sentence] = splitSentences('Don\'t use the \\*old\\* form - "ever".', 1);
        expect(missingSentences([sentence], normaliseOutput('Don\u2019t use the *old* form \u2014 \u201cever\u201d.'))).toEqual([]);
        expect(missingSentences([sentence], normaliseOutput('Do not use the *old* form - "ever".'))).toEqual([sentence]);
        expect(missingSentences([sentence], normaliseOutput('Don\'t use the *old* form - "ever"'))).toEqual([sentence]);
    });

    it('reads the page as a reader does: inline markup runs on, cells and paragraphs stand apart, styles and scripts are not text', () => {
        const page = (body: string) => htmlVisibleText(`<!doctype html><html><head><title>Reach $ 1 in sales</title></head><body>${body}</body></html>`);
        const reach = { line: 1, text: 'Reach $ xxx,000 in sales' };
        expect(missingSentences([reach], page('<p>Reach <mark>$ xxx,000</mark>\n  in sales</p>'))).toEqual([]);
        expect(missingSentences([reach], page('<table><tr><td>Reach</td><td>$ xxx,000 in sales</td></tr></table>'))).toEqual([reach]);
        expect(missingSentences([reach], page('<p>Reach</p><p>$ xxx,000 in sales</p>'))).toEqual([reach]);
        expect(missingSentences([reach], page('<p>Reach $ xxx,000 in salesmen</p>'))).toEqual([reach]);
        expect(missingSentences([reach], page('<style>/* Reach $ xxx,000 in sales */</style><script>"Reach $ xxx,000 in sales"</script>'))).toEqual([reach]);
    });
});

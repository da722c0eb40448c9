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

// ---------------------------------------------------------------------------
// Input built to exhaust memory or the stack, and content that must not be lost

import { strToU8, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const wordXml = (body: string) => '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + `<w:body>${body}</w:body></w:document>`;
const docx = (body: string) => zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(wordXml(body)) });
const para = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

/** A docx-shaped zip whose document.xml is `megabytes` MB of "0", deflated as it is made (a few hundred KB, little memory). */
export function zipBomb(megabytes: number): Uint8Array {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, data) => {
        if (error) throw error;
        chunks.push(data);
    });
    for (const [name, text] of [['[Content_Types].xml', CONTENT_TYPES], ['_rels/.rels', RELS]]) {
        const file = new ZipPassThrough(name);
        zip.add(file);
        file.push(strToU8(text), true);
    }
    const document = new ZipDeflate('word/document.xml', { level: 1 });
    zip.add(document);
    const megabyte = new Uint8Array(1024 * 1024).fill(0x30);
    for (let i = 0; i < megabytes; i++) document.push(megabyte, i === megabytes - 1);
    zip.end();
    const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
    }
    return bytes;
}

/** The central directory's record of `name` says it unzips to `size` bytes (a lie a bomb may tell). */
function claimSize(zip: Uint8Array, name: string, size: number): void {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let end = zip.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    let at = view.getUint32(end + 16, true);
    for (let i = 0; i < view.getUint16(end + 10, true); i++) {
        const nameLength = view.getUint16(at + 28, true);
        if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)) === name) view.setUint32(at + 24, size, true);
        at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
}

async function refusal(name: string, content: Uint8Array | string): Promise<ImportError> {
    const error = await importDocument({ name, content }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
}

describe('import: a Word file that unzips to too much', () => {
    it('refuses a 0.3 MB .docx that unzips to 300 MB, from the zip directory, before unzipping it', async () => {
        const bomb = zipBomb(300);
        expect(bomb.length).toBeLessThan(1024 * 1024);
        const error = await refusal('bomb.docx', bomb);
        expect(error.reason).toBe('too-large');
        expect(error.message).toMatch(/^bomb\.docx: the Word file is 0\.\d MB but its contents unzip to 300\.0 MB, more than the 100\.0 MB a job standard can be/);
    });

    it('refuses one whose directory understates the size, while unzipping, with only a count kept', async () => {
        const bomb = zipBomb(150);
        claimSize(bomb, 'word/document.xml', 1000);
        const error = await refusal('liar.docx', bomb);
        expect(error.reason).toBe('too-large');
        expect(error.message).toMatch(/contents unzip to more than the 100\.0 MB a job standard can be/);
    });

    it('scales the limit with maxBytes: ten times the size limit', async () => {
        const error = await importDocument({ name: 'bomb.docx', content: zipBomb(30) }, { maxBytes: 2 * 1024 * 1024 }).catch((e: unknown) => e as ImportError);
        expect(error).toBeInstanceOf(ImportError);
        expect((error as ImportError).message).toMatch(/unzip to 30\.0 MB, more than the 20\.0 MB/);
    });

    it('refuses a zip of more than 5,000 parts', async () => {
        const files: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(wordXml(para('Clerk'))) };
        for (let i = 0; i < 5001; i++) files[`word/media/${i}.bin`] = new Uint8Array(1);
        const error = await refusal('parts.docx', zipSync(files, { level: 0 }));
        expect(error.reason).toBe('too-large');
        expect(error.message).toMatch(/more than 5,000 parts/);
    });

    it('still reads an ordinary Word file', async () => {
        const { report, text } = await importDocument({ name: 'ok.docx', content: docx(para('Clerk') + para('Files the reports.')) });
        expect(report.coverage.ratio).toBe(1);
        expect(text).toContain('Files the reports.');
    });
});

describe('import: nesting too deep for a recursive reader', () => {
    const deep = (open: string, close: string, n: number) => open.repeat(n) + 'Deep words here.' + close.repeat(n);

    it.each([
        ['2,400 nested <b>', `<h1>Clerk</h1><p>${deep('<b>', '</b>', 2400)}</p>`],
        ['2,400 nested <div>', `<h1>Clerk</h1>${deep('<div>', '</div>', 2400)}`],
        ['20,000 nested <span>', `<h1>Clerk</h1><p>Before. ${deep('<span>', '</span>', 20000)} After.</p>`],
        ['2,400 <div> in a <dl>', `<h1>Clerk</h1><dl>${deep('<div>', '</div>', 2400)}</dl>`],
        ['2,400 <div> in a table cell', `<h1>Clerk</h1><table><tr><td>${deep('<div>', '</div>', 2400)}</td></tr></table>`],
    ])('HTML with %s: imported, every word kept', async (_, html) => {
        const { report, text } = await importDocument({ name: 'deep.html', content: html });
        expect(text).toContain('Deep words here.');
        expect(report.coverage.missing).toEqual([]);
    });

    it('Markdown with 2,400 nested raw <b> and <div>: imported, every word kept', async () => {
        const { report } = await importDocument({ name: 'deep.md', content: `# Clerk\n\n${deep('<b>', '</b>', 2400)}\n\n${deep('<div>', '</div>', 2400)}\n` });
        expect(report.coverage.missing).toEqual([]);
    });

    it('a .docx with 20,000 nested paragraphs: refused as nested too deep, not as "not a Word document"', async () => {
        const error = await refusal('deep.docx', docx(deep('<w:p>', '</w:p>', 20000).replace('Deep words here.', '<w:r><w:t>Deep.</w:t></w:r>')));
        expect(error.reason).toBe('too-deep');
        expect(error.message).toMatch(/^deep\.docx: its content is nested 20,00\d levels deep \(more than the 200 levels/);
    });

    it('a .docx nested 100 levels (deeper than Word writes) is still read', async () => {
        const { report } = await importDocument({ name: 'nested.docx', content: docx(para('Clerk') + deep('<w:sdt><w:sdtContent>', '</w:sdtContent></w:sdt>', 90).replace('Deep words here.', para('Deep words here.'))) });
        expect(report.coverage.ratio).toBe(1);
    });
});

describe('import: every table cell and link target survives', () => {
    const sentences = ['Files the daily reports.', 'Answers the phone.', 'Greets every visitor.', 'Orders the supplies.'];

    it('an HTML table of <th> only keeps every cell', async () => {
        const html = `<h1>Clerk</h1><table><tr><th>${sentences[0]}</th><th>${sentences[1]}</th></tr><tr><th>${sentences[2]}</th><th>${sentences[3]}</th></tr></table>`;
        const { report, text } = await importDocument({ name: 'th.html', content: html });
        for (const sentence of sentences) expect(text).toContain(sentence);
        expect(report.coverage).toMatchObject({ ratio: 1, missing: [] });
    });

    it('a Word table whose every row is a header row keeps every cell', async () => {
        const row = (a: string, b: string) => `<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>${para(a)}</w:tc><w:tc>${para(b)}</w:tc></w:tr>`;
        const body = para('Clerk') + `<w:tbl>${row(sentences[0], sentences[1])}${row(sentences[2], sentences[3])}</w:tbl>`;
        const { report, text } = await importDocument({ name: 'th.docx', content: docx(body) });
        for (const sentence of sentences) expect(text).toContain(sentence);
        expect(report.coverage).toMatchObject({ ratio: 1, missing: [] });
    });

    it('a header row above rows of data is still read as the columns\' labels', async () => {
        const html = '<h1>Clerk</h1><table><tr><th>Task</th><th>Frequency</th></tr><tr><td>Files the reports</td><td>Daily</td></tr></table>';
        const { text, report } = await importDocument({ name: 'header.html', content: html });
        expect(text).toContain('Task: Files the reports; Frequency: Daily');
        expect(report.coverage.ratio).toBe(1);
    });

    it('keeps link targets as "text (url)", in paragraphs and table cells', async () => {
        const html = '<h1>Clerk</h1><p>See <a href="https://example.com/policy">the policy</a>, write to <a href="mailto:hr@example.com">HR</a>, '
            + 'or read <a href="#top">the top</a>.</p><table><tr><td>Form <a href="https://example.com/form">here</a></td><td>Daily</td></tr></table>';
        const { text } = await importDocument({ name: 'links.html', content: html });
        expect(text).toContain('See the policy (https://example.com/policy), write to HR (hr@example.com), or read the top.');
        expect(text).toContain('Form here (https://example.com/form)');
    });
});

describe('import: recogniser crashes', () => {
    it('a characteristics row "| Pace, speed | 4 - Fast |" is imported, not a TypeError', async () => {
        const { report, text } = await importDocument({ name: 'pace.md', content: '# Clerk\n\n## Characteristics\n\n| Characteristic | Level |\n|---|---|\n| Pace, speed | 4 - Fast |\n' });
        expect(text).toContain('Pace, speed');
        expect(report.coverage.ratio).toBe(1);
    });

    it.each([
        ['a characteristic named XX', '# Clerk\n\n## Characteristics\n\n| Characteristic | Level |\n|---|---|\n| XX | 3 |\n'],
        ['a characteristic named XXX', '# Clerk\n\nWorking conditions\n\nXXX: 3 - High\n'],
        ['a characteristic named TBD', '# Clerk\n\n## Characteristics\n\n| Characteristic | Level |\n|---|---|\n| TBD | 2 |\n'],
        ['a competency named XX', '# Clerk\n\n## Competencies\n\n| Competency | Weight |\n|---|---|\n| XX | 50% |\n| Adaptability | 50% |\n'],
        ['a competency named XXX', '# Clerk\n\n## Competencies\n\n| Competency | Weight |\n|---|---|\n| XXX | 100% |\n'],
    ])('%s: the writer\'s text parses', async (_, markdown) => {
        const { text } = await importDocument({ name: 'named.md', content: markdown });
        expect(syntaxErrors(text)).toEqual([]);
    });
});

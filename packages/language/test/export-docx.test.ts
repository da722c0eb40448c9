import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { describe, expect, it, vi } from 'vitest';
import { exportDocx, exportJson, type ElementJson, type IncentiveClauseJson, type RequirementsJson } from '../src/index.js';
import { build } from './helpers.js';
import { contextOf, EVERYTHING, exampleFiles, HOSTILE, readExample } from './export-fixtures.js';
import { CLASS_SPEC_JOB, HOSTILE_LADDER, LADDER_JOB } from './export-html-fixtures.js';

/** The files of a zip archive, read with nothing but zlib: a broken archive fails here. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The end-of-central-directory record is within the last 64 KiB + 22 bytes.
    let end = -1;
    for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
        if (data.readUInt32LE(i) === 0x06054b50) { end = i; break; }
    }
    if (end < 0) throw new Error('not a zip archive: no end of central directory');
    const count = data.readUInt16LE(end + 10);
    let at = data.readUInt32LE(end + 16);
    const files = new Map<string, Buffer>();
    for (let n = 0; n < count; n++) {
        if (data.readUInt32LE(at) !== 0x02014b50) throw new Error(`broken central directory entry ${n}`);
        const method = data.readUInt16LE(at + 10);
        const compressed = data.readUInt32LE(at + 20);
        const size = data.readUInt32LE(at + 24);
        const nameLength = data.readUInt16LE(at + 28);
        const extra = data.readUInt16LE(at + 30);
        const comment = data.readUInt16LE(at + 32);
        const local = data.readUInt32LE(at + 42);
        const name = data.toString('utf8', at + 46, at + 46 + nameLength);
        if (data.readUInt32LE(local) !== 0x04034b50) throw new Error(`${name}: broken local header`);
        const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
        const raw = data.subarray(start, start + compressed);
        const content = method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
        if (content.length !== size) throw new Error(`${name}: ${content.length} bytes, the directory says ${size}`);
        files.set(name, content);
        at += 46 + nameLength + extra + comment;
    }
    return files;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]);

/**
 * The text of word/document.xml in reading order: a line per paragraph; a table row is one line,
 * its cells joined by " | " (paragraphs within a cell by " / "); a line break is " ⏎ ".
 */
export function documentText(xml: string): string[] {
    const lines: string[] = [];
    let paragraph: string | undefined;
    let cells: string[][] | undefined;
    let depth = 0;
    for (const token of xml.matchAll(/<w:tbl>|<\/w:tbl>|<w:tc>|<w:p(?:\s[^>]*)?>|<\/w:p>|<w:p\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>|<\/w:tr>/g)) {
        const tag = token[0];
        if (tag === '<w:tbl>') depth++;
        else if (tag === '</w:tbl>') depth--;
        else if (tag === '<w:tc>') { cells ??= []; cells.push([]); }
        else if (tag === '</w:tr>') { lines.push((cells ?? []).map(c => c.join(' / ')).join(' | ')); cells = undefined; }
        else if (tag.startsWith('<w:p') && !tag.startsWith('<w:pP')) paragraph = tag === '<w:p/>' ? undefined : '';
        else if (tag === '</w:p>') {
            if (depth > 0 && cells) cells[cells.length - 1].push(paragraph ?? '');
            else lines.push(paragraph ?? '');
            paragraph = undefined;
        } else if (tag === '<w:br/>') paragraph = (paragraph ?? '') + ' ⏎ ';
        else if (tag === '<w:tab/>') paragraph = (paragraph ?? '') + '\t';
        else if (token[1] !== undefined) paragraph = (paragraph ?? '') + decode(token[1]);
    }
    return lines;
}

function statementTexts(elements: Array<ElementJson | IncentiveClauseJson | RequirementsJson['items'][number]>): string[] {
    return elements.flatMap(e => {
        if (e.kind === 'statement') return [e.text];
        if (e.kind === 'section' || e.kind === 'role') return statementTexts(e.elements);
        if (e.kind === 'incentive') return statementTexts(e.clauses);
        if (e.kind === 'requirements') return statementTexts(e.items);
        return [];
    });
}

const goldenDir = join(__dirname, 'golden/docx');
const update = process.env.UPDATE_GOLDEN === '1';

async function exportExample(file: string): Promise<{ bytes: Uint8Array; statements: string[] }> {
    const files = exampleFiles();
    // All examples together, so that a job's `uses` resolve against the library file.
    const documents = await build(files.map(readExample));
    const document = documents[files.indexOf(file)];
    const context = contextOf(document, `examples/${file}`);
    const json = exportJson(document.parseResult.value, context);
    const statements = [...json.jobs.flatMap(j => statementTexts(j.elements)), ...json.libraries.flatMap(l => statementTexts(l.members))];
    return { bytes: await exportDocx(document.parseResult.value, context), statements };
}

describe('Word export of the examples', () => {
    const files = exampleFiles();

    it.each(files)('%s exports a Word file holding every statement', async (file) => {
        const { bytes, statements } = await exportExample(file);
        const parts = unzip(bytes);
        expect([...parts.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'docProps/core.xml']));
        const lines = documentText(parts.get('word/document.xml')!.toString('utf8'));
        const text = lines.join('\n');
        for (const statement of statements) {
            for (const paragraph of statement.split('\n\n')) expect(text, paragraph).toContain(paragraph);
        }
        const golden = join(goldenDir, file.replace(/\.jobstd$/, '.txt'));
        const actual = lines.join('\n') + '\n';
        if (update || !existsSync(golden)) {
            mkdirSync(goldenDir, { recursive: true });
            writeFileSync(golden, actual);
        }
        expect(actual, `golden file ${golden} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(golden, 'utf8'));
    });

    it('has a golden file for every example and none for a removed one', () => {
        const goldens = existsSync(goldenDir) ? readdirSync(goldenDir).filter(f => f.endsWith('.txt')).sort() : [];
        expect(goldens).toEqual(files.map(f => f.replace(/\.jobstd$/, '.txt')));
    });

    it('gives the same bytes for the same source whatever the day and the time zone', async () => {
        const files = exampleFiles();
        const documents = await build(files.map(readExample));
        const exportAll = () => Promise.all(documents.map((document, i) => exportDocx(document.parseResult.value, contextOf(document, `examples/${files[i]}`))));
        const zone = process.env.TZ;
        vi.useFakeTimers({ toFake: ['Date'] });
        try {
            vi.setSystemTime(new Date('2031-03-09T23:30:00Z'));
            process.env.TZ = 'Pacific/Kiritimati';
            const first = await exportAll();
            vi.setSystemTime(new Date('2034-11-20T04:15:00Z'));
            process.env.TZ = 'America/Los_Angeles';
            const second = await exportAll();
            first.forEach((bytes, i) => expect(Buffer.from(bytes).equals(Buffer.from(second[i])), files[i]).toBe(true));
        } finally {
            vi.useRealTimers();
            if (zone === undefined) delete process.env.TZ; else process.env.TZ = zone;
        }
    });

    it('dates a job without a date of its own by the date given (a build\'s SOURCE_DATE_EPOCH), else not at all', async () => {
        const [document] = await build(['job "Clerk" {\n  "Files records."\n}\n']);
        const undated = unzip(await exportDocx(document.parseResult.value, contextOf(document, 'clerk.jobstd'))).get('docProps/core.xml')!.toString('utf8');
        expect(undated).not.toContain('dcterms:created');
        const dated = unzip(await exportDocx(document.parseResult.value, { ...contextOf(document, 'clerk.jobstd'), date: new Date('2026-03-14T09:30:00Z') }))
            .get('docProps/core.xml')!.toString('utf8');
        expect(dated).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-14T09:30:00Z</dcterms:created>');
    });

    it('hands an employee the document alone; the findings go in an appendix only when asked', async () => {
        const [document] = await build(['job "Clerk" {\n  created 20XX\n  uses Nowhere\n}\n']);
        const textOf = async (findingsAppendix: boolean) => unzip(await exportDocx(document.parseResult.value, { ...contextOf(document, 'clerk.jobstd'), findingsAppendix }))
            .get('word/document.xml')!.toString('utf8');
        const plain = await textOf(false);
        expect(plain).not.toContain('Findings');
        expect(plain).not.toContain('unresolved-reference');
        expect(plain).not.toContain('JSON shape');
        const reviewed = await textOf(true);
        expect(reviewed).toContain('Findings by line');
        expect(reviewed).toContain('unresolved-reference');
    });

    it('gives the same document for the same source, dated by the job rather than the clock', async () => {
        const file = 'customer-service-representative.jobstd';
        const first = unzip((await exportExample(file)).bytes);
        const second = unzip((await exportExample(file)).bytes);
        for (const [name, content] of first) expect(second.get(name)?.equals(content), name).toBe(true);
        const core = first.get('docProps/core.xml')!.toString('utf8');
        expect(core).toContain('<dc:title>Customer Service Representative</dc:title>');
        expect(core).not.toContain(String(new Date().getUTCFullYear()) + '-');
    });
});

describe('Word export: what a reader sees', () => {
    async function linesOf(text: string, workspace: string[] = []): Promise<{ lines: string[]; xml: string }> {
        const [document] = await build([text, ...workspace]);
        const bytes = await exportDocx(document.parseResult.value, contextOf(document, 'jobs/test.jobstd'));
        const xml = unzip(bytes).get('word/document.xml')!.toString('utf8');
        return { lines: documentText(xml), xml };
    }

    it('shows task group and competency weights as tables with points, shares, levels and links', async () => {
        const { lines } = await linesOf(EVERYTHING);
        expect(lines).toContain('Task group | Tasks | Weight | Share');
        expect(lines.some(l => /^A: Functional\/Technical \| • Takes calls \/ • Logs tickets \| 100 points \| 55\.6%$/.test(l)), lines.join('\n')).toBe(true);
        // The competencies' percentages total 100%: they are their own shares, so no second column repeats them.
        // Both levels are on one scale: named once, in the Level column's header, as on the HTML page.
        expect(lines).toContain('Competency | Weight | Level (Desired Proficiency Level) | Linked to');
        expect(lines.find(l => l.startsWith('Active Listening |'))).toMatch(/\| 40% \| .+ \| A \(Functional\/Technical\)/);
        // Targets as written, not reworded into measure and number.
        expect(lines).toContain('Kind | As written');
    });

    it('writes the title as the document title and sections as headings', async () => {
        const { xml } = await linesOf(EVERYTHING);
        expect(xml).toMatch(/<w:pStyle w:val="Title"\/>.*?<w:t[^>]*>Service Desk Lead<\/w:t>/s);
        expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>.*?<w:t[^>]*>Task Groups<\/w:t>/s);
    });

    it('numbers, letters and bullets lists as the writer chose, each list starting again', async () => {
        const { xml } = await linesOf(`job "J" {
  section "One" numbered { "first" "second" }
  section "Two" numbered { "again" }
  section "Three" lettered { "alpha" }
  section "Four" bulleted { "dot" }
}`);
        const numIds = [...xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map(m => m[1]);
        expect(numIds).toHaveLength(5);
        expect(numIds[0]).toBe(numIds[1]);
        expect(new Set(numIds.slice(1)).size).toBe(4);
    });

    it('highlights unfilled placeholders in yellow', async () => {
        const { xml } = await linesOf(`job "J" {
  "Reach $ xxx,000 in sales by 20XX."
  target "Satisfaction" at least 00%
}`);
        for (const placeholder of ['$ xxx,000', '20XX', '00%']) {
            expect(xml, placeholder).toMatch(new RegExp(`<w:highlight w:val="yellow"/>(?:(?!</w:r>).)*<w:t[^>]*>${placeholder.replace(/[$]/g, '\\$')}</w:t>`, 's'));
        }
        expect(xml).not.toMatch(/<w:highlight w:val="yellow"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Reach /s);
    });

    it('gives each signature a label, a line and a date line', async () => {
        const { lines, xml } = await linesOf(`job "J" {
  signature "Employee" __________ date __________
  signature "Manager"
}`);
        expect(lines).toContain('Employee |  |  | Date | ');
        expect(lines).toContain('Manager | ');
        expect(xml.match(/<w:bottom w:val="single"/g)?.length).toBeGreaterThanOrEqual(3);
    });

    it('keeps characters XML cannot hold out of the file, and escapes markup', async () => {
        const { lines, xml } = await linesOf(`job "<b>Bold</b> & co" { "a <script>alert(1)</script> b" }`);
        expect(lines).toContain('a <script>alert(1)</script> b');
        expect(xml).not.toContain('<script>');
    });
});

describe('Word export: ladders, duties, pay and demands', () => {
    async function linesOf(text: string): Promise<string[]> {
        const [document] = await build([text]);
        const bytes = await exportDocx(document.parseResult.value, contextOf(document, 'jobs/test.jobstd'));
        return documentText(unzip(bytes).get('word/document.xml')!.toString('utf8'));
    }

    it('has the competency × level matrix as a table: a column per level, a row per competency, every cell kept', async () => {
        const lines = await linesOf(LADDER_JOB);
        const caption = lines.indexOf('Proficiency required at each level (an empty cell: nothing required)');
        expect(caption).toBeGreaterThan(0);
        expect(lines.slice(caption + 1, caption + 4)).toEqual([
            'Competency | L1: Support Engineer I | L2: Support Engineer II | L3: Senior Support Engineer',
            'Technical troubleshooting | 1 Basic / • Follows runbooks to resolve known issues. | 2 Intermediate / • Diagnoses issues that span two systems. | ',
            'Customer writing | 1 Basic | 1 Basic (inherited from L1) | 3 Advanced / • Writes post-incident reviews.',
        ]);
    });

    it('writes the ladder\'s facts, each level\'s facts, duties with shares and marks, requirements and pay as written', async () => {
        const lines = await linesOf(LADDER_JOB);
        expect(lines).toEqual(expect.arrayContaining([
            'Levels | 3',
            'Band | B4',
            'Occupation | 15-1232.00 Computer User Support Specialists (O*NET-SOC 2019)',
            'Status | Approved by Dana Whitfield, HR Director on 14 March 2026',
            'Effective | 1 April 2026',
            'L1: Support Engineer I',
            'Grade | P1',
            'Time in level | 1–2 years',
            'Time in level | typically 18 months',
            'Inherits | L1 (Support Engineer I)',
            'Duty | Share of time | Function',
            'Resolves tier-1 tickets | 60% | Essential',
            'Writes knowledge base articles | 40% | Marginal',
            'Base salary: $52,000–$68,000 yearly or Hourly pay: $25.00 - $32.50 per hour',
            'Experience: support experience three (3) years (essential)',
            'Experience: scripting 2+ years (desirable)',
            'Experience: team leadership 3–5 years',
            'Licence: Driving licence issued by DVLA (essential)',
            'Certification: CompTIA A+ issued by CompTIA (preferred)',
            'Degree in a technical field (desirable)',
            'Technical troubleshooting: 1 Basic',
        ]));
        // Levels in the order written, after the matrix.
        const headings = ['L1: Support Engineer I', 'L2: Support Engineer II', 'L3: Senior Support Engineer'].map(h => lines.indexOf(h));
        expect([...headings].sort((a, b) => a - b)).toEqual(headings);
        // Under the competency, its proficiency levels.
        const at = lines.indexOf('Proficiency levels (Proficiency)');
        expect(lines.slice(at + 1, at + 5)).toEqual(['1 Basic', 'Follows runbooks to resolve known issues.', '2 Intermediate', 'Diagnoses issues that span two systems.']);
    });

    it('writes a class specification\'s sections with their function and share, and demands with their frequency', async () => {
        const lines = await linesOf(CLASS_SPEC_JOB);
        expect(lines).toEqual(expect.arrayContaining([
            'Grade | 24',
            'Status | In review',
            'Function | Essential',
            'Reviews building permit applications. | 35% | Essential',
            'Share of time | 40%',
            'Function | Marginal',
            'Physical demands and how often they occur',
            'Demand | Frequency',
            'Lifts boxes of up to 25 lbs | occasionally (up to a third of the time)',
            'Condition | Frequency',
            'Works in an office with moderate noise | frequently (a third to two thirds of the time)',
        ]));
    });

    it('writes a well-formed file when the text holds characters XML cannot: each shows as U+FFFD', async () => {
        const [document] = await build(['job "Clerk\uFFFE" {\n  "Files\u0007 the \uD800records\uFFFF."\n}\n']);
        const bytes = await exportDocx(document.parseResult.value, contextOf(document, 'clerk.jobstd'));
        for (const [name, content] of unzip(bytes)) {
            if (name.endsWith('.xml')) expect(content.toString('utf8'), name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        }
        // Word's own reader, in effect: mammoth parses the XML and reads the text back.
        const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
        expect(value).toContain('Clerk\uFFFD');
        expect(value).toContain('Files\uFFFD the \uFFFDrecords\uFFFD.');
    });

    it('keeps hostile text in the new fields as text: escaped in the XML, shown as written', async () => {
        const [document] = await build([HOSTILE_LADDER]);
        const xml = unzip(await exportDocx(document.parseResult.value, contextOf(document, 'jobs/test.jobstd'))).get('word/document.xml')!.toString('utf8');
        expect(xml).not.toMatch(/<script|<img|<b>/);
        const lines = documentText(xml);
        expect(lines).toEqual(expect.arrayContaining([
            `Grade | ${HOSTILE.img}`,
            `Occupation | ${HOSTILE.script} ${HOSTILE.img} (ISCO-08)`,
            `Status | Draft by ${HOSTILE.quotes}`,
            `Competency | L1: ${HOSTILE.img} | L2: ${HOSTILE.script}`,
            `${HOSTILE.img} | 1 ${HOSTILE.script} / • ${HOSTILE.quotes} | 1 ${HOSTILE.script} (inherited from L1) / • ${HOSTILE.quotes}`,
            `${HOSTILE.script}: $1–$2 yearly or ${HOSTILE.img}: $3 per hour`,
            `Certification: ${HOSTILE.script} issued by ${HOSTILE.img} (preferred)`,
            `${HOSTILE.script} | rarely (less than 5% of the time)`,
        ]));
    });
});

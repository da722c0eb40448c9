import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, CstUtils, GrammarAST, isLeafCstNode, type LangiumDocument } from 'langium';
import { afterAll, describe, expect, it } from 'vitest';
import { exportJson, reflection, toFinding, type Document, type Finding } from '../src/index.js';
import { build, services } from './helpers.js';

/**
 * The slips corpus: real job standards, each with one slip of the kind analysts make, and the
 * same document with the slip corrected, line for line. The language should report exactly one
 * syntax finding, on the slip's line, and read everything else as if the slip were not there:
 * the same findings of the other checks, the same export.
 *
 * `dev/` is for tuning the recovery; `held-out/` is written in other styles and only scored.
 */

const SLIP_KINDS = [
    'unclosed-quote', 'missing-brace', 'extra-brace', 'inner-quotes', 'unquoted-prose',
    'unit-word', 'keyword-as-word', 'stray-punctuation', 'misspelt-keyword',
] as const;
type SlipKind = typeof SLIP_KINDS[number];

interface SlipCase {
    file: string;
    slip: SlipKind;
    /** 1-based line of the slip: the only line where the slipped and the fixed document differ. */
    line: number;
    /** Syntax findings the slipped document should have: 1, or 0 for a slip the language should accept. */
    syntaxFindings: 0 | 1;
    /** Set for slips the language should simply accept (`15 pct`, `per shift`). */
    accepted?: boolean;
    note: string;
}

const PARTS = ['dev', 'held-out', 'held-out-2'] as const;
type Part = typeof PARTS[number];

const slipsDir = join(__dirname, 'fixtures/slips');
const manifestOf = (part: Part) => JSON.parse(readFileSync(join(slipsDir, part, 'manifest.json'), 'utf8')) as SlipCase[];
const fixedName = (file: string) => file.replace(/\.jobstd$/, '.fixed.jobstd');
const read = (part: Part, file: string) => readFileSync(join(slipsDir, part, file), 'utf8');
const cases = PARTS.flatMap(part => manifestOf(part).map(c => ({ part, ...c })));
/** Each case with its test name, `dev/01-csr-phone-team.jobstd (unclosed-quote)`, so that `-t` picks one out. */
const named = (suffix = '') => cases.map(c => [`${c.part}/${c.file} (${c.slip})${suffix}`, c] as const);

async function buildAlone(text: string): Promise<{ document: LangiumDocument<Document>; findings: Finding[] }> {
    const [document] = await build([text]);
    return { document, findings: (document.diagnostics ?? []).map(d => toFinding('slip.jobstd', d)) };
}

const lineCodes = (findings: Finding[]) => new Set(findings.map(f => `${f.line}:${f.code}`));

/**
 * The export as `jobstd export --format json --force` writes it, less what is bound to differ:
 * `$schema` and `source` name the file, `findings` are compared on their own above. A weight's
 * `text` echoes the number as written ("15 pct" beside "15%"), and a unit or period word is
 * compared without case ("per shift" can only be written "per Shift" in today's fixed file);
 * their value, unit and share are still compared.
 */
function comparable(document: Document): unknown {
    const json = JSON.parse(JSON.stringify(exportJson(document, { file: 'slip.jobstd', findings: [] }))) as Record<string, unknown>;
    delete json.$schema;
    delete json.source;
    delete json.findings;
    const normalise = (value: unknown, key?: string): unknown => {
        if (Array.isArray(value)) return value.map(v => normalise(v));
        if (value === null || typeof value !== 'object') return value;
        const object: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            // A sentence is the line as written: the slip and its fix are spelled differently by design.
            if (k === 'sourceLocation' || k === 'sentence' || (key === 'weight' && k === 'text')) continue;
            const word = k === 'unit' || k === 'every' || (key === 'period' && k === 'text');
            object[k] = word && typeof v === 'string' ? v.toLowerCase() : normalise(v, k);
        }
        return object;
    };
    return normalise(json);
}

interface Score { part: Part; slip: SlipKind; oneFinding: boolean; kept: number; planted: number; exportsEqual: boolean }
const scores: Score[] = [];

describe('slips: one finding at the slip, everything else read as if it were not there', () => {
    afterAll(() => {
        const line = (label: string, list: Score[]) =>
            `${label}: ${list.filter(s => s.oneFinding).length} of ${list.length} cases pass (one finding at the slip), ` +
            `planted findings kept ${list.reduce((n, s) => n + s.kept, 0)}/${list.reduce((n, s) => n + s.planted, 0)}, ` +
            `exports equal ${list.filter(s => s.exportsEqual).length}/${list.length}`;
        const report = [
            ...PARTS.map(part => line(`slips ${part}`, scores.filter(s => s.part === part))),
            ...SLIP_KINDS.map(kind => line(`  ${kind}`, scores.filter(s => s.slip === kind))),
        ];
        if (scores.length > 0) console.log(report.join('\n'));
    });

    it.each(named())('%s', async (_name, c) => {
        const fixed = await buildAlone(read(c.part, fixedName(c.file)));
        const fixedExport = comparable(fixed.document.parseResult.value);
        const slipped = await buildAlone(read(c.part, c.file));
        let slippedExport: unknown;
        try {
            slippedExport = comparable(slipped.document.parseResult.value);
        } catch (error) {
            slippedExport = `the export failed: ${String(error)}`;
        }

        const syntax = slipped.findings.filter(f => f.code === 'syntax-error');
        const oneFinding = syntax.length === c.syntaxFindings && syntax.every(f => f.line === c.line);
        const want = lineCodes(fixed.findings);
        const got = lineCodes(slipped.findings);
        const missing = [...want].filter(k => !got.has(k));
        const extra = [...got].filter(k => !want.has(k) && !k.endsWith(':syntax-error') && !k.startsWith(`${c.line}:`));
        const exportsEqual = JSON.stringify(slippedExport) === JSON.stringify(fixedExport);
        scores.push({ part: c.part, slip: c.slip, oneFinding, kept: want.size - missing.length, planted: want.size, exportsEqual });

        expect(syntax.map(f => `${f.line}: ${f.message}`), 'syntax findings').toHaveLength(c.syntaxFindings);
        expect(syntax.map(f => f.line), 'the syntax finding is on the slip\'s line').toEqual(syntax.map(() => c.line));
        expect(missing, 'findings of the fixed document lost in the slipped one').toEqual([]);
        expect(extra, 'findings the slipped document has beyond the slip\'s line').toEqual([]);
        expect(slippedExport, 'the JSON export').toEqual(fixedExport);
    });
});

/** The corpus itself must be right today, whatever the language makes of the slips. */
describe('the slips corpus', () => {
    const keywords = new Set(AstUtils.streamAllContents(services.JobStd.Grammar)
        .filter(GrammarAST.isKeyword).map(k => k.value).toArray());
    const slippedLine = (c: typeof cases[number]) => read(c.part, c.file).split('\n')[c.line - 1];
    const fixedLine = (c: typeof cases[number]) => read(c.part, fixedName(c.file)).split('\n')[c.line - 1];
    const words = (line: string): string[] => line.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
    const count = (line: string, char: string) => line.split(char).length - 1;
    /** Quotes of "…" strings, not counting those of """…""". */
    const plainQuotes = (line: string) => count(line.replace(/"""/g, ''), '"');

    it('has at least 20 dev and 14 held-out cases, every file in a manifest and every manifest entry on disk', () => {
        for (const part of PARTS) {
            const files = readdirSync(join(slipsDir, part)).filter(f => f.endsWith('.jobstd')).sort();
            const listed = manifestOf(part).flatMap(c => [c.file, fixedName(c.file)]).sort();
            expect(files, part).toEqual(listed);
        }
        expect(cases.filter(c => c.part === 'dev').length).toBeGreaterThanOrEqual(20);
        expect(cases.filter(c => c.part === 'held-out').length).toBeGreaterThanOrEqual(14);
        expect(cases.filter(c => c.part === 'held-out-2').length).toBeGreaterThanOrEqual(16);
    });

    it('has every kind of slip at least twice, in every part', () => {
        for (const kind of SLIP_KINDS) {
            expect(cases.filter(c => c.slip === kind).length, kind).toBeGreaterThanOrEqual(2);
            for (const part of PARTS) expect(cases.some(c => c.slip === kind && c.part === part), `${kind} in ${part}`).toBe(true);
        }
        expect(cases.filter(c => !SLIP_KINDS.includes(c.slip)).map(c => c.file)).toEqual([]);
    });

    it.each(named(': the pair differs on the slip line only, in the first half or the middle'))('%s', (_name, c) => {
        const slipped = read(c.part, c.file).split('\n');
        const fixed = read(c.part, fixedName(c.file)).split('\n');
        expect(slipped.length).toBe(fixed.length);
        expect(fixed.length).toBeGreaterThanOrEqual(20);
        expect(fixed.length).toBeLessThanOrEqual(81);
        expect(fixed.flatMap((l, i) => l === slipped[i] ? [] : [i + 1])).toEqual([c.line]);
        expect(c.line).toBeLessThanOrEqual(Math.ceil(fixed.length * 0.6));
        expect(c.syntaxFindings).toBe(c.accepted ? 0 : 1);
    });

    it.each(named(' really holds a slip of its kind'))('%s', (_name, c) => {
        const slipped = slippedLine(c);
        const fixed = fixedLine(c);
        const changed = words(slipped).filter((w, i) => w !== words(fixed)[i]);
        switch (c.slip) {
            case 'unclosed-quote':
                expect(plainQuotes(slipped) % 2).toBe(1);
                expect(plainQuotes(fixed) % 2).toBe(0);
                expect(slipped.replace(/"/g, '').replace(/\s+/g, ' ')).toBe(fixed.replace(/"/g, '').replace(/\s+/g, ' '));
                break;
            case 'missing-brace':
                expect(count(fixed, '}') - count(slipped, '}')).toBe(1);
                expect(slipped.replace(/\s+/g, '')).toBe(fixed.replace('}', '').replace(/\s+/g, ''));
                break;
            case 'extra-brace':
                expect(count(slipped, '}') - count(fixed, '}')).toBe(1);
                expect(fixed.replace(/\s+/g, '')).toBe(slipped.replace(/}\s*$/, '').replace(/\s+/g, ''));
                break;
            case 'inner-quotes':
                expect(slipped).not.toContain('"""');
                expect(plainQuotes(slipped)).toBeGreaterThanOrEqual(4);
                expect(fixed).toContain('"""');
                break;
            case 'unquoted-prose':
                expect(slipped).not.toContain('"');
                expect(fixed.replace(/"/g, '')).toBe(slipped);
                break;
            case 'unit-word':
                expect(slipped).toMatch(/\d (pct|percent|pts|pt)\b/);
                break;
            case 'keyword-as-word':
                expect(slipped.toLowerCase()).toBe(fixed.toLowerCase());
                expect(changed).toHaveLength(1);
                expect(keywords.has(changed[0]), changed[0]).toBe(true);
                break;
            case 'stray-punctuation': {
                const stray = [...slipped].findIndex((ch, i) => ch !== fixed[i]);
                expect([',', ':']).toContain(slipped[stray]);
                expect(slipped.slice(0, stray) + slipped.slice(stray + 1)).toBe(fixed);
                break;
            }
            case 'misspelt-keyword':
                expect(changed).toHaveLength(1);
                expect(keywords.has(changed[0]), changed[0]).toBe(false);
                expect(keywords.has(words(fixed)[words(slipped).indexOf(changed[0])])).toBe(true);
                break;
        }
    });

    it.each(named(': the fixed document has no syntax error and three findings after the slip'))('%s', async (_name, c) => {
        const { findings } = await buildAlone(read(c.part, fixedName(c.file)));
        expect(findings.filter(f => f.code === 'syntax-error').map(f => `${f.line}: ${f.message}`)).toEqual([]);
        expect(lineCodes(findings.filter(f => f.line > c.line)).size).toBeGreaterThanOrEqual(3);
    });

    it('uses every construct of the grammar in its fixed documents', async () => {
        const seen = new Set<string>();
        for (const c of cases) {
            const { document } = await buildAlone(read(c.part, fixedName(c.file)));
            for (const node of AstUtils.streamAst(document.parseResult.value)) seen.add(node.$type);
        }
        const all = reflection.getAllTypes();
        const concrete = all.filter(t => !all.some(other => other !== t && reflection.isSubtype(other, t)));
        expect(concrete.filter(t => !seen.has(t))).toEqual([]);
    });

    it('writes every keyword of the grammar somewhere', async () => {
        const seen = new Set<string>();
        // The slipped documents count too: a unit word such as `pct` may become a keyword.
        for (const file of cases.flatMap(c => [[c.part, c.file], [c.part, fixedName(c.file)]] as const)) {
            const { document } = await buildAlone(read(...file));
            for (const node of CstUtils.streamCst(document.parseResult.value.$cstNode!)) {
                if (isLeafCstNode(node) && GrammarAST.isKeyword(node.grammarSource)) seen.add(node.text);
            }
        }
        expect([...keywords].filter(k => !seen.has(k) && /^[A-Za-z-]+$/.test(k)).sort()).toEqual([]);
    });
});

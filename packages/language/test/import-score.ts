import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AstUtils, type AstNode } from 'langium';
import {
    importDocument, isBehaviour, isCareerLevel, isCompetency, isCompetencyUse, isDemand, isIncentive, isJob, isLetter,
    isPay, isProficiencyRequirement, isRequirement, isRequirements, isSection, isStatement,
    isTarget, isTaskGroup, type CareerLevel, type Job, type Level, type TimeRange, type Weight
} from '../src/index.js';
import { build } from './helpers.js';

/**
 * The import score: how much of the STRUCTURE of a job document the importer recognises.
 *
 * Every document of the labelled corpus (test/fixtures/import-corpus/{dev,held-out}) is imported
 * with the real importer, the .jobstd it writes is parsed with the language's own parser, the
 * items of each kind are taken from the parsed AST, and they are compared with the document's
 * answer key (NAME.key.json, described in the corpus README).
 */

export const CORPUS = join(__dirname, 'fixtures/import-corpus');
export const PARTS = ['dev', 'held-out'] as const;
export type Part = typeof PARTS[number];

/** The kinds of structure scored, in the order the tables show them. */
export const KINDS = [
    'title', 'fact', 'section', 'duty', 'dutyWeight', 'mark', 'taskGroup', 'requirement', 'competency', 'competencyWeight',
    'requiredLevel', 'proficiencyDescriptor', 'behaviour', 'level', 'levelFact', 'pay', 'target', 'demand', 'placeholder',
] as const;
export type Kind = typeof KINDS[number];

/**
 * Kinds whose AST splits the sentence into parts (a requirement's subject and its duration, a
 * target's measure and its number, a pay line's amounts, a demand and its frequency): the key
 * holds the document's own words, and a found item matches when each of its parts is in them.
 */
const PART_KINDS: ReadonlySet<Kind> = new Set(['requirement', 'target', 'pay', 'demand']);

export interface AnswerKey {
    title: string;
    kinds: Partial<Record<Kind, string[]>>;
}

/** One item found in the imported document: the strings it may be written as, or its parts. */
export interface FoundItem {
    /** The first form is how the item is shown. */
    forms: string[];
    /** For part kinds: every part must be in the expected text. */
    parts?: string[];
    /** For `mark`: the mark, matched after " => " in the key. */
    mark?: string;
}

export interface KindScore {
    expected: number;
    found: number;
    correct: number;
    /** Expected items no found item matched. */
    missed: string[];
    /** Found items that match nothing expected (as their first form). */
    wrong: string[];
}

export interface DocumentScore {
    name: string;
    part: Part;
    /** Why the document could not be scored (the importer threw, the key is missing). */
    error?: string;
    syntaxErrors: string[];
    coverage: number;
    missingSentences: string[];
    kinds: Record<Kind, KindScore>;
}

export interface PartScore {
    part: Part | 'overall';
    documents: DocumentScore[];
    kinds: Record<Kind, KindScore>;
    expected: number;
    found: number;
    correct: number;
    precision: number;
    recall: number;
}

export const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The documents of a part: text, Markdown, HTML files, and .docx.ts generator modules. */
export function corpusDocuments(part: Part): string[] {
    const dir = join(CORPUS, part);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
        .filter(f => /\.(txt|md|html|docx\.ts)$/.test(f) && f !== 'README.md')
        .sort();
}

/** What the document is called when imported ("x.docx" for the generator module "x.docx.ts"). */
export const importName = (file: string): string => file.replace(/\.docx\.ts$/, '.docx');

async function contentOf(part: Part, file: string): Promise<Uint8Array> {
    const path = join(CORPUS, part, file);
    if (!file.endsWith('.docx.ts')) return readFileSync(path);
    const module = await import(pathToFileURL(path).href) as { default: () => Promise<Uint8Array> };
    return module.default();
}

export function keyOf(part: Part, file: string): AnswerKey {
    return JSON.parse(readFileSync(join(CORPUS, part, `${importName(file)}.key.json`), 'utf8')) as AnswerKey;
}

// ---------------------------------------------------------------------------------------------
// Extraction: the items of each kind in the parsed .jobstd

const DUTY_SECTION = /dut|responsib|function|task|accountab|you.ll do|activities|what you will do|main work|key result/i;

const all = <T extends AstNode>(node: AstNode, guard: (n: unknown) => n is T): T[] => AstUtils.streamAllContents(node).filter(guard).toArray();
const weightText = (w: Weight): string => `${w.value}${w.unit ? ` ${w.unit}` : ''}`;
const unique = (forms: Array<string | undefined>): string[] => [...new Set(forms.filter((f): f is string => !!f).map(normalise))];

function timeText(t: TimeRange): string {
    const range = t.plus ? `${t.low}+` : t.high ? `${t.low}${t.separator === 'to' ? ' to ' : t.separator}${t.high}` : t.low;
    return `${t.approximate ? `${t.approximate} ` : ''}${range} ${t.unit}`;
}

/** The sections around a node, innermost first, up to the job or level. */
function enclosingSections(node: AstNode): Array<{ title: string; mark?: string }> {
    const out: Array<{ title: string; mark?: string }> = [];
    for (let c = node.$container; c && !isJob(c); c = c.$container) {
        if (isSection(c)) out.push({ title: c.title, mark: c.mark });
    }
    return out;
}

const insideOf = (node: AstNode, guard: (n: unknown) => boolean): boolean => {
    for (let c = node.$container; c; c = c.$container) if (guard(c)) return true;
    return false;
};

const levelLabels = (level: CareerLevel): string[] => unique([level.name, level.title]);

export function extract(job: Job | undefined, placeholders: string[]): Record<Kind, FoundItem[]> {
    const found = Object.fromEntries(KINDS.map(k => [k, [] as FoundItem[]])) as Record<Kind, FoundItem[]>;
    if (!job) return found;
    const add = (kind: Kind, item: FoundItem) => { if (item.forms.length > 0 || item.parts) found[kind].push(item); };
    const forms = (...f: Array<string | undefined>): FoundItem => ({ forms: unique(f) });

    add('title', forms(job.title));

    const facts: Array<[string, string | undefined]> = [
        ['subtitle', job.subtitle], ['code', job.code], ['level', job.level], ['family', job.family],
        ['reports to', job.reportsTo?.$refText ?? job.reportsToText], ['flsa', job.flsa], ['location', job.location],
        ['grade', job.grade], ['band', job.band], ['created', job.created], ['updated', job.updated],
        ['next review', job.nextReview], ['effective', job.effective],
        ['occupation', job.occupation ? `${job.occupation.taxonomy} ${job.occupation.code}` : undefined],
        ['status', job.status?.value],
    ];
    for (const [key, value] of facts) if (value !== undefined) add('fact', forms(`${key}: ${value}`));

    for (const section of all(job, isSection)) {
        add('section', forms(section.title));
        if (section.weight) add('dutyWeight', forms(`${section.title} ${weightText(section.weight)}`));
    }

    const inTerms = (n: AstNode) => insideOf(n, c => isRequirements(c) || isLetter(c) || isIncentive(c) || isStatement(c));
    for (const statement of all(job, isStatement)) {
        if (inTerms(statement)) {
            if (isRequirements(statement.$container)) {
                add('requirement', forms(statement.text));
                if (statement.mark) add('mark', { forms: unique([statement.text]), mark: statement.mark });
            }
            continue;
        }
        const sections = enclosingSections(statement);
        const mark = statement.mark ?? sections.find(s => s.mark)?.mark;
        const directlyInLevel = isCareerLevel(statement.$container);
        const isDuty = !!statement.weight || mark === 'essential' || mark === 'marginal' || directlyInLevel
            || sections.some(s => DUTY_SECTION.test(s.title));
        if (mark === 'desirable' || mark === 'required' || mark === 'preferred') {
            add('requirement', forms(statement.text));
        } else if (isDuty) {
            add('duty', forms(statement.text));
        }
        if (statement.weight) add('dutyWeight', forms(`${statement.text} ${weightText(statement.weight)}`));
        if (mark) add('mark', { forms: unique([statement.text]), mark });
    }

    for (const group of all(job, isTaskGroup)) {
        const w = group.weight ? ` ${weightText(group.weight)}` : '';
        add('taskGroup', forms(group.title ?? group.name, `${group.name} ${group.title ?? ''}`, `${group.title ?? group.name}${w}`, `${group.name} ${group.title ?? ''}${w}`));
        for (const task of group.tasks) {
            add('duty', forms(task.text));
            if (task.weight) add('dutyWeight', forms(`${task.text} ${weightText(task.weight)}`));
            if (task.mark) add('mark', { forms: unique([task.text]), mark: task.mark });
        }
    }

    for (const requirement of all(job, isRequirement)) {
        const d = requirement.duration;
        const parts = [requirement.text, ...(requirement.issuer ? [requirement.issuer] : []),
            ...(d ? [d.spelled ?? d.value, ...(d.maximum ? [d.maximum] : [])] : [])];
        found.requirement.push({ forms: unique([requirement.text]), parts });
        if (requirement.necessity) found.mark.push({ forms: unique([requirement.text]), parts, mark: requirement.necessity });
    }

    const levelForms = (name: string, title: string | undefined, level?: Level): string[] => {
        if (!level) return [];
        return [name, title].filter((n): n is string => !!n).flatMap(n => [`${n} ${level.value}`, level.label ? `${n} ${level.value} ${level.label}` : undefined])
            .filter((f): f is string => !!f);
    };
    for (const competency of all(job, isCompetency)) {
        add('competency', forms(competency.title ?? competency.name, competency.name));
        if (competency.weight) {
            const w = weightText(competency.weight);
            add('competencyWeight', forms(`${competency.title ?? competency.name} ${w}`, `${competency.name} ${w}`));
        }
        if (competency.level) add('requiredLevel', { forms: unique(levelForms(competency.name, competency.title, competency.level)) });
        for (const d of competency.descriptors) {
            const names = unique([competency.title, competency.name]);
            add('proficiencyDescriptor', { forms: unique(names.flatMap(n => [`${n} ${d.value}`, d.label ? `${n} ${d.value} ${d.label}` : undefined])) });
        }
    }
    for (const use of all(job, isCompetencyUse)) {
        const name = use.competency.$refText;
        const title = use.competency.ref?.title;
        add('competency', forms(title ?? name, name));
        if (use.weight) add('competencyWeight', forms(`${title ?? name} ${weightText(use.weight)}`, `${name} ${weightText(use.weight)}`));
        if (use.level) add('requiredLevel', { forms: unique(levelForms(name, title, use.level)) });
    }
    for (const requires of all(job, isProficiencyRequirement)) {
        const names = unique([requires.competency.$refText, requires.competency.ref?.title]);
        const level = requires.$container;
        const prefixes = isCareerLevel(level) ? levelLabels(level) : [];
        add('requiredLevel', { forms: unique(names.flatMap(n => [`${n} ${requires.value}`, ...prefixes.map(p => `${p} ${n} ${requires.value}`)])) });
    }

    for (const behaviour of all(job, isBehaviour)) add('behaviour', forms(behaviour.text));

    for (const level of job.levels) {
        add('level', forms(level.title ?? level.name, level.name, level.title ? `${level.name} ${level.title}` : undefined));
        const labels = levelLabels(level);
        const levelFacts: Array<[string, string | undefined]> = [
            ['grade', level.grade], ['band', level.band], ['scope', level.scope],
            ['time in level', level.timeInLevel ? timeText(level.timeInLevel) : undefined],
        ];
        for (const [key, value] of levelFacts) if (value !== undefined) add('levelFact', { forms: unique(labels.map(l => `${l} ${key}: ${value}`)) });
    }

    for (const pay of all(job, isPay)) {
        for (const terms of [pay, ...pay.alternatives]) {
            const parts = [terms.amount, ...(terms.maximum ? [terms.maximum] : [])];
            found.pay.push({ forms: unique([`${terms.label}: ${parts.join(' - ')}`]), parts });
        }
    }
    for (const target of all(job, isTarget)) {
        const parts = [target.measure, ...(target.spec?.value ? [target.spec.value] : [])];
        found.target.push({ forms: unique([`${target.measure}${target.spec?.value ? ` ${target.spec.value}` : ''}`]), parts });
    }
    for (const demand of all(job, isDemand)) {
        found.demand.push({ forms: unique([`${demand.text}${demand.frequency ? ` ${demand.frequency}` : ''}`]), parts: [demand.text, ...(demand.frequency ? [demand.frequency] : [])] });
    }
    for (const placeholder of placeholders) add('placeholder', forms(placeholder));
    return found;
}

// ---------------------------------------------------------------------------------------------
// Matching

/** Part matching ignores case and the space the AST keeps after a currency sign ("$ 86,962"). */
const comparable = (text: string): string => normalise(text).replace(/\$ (?=[0-9xX])/g, '$').toLowerCase();
const contains = (expected: string, part: string): boolean => comparable(expected).includes(comparable(part));

/** Matches found items to expected items one to one: exact forms first, then parts. */
export function compare(kind: Kind, found: FoundItem[], expected: string[]): KindScore {
    const open = expected.map(normalise);
    const used = new Array<boolean>(open.length).fill(false);
    const hit = new Array<boolean>(found.length).fill(false);
    const split = (e: string) => {
        if (kind !== 'mark') return { text: e, mark: undefined };
        const at = e.lastIndexOf(' => ');
        return at < 0 ? { text: e, mark: undefined } : { text: e.slice(0, at), mark: e.slice(at + 4).trim() };
    };
    const exact = (item: FoundItem, e: string) => {
        const { text, mark } = split(e);
        return (kind !== 'mark' || mark === item.mark) && item.forms.includes(text);
    };
    const byParts = (item: FoundItem, e: string) => {
        const { text, mark } = split(e);
        return !!item.parts && (kind !== 'mark' || mark === item.mark) && (PART_KINDS.has(kind) || kind === 'mark')
            && item.parts.every(p => contains(text, p));
    };
    for (const test of [exact, byParts]) {
        found.forEach((item, i) => {
            if (hit[i]) return;
            const j = open.findIndex((e, k) => !used[k] && test(item, e));
            if (j >= 0) { used[j] = true; hit[i] = true; }
        });
    }
    const show = (item: FoundItem) => `${item.forms[0] ?? item.parts?.join(' | ') ?? ''}${item.mark ? ` => ${item.mark}` : ''}`;
    return {
        expected: open.length,
        found: found.length,
        correct: hit.filter(Boolean).length,
        missed: open.filter((_, k) => !used[k]),
        wrong: found.filter((_, i) => !hit[i]).map(show),
    };
}

// ---------------------------------------------------------------------------------------------
// Scoring

const emptyKinds = (): Record<Kind, KindScore> =>
    Object.fromEntries(KINDS.map(k => [k, { expected: 0, found: 0, correct: 0, missed: [], wrong: [] }])) as unknown as Record<Kind, KindScore>;

export async function scoreDocument(part: Part, file: string): Promise<DocumentScore> {
    const name = importName(file);
    const score: DocumentScore = { name, part, syntaxErrors: [], coverage: 0, missingSentences: [], kinds: emptyKinds() };
    let key: AnswerKey;
    try {
        key = keyOf(part, file);
    } catch (e) {
        score.error = `no answer key: ${(e as Error).message}`;
        return score;
    }
    let job: Job | undefined;
    let placeholders: string[] = [];
    try {
        const result = await importDocument({ name, content: await contentOf(part, file) });
        score.coverage = result.report.coverage.ratio;
        score.missingSentences = result.report.coverage.missing;
        const [document] = await build([result.text]);
        const diagnostics = document.diagnostics ?? [];
        score.syntaxErrors = diagnostics.filter(d => d.code === 'syntax-error').map(d => `${d.range.start.line + 1}: ${d.message}`);
        const lines = result.text.split('\n');
        placeholders = diagnostics.filter(d => d.code === 'placeholder').map(d => {
            const { start, end } = d.range;
            if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
            return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
        });
        job = document.parseResult.value.jobs[0];
    } catch (e) {
        score.error = `import failed: ${(e as Error).message}`;
    }
    const found = extract(job, placeholders);
    const expected: Partial<Record<Kind, string[]>> = { ...key.kinds, title: [key.title] };
    for (const kind of KINDS) score.kinds[kind] = compare(kind, found[kind], expected[kind] ?? []);
    const unknown = Object.keys(key.kinds).filter(k => !(KINDS as readonly string[]).includes(k));
    if (unknown.length > 0) score.error = `unknown kinds in the key: ${unknown.join(', ')}`;
    return score;
}

const ratio = (a: number, b: number): number => b === 0 ? 1 : a / b;

export function total(part: Part | 'overall', documents: DocumentScore[]): PartScore {
    const kinds = emptyKinds();
    for (const d of documents) {
        for (const kind of KINDS) {
            const k = kinds[kind];
            const s = d.kinds[kind];
            k.expected += s.expected; k.found += s.found; k.correct += s.correct;
            k.missed.push(...s.missed.map(m => `${d.name}: ${m}`));
            k.wrong.push(...s.wrong.map(w => `${d.name}: ${w}`));
        }
    }
    const sum = (f: (k: KindScore) => number) => KINDS.reduce((s, kind) => s + f(kinds[kind]), 0);
    const expected = sum(k => k.expected);
    const found = sum(k => k.found);
    const correct = sum(k => k.correct);
    return { part, documents, kinds, expected, found, correct, precision: ratio(correct, found), recall: ratio(correct, expected) };
}

export async function scoreCorpus(): Promise<{ parts: PartScore[]; overall: PartScore }> {
    const parts: PartScore[] = [];
    for (const part of PARTS) {
        const documents: DocumentScore[] = [];
        for (const file of corpusDocuments(part)) documents.push(await scoreDocument(part, file));
        parts.push(total(part, documents));
    }
    return { parts, overall: total('overall', parts.flatMap(p => p.documents)) };
}

// ---------------------------------------------------------------------------------------------
// Report

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function table(rows: string[][]): string {
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
    return rows.map(r => r.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join('  ').trimEnd()).join('\n');
}

export function kindTable(score: PartScore): string {
    const rows = [['kind', 'expected', 'found', 'correct', 'precision', 'recall']];
    for (const kind of KINDS) {
        const k = score.kinds[kind];
        if (k.expected === 0 && k.found === 0) continue;
        rows.push([kind, `${k.expected}`, `${k.found}`, `${k.correct}`, k.found ? pct(k.correct / k.found) : '-', k.expected ? pct(k.correct / k.expected) : '-']);
    }
    rows.push(['all', `${score.expected}`, `${score.found}`, `${score.correct}`, pct(score.precision), pct(score.recall)]);
    return table(rows);
}

export const BAR = { recall: 0.85, precision: 0.95 };

export function report(result: { parts: PartScore[]; overall: PartScore }, detail = 3): string {
    const out: string[] = ['jobstd import score: structure recognised in the labelled corpus', ''];
    for (const part of [...result.parts, result.overall]) {
        out.push(`== ${part.part} (${part.documents.length} documents) ==`, kindTable(part), '');
    }
    out.push('== per document ==');
    const docRows = [['document', 'part', 'coverage', 'expected', 'correct', 'recall', 'found', 'precision', 'note']];
    for (const d of result.overall.documents) {
        const p = total(d.part, [d]);
        docRows.push([d.name, d.part, pct(d.coverage), `${p.expected}`, `${p.correct}`, pct(p.recall), `${p.found}`, pct(p.precision),
            d.error ?? (d.syntaxErrors.length ? `${d.syntaxErrors.length} syntax errors` : '')]);
    }
    out.push(table(docRows), '');
    const uncovered = result.overall.documents.filter(d => d.coverage < 1);
    out.push(`word coverage below 100%: ${uncovered.length === 0 ? 'none' : uncovered.map(d => `${d.name} ${pct(d.coverage)} (${d.missingSentences.length} sentences)`).join(', ')}`, '');
    const heldOut = result.parts.find(p => p.part === 'held-out');
    if (heldOut) {
        out.push(`held-out bar: recall ${pct(heldOut.recall)} of ${pct(BAR.recall)} (${heldOut.recall >= BAR.recall ? 'met' : `${pct(BAR.recall - heldOut.recall)} short`}), `
            + `precision ${pct(heldOut.precision)} of ${pct(BAR.precision)} (${heldOut.precision >= BAR.precision ? 'met' : `${pct(BAR.precision - heldOut.precision)} short`})`, '');
    }
    for (const part of result.parts) {
        out.push(`== worst kinds, ${part.part} (missed expected items) ==`);
        const worst = KINDS.map(k => ({ k, s: part.kinds[k] })).filter(x => x.s.missed.length > 0)
            .sort((a, b) => b.s.missed.length - a.s.missed.length).slice(0, 10);
        for (const { k, s } of worst) {
            out.push(`${k}: ${s.missed.length} of ${s.expected} missed, ${s.wrong.length} found that match nothing`);
            for (const m of s.missed.slice(0, detail)) out.push(`    missed  ${m}`);
            for (const w of s.wrong.slice(0, detail)) out.push(`    extra   ${w}`);
        }
        out.push('');
    }
    return out.join('\n');
}

import { StatusWords } from '../career.js';
import { findPlaceholders, type PlaceholderMatcher } from '../validation/placeholders.js';
import { capitalise } from '../words.js';
import { humanDate } from './dates.js';
import {
    characteristicsTable, competencyTable, conditionsTable, dutyTable, proficiencyMatrixTable, scaleTable, scheduleTable,
    targetTable, taskGroupTable, type TableView
} from './document-tables.js';
import type {
    AuthorityJson, BonusAmountJson, CareerLevelJson, CharacteristicsJson, CompetencyJson, ConditionsJson, DutySetJson, ElementJson,
    IncentiveClauseJson, JobJson, JobStdJson, LetterJson, OccupationJson, PayJson, PayTermJson, QuantityJson, RateJson,
    ReportsToJson, RoleJson, ScaleJson, ScheduleJson, SectionJson, StatementJson, StatusJson, TargetJson, TaskGroupJson, TaskJson,
    ThresholdJson, WeightSetJson
} from './json-export.js';
import { weightSetText } from './shares.js';

/**
 * The presentation model of the documents people read and sign: what HTML, Word and the editor's
 * preview show, computed once from the JSON export. The renderers only draw it, so a fact, a
 * heading's number or a sentence reads the same in every format, and a fact added here appears in
 * all of them.
 */

/** How a piece of text is set apart: an unfilled placeholder, a value inside a sentence, a label, a note, a rule's code. */
export type Mark = 'placeholder' | 'value' | 'label' | 'note' | 'unresolved' | 'code';

/** A level of a ladder or a task group of a job, by its id: what a piece of text or a table row stands for. */
export interface Ref {
    kind: 'level' | 'taskGroup';
    id: string;
}

/**
 * A run of text; `ref` names the level or task group it stands for, for formats that link. Pieces
 * one after another with the same `ref` are one name (an id and its title), linked as one.
 */
export interface Inline {
    text: string;
    mark?: Mark;
    ref?: Ref;
}

/** One line of text as pieces; a paragraph break inside it is written "\n\n". */
export type Line = Inline[];

/** A labelled fact: "Job family: Customer Service". */
export interface Fact {
    label: string;
    value: Line;
}

/** How a section lists what it holds. */
export type ListStyle = SectionJson['style'];

/**
 * Runs of like elements, shown together: a list (the one-line elements of a styled section), a table
 * of task groups, competencies, targets or duties, a block of signatures; anything else alone.
 */
export type RunKind = 'item' | 'statement' | 'target' | 'taskGroup' | 'competency' | 'signature' | 'proficiencyRequirement' | 'single';

export interface ElementRun {
    kind: RunKind;
    elements: ElementJson[];
    /** In a numbered or lettered section: the number of the run's first item, counting on from the items and sections before it. */
    start: number;
}

/** Elements that read as one line, and so become items of a styled section's list. */
const LINE_KINDS: ReadonlySet<string> = new Set(['statement', 'target', 'kpi', 'authority', 'pay', 'benefit']);

/** Kinds that stand together when written one after another. */
const GROUPED: ReadonlySet<RunKind> = new Set(['item', 'statement', 'target', 'taskGroup', 'competency', 'signature', 'proficiencyRequirement']);

/**
 * The elements of a block in runs. In a styled section every one-line element is an item of the
 * section's list, and a section inside it is numbered in the same count, as the writer numbered them:
 * "1. Company Values and Philosophy", "2. Leadership Expectations".
 */
export function elementRuns(elements: readonly ElementJson[], style: ListStyle): ElementRun[] {
    const kindOf = (e: ElementJson): RunKind => {
        if (style && LINE_KINDS.has(e.kind)) return 'item';
        if (e.kind === 'kpi') return 'target';
        return GROUPED.has(e.kind as RunKind) ? e.kind as RunKind : 'single';
    };
    const runs: ElementRun[] = [];
    let counted = 0;
    for (let i = 0; i < elements.length;) {
        const kind = kindOf(elements[i]);
        let end = i + 1;
        if (kind !== 'single') while (end < elements.length && kindOf(elements[end]) === kind) end++;
        const run = elements.slice(i, end);
        runs.push({ kind, elements: run, start: counted + 1 });
        if (kind === 'item' || (kind === 'single' && run[0].kind === 'section')) counted += run.length;
        i = end;
    }
    return runs;
}

/** The number a styled list gives its nth item: "3.", "c."; a bulleted list numbers nothing. */
export function ordinal(style: ListStyle, n: number): string | undefined {
    if (style === 'numbered') return `${n}.`;
    if (style === 'lettered') return `${letters(n)}.`;
    return undefined;
}

/** 1 → a, 26 → z, 27 → aa: as word processors letter a long list. */
function letters(n: number): string {
    let out = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
    return out;
}

/** How a section lists its items: as written, and a training plan's courses as a bulleted list when it says nothing. */
export function listStyleOf(section: SectionJson): ListStyle {
    return section.style ?? (section.variant === 'trainingPlan' ? 'bulleted' : undefined);
}

/** The document's title: the job's or the library's own when the file holds one, else one for the whole file. */
export function documentTitle(data: JobStdJson): string {
    if (data.jobs.length === 1) return data.jobs[0].title;
    if (data.jobs.length === 0 && data.libraries.length === 1) return data.libraries[0].title;
    return `Job standards: ${data.source}`;
}

/** "Revised 29 May 2012", for the running header, when the file holds one job with a date. */
export function revisionOf(data: JobStdJson): string | undefined {
    const job = data.jobs.length === 1 ? data.jobs[0] : undefined;
    const date = job?.updated ?? job?.created;
    return date ? `Revised ${humanDate(date.slice(0, 10))}` : undefined;
}

/** The total of a set of duties' shares, when the set has any. */
function dutySetText(set: DutySetJson | undefined): string | undefined {
    return set && set.unit ? weightSetText(set, 'duty', 'duties') : undefined;
}

function weightSet(set: WeightSetJson, one: string, many?: string): string | undefined {
    return set.unit ? weightSetText(set, one, many) : undefined;
}

/** The pieces of the documents that need the placeholder patterns in force: text, facts, tables and one-line terms. */
export class DocumentView {
    constructor(private readonly placeholders: PlaceholderMatcher) {}

    // ----- text -----------------------------------------------------------------

    /** Text as written, its unfilled placeholders marked. */
    prose(text: string): Line {
        const out: Line = [];
        let at = 0;
        for (const match of findPlaceholders(text, this.placeholders)) {
            if (match.offset > at) out.push({ text: text.slice(at, match.offset) });
            out.push({ text: match.text, mark: 'placeholder' });
            at = match.offset + match.text.length;
        }
        if (at < text.length || out.length === 0) out.push({ text: text.slice(at) });
        return out;
    }

    /** A value the exporter knows to be a placeholder (a weight, a level, a blank amount) is marked whole. */
    quantity(q: { text: string; placeholder: boolean }): Line {
        return q.placeholder ? [{ text: q.text, mark: 'placeholder' }] : this.prose(q.text);
    }

    // ----- facts ------------------------------------------------------------------

    jobFacts(job: JobJson): Fact[] {
        return facts([
            ['Code', job.code !== undefined && this.prose(job.code)],
            ['Level', job.level !== undefined && this.prose(job.level)],
            ['Job family', job.family !== undefined && this.prose(job.family)],
            ['Grade', job.grade !== undefined && this.prose(job.grade)],
            ['Band', job.band !== undefined && this.prose(job.band)],
            ['Levels', job.levelCount !== undefined && [{ text: String(job.levelCount) }]],
            ['Occupation', job.occupation && this.occupation(job.occupation)],
            ['Status', job.status && this.status(job.status)],
            ['Effective', job.effective !== undefined && this.prose(humanDate(job.effective))],
            ['Reports to', job.reportsTo && this.reportsTo(job.reportsTo)],
            ['FLSA status', job.flsa !== undefined && this.prose(job.flsa)],
            ['Location', job.location !== undefined && this.prose(job.location)],
            ['Created', job.created !== undefined && this.prose(humanDate(job.created))],
            ['Updated', job.updated !== undefined && this.prose(humanDate(job.updated))],
            ['Next review', job.nextReview !== undefined && this.prose(humanDate(job.nextReview))],
            ['Subject-matter experts', job.smes.length > 0 && this.list(job.smes)],
            ['Task group weights', plain(weightSet(job.weights.taskGroups, 'task group'))],
            ['Competency weights', plain(weightSet(job.weights.competencies, 'competency', 'competencies'))],
            ['Duties\u2019 shares of time', plain(dutySetText(job.weights.duties?.find(d => d.level === undefined && d.section === undefined)))],
        ]);
    }

    levelFacts(level: CareerLevelJson, duties: DutySetJson[] | undefined): Fact[] {
        const inherits = level.inherits;
        return facts([
            ['Grade', level.grade !== undefined && this.prose(level.grade)],
            ['Band', level.band !== undefined && this.prose(level.band)],
            ['Scope', level.scope !== undefined && this.prose(level.scope)],
            ['Time in level', level.timeInLevel && this.prose(level.timeInLevel.text)],
            ['Inherits', inherits && (inherits.resolved
                ? [{ text: inherits.title && inherits.title !== inherits.id ? `${inherits.id} (${inherits.title})` : inherits.id, ref: { kind: 'level', id: inherits.id } }]
                : [{ text: inherits.id }, { text: ' (no such level)', mark: 'unresolved' }])],
            ['Duties\u2019 shares of time', plain(dutySetText(duties?.find(d => d.level === level.id && d.section === undefined)))],
        ]);
    }

    /** A section's share of time and its mark hold for the duties inside: said once, under its title. */
    sectionFacts(section: SectionJson, duties: DutySetJson | undefined): Fact[] {
        return facts([
            ['Share of time', section.weight && this.quantity(section.weight)],
            [section.function ? 'Function' : 'Mark', section.mark !== undefined && [{ text: capitalise(section.function ?? section.mark) }]],
            ['Its duties\u2019 shares', section.weight !== undefined && plain(dutySetText(duties))],
        ]);
    }

    roleFacts(role: RoleJson): Fact[] {
        return facts([
            ['Reports to', role.reportsTo && this.reportsTo(role.reportsTo)],
            ['FLSA status', role.flsa !== undefined && this.prose(role.flsa)],
            ['Location', role.location !== undefined && this.prose(role.location)],
            ['Scope', role.scope !== undefined && this.prose(role.scope)],
        ]);
    }

    /** Inside a library the library is obvious; in a job it says, by its title, where the definition comes from. */
    competencyFacts(c: CompetencyJson, inJob: boolean): Fact[] {
        return facts([
            ['From library', inJob && c.source === 'library' && c.library !== undefined && this.prose(c.libraryTitle ?? c.library)],
            ['Subject-matter experts', c.smes.length > 0 && this.list(c.smes)],
            ['Last updated', c.lastUpdated !== undefined && this.prose(humanDate(c.lastUpdated))],
        ]);
    }

    letterFacts(letter: LetterJson): Fact[] {
        return facts([
            ['To', letter.to !== undefined && this.prose(letter.to)],
            ['From', letter.from !== undefined && this.prose(letter.from)],
            ['Subject', letter.subject !== undefined && this.prose(letter.subject)],
        ]);
    }

    /** "15-1232.00 Computer User Support Specialists (O*NET-SOC 2019)" */
    private occupation(o: OccupationJson): Line {
        return [...this.prose(o.code), ...(o.title !== undefined ? [{ text: ' ' }, ...this.prose(o.title)] : []), { text: ' ' }, { text: `(${o.taxonomyName})`, mark: 'note' }];
    }

    /** "Approved by Dana Whitfield on 14 March 2026", in the words the status line is written with. */
    private status(s: StatusJson): Line {
        return [
            { text: StatusWords[s.value] ?? s.value },
            ...(s.by !== undefined ? [{ text: ' by ' }, ...this.prose(s.by)] : []),
            ...(s.date !== undefined ? [{ text: ' on ' }, ...this.prose(humanDate(s.date))] : []),
        ];
    }

    private reportsTo(reportsTo: ReportsToJson): Line {
        return reportsTo.resolved === false ? [...this.prose(reportsTo.title), { text: ' (no such role)', mark: 'unresolved' }] : this.prose(reportsTo.title);
    }

    private list(items: string[]): Line {
        return items.flatMap((item, i) => [...(i > 0 ? [{ text: ', ' }] : []), ...this.prose(item)]);
    }

    /** A duty's or task's share of time and mark, as an aside after its text: "(35%, essential)". */
    dutyNote(d: StatementJson | TaskJson): Line | undefined {
        const mark = d.function ?? ('necessity' in d ? d.necessity : undefined) ?? d.mark;
        if (!d.weight && !mark) return undefined;
        const weight = d.weight ? this.quantity(d.weight) : [];
        return [{ text: '(' }, ...weight, ...(mark ? [{ text: weight.length > 0 ? `, ${mark}` : mark }] : []), { text: ')' }];
    }

    // ----- tables (document-tables.ts) --------------------------------------------------

    /** A job's task groups; `set` is the job's task-group weights, which say whether a Share column adds anything. */
    taskGroupTable(groups: readonly TaskGroupJson[], set: WeightSetJson | undefined): TableView {
        return taskGroupTable(this, groups, set);
    }

    /** Competencies, or none where their definitions are the whole story; `inJob` is false in a library. */
    competencyTable(competencies: readonly CompetencyJson[], set: WeightSetJson | undefined, inJob: boolean): TableView | undefined {
        return competencyTable(this, competencies, set, inJob);
    }

    dutyTable(duties: readonly StatementJson[]): TableView {
        return dutyTable(this, duties);
    }

    conditionsTable(conditions: ConditionsJson): TableView {
        return conditionsTable(this, conditions);
    }

    targetTable(targets: readonly TargetJson[]): TableView {
        return targetTable(this, targets);
    }

    characteristicsTable(characteristics: CharacteristicsJson): TableView {
        return characteristicsTable(this, characteristics);
    }

    scaleTable(scale: ScaleJson): TableView | undefined {
        return scaleTable(this, scale);
    }

    scheduleTable(schedule: ScheduleJson): TableView {
        return scheduleTable(this, schedule);
    }

    /** A ladder's competency × level matrix; none for a job without levels or requirements. */
    proficiencyMatrixTable(job: JobJson): TableView | undefined {
        return proficiencyMatrixTable(this, job);
    }

    // ----- one-line terms ---------------------------------------------------------

    /**
     * A target, KPI, limit or incentive term as the analyst wrote it, its numbers set apart: "Answering the
     * main phones within **3 rings**", "**85%** first time call completion ratio". Where the line says
     * what it is only by its keyword (an authority, a benefit, a condition, an amount), a label says it.
     */
    termLine(term: TargetJson | AuthorityJson | ThresholdJson | RateJson | BonusAmountJson | Exclude<IncentiveClauseJson, { kind: 'incentive' | 'section' }> | PayJson): Line {
        switch (term.kind) {
            case 'target': case 'kpi': return this.sentence(term.sentence, [term.text !== undefined ? { text: term.text, unit: term.unit, placeholder: term.placeholder, comparator: term.comparator, bound: term.bound } : undefined]);
            case 'authority': return [...label('Authority'), ...this.sentence(term.sentence, [term.limit])];
            case 'threshold': return this.sentence(term.sentence, [{ text: term.text, unit: term.unit, placeholder: term.placeholder, comparator: term.comparator }]);
            case 'rate': return this.sentence(term.sentence, [term.rate, ...(term.floor ? [term.floor] : [])]);
            case 'bonusAmount': return [...label('Amount'), ...this.sentence(term.sentence, [term.amount])];
            case 'payout': return this.prose(term.sentence);
            case 'condition': return [...label('Condition'), ...this.prose(term.text)];
            case 'benefit': return [...label('Benefit'), ...this.prose(term.text)];
            case 'pay': return this.pay(term);
            case 'statement': return this.prose(term.text);
        }
    }

    /** One pay line: its first term, then each alternative after "or", as one pay. */
    pay(pay: PayJson): Line {
        return [pay, ...(pay.alternatives ?? [])].flatMap((term, i) => [...(i > 0 ? [{ text: ' or ' }] : []), ...this.payTerm(term)]);
    }

    /** "Base salary: $52,000–$68,000 yearly": the amount or range as written. */
    private payTerm(term: PayTermJson): Line {
        const amount = term.range ? this.quantity({ text: term.range.text, placeholder: term.range.placeholder }) : this.quantity(term.amount);
        return [...label(term.label), ...amount, ...(term.period ? [{ text: ` ${term.period.text}` }] : [])];
    }

    /**
     * The sentence with each value set apart where it stands (the first place after the last value found),
     * with the words of the value around its number where they follow it as written: its comparator
     * ("within"), its unit when that is a word ("rings") and its bound ("or higher"). The rest is prose,
     * placeholders marked; a blank value is marked as a placeholder, not as a value.
     */
    private sentence(sentence: string, values: Array<SentenceValue | undefined>): Line {
        const out: Line = [];
        let at = 0;
        for (const value of values) {
            if (!value || value.text === '') continue;
            const found = sentence.indexOf(value.text, at);
            if (found < 0) continue;
            let start = found;
            let end = found + value.text.length;
            const before = value.comparator !== undefined ? `${value.comparator} ` : '';
            if (before !== '' && start - before.length >= at && sentence.slice(start - before.length, start).toLowerCase() === before.toLowerCase()) start -= before.length;
            for (const word of [value.unit !== undefined && !['%', '$'].includes(value.unit) ? value.unit : undefined, value.bound]) {
                if (word !== undefined && sentence.slice(end, end + word.length + 1).toLowerCase() === ` ${word}`.toLowerCase()) end += word.length + 1;
            }
            if (start > at) out.push(...this.prose(sentence.slice(at, start)));
            if (value.placeholder) {
                // The blank alone is the placeholder; the words around it are the value's.
                if (found > start) out.push({ text: sentence.slice(start, found), mark: 'value' });
                out.push({ text: value.text, mark: 'placeholder' });
                if (end > found + value.text.length) out.push({ text: sentence.slice(found + value.text.length, end), mark: 'value' });
            } else {
                out.push({ text: sentence.slice(start, end), mark: 'value' });
            }
            at = end;
        }
        if (at < sentence.length) out.push(...this.prose(sentence.slice(at)));
        return out;
    }
}

/** "Benefit: ", the label set apart and the space after it not. */
/** A number as a sentence states it, with the words that belong to it. */
type SentenceValue = Pick<QuantityJson, 'text' | 'placeholder'> & { unit?: string; comparator?: string; bound?: string };

/** A line cut at its paragraph breaks, for formats that set paragraphs apart. */
export function paragraphsOf(line: Line): Line[] {
    const out: Line[] = [[]];
    for (const piece of line) {
        piece.text.split('\n\n').forEach((part, i) => {
            if (i > 0) out.push([]);
            if (part !== '') out[out.length - 1].push({ ...piece, text: part });
        });
    }
    return out;
}

function label(text: string): Line {
    return [{ text: `${text}:`, mark: 'label' }, { text: ' ' }];
}

function plain(text: string | undefined): Line | undefined {
    return text === undefined ? undefined : [{ text }];
}

function facts(entries: Array<[string, Line | undefined | false | '']>): Fact[] {
    return entries.filter((entry): entry is [string, Line] => Array.isArray(entry[1]) && entry[1].length > 0)
        .map(([label, value]) => ({ label, value }));
}

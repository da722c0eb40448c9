import type { ImportCounts } from './types.js';
import type { SourceLine } from './read.js';
import { isDateLine, type NoiseLog } from './noise.js';
import { parseDate } from './dates.js';
import { NameMaker, quote, type OutLine } from '../jobstd-writer.js';

/**
 * Reads the lines of a job standard into .jobstd structure. Each rule is a pattern of
 * the documents HR teams have (the seeds show them all): a fact line, a task group
 * heading, a competency with its behaviours, a rating, a target, a signature line.
 * What no rule fits stays as a statement where it stood, in its own words.
 */

export interface Recognised {
    title: string;
    /** The job's fact lines and body, in the order of the input. */
    body: OutLine[];
    counts: ImportCounts;
    /** Lines no structure fitted and that could not stay where they stood. */
    unrecognised: string[];
}

export function emptyCounts(): ImportCounts {
    return {
        sections: 0, statements: 0, taskGroups: 0, tasks: 0, competencies: 0, behaviours: 0, characteristics: 0,
        requirements: 0, targets: 0, kpis: 0, authorities: 0, roles: 0, shifts: 0, signatures: 0, pay: 0, benefits: 0, incentives: 0,
    };
}

// ---------------------------------------------------------------------------
// Labels

type JobFact = 'code' | 'level' | 'family' | 'reports to' | 'flsa' | 'location' | 'created' | 'updated' | 'next review'
    | 'sme' | 'summary' | 'title' | 'to' | 'from' | 'subject' | 'scope' | 'last updated' | 'links' | 'disclaimer';

/** Field labels and the fact each one is; the label's words become the keyword. */
export const FIELD_LABELS: Readonly<Record<string, JobFact>> = {
    'code': 'code', 'job code': 'code', 'position code': 'code', 'job number': 'code',
    'level': 'level', 'job level': 'level', 'career level': 'level',
    'job family': 'family', 'family': 'family',
    'reports to': 'reports to', 'reporting to': 'reports to', 'reports to position': 'reports to',
    'flsa status': 'flsa', 'fsla status': 'flsa', 'flsa': 'flsa', 'flsa classification': 'flsa',
    'location': 'location', 'work location': 'location',
    'date created': 'created', 'created': 'created', 'created on': 'created',
    'date updated': 'updated', 'updated': 'updated', 'date revised': 'updated', 'revised': 'updated', 'last revised': 'updated',
    'next revision date': 'next review', 'next review': 'next review', 'next review date': 'next review',
    'sme': 'sme', 'smes': 'sme', 'subject matter expert': 'sme', 'subject matter experts': 'sme',
    'summary': 'summary', 'job summary': 'summary', 'position summary': 'summary', 'purpose': 'summary', 'job purpose': 'summary',
    'title': 'title', 'job title': 'title', 'position title': 'title', 'role title': 'title',
    'to': 'to', 'from': 'from', 'subject': 'subject', 're': 'subject',
    'scope of role': 'scope', 'scope': 'scope', 'role scope': 'scope',
    'last updated': 'last updated',
    'linked to task group(s)': 'links', 'linked to task groups': 'links', 'linked to task group': 'links', 'linked to': 'links',
    'disclaimer': 'disclaimer',
};

function fieldOf(text: string): { label: string; fact: JobFact; value: string } | undefined {
    const match = /^([A-Za-z][A-Za-z .()/’'-]{0,40}?)\s*:\s*(.*)$/.exec(text);
    if (!match) return undefined;
    const label = match[1].trim();
    const fact = FIELD_LABELS[label.toLowerCase().replace(/\s+/g, ' ')];
    return fact ? { label, fact, value: match[2].trim() } : undefined;
}

/** Values that say a field is blank: the importer leaves the field out and reports it. */
const EMPTY_VALUES = /^(not specified|n\/a|none|tbd|-+)$/i;

const KNOWN_HEADINGS = new Set([
    'requirements', 'education', 'experience', 'task groups', 'competencies', 'job characteristics', 'characteristics',
    'responsibilities', 'duties', 'essential functions', 'essential duties', 'essential duties and responsibilities',
    'qualifications', 'skills', 'knowledge', 'role description', 'work hours', 'schedule',
    'key performance indicators', 'kpis', 'performance measurements', 'performance measures', 'working conditions',
    'physical requirements', 'certifications', 'licenses', 'job summary', 'duties and responsibilities',
]);

/** Headings that are a part of the job of their own: they never sit inside another section. */
const TOP_LEVEL_HEADINGS = new Set([
    'task groups', 'competencies', 'job characteristics', 'characteristics', 'requirements', 'qualifications',
    'essential functions', 'essential duties', 'responsibilities', 'duties', 'duties and responsibilities',
    'essential duties and responsibilities', 'key performance indicators', 'kpis', 'working conditions',
]);

/** Third-person verbs that start a duty: where extracted text ran two duties into one line. */
const DUTY_VERBS = new Set([
    'Knows', 'Has', 'Provides', 'Dispatches', 'Meets', 'Implements', 'Approves', 'Ensures', 'Maintains', 'Organizes',
    'Prepares', 'Reviews', 'Develops', 'Manages', 'Coordinates', 'Performs', 'Assists', 'Answers', 'Takes', 'Resolves',
    'Processes', 'Handles', 'Completes', 'Calculates', 'Determines', 'Solicits', 'Confers', 'Attends', 'Works', 'Keeps',
    'Supports', 'Monitors', 'Trains', 'Responds', 'Schedules', 'Updates', 'Tracks', 'Conducts', 'Communicates',
    'Identifies', 'Establishes', 'Analyzes', 'Analyses', 'Directs', 'Leads', 'Oversees', 'Ensures', 'Studies', 'Considers',
    'Approaches', 'Serves', 'Builds', 'Creates', 'Designs', 'Delivers', 'Follows', 'Uses', 'Operates', 'Records',
    'Explains', 'Balances', 'Refers', 'Opens', 'Closes', 'Investigates', 'Greets', 'Enters', 'Verifies', 'Collects',
    'Files', 'Sends', 'Posts', 'Researches', 'Reconciles', 'Checks', 'Plans', 'Leads', 'Promotes', 'Sells', 'Cross-sells',
    'Participates', 'Assures', 'Evaluates', 'Recommends', 'Negotiates', 'Obtains', 'Orders', 'Inspects', 'Installs',
]);

// ---------------------------------------------------------------------------
// Line patterns

const TASK_GROUP = /^([A-Z])\s*[-–—.)]\s*(.+?)\s*\(\s*(\d+(?:\.\d+)?|[xX]{2,}|0+)\s*(?:points?|pts)?\s*\)\s*$/;
const COMPETENCY = /^(\d{1,3})\s*[-–—.)]\s*(.+?)\s*\(\s*(\d+(?:\.\d+)?\s*%|[0xX]+%)\s*\)\s*$/;
const RATING = /^([A-Za-z][A-Za-z .&/’'()-]{0,50}?)\s*:\s*(\d{1,2})\s*(?:[-–—:]\s*(.+))?$/;
const LIST_MARKER = /^(?:(\d{1,3})[.)]|([a-z])[.)]|([-*+•·▪◦●○■□➢►✓]))\s+(.*)$/;
const SIGNATURE = /^(.{0,40}?\bSignature)\s*:?\s*(_{3,})?$/i;
const DATE_CELL = /^Date\s*:?\s*(_{3,})?$/i;
const TIME = String.raw`\d{1,2}:\d{2}\s?(?:[aApP]\.?[mM]\.?)?`;
const DAY = String.raw`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?`;

/** A list item's marker, style and text. */
function listItemOf(line: SourceLine): { style: 'numbered' | 'lettered' | 'bulleted'; text: string } | undefined {
    if (line.list) return { style: line.list, text: line.text };
    const match = LIST_MARKER.exec(line.text);
    if (!match) return undefined;
    const style = match[1] ? 'numbered' : match[2] ? 'lettered' : 'bulleted';
    return { style, text: match[4].trim() };
}

function wordCount(text: string): number {
    return text.split(/\s+/).filter(Boolean).length;
}

function isTitleCase(text: string): boolean {
    const words = text.replace(/[:]$/, '').split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.length > 8) return false;
    const small = /^(of|for|and|the|to|in|on|with|a|an|&|or|by|at|per|vs\.?|–|-|\/)$/i;
    return /^[A-Z0-9]/.test(words[0]) && words.every(word => small.test(word) || /^[A-Z0-9(“"]/.test(word));
}

function isAllCaps(text: string): boolean {
    const letters = text.replace(/[^A-Za-z]/g, '');
    return letters.length >= 3 && letters === letters.toUpperCase() && wordCount(text) <= 8 && !/[.!?]$/.test(text);
}

// ---------------------------------------------------------------------------
// Targets

const COMPARATORS = ['within', 'at least', 'at most', 'no more than', 'no less than', 'more than', 'less than', 'over', 'under', 'above', 'below', 'up to'];
const VALUE = String.raw`(?:\$ ?[0-9xX][0-9xX]*(?:,[0-9xX]{3})*(?:\.[0-9]+)?|[0-9xX]+(?:,[0-9]{3})*(?:\.[0-9]+)?%|[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|20[xX]{2}|[xX]{2,})`;
const BOUND = String.raw`or (?:higher|more|better|lower|less|fewer)`;
const FREQUENCY = String.raw`daily|weekly|monthly|quarterly|annually|yearly`;
const PERIOD = String.raw`in (?:\d{4}|20[xX]{2})|(?:per|each) [A-Za-z]+|${FREQUENCY}`;

/** "xx in 2025", "85% in 2025", "100%", "9.0 or higher", "within 3 rings": the measurable part of a target. */
function targetSpecOf(text: string, keywords: ReadonlySet<string>): string | undefined {
    const match = new RegExp(`^(?:(${COMPARATORS.join('|')}) )?(${VALUE})(?: ([A-Za-z]+))?(?: (${BOUND}))?(?: (${PERIOD}))?\\.?$`, 'i')
        .exec(text.trim());
    if (!match) return undefined;
    const [, comparator, value, unit, bound, period] = match;
    if (unit && (keywords.has(unit) || /^(or|in|per|each)$/i.test(unit))) return undefined;
    if (comparator && comparator !== comparator.toLowerCase()) return undefined;
    // A bare count ("10") is not a target; a percentage, an amount or a comparison is.
    if (!comparator && !bound && !period && /^\d+(\.\d+)?$/.test(value) && !unit) return undefined;
    return [comparator, value.replace(/^\$(?=\d)/, '$ '), unit, bound, period].filter(Boolean).join(' ');
}

// ---------------------------------------------------------------------------
// The recogniser

interface Container {
    kind: 'job' | 'section' | 'role' | 'incentive' | 'letter' | 'requirements';
    out: OutLine[];
    /** Heading rank that opened it (0 for the job). */
    rank: number;
    /** The section's header line, to add its list style once items are seen. */
    header?: OutLine;
    styles?: Set<string>;
    /** A section opened by a list item ("1. Company Values"): closed by the next item of that style. */
    itemStyle?: string;
    /** Opened by an item ending with a colon ("· Bonus Program:"): closed by the next such item. */
    colonItem?: boolean;
    /** Its heading had nothing under it: it holds the following headings of its rank. */
    umbrella?: boolean;
    /** The role's fact lines go first. */
    facts?: OutLine[];
    hasContent?: boolean;
}

export class Recogniser {
    private readonly names: NameMaker;
    private readonly counts = emptyCounts();
    private readonly unrecognised: string[] = [];
    private readonly stack: Container[];
    private readonly job: Container = { kind: 'job', out: [], rank: 0 };
    private readonly other: OutLine[] = [];
    private title = '';
    private index = 0;
    /** The block lines take when they are not structure: tasks, behaviours, ratings… */
    private mode: Mode = { kind: 'none' };
    /** Scale names by the label the document rates on ("Interaction with Sr. Mgmt." → InteractionWithSrMgmt). */
    private readonly declaredScales = new Map<string, string>();

    constructor(private readonly lines: SourceLine[], private readonly keywords: ReadonlySet<string>, private readonly log: NoiseLog) {
        this.names = new NameMaker(keywords);
        this.stack = [this.job];
    }

    recognise(): Recognised {
        this.readTitle();
        while (this.index < this.lines.length) {
            const line = this.lines[this.index];
            this.index++;
            this.line(line);
        }
        this.closeAll(false);
        if (this.other.length > 0) {
            this.job.out.push({ line: `section ${quote('Other content')}`, children: this.other, spaced: true,
                comment: 'Text the importer could not place in the structure, kept word for word.' });
        }
        return { title: this.title, body: this.job.out, counts: this.counts, unrecognised: this.unrecognised };
    }

    // ----- title ---------------------------------------------------------------

    private readTitle(): void {
        // Dates above the title: the day it was printed or published.
        while (this.index < this.lines.length && isDateLine(this.lines[this.index].text) && this.index < 3) {
            this.dateFact(this.lines[this.index].text, 'created');
            this.index++;
        }
        const first = this.lines[this.index];
        if (!first) return;
        if (fieldOf(first.text) && fieldOf(first.text)!.fact !== 'title') return;
        this.index++;
        let title = (fieldOf(first.text)?.value ?? first.text).trim();
        let subtitle: string | undefined;
        // "Coordinator/Customer Services Representative - Job Standards"
        const split = /^(.*\S)\s+[-–—]\s+((?:\S+\s*){1,3})$/.exec(title);
        if (split && /standards?|description|profile|expectations/i.test(split[2])) {
            title = split[1];
            subtitle = split[2].trim();
        }
        this.title = title;
        const next = this.lines[this.index];
        const after = this.lines[this.index + 1];
        const isByline = (line: SourceLine | undefined) => line !== undefined && /^(.*?)\s+By\b/.test(line.text) && parseDate(/^(.*?)\s+By\b/.exec(line.text)![1]) !== undefined;
        if (!subtitle && next && !isByline(next) && !next.heading && !next.cells && !next.list && !listItemOf(next) && !fieldOf(next.text) && !isDateLine(next.text)
            && wordCount(next.text) <= 6 && !/[.!?:;]$/.test(next.text) && !KNOWN_HEADINGS.has(next.text.toLowerCase())
            && !(after && (listItemOf(after) || after.list)) && !RATING.test(next.text) && !TASK_GROUP.test(next.text)) {
            subtitle = next.text;
            this.index++;
        }
        if (subtitle) this.job.out.push({ line: `subtitle ${quote(subtitle)}` });
        // "Oct 01, 2000 9:30 PM  By": a byline's date.
        const byline = this.lines[this.index] && /^(.*?)\s+By\s*(.*)$/.exec(this.lines[this.index].text);
        if (byline && parseDate(byline[1])) {
            this.dateFact(byline[1], 'created');
            if (byline[2]) this.statement(`By ${byline[2]}`);
            else {
                this.log.add('empty field', this.lines[this.index].text);
                this.lines[this.index].content = byline[1];
            }
            this.index++;
        }
    }

    // ----- one line ------------------------------------------------------------

    private line(line: SourceLine): void {
        const text = line.text;

        if (line.cells && line.cells.length > 1) {
            this.tableRow(line);
            this.afterTable = true;
            return;
        }
        // A table's last row does not take the paragraph after the table.
        if (this.afterTable && (this.mode.kind === 'competency' || this.mode.kind === 'taskGroup' || this.mode.kind === 'characteristics')) {
            this.mode = { kind: 'none' };
        }
        this.afterTable = false;
        // Structure of competencies and task groups first: their lines look like headings.
        const taskGroup = TASK_GROUP.exec(text);
        if (taskGroup && !line.list) return this.taskGroup(taskGroup[1], taskGroup[2], taskGroup[3]);
        const competency = COMPETENCY.exec(text);
        if (competency && !line.list) return this.competency(competency[2], competency[3]);
        // "Adaptability (7.4%)" under a Competencies heading.
        const unnumbered = /^([A-Z][^():%]{1,60}?)\s*[(–—-]\s*(\d+(?:\.\d+)?\s*%|[0xX]+%)\)?\s*$/.exec(text);
        if (unnumbered && !line.list && this.stack.some(c => /competenc/i.test(c.header?.line ?? ''))) {
            return this.competency(unnumbered[1].trim(), unnumbered[2]);
        }

        if (this.mode.kind === 'competency' && this.competencyLine(line)) return;

        const signature = this.signatureLine(line);
        if (signature) return;

        if (!line.heading && !line.list && this.roleBlock(line)) return;

        const heading = this.headingOf(line);
        if (heading) return this.heading(heading.title, heading.rank, line);

        const field = fieldOf(text);
        if (field && !line.list) return this.field(field.label, field.fact, field.value, line);

        const rating = RATING.exec(text);
        if (rating && rating[3] && !line.list && (this.mode.kind === 'characteristics' || this.nextIsRating())) {
            return this.characteristics(text);
        }

        if (this.mode.kind === 'taskGroup') {
            for (const task of splitRunOn(listItemOf(line)?.text ?? text, this.log)) {
                this.mode.block.children!.push({ line: quote(task) });
                this.counts.tasks++;
            }
            return;
        }
        if (this.mode.kind === 'schedule') {
            const shift = shiftOf(text, this.keywords);
            if (shift) {
                this.mode.block.children!.push({ line: shift });
                this.counts.shifts++;
                return;
            }
            this.mode = { kind: 'none' };
        }
        if (this.mode.kind === 'requirements' && this.requirementLine(line)) return;
        if (this.mode.kind === 'field') {
            const mode = this.mode;
            if (!listItemOf(line) && !line.cells) {
                mode.values.push(text);
                mode.line.line = `${mode.keyword} ${quote(mode.values.join('\n\n'))}`;
                return;
            }
            this.mode = { kind: 'none' };
        }
        if (this.mode.kind === 'letter') {
            if (!listItemOf(line)) return this.letterLine(line);
            this.mode = { kind: 'none' };
        }

        this.content(line);
    }

    // ----- containers ----------------------------------------------------------

    private get top(): Container {
        return this.stack[this.stack.length - 1];
    }

    private emit(item: OutLine): void {
        // Close what cannot hold this line: a letter holds paragraphs, an incentive its clauses.
        while (this.stack.length > 1 && !accepts(this.top.kind, item.line)) this.closeTop();
        const top = this.top;
        top.hasContent = true;
        top.out.push(item);
    }

    private openSection(title: string, rank: number, options: { itemStyle?: string; colonItem?: boolean } = {}): void {
        this.mode = { kind: 'none' };
        const incentive = /\b(incentive|bonus|commission)\b/i.test(title);
        const inIncentive = this.stack.some(c => c.kind === 'incentive');
        const header: OutLine = {
            line: incentive ? `${inIncentive ? 'bonus' : 'incentive'} ${quote(title)}`
                : /^training plan\b/i.test(title) ? `training plan ${quote(title)}` : `section ${quote(title)}`,
            children: [],
            spaced: this.top.kind === 'job' || this.top.kind === 'role',
        };
        this.emit(header);
        this.stack.push({ kind: incentive ? 'incentive' : 'section', out: header.children!, rank, header, styles: new Set(), itemStyle: options.itemStyle, colonItem: options.colonItem });
        if (incentive) this.counts.incentives++;
        else this.counts.sections++;
    }

    /** Closes sections down to the given rank; sections whose heading had nothing under it stay open as parents. */
    /**
     * Closes sections down to the given rank. A section whose heading had nothing under it
     * ("Functional Areas of Accountability:" over "Daily Duties:") holds the headings of its
     * rank that follow, until a heading of a higher rank or a known top-level one.
     */
    private closeTo(rank: number, topLevel = false): void {
        while (this.stack.length > 1 && this.top.rank >= rank && this.top.kind !== 'role') {
            const closing = this.top;
            if (!closing.hasContent && closing.kind !== 'letter') {
                closing.umbrella = true;
                break;
            }
            if (closing.umbrella && closing.rank === rank && !topLevel) break;
            this.closeTop();
        }
    }

    private closeTop(): void {
        const closing = this.stack.pop()!;
        if (closing.header && closing.styles && closing.styles.size === 1 && closing.kind === 'section') {
            const [style] = closing.styles;
            if (style !== 'prose') closing.header.line += ` ${style}`;
        }
        if (closing.facts) closing.out.unshift(...closing.facts);
        this.mode = { kind: 'none' };
    }

    private closeAll(keepRoles = true): void {
        while (this.stack.length > 1 && !(keepRoles && this.top.kind === 'role')) this.closeTop();
        this.mode = { kind: 'none' };
    }

    // ----- headings ------------------------------------------------------------

    private headingOf(line: SourceLine): { title: string; rank: number } | undefined {
        const text = line.text.replace(/\s*:$/, '').trim();
        if (!text) return undefined;
        if (line.heading) return { title: text, rank: line.heading };
        if (line.list || line.cells) return undefined;
        // "Scope of Role:" alone on its line is a field whose value follows, not a heading.
        if (fieldOf(line.text)) return undefined;
        if (LIST_MARKER.test(line.text)) return undefined;
        if (KNOWN_HEADINGS.has(text.toLowerCase())) return { title: text, rank: 2 };
        if (isAllCaps(line.text) && !/\d/.test(line.text.replace(/20[xX]{2}/, ''))) return { title: line.text.replace(/\s*:$/, ''), rank: 2 };
        if (/:$/.test(line.text) && isTitleCase(text) && !text.includes(':') && !/[.!?]/.test(text)) {
            return { title: text, rank: 2 };
        }
        const next = this.lines[this.index];
        if (isTitleCase(text) && !/[.!?;,]$/.test(text) && next && (listItemOf(next) || next.list) && this.mode.kind !== 'taskGroup') {
            return { title: text, rank: 2 };
        }
        return undefined;
    }

    private heading(title: string, rank: number, line: SourceLine): void {
        const lower = title.toLowerCase();
        this.mode = { kind: 'none' };
        if (lower === 'role description' || lower === 'position description') {
            this.closeAll(false);
            const role: OutLine = { line: `role ${this.names.make('role', title)} ${quote(title)}`, children: [], spaced: true };
            this.emit(role);
            const facts: OutLine[] = [];
            this.stack.push({ kind: 'role', out: role.children!, rank, facts, header: role });
            this.mode = { kind: 'role', role, facts, heading: line };
            this.counts.roles++;
            return;
        }
        // "## Summary" over its paragraphs is the job's (or the role's) summary.
        const fact = FIELD_LABELS[lower];
        if ((fact === 'summary' || fact === 'scope') && !this.stack.some(c => c.kind === 'incentive')) {
            this.closeTo(rank);
            return this.field(title, fact, '', line);
        }
        const requirementKind = REQUIREMENT_HEADINGS[lower];
        if (requirementKind !== undefined) {
            if (this.top.kind !== 'requirements') {
                this.closeTo(rank);
                // "Qualifications" keeps its heading as a section around the requirements.
                if (lower !== 'requirements') this.openSection(title, rank);
                const block: OutLine = { line: 'requirements', children: [], spaced: this.top.kind === 'job' };
                this.emit(block);
                this.stack.push({ kind: 'requirements', out: block.children!, rank, header: block });
                if (lower === 'requirements') this.counts.sections++;
            }
            let heading: OutLine | undefined;
            if (requirementKind) {
                // "Education" stays a line until its first requirement says `education`.
                heading = { line: quote(title) };
                this.top.out.push(heading);
                this.top.hasContent = true;
            }
            this.mode = { kind: 'requirements', requirement: requirementKind || undefined, heading };
            return;
        }
        if (/^(work hours|hours of work|schedule|work schedule|shifts?)$/.test(lower)) {
            this.closeTo(rank);
            const block: OutLine = { line: `schedule ${quote(title)}`, children: [] };
            this.emit(block);
            this.mode = { kind: 'schedule', block };
            return;
        }
        this.closeTo(rank, TOP_LEVEL_HEADINGS.has(lower) || /incentive|bonus|commission/.test(lower));
        this.openSection(title, rank);
        if (/characteristics/i.test(title)) this.mode = { kind: 'characteristics' };
    }

    // ----- facts ---------------------------------------------------------------

    private field(label: string, fact: JobFact, value: string, line: SourceLine): void {
        if (value && EMPTY_VALUES.test(value)) {
            this.log.add('empty field', line.text);
            line.content = '';
            return;
        }
        const role = [...this.stack].reverse().find(c => c.kind === 'role');
        const target = role ? role.facts! : this.job.out;
        const factLine = (text: string): OutLine => ({ line: text });
        const put = (text: string) => {
            if (target === this.job.out) this.emitFact(factLine(text));
            else target.push(factLine(text));
        };
        switch (fact) {
            case 'title':
                if (role && this.mode.kind === 'role') {
                    // The "Role Description" heading is what the `role` keyword now says.
                    if (this.mode.heading) this.mode.heading.content = '';
                    const name = this.names.make('role', value);
                    this.mode.role.line = `role ${name}${name === value ? '' : ` ${quote(value)}`}`;
                    return;
                }
                return this.statement(line.text);
            case 'code': case 'level': case 'family': case 'location': case 'disclaimer':
                if (!value) return this.statement(line.text);
                if (fact !== 'location' && role) return this.statement(line.text);
                return put(`${fact} ${quote(value)}`);
            case 'reports to':
                return value ? put(`reports to ${quote(value)}`) : this.statement(line.text);
            case 'flsa':
                if (!value) return this.statement(line.text);
                return put(`flsa ${/^exempt$/i.test(value) ? 'exempt' : /^non-?exempt$/i.test(value) ? 'non-exempt' : quote(value)}`);
            case 'created': case 'updated': case 'next review':
                if (role) return this.statement(line.text);
                if (!this.dateFact(value, fact)) return this.statement(line.text);
                return;
            case 'sme':
                if (!value || role) return this.statement(line.text);
                return put(`sme ${quote(value)}`);
            case 'summary': case 'scope': {
                const keyword = fact === 'scope' && role ? 'scope' : 'summary';
                const out: OutLine = { line: `${keyword} ${quote(value || '…')}` };
                if (target === this.job.out) this.emitFact(out); else target.push(out);
                // A label alone on its line takes the paragraphs that follow.
                if (!value) this.mode = { kind: 'field', keyword, line: out, values: [] };
                if (!value) out.line = `${keyword} ""`;
                return;
            }
            case 'to': case 'from': case 'subject':
                return this.letterField(fact, value, line);
            case 'last updated':
                if (!this.dateFact(value, 'updated')) this.statement(line.text);
                return;
            case 'links':
                return this.statement(line.text);
        }
    }

    /** Job facts go with the job's other facts, above its sections. */
    private emitFact(line: OutLine): void {
        if (this.top === this.job) {
            this.job.out.push(line);
        } else {
            const firstBlock = this.job.out.findIndex(item => item.children !== undefined);
            this.job.out.splice(firstBlock < 0 ? this.job.out.length : firstBlock, 0, line);
        }
    }

    private dateFact(text: string, fact: 'created' | 'updated' | 'next review'): boolean {
        const date = /^20[xX]{2}$|^_{3,}$/.test(text.trim()) ? text.trim() : parseDate(text);
        if (!date) return false;
        this.emitFact({ line: `${fact === 'next review' ? 'next review' : fact} ${date}` });
        return true;
    }

    // ----- letters -------------------------------------------------------------

    private letterField(fact: 'to' | 'from' | 'subject', value: string, line: SourceLine): void {
        let letter = this.stack.find(c => c.kind === 'letter');
        if (!letter) {
            this.closeAll();
            const block: OutLine = { line: 'letter', children: [], spaced: true };
            this.emit(block);
            letter = { kind: 'letter', out: block.children!, rank: 1, header: block };
            this.stack.push(letter);
            this.counts.sections++;
        }
        if (!value) return this.statement(line.text);
        letter.out.push({ line: `${fact} ${quote(value)}` });
        this.mode = { kind: 'letter' };
    }

    private letterLine(line: SourceLine): void {
        const letter = this.stack.find(c => c.kind === 'letter');
        if (!letter) return this.content(line);
        const next = this.lines[this.index];
        // The last short line before the plan: who signs the letter.
        const lastOfLetter = !next || this.headingOf(next) !== undefined || listItemOf(next) !== undefined;
        if (lastOfLetter && wordCount(line.text) <= 6 && !/[.!?:;]$/.test(line.text)) {
            letter.out.push({ line: `signed ${quote(line.text)}` });
            this.closeAll();
            return;
        }
        letter.out.push({ line: quote(line.text) });
        this.counts.statements++;
    }

    // ----- task groups and competencies -----------------------------------------

    private taskGroup(letter: string, title: string, points: string): void {
        this.leaveBlockModes();
        const name = this.names.reserve('taskGroup', letter);
        const weight = /^[xX]+$/.test(points) ? points : `${points} points`;
        const block: OutLine = { line: `task group ${name} ${quote(title)} ${weight}`, children: [] };
        this.emit(block);
        this.mode = { kind: 'taskGroup', block };
        this.counts.taskGroups++;
    }

    private competency(title: string, weight: string): void {
        this.leaveBlockModes();
        const name = this.names.make('competency', title);
        const block: OutLine = {
            line: `competency ${name}${name === title ? '' : ` ${quote(title)}`} ${weight.replace(/\s+/g, '')}`,
            children: [],
        };
        this.emit(block);
        this.mode = { kind: 'competency', block, behaviours: undefined, definition: undefined };
        this.counts.competencies++;
    }

    private leaveBlockModes(): void {
        if (this.mode.kind !== 'none' && this.mode.kind !== 'characteristics') this.mode = { kind: 'none' };
    }

    /** A line inside a competency: its definition, behaviours, level, links, SME, date. */
    private competencyLine(line: SourceLine): boolean {
        if (this.mode.kind !== 'competency') return false;
        const mode = this.mode;
        const text = line.text;
        if (/^(behaviou?rs|key behaviou?rs)\s*:?$/i.test(text)) {
            const block: OutLine = { line: /ou/.test(text) ? 'behaviours' : 'behaviors', children: [] };
            mode.block.children!.push(block);
            mode.behaviours = block;
            return true;
        }
        const field = fieldOf(text);
        if (field?.fact === 'links') {
            const links = field.value.split(/\s*[,;&]\s*|\s+and\s+/).map(s => s.trim()).filter(Boolean);
            if (links.length > 0 && links.every(link => /^[A-Z]$/.test(link))) {
                mode.block.children!.push({ line: `linked to ${links.join(', ')}` });
                return true;
            }
        }
        if (field?.fact === 'sme' && field.value) {
            // "SME: Jim Graber, Organizational Psychologist Last Updated: July, 2012"
            const [sme, updated] = field.value.split(/\s+(?=Last Updated\s*:)/i);
            mode.block.children!.push({ line: `sme ${quote(sme.trim())}` });
            if (updated) this.competencyDate(mode, updated.replace(/^Last Updated\s*:\s*/i, ''), `Last Updated: ${updated}`);
            return true;
        }
        if (field?.fact === 'last updated' || field?.fact === 'updated') {
            this.competencyDate(mode, field.value, text);
            return true;
        }
        const rating = RATING.exec(text);
        if (rating && !line.list && !/characteristics/i.test(text)) {
            const scale = this.scale(rating[1], mode.block);
            mode.block.children!.push({ line: `level ${scale} ${rating[2]}${rating[3] ? ` ${quote(rating[3].trim())}` : ''}` });
            return true;
        }
        if (this.headingOf(line) && !mode.behaviours) return false;
        if (this.headingOf(line) && (line.heading || KNOWN_HEADINGS.has(text.replace(/:$/, '').toLowerCase()))) return false;
        if (mode.behaviours) {
            for (const behaviour of [listItemOf(line)?.text ?? text]) {
                mode.behaviours.children!.push({ line: quote(behaviour) });
                this.counts.behaviours++;
            }
            return true;
        }
        if (!mode.definition) {
            mode.definition = { line: `definition ${quote(text)}`, text };
            mode.block.children!.push(mode.definition);
        } else {
            mode.definition.text += ` ${text}`;
            mode.definition.line = `definition ${quote(mode.definition.text)}`;
        }
        return true;
    }

    private competencyDate(mode: Extract<Mode, { kind: 'competency' }>, value: string, original: string): void {
        const date = parseDate(value);
        if (date) mode.block.children!.push({ line: `last updated ${date}` });
        else this.keepElsewhere(original);
    }

    /** The scale a rating names, declared once in the job where it is first used. */
    /**
     * The scale a rating names, declared once, just before the block that first uses it
     * (a declaration followed by a statement would take the statement as its title).
     */
    private scale(label: string, user: OutLine): string {
        const title = label.trim();
        const existing = this.declaredScales.get(title);
        if (existing) return existing;
        const name = this.names.make('scale', title);
        const declaration: OutLine = { line: `scale ${name}${name === title ? '' : ` ${quote(title)}`}` };
        this.declaredScales.set(title, name);
        const container = [...this.stack].reverse().find(c => accepts(c.kind, declaration.line))!;
        const at = container.out.indexOf(user);
        if (at < 0) {
            declaration.line = `scale ${name} ${quote(title)}`;
            container.out.push(declaration);
        } else {
            container.out.splice(at, 0, declaration);
        }
        return name;
    }

    // ----- characteristics -----------------------------------------------------

    private nextIsRating(): boolean {
        const next = this.lines[this.index];
        return next !== undefined && RATING.test(next.text) && !/^(DPL|level|proficiency)/i.test(next.text);
    }

    private characteristics(text: string): void {
        let block: OutLine;
        if (this.mode.kind === 'characteristics' && this.mode.block) {
            block = this.mode.block;
        } else {
            if (this.mode.kind !== 'characteristics') this.leaveBlockModes();
            block = { line: 'characteristics', children: [] };
            this.emit(block);
            this.mode = { kind: 'characteristics', block };
        }
        for (const part of splitRatings(text)) {
            const rating = RATING.exec(part)!;
            const scale = this.scale(rating[1], block);
            block.children!.push({ line: `${scale} ${rating[2]}${rating[3] ? ` ${quote(rating[3].trim())}` : ''}` });
            this.counts.characteristics++;
        }
    }

    // ----- requirements ----------------------------------------------------------

    private requirementLine(line: SourceLine): boolean {
        if (this.mode.kind !== 'requirements') return false;
        if (this.headingOf(line)) return false;
        const kind = this.mode.requirement;
        const text = listItemOf(line)?.text ?? line.text;
        const block = this.top.out;
        this.top.hasContent = true;
        if (!kind) {
            block.push({ line: quote(text) });
            this.counts.statements++;
            return true;
        }
        if (this.mode.heading) {
            // The keyword now says "education": the heading line is no longer needed.
            if (this.mode.heading.line.toLowerCase() === `"${kind}"`) block.splice(block.indexOf(this.mode.heading), 1);
            this.mode.heading = undefined;
        }
        for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
            block.push({ line: requirementOf(kind, sentence) });
            this.counts.requirements++;
        }
        return true;
    }

    // ----- signatures ------------------------------------------------------------

    private signatureLine(line: SourceLine): boolean {
        const cells = (line.cells ?? line.text.split(/\t+|\s{3,}|\s+(?=Date\s*:)/)).map(c => c.trim()).filter(Boolean);
        if (cells.length === 0) return false;
        // "Date: ______  Date: ______" under two signatures
        if (cells.every(cell => DATE_CELL.test(cell)) && this.pendingSignatures.length >= cells.length) {
            const pending = this.pendingSignatures.splice(0);
            cells.forEach((cell, i) => {
                const signature = pending[i];
                if (!signature) return;
                const blank = DATE_CELL.exec(cell)![1];
                signature.line += ` date${blank ? ` ${blank}` : ''}`;
            });
            return true;
        }
        const signatures: OutLine[] = [];
        for (let i = 0; i < cells.length; i++) {
            const match = SIGNATURE.exec(cells[i]);
            if (!match) return false;
            const out: OutLine = { line: `signature ${quote(match[1].trim())}${match[2] ? ` ${match[2]}` : ''}` };
            if (cells[i + 1] && DATE_CELL.test(cells[i + 1])) {
                const blank = DATE_CELL.exec(cells[i + 1])![1];
                out.line += ` date${blank ? ` ${blank}` : ''}`;
                i++;
            }
            signatures.push(out);
        }
        this.closeAll();
        const last = this.top.out[this.top.out.length - 1];
        signatures[0].spaced = !last?.line.startsWith('signature ');
        for (const signature of signatures) this.emit(signature);
        this.counts.signatures += signatures.length;
        this.pendingSignatures = signatures.filter(s => !/ date\b/.test(s.line));
        return true;
    }

    private pendingSignatures: OutLine[] = [];

    // ----- tables ----------------------------------------------------------------

    /** A table row: a task group, a competency or a rating in cells, or a statement of its cells. */
    private tableRow(line: SourceLine): boolean {
        const cells = line.cells!.filter(Boolean);
        if (line.tableStart) this.tableHeader = undefined;
        const next = this.lines[this.index];
        const headerLike = line.tableStart && next?.cells && !next.tableStart && cells.every(cell => !/\d/.test(cell) && wordCount(cell) <= 4);
        if (line.headerRow || headerLike) {
            this.tableHeader = { cells: line.cells!, line, logged: false };
            return true;
        }
        const header = this.tableHeader;
        if (this.structuredRow(cells, line)) {
            // The column labels ("Task group", "Points") are what the keywords now say.
            if (header && !header.logged) {
                this.log.add('table header', header.cells.filter(Boolean).join(' | '));
                header.line.content = '';
                header.logged = true;
            }
            return true;
        }
        if (this.mode.kind === 'taskGroup' || this.mode.kind === 'competency') this.mode = { kind: 'none' };
        let text = cells.join('\t');
        if (header && header.cells.length === line.cells!.length) {
            text = line.cells!.map((cell, i) => cell ? `${header.cells[i] ? `${header.cells[i]}: ` : ''}${cell}` : '').filter(Boolean).join('; ');
            header.line.content = header.logged ? '' : header.line.content;
            if (!header.logged) {
                // The labels are kept in every row's statement.
                header.line.content = '';
                header.logged = true;
            }
        }
        this.content({ text });
        return true;
    }

    /** "A - Functional/Technical | 100", "Adaptability | 7.4%", "Pace | 3 - Fast-Paced". */
    private structuredRow(cells: string[], row: SourceLine): boolean {
        if (cells.length !== 2) return false;
        const [first, second] = cells;
        // "Reports To | Payroll Manager"
        const field = fieldOf(`${first.replace(/\s*:$/, '')}: ${second}`);
        if (field && field.fact !== 'links' && field.fact !== 'to' && field.fact !== 'from' && field.fact !== 'subject') {
            this.field(field.label, field.fact, field.value, row);
            return true;
        }
        const competencies = this.stack.some(c => /competenc/i.test(c.header?.line ?? ''))
            || /competenc/i.test(this.tableHeader?.cells.join(' ') ?? '');
        if (competencies && (/^\d+(\.\d+)?\s*%$/.test(second) || /^[0xX]+%$/.test(second))) {
            const named = /^(?:\d{1,3}\s*[-–.)]\s*)?(.+)$/.exec(first)!;
            this.competency(named[1], second);
            return true;
        }
        const group = /^([A-Z])\s*[-–.)]\s*(.+)$/.exec(first);
        if (group && /^\d+(\.\d+)?(\s*(points?|pts))?$/i.test(second)) {
            this.taskGroup(group[1], group[2], second.replace(/\s*(points?|pts)$/i, ''));
            return true;
        }
        const rating = /^(\d{1,2})(?:\s*[-–—:]\s*(.+))?$/.exec(second);
        if (rating && !/\d/.test(first) && /^[A-Za-z]/.test(first)) {
            this.characteristics(`${first}: ${rating[1]}${rating[2] ? ` - ${rating[2]}` : ''}`);
            return true;
        }
        return false;
    }

    private tableHeader: { cells: string[]; line: SourceLine; logged: boolean } | undefined;
    private afterTable = false;

    // ----- prose -------------------------------------------------------------------

    /** A paragraph or list item: a statement, a target, a role or a sub-section. */
    private content(line: SourceLine): void {
        if (this.mode.kind === 'characteristics' || this.mode.kind === 'competency' || this.mode.kind === 'taskGroup') {
            this.mode = { kind: 'none' };
        }
        const item = listItemOf(line);
        let text = item?.text ?? line.text;
        if (item) {
            // "2. Leadership Expectations" followed by lettered items: a sub-section.
            const next = this.lines[this.index];
            const nextItem = next ? listItemOf(next) : undefined;
            const top = this.top;
            const endsWithColon = /:$/.test(text) && wordCount(text) <= 10;
            if (top.itemStyle === item.style && (!top.colonItem || endsWithColon)) this.closeTop();
            const opensList = nextItem && item.style !== 'lettered' && nextItem.style === 'lettered';
            if (opensList || (endsWithColon && nextItem)) {
                this.openSection(text.replace(/\s*:$/, ''), this.top.rank + 1, { itemStyle: item.style, colonItem: !opensList });
                return;
            }
            this.top.styles?.add(item.style);
        }
        const next = this.lines[this.index];
        // The sentence right after a heading that ends with ":" introduces the list.
        const top = this.top;
        if (!item && /:$/.test(text) && top.kind === 'section' && top.out.length === 0 && next && listItemOf(next) && top.header?.line.startsWith('section')) {
            top.out.push({ line: `intro ${quote(text)}` });
            top.hasContent = true;
            return;
        }
        if (!item) this.top.styles?.add('prose');
        for (const part of this.mode.kind === 'none' && this.top.kind !== 'letter' ? splitRunOn(text, this.log) : [text]) {
            text = part;
            this.emit(this.prose(text, line));
        }
    }

    /** A role block: "Director Responsible for directing …, including:" followed by its items. */
    private roleBlock(line: SourceLine): boolean {
        const role = ROLE_LINE.exec(line.text);
        const next = this.lines[this.index];
        if (!role || !next || !listItemOf(next)) return false;
        this.closeAll(false);
        const name = this.names.make('role', role[1]);
        const block: OutLine = { line: `role ${name}${name === role[1] ? '' : ` ${quote(role[1])}`}`, children: [], spaced: true };
        block.children!.push({ line: `summary ${quote(role[2])}` });
        this.emit(block);
        this.stack.push({ kind: 'role', out: block.children!, rank: 1 });
        this.counts.roles++;
        return true;
    }

    /** A sentence as a target, KPI, authority, pay or benefit line when it is exactly that, else a statement. */
    private prose(text: string, line: SourceLine): OutLine {
        const inKpis = this.stack.some(c => /kpi|key performance|performance measure|metric|scorecard/i.test(c.header?.line ?? ''));
        // "# of USA Service Agreements Sold		xx in 2025"
        const columns = text.split(/\t+|\s{3,}/).map(c => c.trim()).filter(Boolean);
        if (columns.length === 2 || (line.cells && columns.length === 2)) {
            const spec = targetSpecOf(columns[1], this.keywords);
            if (spec) {
                this.count(inKpis ? 'kpis' : 'targets');
                return { line: `${inKpis ? 'kpi' : 'target'} ${quote(columns[0])} ${spec}` };
            }
        }
        const sentence = text.replace(/\s+/g, ' ');
        // "Answering the main phones within 3 rings."
        const within = new RegExp(`^(.+?) ((?:${COMPARATORS.join('|')}) ${VALUE}(?: [A-Za-z]+)?(?: ${BOUND})?(?: (?:${PERIOD}))?)\\.?$`).exec(sentence);
        if (within) {
            const spec = targetSpecOf(within[2], this.keywords);
            if (spec && !/[,;]/.test(within[1])) {
                this.count(inKpis ? 'kpis' : 'targets');
                return { line: `${inKpis ? 'kpi' : 'target'} ${quote(within[1])} ${spec}` };
            }
        }
        // "Registration accuracy of 98% or higher each month"
        const measured = new RegExp(`^([A-Za-z][^,;]*?)(?: of)? (${VALUE}(?: [A-Za-z]+)?(?: ${BOUND})?(?: (?:${PERIOD}))?)\\.?$`).exec(sentence);
        if (measured && (new RegExp(`${BOUND}`).test(measured[2]) || /%/.test(measured[2]) && new RegExp(`(?:${PERIOD})\\.?$`).test(measured[2]))) {
            const spec = targetSpecOf(measured[2], this.keywords);
            if (spec) {
                this.count(inKpis ? 'kpis' : 'targets');
                return { line: `${inKpis ? 'kpi' : 'target'} ${quote(measured[1])} ${spec}` };
            }
        }
        // "85% first time call completion ratio."
        const leading = /^(\d+(?:\.\d+)?%|[xX0]+%)\s+([A-Za-z].*?)\.?$/.exec(sentence);
        if (leading && !/[,;]/.test(leading[2]) && wordCount(leading[2]) <= 10) {
            this.count(inKpis ? 'kpis' : 'targets');
            return { line: `${inKpis ? 'kpi' : 'target'} ${quote(leading[2])} ${leading[1]}` };
        }
        // "Approves loans up to a maximum of $00,000 when required to perform Loan Officer work"
        const authority = /^((?:Approves|Authorizes|Authorises|Signs|Spends|Commits|Issues)\b.*?) (up to a maximum of|a maximum of|up to) (\$ ?[0-9xX][0-9xX,]*(?:\.\d+)?)(?: when (.+?))?\.?$/.exec(sentence);
        if (authority) {
            this.counts.authorities++;
            return { line: `authority ${quote(authority[1])} ${authority[2]} ${authority[3]}${authority[4] ? ` when ${quote(authority[4])}` : ''}` };
        }
        // "Hourly Pay of $ 18.50 per hour", "Base Salary of $ 52,000 annually"
        const pay = new RegExp(`^((?:Base |Starting |Annual |Hourly )?(?:Salary|Pay|Wage|Rate|Pay Rate|Hourly Rate))(?: of|:)? (\\$ ?[0-9xX][0-9xX]*(?:,[0-9xX]{3})*(?:\\.[0-9]+)?)(?: (${PERIOD}))?\\.?$`, 'i').exec(sentence);
        if (pay) {
            this.counts.pay++;
            return { line: `pay ${quote(pay[1])} ${pay[2].replace(/^\$(?=\d)/, '$ ')}${pay[3] ? ` ${pay[3]}` : ''}` };
        }
        if (this.stack.some(c => c.kind === 'incentive') && BENEFIT.test(sentence) && wordCount(sentence) <= 8
            && !/\d/.test(sentence.replace(/401\(?k\)?/i, ''))) {
            this.counts.benefits++;
            return { line: `benefit ${quote(sentence)}` };
        }
        this.counts.statements++;
        return { line: quote(text) };
    }

    private count(kind: 'kpis' | 'targets'): void {
        this.counts[kind]++;
    }

    private statement(text: string): void {
        this.emit({ line: quote(text) });
        this.counts.statements++;
    }

    /** Kept word for word in "Other content" when the structure around it cannot hold it. */
    private keepElsewhere(text: string): void {
        this.other.push({ line: quote(text) });
        this.unrecognised.push(text);
    }
}

/** Whether a container of the grammar can hold a line that starts this way. */
function accepts(kind: Container['kind'], line: string): boolean {
    const keyword = line.startsWith('"') ? 'statement' : line.split(' ')[0];
    switch (kind) {
        case 'job': case 'section': case 'role': return true;
        case 'letter': return ['statement', 'to', 'from', 'subject', 'signed'].includes(keyword);
        case 'requirements': return ['statement', 'education', 'experience', 'certification', 'license', 'skill'].includes(keyword);
        case 'incentive': return ['statement', 'target', 'kpi', 'pay', 'benefit', 'incentive', 'bonus', 'section', 'training', 'when', 'rate', 'amount', 'condition', 'paid'].includes(keyword);
    }
}

type Mode =
    | { kind: 'none' }
    | { kind: 'taskGroup'; block: OutLine }
    | { kind: 'competency'; block: OutLine; behaviours: OutLine | undefined; definition: { line: string; text: string } | undefined }
    | { kind: 'characteristics'; block?: OutLine }
    | { kind: 'requirements'; requirement?: string; heading?: OutLine }
    | { kind: 'schedule'; block: OutLine }
    | { kind: 'field'; keyword: string; line: OutLine; values: string[] }
    | { kind: 'letter' }
    | { kind: 'role'; role: OutLine; facts: OutLine[]; heading: SourceLine };

/** Headings of requirements and the kind of requirement their lines are ('' for any). */
const REQUIREMENT_HEADINGS: Readonly<Record<string, string>> = {
    'requirements': '', 'qualifications': '', 'minimum qualifications': '', 'job requirements': '',
    'education': 'education', 'experience': 'experience', 'certifications': 'certification', 'licenses': 'license',
    'skills': 'skill', 'education and experience': '',
};

const ROLE_LINE = /^((?:Senior |Executive |Assistant |Associate )?(?:Vice President|President|Director|Manager|Supervisor|Team Lead(?:er)?|Coordinator|Lead)(?: (?:of|for)(?: (?:[A-Z][\w&/-]*|and|&))+?)?)\s+([A-Z][a-z'’-]*\s+[a-z(].*)$/;
const BENEFIT = /\b(benefits?|profit sharing|insurance|401\(?k\)?|pension|retirement|vacation|paid time off|PTO|holidays?)\b/i;

/** "Highschool degree required." → education "Highschool degree" required. */
function requirementOf(kind: string, sentence: string): string {
    const text = sentence.trim().replace(/\.$/, '');
    const years = /^(at least|a minimum of|minimum of|over|more than) (\d+) (years?|months?) of (.+)$/i.exec(text);
    if (years) {
        const comparator = /^at least$/i.test(years[1]) ? 'at least' : /minimum/i.test(years[1]) ? 'a minimum of' : 'more than';
        return `${kind} ${quote(years[4])} ${comparator} ${years[2]} ${years[3]}`;
    }
    const necessity = /^(.+?)\s+(required|preferred)$/i.exec(text);
    if (necessity) return `${kind} ${quote(necessity[1])} ${necessity[2].toLowerCase()}`;
    return `${kind} ${quote(sentence.trim())}`;
}

/**
 * Extracted text runs duties together: "… Service Excellence Goals Knows how to …".
 * A third-person duty verb after a lowercase word, followed by a lowercase word, starts a new duty.
 */
export function splitRunOn(text: string, log: NoiseLog): string[] {
    const words = text.split(' ');
    const parts: string[] = [];
    let current: string[] = [];
    words.forEach((word, i) => {
        const previous = words[i - 1];
        const next = words[i + 1];
        if (i > 1 && DUTY_VERBS.has(word) && previous && /[a-z0-9)]$/.test(previous) && next && /^[a-z]/.test(next)) {
            parts.push(current.join(' '));
            current = [];
        }
        current.push(word);
    });
    parts.push(current.join(' '));
    void log;
    return parts;
}

/** "Influence on Others: 1 - Very Low … Interaction with Sr. Mgmt.: 1 - Low …": two ratings on one line. */
function splitRatings(text: string): string[] {
    const colons = [...text.matchAll(/:\s*\d{1,2}\s*[-–—]/g)];
    if (colons.length < 2) return [text];
    // Where the second name starts: prefer a name its own label repeats ("Low Interaction with Sr. Mgmt.").
    const secondColon = colons[1].index;
    const before = text.slice(0, secondColon);
    const label = text.slice(secondColon).replace(/^:\s*\d{1,2}\s*[-–—]\s*/, '');
    const starts = [...before.matchAll(/\s(?=[A-Z])/g)].map(m => m.index).filter(i => i > colons[0].index + 4);
    let cut = starts.find(start => label.toLowerCase().includes(before.slice(start + 1).toLowerCase()));
    if (cut === undefined) cut = starts[starts.length - 1];
    if (cut === undefined) return [text];
    return [text.slice(0, cut), ...splitRatings(text.slice(cut + 1))];
}

/** "7:00am to 4:00pm shift 1- Monday through Friday", "Shift 2: Tue–Fri 10:00am–7:00pm, Saturday 7:00 AM – 11:00AM". */
export function shiftOf(text: string, keywords: ReadonlySet<string>): string | undefined {
    const nameMatch = /\bshift\s*([A-Za-z0-9]+)\s*[-–:]?\s*/i.exec(text);
    if (!nameMatch) return undefined;
    const name = nameMatch[1];
    if (!/^\d+$/.test(name) && (keywords.has(name) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name))) return undefined;
    const rest = (text.slice(0, nameMatch.index) + ' , ' + text.slice(nameMatch.index + nameMatch[0].length)).trim();
    const timeRange = new RegExp(`(${TIME})\\s*(to|–|-|through)\\s*(${TIME})`, 'g');
    const dayRange = new RegExp(`\\b(${DAY})\\b(?:\\s*(to|–|-|through)\\s*\\b(${DAY})\\b)?`, 'g');
    const times = [...rest.matchAll(timeRange)];
    const days = [...rest.matchAll(dayRange)];
    if (times.length === 0 || days.length === 0 || times.length !== days.length) return undefined;
    // Every word must be a day, a time, a separator or the shift's name.
    const leftover = rest.replace(timeRange, ' ').replace(dayRange, ' ').replace(/[,\s]+/g, '');
    if (leftover !== '') return undefined;
    const spans = days.map((day, i) => {
        const time = times[i];
        const dayPart = day[3] ? `${day[1]} ${day[2]} ${day[3]}` : day[1];
        return `${dayPart} ${time[1]} ${time[2]} ${time[3]}`;
    });
    return `shift ${name} ${spans.join(', ')}`;
}

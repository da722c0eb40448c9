import type { ImportCounts } from './types.js';
import type { SourceLine } from './read.js';
import { isDateLine, type NoiseLog } from './noise.js';
import { parseDate } from './dates.js';
import { NameMaker, quote, type OutLine } from '../jobstd-writer.js';
import { EMPTY_VALUES, FIELD_LABELS, emptyLabelOf, fieldOf, labelledValueOf, type JobFact } from './classify-fields.js';
import { payOf } from './classify-pay.js';
import { dutyShareOf } from './classify-duties.js';
import { KNOWN_HEADINGS, REQUIREMENT_HEADINGS, TOP_LEVEL_HEADINGS, isAllCaps, isTitleCase } from './classify-headings.js';
import { BENEFIT, COMPETENCY, DATE_CELL, LIST_MARKER, RATING, ratingOf, ROLE_LINE, SIGNATURE, TASK_GROUP, listItemOf, splitRatings, wordCount } from './classify-lines.js';
import { BOUND, COMPARATORS, PERIOD, VALUE, isAnswerOption, targetSpecOf } from './classify-targets.js';
import { requirementKindOf, requirementOf, type Necessity } from './classify-requirements.js';
import { splitRunOn } from './classify-duties.js';
import { shiftOf } from './classify-shifts.js';
import { levelMatrixOf, matrixLines } from './classify-matrix.js';

export { FIELD_LABELS } from './classify-fields.js';
export { splitRunOn } from './classify-duties.js';
export { shiftOf } from './classify-shifts.js';

/**
 * The state machine of the importer: it walks the lines of a job standard once and keeps
 * the stack of open containers (job, sections, roles, requirements…) and the mode lines
 * take. What each line is comes from the classifiers (`classify-*.ts`, `front-matter.ts`).
 *
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
// The recogniser

interface Container {
    kind: 'job' | 'section' | 'role' | 'incentive' | 'letter' | 'requirements' | 'level';
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
    /** Opened by a list item with items nested under it: holds the items deeper than this depth. */
    nestDepth?: number;
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
        this.names = new NameMaker(new PlaceholderNames(keywords));
        this.stack = [this.job];
    }

    recognise(): Recognised {
        this.readTitle();
        while (this.index < this.lines.length) {
            const line = this.lines[this.index];
            this.index++;
            if (this.consumed.has(this.index - 1)) continue;
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
        // "Title: Records Clerk II" in the form at the top wins over a banner or a label above it.
        const labelled = this.titleField();
        if (labelled !== undefined) {
            this.title = labelled;
            return;
        }
        const first = this.lines[this.index];
        if (!first) return;
        if (fieldOf(first.text) && fieldOf(first.text)!.fact !== 'title') return;
        if (emptyLabelOf(first.text) || (labelledValueOf(first.text) && !fieldOf(first.text))) return;
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
        if (!subtitle && next && !isByline(next) && !next.heading && !next.cells && !next.list && !listItemOf(next) && !fieldOf(next.text) && !labelledValueOf(next.text) && !emptyLabelOf(next.text) && !isDateLine(next.text)
            && wordCount(next.text) <= 6 && !/[.!?:;]$/.test(next.text) && !KNOWN_HEADINGS.has(next.text.toLowerCase())
            && !(after && (listItemOf(after) || after.list)) && !ratingOf(next.text) && !TASK_GROUP.test(next.text)) {
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

    /**
     * The value of a `Title:` field among the first lines (before any list, table or known
     * heading); the line is then read. Undefined when there is none.
     */
    private titleField(): string | undefined {
        for (let i = this.index; i < Math.min(this.lines.length, this.index + 12); i++) {
            const line = this.lines[i];
            if (line.cells || line.list || listItemOf(line) || KNOWN_HEADINGS.has(line.text.replace(/\s*:$/, '').toLowerCase())) return undefined;
            if (line.heading && i > this.index) return undefined;
            const field = fieldOf(line.text);
            if (field?.fact === 'title' && field.value && !EMPTY_VALUES.test(field.value)) {
                this.consumed.add(i);
                return field.value;
            }
        }
        return undefined;
    }

    /** Lines read ahead of their turn (a form's title). */
    private readonly consumed = new Set<number>();

    // ----- one line ------------------------------------------------------------

    private line(line: SourceLine): void {
        const text = line.text;

        if (line.cells && line.cells.length > 1) {
            if (!line.tableStart || !this.levelMatrix()) this.tableRow(line);
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
        // "1. Operates dump trucks on county roads. (35%)" is a duty with its share, not a competency.
        if (competency && !line.list && !/[.!?]$/.test(competency[2]) && wordCount(competency[2]) <= 8) return this.competency(competency[2], competency[3]);
        // "Adaptability (7.4%)" under a Competencies heading.
        const unnumbered = /^([A-Z][^():%]{1,60}?)\s*[(–—-]\s*(\d+(?:\.\d+)?\s*%|[0xX]+%)\)?\s*$/.exec(text);
        if (unnumbered && !line.list && this.stack.some(c => /competenc/i.test(c.header?.line ?? ''))) {
            return this.competency(unnumbered[1].trim(), unnumbered[2]);
        }

        if (this.mode.kind === 'competency' && this.competencyLine(line)) return;

        const signature = this.signatureLine(line);
        if (signature) return;

        if (!line.heading && !line.list && this.roleBlock(line)) return;

        if (!line.heading && !line.list && this.emptyFormField(line)) return;
        if (!line.heading && this.levelLine(line)) return;
        if (!line.heading && !line.list && this.requirementField(line)) return;

        const heading = this.headingOf(line);
        if (heading) return this.heading(heading.title, heading.rank, line);

        const field = fieldOf(text);
        if (field && !line.list) return this.field(field.label, field.fact, field.value, line);

        const rating = ratingOf(text);
        if (rating && rating[3] && !line.list && (this.mode.kind === 'characteristics' || this.nextIsRating())) {
            return this.characteristics(text);
        }

        if (this.mode.kind === 'taskGroup') {
            for (const task of splitRunOn(listItemOf(line)?.text ?? text, this.log)) {
                const share = dutyShareOf(task);
                this.mode.block.children!.push({ line: share ? `${quote(share.text)} ${share.weight}` : quote(task) });
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

    /**
     * "SALARY SCALE:" left empty in the form at the top: an empty field, reported, never a
     * heading that would own what follows. A label alone is such a field when the lines around
     * it are a form ("Label: value") and what follows is not its value (a heading, a field, the end).
     */
    private emptyFormField(line: SourceLine): boolean {
        const label = emptyLabelOf(line.text);
        if (!label) return false;
        const lower = label.toLowerCase().replace(/\s+/g, ' ');
        if (KNOWN_HEADINGS.has(lower) || REQUIREMENT_HEADINGS[lower] !== undefined || NECESSITY_HEADINGS[lower]) return false;
        const previous = this.lines[this.index - 2];
        const next = this.lines[this.index];
        const isField = (other: SourceLine | undefined) => other !== undefined && !other.heading && !other.cells && !other.list
            && (labelledValueOf(other.text) !== undefined || emptyLabelOf(other.text) !== undefined);
        const formAround = (isField(previous) && labelledValueOf(previous.text) !== undefined) || (isField(next) && labelledValueOf(next.text) !== undefined);
        const nothingFollows = !next || next.heading !== undefined || isField(next) || next.cells !== undefined;
        const fact = FIELD_LABELS[lower];
        if (!formAround || !nothingFollows || fact === 'summary' || fact === 'scope') return false;
        this.log.add('empty field', line.text);
        line.content = '';
        return true;
    }

    /** "Experience: A minimum of three (3) years of office work." → a requirement with its duration. */
    private requirementField(line: SourceLine): boolean {
        const field = labelledValueOf(line.text);
        if (!field || listItemOf(line)) return false;
        const kind = REQUIREMENT_HEADINGS[field.label.toLowerCase().replace(/\s+/g, ' ')];
        if (!kind) return false;
        this.requirementsBlock();
        for (const sentence of field.value.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
            this.top.out.push({ line: requirementOf(kind, sentence) });
            this.counts.requirements++;
        }
        this.top.hasContent = true;
        return true;
    }

    /** The requirements block lines go into: the open one, or a new one where the line stands. */
    private requirementsBlock(): void {
        if (this.top.kind === 'requirements') return;
        this.mode = { kind: 'none' };
        const block: OutLine = { line: 'requirements', children: [], spaced: this.top.kind === 'job' };
        this.emit(block);
        this.stack.push({ kind: 'requirements', out: block.children!, rank: this.top.rank + 1, header: block });
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

    private openSection(title: string, rank: number, options: { itemStyle?: string; colonItem?: boolean; nestDepth?: number } = {}): void {
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
        this.stack.push({ kind: incentive ? 'incentive' : 'section', out: header.children!, rank, header, styles: new Set(), itemStyle: options.itemStyle, colonItem: options.colonItem, nestDepth: options.nestDepth });
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
        if (levelHeadingOf(title)) return this.level(title, line.heading ? rank : 1);
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
        const necessity = NECESSITY_HEADINGS[lower];
        if (necessity) {
            // "Essential:" / "Desirable:" in a person specification: its items are criteria of that necessity.
            this.closeTo(rank);
            this.requirementsBlock();
            const heading: OutLine = { line: quote(title) };
            this.top.out.push(heading);
            this.top.hasContent = true;
            this.mode = { kind: 'requirements', necessity, heading };
            return;
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

    // ----- levels of a ladder ------------------------------------------------------

    /** "## L2 — Engineer", "Clerk II", "Level 3": a level of the family, holding what follows. */
    private level(title: string, rank: number): void {
        this.closeAll(false);
        // "L1 – Support Engineer I": the code is the level's name, the rest its title.
        const coded = /^([A-Z]{1,3}\d{1,2})(?:\s*[-–—:.]\s*(\S.*)|\s*\((.+)\))?$/.exec(title);
        const name = coded && !this.keywords.has(coded[1]) ? this.names.reserve('level', coded[1]) : this.names.make('level', title);
        const shown = coded && name === coded[1] ? coded[2] ?? coded[3] : title;
        const block: OutLine = { line: `level ${name}${shown ? ` ${quote(shown)}` : ''}`, children: [], spaced: true };
        this.emit(block);
        // A Markdown level holds its sub-headings; a plain-text one holds all until the next level.
        this.stack.push({ kind: 'level', out: block.children!, rank, header: block, hasContent: true });
    }

    /** A level's facts stay with the level: its scope, summary, grade; other facts as its statements. */
    private levelField(level: Container, fact: JobFact, value: string, line: SourceLine): void {
        const facts = level.out;
        const at = facts.findIndex(item => !/^(scope|summary|grade|band|time in level) /.test(item.line));
        const put = (text: string) => {
            facts.splice(at < 0 ? facts.length : at, 0, { line: text });
            level.hasContent = true;
        };
        if (value && (fact === 'scope' || fact === 'summary') && !facts.some(item => item.line.startsWith(`${fact} `))) return put(`${fact} ${quote(value)}`);
        if (value && (fact === 'grade' || fact === 'band') && !facts.some(item => item.line.startsWith(`${fact} `))) return put(`${fact} ${quote(value)}`);
        this.statement(line.text);
    }

    /** In a level, its facts as lines or as list items ("- Scope: Own tickets", "- Time in level: 1–2 years"). */
    private levelLine(line: SourceLine): boolean {
        if (!this.stack.some(c => c.kind === 'level')) return false;
        const text = listItemOf(line)?.text ?? line.text;
        if (this.timeInLevel(text)) return true;
        const field = fieldOf(text);
        if (!field || !field.value || !['scope', 'summary', 'grade', 'band'].includes(field.fact)) return false;
        const level = [...this.stack].reverse().find(c => c.kind === 'level')!;
        if (level.out.some(item => item.line.startsWith(`${field.fact} `))) return false;
        this.levelField(level, field.fact, field.value, line);
        return true;
    }

    /** "Time in level: 1-2 years", "Expected time in level: typically 18 months". */
    private timeInLevel(text: string): boolean {
        const level = [...this.stack].reverse().find(c => c.kind === 'level');
        if (!level || level.out.some(item => item.line.startsWith('time in level '))) return false;
        const match = /^(?:expected )?time in (?:level|role)\s*:\s*(?:(typically|about) )?(\d+)(?:\s*([-–]|to)\s*(\d+)|(\+))?\s+(years?|months?)\.?$/i.exec(text);
        if (!match) return false;
        const [, approximate, low, separator, high, plus, unit] = match;
        const range = high ? `${low} ${separator.toLowerCase()} ${high}` : plus ? `${low}+` : low;
        level.out.unshift({ line: `time in level ${approximate ? `${approximate.toLowerCase()} ` : ''}${range} ${unit}` });
        level.hasContent = true;
        return true;
    }

    // ----- facts ---------------------------------------------------------------

    private field(label: string, fact: JobFact, value: string, line: SourceLine): void {
        if (value && EMPTY_VALUES.test(value)) {
            this.log.add('empty field', line.text);
            line.content = '';
            return;
        }
        const level = [...this.stack].reverse().find(c => c.kind === 'level' || c.kind === 'role');
        if (level?.kind === 'level') return this.levelField(level, fact, value, line);
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
            case 'grade': case 'band':
                if (!value || role) return this.statement(line.text);
                return put(`${fact} ${quote(value)}`);
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
        const rating = ratingOf(text);
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
        return next !== undefined && ratingOf(next.text) !== undefined && !/^(DPL|level|proficiency)/i.test(next.text);
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
        // Split only where every part reads as a rating; the text itself does (the callers test it).
        const parts = splitRatings(text);
        for (const part of parts.every(p => RATING.test(p)) ? parts : [text]) {
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
        const { necessity } = this.mode;
        const text = listItemOf(line)?.text ?? line.text;
        // "2+ years of experience with payroll software" says its own kind.
        const kind = this.mode.requirement ?? requirementKindOf(text);
        const block = this.top.out;
        this.top.hasContent = true;
        if (necessity && this.mode.heading) {
            // Each criterion now says "essential": a heading of that one word is no longer needed.
            if (this.mode.heading.line.toLowerCase() === `"${necessity}"`) block.splice(block.indexOf(this.mode.heading), 1);
            this.mode.heading = undefined;
        }
        if (!kind) {
            block.push({ line: `${quote(text)}${necessity ? ` ${necessity}` : ''}` });
            this.counts.statements++;
            return true;
        }
        if (this.mode.heading) {
            // The keyword now says "education": the heading line is no longer needed.
            if (this.mode.heading.line.toLowerCase() === `"${kind}"`) block.splice(block.indexOf(this.mode.heading), 1);
            this.mode.heading = undefined;
        }
        for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
            block.push({ line: requirementOf(kind, sentence, necessity) });
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
        // "Salary range | $17.75 - $22.60 Hourly"
        const pay = payOf(`${first.replace(/\s*:$/, '')}: ${second}`);
        if (pay) {
            this.emit({ line: `pay ${pay}` });
            this.counts.pay++;
            return true;
        }
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
        const asRating = `${first}: ${rating?.[1]}${rating?.[2] ? ` - ${rating[2]}` : ''}`;
        // A name RATING does not read ("Pace, speed") is left as a table row, words and all.
        if (rating && !/\d/.test(first) && /^[A-Za-z]/.test(first) && RATING.test(asRating)) {
            this.characteristics(asRating);
            return true;
        }
        return false;
    }

    /**
     * A level matrix starting at this row (its header): a competency per row with a descriptor
     * per level (classify-matrix.ts). The table's rows are read here; false when it is not one.
     */
    private levelMatrix(): boolean {
        const start = this.index - 1;
        let end = start + 1;
        while (end < this.lines.length && this.lines[end].cells && !this.lines[end].tableStart && !this.consumed.has(end)) end++;
        const rows = this.lines.slice(start, end);
        const matrix = levelMatrixOf(rows.map(row => row.cells!));
        if (!matrix) return false;
        this.tableHeader = undefined;
        this.leaveBlockModes();
        // The corner label ("Competency", "Level") is what the keyword now says; the levels are the descriptors' labels.
        this.log.add('table header', rows[0].cells!.filter(Boolean).join(' | '));
        rows[0].content = '';
        const out = matrixLines(matrix, this.names);
        for (const item of out.lines) this.emit(item);
        this.counts.competencies += out.competencies;
        this.counts.behaviours += out.behaviours;
        for (let i = start + 1; i < end; i++) this.consumed.add(i);
        return true;
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
        // A nested list ends where an item as shallow as its parent, or a paragraph, comes.
        const depth = item ? line.depth ?? 0 : -1;
        while (this.top.nestDepth !== undefined && depth <= this.top.nestDepth) this.closeTop();
        if (item) {
            // "Keeps the daily log" with items nested under it: the items stay under it.
            const following = this.lines[this.index];
            if (following && listItemOf(following) && (following.depth ?? 0) > depth && !following.heading && !following.cells) {
                this.top.styles?.add(item.style);
                this.openSection(text, this.top.rank + 1, { nestDepth: depth });
                return;
            }
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
        // An answer option of a questionnaire ("More than 3 months but less than 6 months") or a
        // range of time is not a target: when unsure, the sentence stays a statement.
        const answerOption = isAnswerOption(text);
        // "# of USA Service Agreements Sold		xx in 2025"
        const columns = text.split(/\t+|\s{3,}/).map(c => c.trim()).filter(Boolean);
        if (!answerOption && (columns.length === 2 || (line.cells && columns.length === 2))) {
            const spec = targetSpecOf(columns[1], this.keywords);
            if (spec) {
                this.count(inKpis ? 'kpis' : 'targets');
                return { line: `${inKpis ? 'kpi' : 'target'} ${quote(columns[0])} ${spec}` };
            }
        }
        const sentence = text.replace(/\s+/g, ' ');
        // "Answering the main phones within 3 rings."
        const within = new RegExp(`^(.+?) ((?:${COMPARATORS.join('|')}) ${VALUE}(?: [A-Za-z]+)?(?: ${BOUND})?(?: (?:${PERIOD}))?)\\.?$`).exec(sentence);
        if (within && !answerOption) {
            const spec = targetSpecOf(within[2], this.keywords);
            if (spec && !/[,;]/.test(within[1])) {
                this.count(inKpis ? 'kpis' : 'targets');
                return { line: `${inKpis ? 'kpi' : 'target'} ${quote(within[1])} ${spec}` };
            }
        }
        // "Registration accuracy of 98% or higher each month"
        const measured = new RegExp(`^([A-Za-z][^,;]*?)(?: of)? (${VALUE}(?: [A-Za-z]+)?(?: ${BOUND})?(?: (?:${PERIOD}))?)\\.?$`).exec(sentence);
        if (measured && !answerOption && (new RegExp(`${BOUND}`).test(measured[2]) || /%/.test(measured[2]) && new RegExp(`(?:${PERIOD})\\.?$`).test(measured[2]))) {
            const spec = targetSpecOf(measured[2], this.keywords);
            if (spec) {
                this.count(inKpis ? 'kpis' : 'targets');
                return { line: `${inKpis ? 'kpi' : 'target'} ${quote(measured[1])} ${spec}` };
            }
        }
        // "85% first time call completion ratio."
        const leading = /^(\d+(?:\.\d+)?%|[xX0]+%)\s+([A-Za-z].*?)\.?$/.exec(sentence);
        if (leading && !answerOption && !/[,;]/.test(leading[2]) && wordCount(leading[2]) <= 10) {
            this.count(inKpis ? 'kpis' : 'targets');
            return { line: `${inKpis ? 'kpi' : 'target'} ${quote(leading[2])} ${leading[1]}` };
        }
        // "Approves loans up to a maximum of $00,000 when required to perform Loan Officer work"
        const authority = /^((?:Approves|Authorizes|Authorises|Signs|Spends|Commits|Issues)\b.*?) (up to a maximum of|a maximum of|up to) (\$ ?[0-9xX][0-9xX,]*(?:\.\d+)?)(?: when (.+?))?\.?$/.exec(sentence);
        if (authority) {
            this.counts.authorities++;
            return { line: `authority ${quote(authority[1])} ${authority[2]} ${authority[3]}${authority[4] ? ` when ${quote(authority[4])}` : ''}` };
        }
        // "Hourly Pay of $ 18.50 per hour", "Salary: $20.00 - $25.00 Hourly"
        const pay = payOf(sentence);
        if (pay) {
            this.counts.pay++;
            return { line: `pay ${pay}` };
        }
        // "Reviews building permit applications. (35%)": a duty with its share of time.
        const share = dutyShareOf(text);
        if (share) {
            this.counts.statements++;
            return { line: `${quote(share.text)} ${share.weight}` };
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

/** A level's heading: "L2", "IC3 – Senior", "E5: Staff Engineer", "Level 2", "Clerk II". */
function levelHeadingOf(title: string): boolean {
    return /^[A-Z]{1,3}\d{1,2}\b(?:\s*[-–—:.]\s*\S.*|\s*\(.*\))?$/.test(title)
        || /^Level\s+\d{1,2}\b(?:\s*[-–—:.]\s*\S.*)?$/i.test(title)
        || /^[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)? (?:I{1,3}|IV|V)$/.test(title);
}

/** "Essential" and "Desirable" criteria of a person specification. */
const NECESSITY_HEADINGS: Readonly<Record<string, Necessity>> = {
    'essential': 'essential', 'essential criteria': 'essential', 'desirable': 'desirable', 'desirable criteria': 'desirable',
    'required': 'required', 'preferred': 'preferred', 'preferred qualifications': 'preferred', 'nice to have': 'preferred',
};

/** Whether a container of the grammar can hold a line that starts this way. */
function accepts(kind: Container['kind'], line: string): boolean {
    const keyword = line.startsWith('"') ? 'statement' : line.split(' ')[0];
    switch (kind) {
        case 'job': case 'section': case 'role': case 'level': return true;
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
    | { kind: 'requirements'; requirement?: string; heading?: OutLine; necessity?: Necessity }
    | { kind: 'schedule'; block: OutLine }
    | { kind: 'field'; keyword: string; line: OutLine; values: string[] }
    | { kind: 'letter' }
    | { kind: 'role'; role: OutLine; facts: OutLine[]; heading: SourceLine };

/**
 * The names NameMaker must not make: the keywords, and names the lexer reads as a placeholder
 * ("XX", "Xxx", "TBD"), which would not parse where a name stands; they get a number (XX2).
 */
class PlaceholderNames extends Set<string> {
    constructor(private readonly keywords: ReadonlySet<string>) {
        super();
    }

    override has(name: string): boolean {
        return this.keywords.has(name) || /^(?:[xX]{2,}|TB[DCA])$/.test(name);
    }
}

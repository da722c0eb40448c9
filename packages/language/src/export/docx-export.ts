import {
    AlignmentType, BorderStyle, Document as WordDocument, Footer, Header, HeadingLevel, Packer, PageNumber,
    Paragraph, Tab, Table, TableCell, TableRow, TabStopType, TextRun, WidthType
} from 'docx';
import { unzipSync, zipSync } from 'fflate';
import type { Document } from '../generated/ast.js';
import { compilePlaceholderPatterns, findPlaceholders } from '../validation/placeholders.js';
import {
    exportJson, JSON_EXPORT_VERSION,
    type CareerLevelJson, type CharacteristicsJson, type CompetencyJson,
    type DurationJson, type DutySetJson, type ElementJson, type ExportContext,
    type FindingsJson, type IncentiveClauseJson, type IncentiveJson, type JobJson, type JobStdJson, type LetterJson,
    type LibraryJson, type ProficiencyRequirementJson, type RangeJson,
    type RequirementsJson, type RoleJson, type ScaleJson, type ScheduleJson, type SectionJson, type SignatureJson,
    type StatementJson, type TargetJson, type TaskGroupJson, type TaskJson
} from './json-export.js';
import { humanDate } from './dates.js';
import { findingsTable, plainLine, type CellView, type TableView } from './document-tables.js';
import { DocumentView, documentTitle, elementRuns, listStyleOf, ordinal, revisionOf, type Fact, type Inline, type Line } from './document-view.js';
import { levelName } from './proficiency-matrix.js';
import { capitalise, plural } from '../words.js';
import { HEADINGS, INK, NO_BORDERS, NO_TABLE_BORDERS, NONE, NUMBERING, STYLES, table, tableGap, TEXT_WIDTH, type Block, type Cell, type CellParagraph, type Runs } from './docx-layout.js';

export interface DocxExportContext extends ExportContext {
    /**
     * The date of the file's properties (created, modified) and of its zip entries when the job
     * gives none of its own (`updated`, else `created`): a build's SOURCE_DATE_EPOCH, say. With
     * neither, the properties carry no date and the zip entries 1980-01-01, the first a zip can
     * hold: the same source gives the same bytes on any day, in any time zone.
     */
    date?: Date;
}

/**
 * A Word document (.docx) for a job standard: headings, lists in the writer's style, tables for
 * weights, targets, characteristics and schedules, signature blocks with lines, and unfilled
 * placeholders highlighted in yellow. Rendered from the JSON export, so both show the same shares.
 */
export async function exportDocx(document: Document, context: DocxExportContext): Promise<Uint8Array> {
    const data = xmlSafe(exportJson(document, context));
    const pattern = compilePlaceholderPatterns(context.placeholders?.patterns, context.placeholders?.replaceDefaults);
    const writer = new DocxWriter(new DocumentView(pattern), pattern, context.findingsAppendix === true);
    const title = documentTitle(data);
    const children = writer.body(data, title);
    const revision = revisionOf(data);
    const word = new WordDocument({
        creator: 'jobstd',
        title,
        description: `Exported from ${data.source}`,
        styles: STYLES,
        numbering: { config: NUMBERING },
        features: { updateFields: false },
        sections: [{
            properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 } } },
            headers: { default: new Header({ children: [new Paragraph({ style: 'RunningHeader', children: [
                new TextRun(title), ...(revision ? [new TextRun({ text: `\t${revision}` })] : []),
            ], tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }] })] }) },
            footers: { default: new Footer({ children: [new Paragraph({ style: 'RunningHeader', alignment: AlignmentType.CENTER, children: [
                new TextRun('Page '), new TextRun({ children: [PageNumber.CURRENT] }), new TextRun(' of '), new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
            ] })] }) },
            children,
        }],
    });
    // docx stamps the file's properties and every zip entry with the current time, in local time:
    // the properties are replaced, and the entries zipped again with the document's own date.
    const date = documentDate(data, context.date);
    const core = { path: 'docProps/core.xml', data: coreProperties(title, data.source, date) };
    const packed = new Uint8Array(await Packer.toArrayBuffer(word, false, [core]));
    return zipSync(unzipSync(packed), { mtime: zipDate(date) });
}

/** The job's own date when it is a full or partial calendar date ("2021-02", "2012"), else the one given, else none. */
function documentDate(data: JobStdJson, given: Date | undefined): string | undefined {
    const job = data.jobs[0];
    for (const written of [job?.updated, job?.created]) {
        const match = written && /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(written);
        if (match) {
            const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = match;
            return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
        }
    }
    if (given && !Number.isNaN(given.getTime())) return given.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return undefined;
}

/**
 * A zip entry's time is a local date and time without a zone, and fflate writes the local fields
 * of the Date it is given: a Date made of the document date's own fields is written as those
 * fields wherever the export runs. Zip cannot hold a year before 1980.
 */
function zipDate(iso: string | undefined): Date {
    const match = iso && /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
    const [y, mo, d, h, mi, s] = match ? match.slice(1).map(Number) : [1980, 1, 1, 0, 0, 0];
    return y < 1980 ? new Date(1980, 0, 1) : new Date(y, mo - 1, d, h, mi, s);
}

function coreProperties(title: string, source: string, date: string | undefined): string {
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + `<dc:title>${escapeXml(title)}</dc:title><dc:creator>jobstd</dc:creator><dc:description>${escapeXml(`Exported from ${source}`)}</dc:description>`
        + `<cp:lastModifiedBy>jobstd</cp:lastModifiedBy><cp:revision>1</cp:revision>`
        + (date ? `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` : '')
        + '</cp:coreProperties>';
}

function escapeXml(text: string): string {
    return xmlText(text).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** What XML 1.0 cannot hold at all: C0 controls but tab and line ends, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text Word can read back: a character XML cannot hold becomes U+FFFD, the replacement
 * character, so the reader sees that something stood there and the file stays well-formed.
 */
function xmlText(text: string): string {
    NOT_XML.lastIndex = 0;
    return NOT_XML.test(text) ? text.replace(NOT_XML, '\uFFFD') : text;
}

/** The export's data with every string made XML-safe, before any of it reaches the document. */
function xmlSafe<T>(value: T): T {
    if (typeof value === 'string') return xmlText(value) as T;
    if (Array.isArray(value)) return value.map(xmlSafe) as T;
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, xmlSafe(item)])) as T;
    }
    return value;
}


type ListStyle = SectionJson['style'];

class DocxWriter {
    /** Each list gets its own instance, so that numbering starts at 1 in every section. */
    private listInstance = 0;
    private weights: JobJson['weights'] | undefined;
    /** The level of a ladder being written, by name: sections' duty sets are looked up within it. */
    private currentLevel: string | undefined;

    constructor(private readonly view: DocumentView, private readonly placeholderPattern: ReturnType<typeof compilePlaceholderPatterns>, private readonly findingsAppendix: boolean) {}

    body(data: JobStdJson, title: string): Block[] {
        const single = data.jobs.length === 1;
        const onlyLibrary = data.jobs.length === 0 && data.libraries.length === 1;
        const out: Block[] = [];
        // The title is the job's (or library's) own when there is one; else one for the whole file, above them.
        if (!single && !onlyLibrary) out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }));
        for (const job of data.jobs) out.push(...this.job(job, single));
        for (const library of data.libraries) out.push(...this.library(library, onlyLibrary));
        // For reviewers only: a document handed to an employee says what the analyst wrote, and no more.
        if (this.findingsAppendix) {
            out.push(...this.findings(data.findings));
            out.push(new Paragraph({ style: 'Disclaimer', spacing: { before: 240 }, children: [new TextRun(`Exported from ${data.source} · jobstd JSON shape ${JSON_EXPORT_VERSION}`)] }));
        }
        return out;
    }

    // ----- text -------------------------------------------------------------

    /** User text as runs, unfilled placeholders highlighted; paragraph breaks become line breaks. */
    private runs(value: string, style: { bold?: boolean; italics?: boolean } = {}): Runs {
        const out: Runs = [];
        const push = (text: string, highlighted: boolean) => {
            text.split('\n\n').forEach((part, i) => {
                if (part === '' && i === 0) return;
                out.push(new TextRun({ text: part, break: i > 0 ? 2 : undefined, ...style, ...(highlighted ? { highlight: 'yellow' as const } : {}) }));
            });
        };
        let at = 0;
        for (const match of findPlaceholders(value, this.placeholderPattern)) {
            if (match.offset > at) push(value.slice(at, match.offset), false);
            push(match.text, true);
            at = match.offset + match.text.length;
        }
        if (at < value.length) push(value.slice(at), false);
        return out;
    }

    /** A value the exporter knows to be a placeholder (a weight, a level) is highlighted whole. */
    private quantity(q: { text: string; placeholder: boolean }): Runs {
        return q.placeholder ? [new TextRun({ text: q.text, highlight: 'yellow' })] : this.runs(q.text);
    }

    /** A line of the view as runs: placeholders highlighted, values and labels bold, notes in italics. */
    private line(line: Line, style: { bold?: boolean; italics?: boolean } = {}): Runs {
        return line.flatMap(piece => piece.text.split('\n\n').flatMap((part, i) => part === '' && i === 0 ? [] : [new TextRun({
            text: part,
            break: i > 0 ? 2 : undefined,
            ...style,
            ...(isBold(piece) ? { bold: true } : {}),
            ...(piece.mark === 'note' || piece.mark === 'unresolved' ? { italics: true } : {}),
            ...(piece.mark === 'placeholder' ? { highlight: 'yellow' as const } : {}),
        })]));
    }

    /** A line of the view in a table cell: its runs, and its text to size the column by. */
    private cellLine(line: Line, style: { bold?: boolean; italics?: boolean } = {}): CellParagraph {
        return { runs: this.line(line, style), text: line.map(piece => ({ text: piece.text, bold: style.bold === true || isBold(piece) })) };
    }

    private term(label: string): Runs {
        return [new TextRun({ text: `${label}: `, bold: true })];
    }

    /** Prose as paragraphs, one per paragraph the writer left a blank line for. */
    private prose(value: string, style?: string): Paragraph[] {
        return value.split('\n\n').map(p => new Paragraph({ style, children: this.runs(p) }));
    }

    private heading(level: number, children: Runs | string): Paragraph {
        const runs = typeof children === 'string' ? [new TextRun(children)] : children;
        return new Paragraph({ heading: HEADINGS[Math.min(Math.max(level, 1), 6) - 1], children: runs });
    }

    private join(parts: Array<Runs | string | undefined | false>, separator = ' '): Runs {
        const present = parts.filter((p): p is Runs | string => p !== undefined && p !== false && p !== '' && !(Array.isArray(p) && p.length === 0));
        return present.flatMap((p, i) => [...(i > 0 ? [new TextRun(separator)] : []), ...(typeof p === 'string' ? [new TextRun(p)] : p)]);
    }

    // ----- jobs and libraries ------------------------------------------------

    private job(job: JobJson, single: boolean): Block[] {
        this.weights = job.weights;
        const top = single ? 1 : 2;
        const out: Block[] = [];
        out.push(single
            ? new Paragraph({ heading: HeadingLevel.TITLE, children: this.runs(job.title) })
            : this.heading(1, this.runs(job.title)));
        if (job.subtitle) out.push(new Paragraph({ style: 'Subtitle', children: this.runs(job.subtitle) }));
        out.push(...this.facts(this.view.jobFacts(job)));
        if (job.summary) out.push(this.heading(top + 1, 'Summary'), ...this.prose(job.summary));
        out.push(...this.elements(job.elements, top + 1, undefined, 0));
        if (job.levels) out.push(...this.levels(job, top + 1));
        if (job.disclaimer) out.push(...this.prose(job.disclaimer, 'Disclaimer'));
        this.weights = undefined;
        return out;
    }

    // ----- ladders --------------------------------------------------------------

    /** The levels of a ladder: the competency × level matrix first, then each level in the order written. */
    private levels(job: JobJson, level: number): Block[] {
        return [
            this.heading(level, 'Levels'),
            ...this.matrix(job),
            ...(job.levels ?? []).flatMap(l => this.careerLevel(l, level + 1, job.weights.duties)),
        ];
    }

    /** One row per competency any level requires, one column per level; a level that requires nothing has an empty cell. */
    private matrix(job: JobJson): Block[] {
        const matrix = this.view.proficiencyMatrixTable(job);
        return matrix ? this.table(matrix) : [];
    }

    private proficiencyValue(r: ProficiencyRequirementJson): Runs {
        const value = r.placeholder || r.value === null ? [new TextRun({ text: r.text, highlight: 'yellow' })] : this.runs(r.text);
        return [...value, ...(r.label ? [new TextRun(' '), ...this.runs(r.label)] : [])];
    }

    private careerLevel(l: CareerLevelJson, level: number, duties: DutySetJson[] | undefined): Block[] {
        this.currentLevel = l.id;
        const out = [
            this.heading(level, this.runs(levelName(l))),
            ...this.facts(this.view.levelFacts(l, duties)),
            ...(l.summary ? this.prose(l.summary) : []),
            ...this.elements(l.elements, level + 1, undefined, 0),
        ];
        this.currentLevel = undefined;
        return out;
    }

    private facts(facts: Fact[]): Block[] {
        if (facts.length === 0) return [];
        return table(undefined, [28, 72], facts.map(fact => [[boldCell(fact.label)], [this.cellLine(fact.value)]]), { header: false });
    }

    private library(library: LibraryJson, only: boolean): Block[] {
        const heading = only
            ? new Paragraph({ heading: HeadingLevel.TITLE, children: this.runs(library.title) })
            : this.heading(1, [new TextRun('Competency library: '), ...this.runs(library.title)]);
        const out: Block[] = [heading];
        if (only) out.push(new Paragraph({ style: 'Subtitle', children: [new TextRun('Competency library')] }));
        out.push(...this.elements(library.members, 2, undefined, 0));
        return out;
    }

    // ----- elements ------------------------------------------------------------

    /**
     * Runs of like elements are shown together: task groups, competencies and (outside lists) targets
     * as one table each. In a numbered, lettered or bulleted section every one-line element is an
     * item of the section's list, so the numbering is the writer's, counting on across tables.
     */
    private elements(elements: ElementJson[], level: number, style: ListStyle, depth: number): Block[] {
        const instance = style ? ++this.listInstance : 0;
        return elementRuns(elements, style).flatMap(run => {
            switch (run.kind) {
                case 'item': return run.elements.map(e => new Paragraph({ numbering: { reference: style!, level: Math.min(depth, 2), instance }, children: this.listItem(e) }));
                // Duties with a share of time or a mark read as a table; plain statements as prose.
                case 'statement': return (run.elements as StatementJson[]).some(isDuty) ? this.table(this.view.dutyTable(run.elements as StatementJson[])) : run.elements.flatMap(e => this.prose((e as StatementJson).text));
                case 'proficiencyRequirement': return this.proficiencies(run.elements as ProficiencyRequirementJson[]);
                case 'target': return this.targets(run.elements as TargetJson[]);
                case 'taskGroup': return this.taskGroups(run.elements as TaskGroupJson[]);
                case 'competency': return this.competencies(run.elements as CompetencyJson[], level);
                // Signatures written together are signed together: each is kept with the next, so no page falls between them.
                case 'signature': return run.elements.flatMap((e, i) => this.signature(e as SignatureJson, i < run.elements.length - 1));
                default: {
                    const element = run.elements[0];
                    return element.kind === 'section' ? this.section(element, level, depth, ordinal(style, run.start)) : this.element(element, level, depth);
                }
            }
        });
    }

    private listItem(e: ElementJson): Runs {
        switch (e.kind) {
            case 'statement': return [...this.runs(e.text), ...this.dutyNote(e)];
            case 'target': case 'kpi': case 'authority': case 'pay': case 'benefit': return this.line(this.view.termLine(e));
            default: return [];
        }
    }

    private element(element: ElementJson, level: number, depth: number): Block[] {
        switch (element.kind) {
            case 'section': return this.section(element, level, depth);
            case 'statement': return this.prose(element.text);
            case 'authority': return [new Paragraph({ children: this.line(this.view.termLine(element)) })];
            case 'requirements': return this.requirements(element, level);
            case 'characteristics': return this.characteristics(element, level);
            case 'role': return this.role(element, level);
            case 'scale': return this.scale(element);
            case 'schedule': return this.schedule(element);
            case 'letter': return this.letter(element);
            case 'signature': return this.signature(element);
            case 'incentive': return this.incentive(element, level);
            case 'pay': return [new Paragraph({ children: this.line(this.view.pay(element)) })];
            case 'benefit': return [new Paragraph({ children: this.line(this.view.termLine(element)) })];
            case 'target': case 'kpi': return this.targets([element]);
            case 'taskGroup': return this.taskGroups([element]);
            case 'competency': return this.competencies([element], level);
            case 'proficiencyRequirement': return this.proficiencies([element]);
            case 'conditions': return this.table(this.view.conditionsTable(element), level);
        }
    }

    /** A section, numbered as an item of its parent's list ("2.") when the parent numbers or letters its items. */
    private section(section: SectionJson, level: number, depth: number, number?: string): Block[] {
        const duties = this.weights?.duties?.find(d => d.section === section.title && d.level === this.currentLevel);
        const style = listStyleOf(section);
        return [
            this.heading(level, [...(number ? [new TextRun(`${number} `)] : []), ...this.runs(section.title)]),
            ...this.facts(this.view.sectionFacts(section, duties)),
            ...(section.intro ? this.prose(section.intro) : []),
            // A styled section inside another styled one indents its list a level deeper.
            ...this.elements(section.elements, level + 1, style, style ? depth + 1 : depth),
        ];
    }

    /** A duty's share and mark after its text, where it is an item of a list: " (35%, essential)". */
    private dutyNote(d: StatementJson | TaskJson): Runs {
        const note = this.view.dutyNote(d);
        return note ? this.line([{ text: ' ' }, ...note]) : [];
    }

    /** What a level requires of each competency: the level's column of the matrix, as a list. */
    private proficiencies(requirements: ProficiencyRequirementJson[]): Block[] {
        const instance = ++this.listInstance;
        return [
            new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Proficiency required', bold: true })] }),
            ...requirements.map(r => new Paragraph({
                numbering: { reference: 'bulleted', level: 0, instance },
                children: [
                    ...this.runs(r.title ?? r.competency, { bold: true }),
                    ...(r.resolved ? [] : [new TextRun({ text: ' (not found)', italics: true })]),
                    new TextRun({ text: ': ', bold: true }), ...this.proficiencyValue(r),
                ],
            })),
        ];
    }

    /** Targets and KPIs as written, their numbers set apart: the sentence is what people agree to. */
    private targets(targets: TargetJson[]): Block[] {
        return this.table(this.view.targetTable(targets));
    }

    private requirements(r: RequirementsJson, level: number): Block[] {
        const instance = ++this.listInstance;
        const necessity = (word: string | undefined) => word !== undefined && [new TextRun({ text: `(${word})`, italics: true })];
        return [
            this.heading(level, 'Requirements'),
            ...r.items.map(item => new Paragraph({
                numbering: { reference: 'bulleted', level: 0, instance },
                children: item.kind === 'statement' ? this.join([this.runs(item.text), necessity(item.necessity ?? item.mark)]) : [...this.term(item.keyword === 'licence' ? 'Licence' : capitalise(item.category)), ...this.join([
                    this.runs(item.text),
                    item.issuer !== undefined && [new TextRun('issued by '), ...this.runs(item.issuer)],
                    item.duration && this.duration(item.duration),
                    necessity(item.necessity),
                ])],
            })),
        ];
    }

    /** A duration as written: "at least 3 years", "2+ years", "three (3) years", "3–5 years". */
    private duration(d: DurationJson): Runs {
        const number = d.range ? this.range(d.range)
            : d.spelled !== undefined ? [...this.runs(d.spelled), new TextRun(' ('), ...this.quantity(d), new TextRun(')')]
                : [...this.quantity(d), ...(d.plus ? [new TextRun('+')] : [])];
        return this.join([d.comparator !== undefined && this.runs(d.comparator), number, this.runs(d.unit)]);
    }

    /** A range as written; a blank at either end marks the whole range as still to fill in. */
    private range(r: RangeJson): Runs {
        return this.quantity({ text: r.text, placeholder: r.placeholder });
    }

    private taskGroups(groups: TaskGroupJson[]): Block[] {
        return this.table(this.view.taskGroupTable(groups, this.weights?.taskGroups));
    }

    private competencies(competencies: CompetencyJson[], level: number): Block[] {
        const table = this.view.competencyTable(competencies, this.weights?.competencies, this.weights !== undefined);
        if (!table) return competencies.flatMap(c => this.competencyDetails(c, level));
        const details = competencies.filter(c => c.definition !== undefined || c.behaviours.length > 0 || c.smes.length > 0 || c.lastUpdated !== undefined || c.proficiency !== undefined);
        return [...this.table(table), ...details.flatMap(c => this.competencyDetails(c, level))];
    }

    private competencyDetails(c: CompetencyJson, level: number): Block[] {
        const out: Block[] = [this.heading(level, this.runs(c.title))];
        if (c.definition) out.push(...this.prose(c.definition));
        if (c.behaviours.length > 0) {
            const instance = ++this.listInstance;
            out.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Behaviours', bold: true })] }));
            out.push(...c.behaviours.map(b => new Paragraph({ numbering: { reference: 'bulleted', level: 0, instance }, keepLines: true, children: this.runs(b.text) })));
        }
        out.push(...this.proficiencyLevels(c));
        out.push(...this.facts(this.view.competencyFacts(c, this.weights !== undefined)));
        return out;
    }

    /** What the competency looks like at each level of its scale: each level's value, label and indicators. */
    private proficiencyLevels(c: CompetencyJson): Block[] {
        const p = c.proficiency;
        if (!p || p.levels.length === 0) return [];
        const scale = p.scale !== undefined ? [new TextRun(' ('), ...this.runs(p.scaleTitle ?? p.scale), new TextRun(p.resolved === false ? ', not found)' : ')')] : [];
        const out: Block[] = [new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Proficiency levels', bold: true }), ...scale] })];
        for (const d of p.levels) {
            const instance = ++this.listInstance;
            out.push(new Paragraph({ keepNext: d.indicators.length > 0, children: [
                new TextRun({ text: d.value === null ? '' : String(d.value), bold: true }),
                ...(d.label ? [new TextRun({ text: ' ', bold: true }), ...this.runs(d.label, { bold: true })] : []),
            ] }));
            out.push(...d.indicators.map(i => new Paragraph({ numbering: { reference: 'bulleted', level: 0, instance }, keepLines: true, children: this.runs(i.text) })));
        }
        return out;
    }

    private characteristics(c: CharacteristicsJson, level: number): Block[] {
        return this.table(this.view.characteristicsTable(c), level);
    }

    private role(role: RoleJson, level: number): Block[] {
        return [
            this.heading(level, [new TextRun('Role: '), ...this.runs(role.title)]),
            ...this.facts(this.view.roleFacts(role)),
            ...(role.summary ? this.prose(role.summary) : []),
            ...this.elements(role.elements, level + 1, undefined, 0),
        ];
    }

    private scale(scale: ScaleJson): Block[] {
        const range = scale.min !== undefined && scale.max !== undefined ? ` (${scale.min} to ${scale.max})` : '';
        const table = this.view.scaleTable(scale);
        return table ? this.table(table) : [new Paragraph({ children: [...this.term('Scale'), ...this.runs(scale.title), new TextRun(range)] })];
    }

    private schedule(schedule: ScheduleJson): Block[] {
        return this.table(this.view.scheduleTable(schedule));
    }

    private letter(letter: LetterJson): Block[] {
        return [
            ...this.facts(this.view.letterFacts(letter)),
            // Word puts no space between a table and the paragraph after it.
            ...(letter.to !== undefined || letter.from !== undefined || letter.subject !== undefined ? [tableGap()] : []),
            ...letter.paragraphs.flatMap(p => this.prose(p.text)),
            ...(letter.signedBy ? [new Paragraph({ spacing: { before: 240 }, children: this.runs(letter.signedBy) })] : []),
        ];
    }

    /**
     * A line to sign on and, when dated, a date line: a written blank is the line itself; anything
     * else written there (a name, a date) stands on the line.
     */
    private signature(s: SignatureJson, keepWithNext = false): Block[] {
        const isBlank = (value: string) => /^(\\?_)+$/.test(value);
        const onLine = (value: string | undefined): Runs => value !== undefined && !isBlank(value) ? this.runs(value) : [];
        const lineCell = (content: Runs) => new TableCell({
            borders: { top: NONE, left: NONE, right: NONE, bottom: { style: BorderStyle.SINGLE, size: 6, color: INK } },
            verticalAlign: 'bottom',
            children: [new Paragraph({ style: 'TableText', keepNext: keepWithNext, children: content })],
        });
        const labelCell = (text: Runs) => new TableCell({ borders: NO_BORDERS, verticalAlign: 'bottom', children: [new Paragraph({ style: 'TableText', keepNext: keepWithNext, children: text })] });
        const gap = () => new TableCell({ borders: NO_BORDERS, children: [new Paragraph({ keepNext: keepWithNext, children: [] })] });
        const cells = [labelCell(this.runs(s.label, { bold: true })), lineCell(onLine(s.line))];
        const widths = s.dated ? [30, 34, 4, 8, 24] : [30, 70];
        if (s.dated) cells.push(gap(), labelCell([new TextRun({ text: 'Date', bold: true })]), lineCell(onLine(s.date && humanDate(s.date))));
        return [
            new Paragraph({ spacing: { before: 240, after: 0 }, keepNext: true, children: [] }),
            new Table({
                width: { size: 100, type: WidthType.PERCENTAGE },
                columnWidths: widths.map(w => Math.round(w * 96.38)),
                borders: NO_TABLE_BORDERS,
                rows: [new TableRow({ cantSplit: true, height: { value: 560, rule: 'atLeast' }, children: cells })],
            }),
        ];
    }

    private incentive(incentive: IncentiveJson, level: number): Block[] {
        const out: Block[] = [this.heading(level, [new TextRun(`${incentive.variant === 'bonus' ? 'Bonus' : 'Incentive'}: `), ...this.runs(incentive.title)])];
        const instance = ++this.listInstance;
        for (const clause of incentive.clauses) {
            if (clause.kind === 'incentive') out.push(...this.incentive(clause, level + 1));
            else if (clause.kind === 'section') out.push(...this.section(clause, level + 1, 0));
            else out.push(new Paragraph({ numbering: { reference: 'bulleted', level: 0, instance }, children: this.clause(clause) }));
        }
        return out;
    }

    /** An incentive's term as written; a sentence that states terms is shown whole, its terms are its structure. */
    private clause(clause: Exclude<IncentiveClauseJson, IncentiveJson | SectionJson>): Runs {
        return clause.kind === 'statement' ? this.runs(clause.text) : this.line(this.view.termLine(clause));
    }

    // ----- tables --------------------------------------------------------------

    /**
     * Every table of the document but the findings. What is in it is the view's; here is only how Word
     * shows it: a caption paragraph, the header row repeated on each page, numbers aligned right, the
     * total's first cell bold. A table with a heading of its own gets it, at `level`.
     */
    private table(view: TableView, level = 6): Block[] {
        const header: Cell[] = view.columns.map(column => {
            if (typeof column.header === 'string' && !column.note) return column.header;
            const words = typeof column.header === 'string' ? boldCell(column.header) : this.cellLine(column.header, { bold: true });
            return [column.note ? joined(words, this.cellLine([{ text: ' ' }, ...column.note], { italics: true })) : words];
        });
        const rows = view.rows.map(row => row.cells.map(cell => this.cell(cell)));
        const total = view.total ? [view.total.map((cell, c) => c === view.rowHeader ? [this.cellLine(cell.line ?? [], { bold: true })] : this.cell(cell))] : [];
        const caption = [view.caption, ...(view.captionNote ? [view.captionNote] : [])].map(plainLine).join(' ');
        const numeric = view.columns.flatMap((column, c) => column.numeric ? [c] : []);
        const grid = table(caption, view.columns.map(column => column.width), [header, ...rows, ...total], { numeric });
        return view.heading === undefined ? grid : [this.heading(level, view.heading), ...grid];
    }

    /** A cell's value (bold), text and aside (in italics) as one paragraph, its list as bulleted ones. */
    private cell(cell: CellView): Cell {
        const first = joined(
            ...(cell.value ? [this.cellLine(cell.value, { bold: true })] : []),
            ...(cell.line ? [this.cellLine(cell.line)] : []),
            ...(cell.note ? [this.cellLine([{ text: ' ' }, ...cell.note], { italics: true })] : []),
        );
        const items = cell.items ?? [];
        if (items.length === 0) return first.runs.length > 0 ? [first] : '';
        return [
            ...(first.runs.length > 0 ? [first] : []),
            ...items.map(item => ({ ...joined(this.cellLine(item.line), ...(item.note ? [this.cellLine([{ text: ' ' }, ...item.note])] : [])), bullet: true })),
        ];
    }

    /**
     * A table as one tabbed paragraph a row, tab stops where the columns would start. For the findings
     * appendix: a row of four cells costs Word's object model ten times as much, and a reviewer's
     * appendix may list tens of thousands.
     */
    private listing(view: TableView): Block[] {
        let edge = 0;
        const stops = view.columns.slice(0, -1).map(column => Math.round((edge += column.width) * TEXT_WIDTH / 100));
        const tabs = stops.map(position => ({ type: TabStopType.LEFT, position }));
        const last = stops[stops.length - 1] ?? 0;
        const indent = { left: last, hanging: last };
        const row = (parts: string[], bold = false) => new Paragraph({
            style: 'TableText', tabStops: tabs, indent, keepNext: bold,
            children: [new TextRun({ bold, children: parts.flatMap((part, i) => i === 0 ? [part] : [new Tab(), part]) })],
        });
        return [
            new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(plainLine(view.caption))] }),
            row(view.columns.map(column => typeof column.header === 'string' ? column.header : plainLine(column.header)), true),
            ...view.rows.map(r => row(r.cells.map(cell => plainLine(cell.line ?? [])))),
        ];
    }

    // ----- findings --------------------------------------------------------------

    /** Listed only when there are some: a clean document ships without a review section. */
    private findings(findings: FindingsJson): Block[] {
        if (findings.items.length === 0) return [];
        const others = findings.items.length - findings.errors - findings.warnings;
        const summary = `${plural(findings.errors, 'error')}, ${plural(findings.warnings, 'warning')}${others > 0 ? `, ${plural(others, 'note')}` : ''}`;
        return [this.heading(2, 'Findings'), new Paragraph(summary), ...this.listing(findingsTable(findings))];
    }
}


/** The pieces of a line set bold: values and labels. */
function isBold(piece: Inline): boolean {
    return piece.mark === 'value' || piece.mark === 'label';
}

/** Text set bold whole, as one run: a fact's label, a column's header. */
function boldCell(text: string): CellParagraph {
    return { runs: [new TextRun({ text, bold: true })], text: [{ text, bold: true }] };
}

/** Parts of a cell's paragraph, one after another. */
function joined(...parts: CellParagraph[]): CellParagraph {
    return { runs: parts.flatMap(part => part.runs), text: parts.flatMap(part => part.text) };
}

/** A statement that is a duty: it has a share of time or a mark. */
function isDuty(s: StatementJson): boolean {
    return s.weight !== undefined || s.mark !== undefined;
}




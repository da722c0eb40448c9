import {
    AlignmentType, BorderStyle, Document as WordDocument, Footer, Header, HeadingLevel, LevelFormat, Packer, PageNumber,
    Paragraph, ShadingType, Table, TableCell, TableRow, TabStopType, TextRun, WidthType,
    type ParagraphChild
} from 'docx';
import type { Document } from '../generated/ast.js';
import { compilePlaceholderPatterns, findPlaceholders } from '../validation/placeholders.js';
import {
    exportJson, JSON_EXPORT_VERSION,
    type AuthorityJson, type CharacteristicsJson, type CompetencyJson, type ElementJson, type ExportContext,
    type FindingsJson, type IncentiveClauseJson, type IncentiveJson, type JobJson, type JobStdJson, type LetterJson,
    type LevelJson, type LibraryJson, type PayJson, type RequirementsJson, type RoleJson, type ScaleJson,
    type ScheduleJson, type SectionJson, type SignatureJson, type TargetJson, type TaskGroupJson, type ThresholdJson,
    type WeightJson, type WeightSetJson
} from './json-export.js';

export interface DocxExportContext extends ExportContext {
    /**
     * The date written into the file's properties as created and modified. Without it the job's
     * `updated` (or `created`) date is used, and else a fixed date: the same source gives the same document.
     */
    date?: Date;
}

/**
 * A Word document (.docx) for a job standard: headings, lists in the writer's style, tables for
 * weights, targets, characteristics and schedules, signature blocks with lines, and unfilled
 * placeholders highlighted in yellow. Rendered from the JSON export, so both show the same shares.
 */
export async function exportDocx(document: Document, context: DocxExportContext): Promise<Uint8Array> {
    const data = exportJson(document, context);
    const pattern = compilePlaceholderPatterns(context.placeholders?.patterns, context.placeholders?.replaceDefaults);
    const writer = new DocxWriter(pattern);
    const title = documentTitle(data);
    const children = writer.body(data, title);
    const revision = data.jobs.length === 1 ? data.jobs[0].updated ?? data.jobs[0].created : undefined;
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
                new TextRun(title), ...(revision ? [new TextRun({ text: `\tRevision ${revision}` })] : []),
            ], tabStops: [{ type: TabStopType.RIGHT, position: 9638 }] })] }) },
            footers: { default: new Footer({ children: [new Paragraph({ style: 'RunningHeader', alignment: AlignmentType.CENTER, children: [
                new TextRun('Page '), new TextRun({ children: [PageNumber.CURRENT] }), new TextRun(' of '), new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
            ] })] }) },
            children,
        }],
    });
    // docx stamps the file's properties with the current time; they are replaced, so that two exports
    // of one source differ only in the zip entries' own timestamps.
    const core = { path: 'docProps/core.xml', data: coreProperties(title, data.source, documentDate(data, context.date)) };
    return new Uint8Array(await Packer.toArrayBuffer(word, false, [core]));
}

function documentTitle(data: JobStdJson): string {
    if (data.jobs.length === 1) return data.jobs[0].title;
    if (data.jobs.length === 0 && data.libraries.length === 1) return data.libraries[0].title;
    return `Job standards: ${data.source}`;
}

/** The job's own date when it is a full or partial calendar date ("2021-02", "2012"), else a fixed one. */
function documentDate(data: JobStdJson, given: Date | undefined): string {
    if (given && !Number.isNaN(given.getTime())) return given.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const job = data.jobs[0];
    for (const written of [job?.updated, job?.created]) {
        const match = written && /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(written);
        if (match) {
            const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = match;
            return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
        }
    }
    return '2000-01-01T00:00:00Z';
}

function coreProperties(title: string, source: string, date: string): string {
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + `<dc:title>${escapeXml(title)}</dc:title><dc:creator>jobstd</dc:creator><dc:description>${escapeXml(`Exported from ${source}`)}</dc:description>`
        + `<cp:lastModifiedBy>jobstd</cp:lastModifiedBy><cp:revision>1</cp:revision>`
        + `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>`
        + '</cp:coreProperties>';
}

function escapeXml(text: string): string {
    // Characters XML 1.0 cannot hold at all are dropped; the rest are escaped.
     
    return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
        .replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

// ---------------------------------------------------------------------------
// Styles and lists

const FONT = 'Calibri';
const INK = '1F2937';
const RULE = '9CA3AF';

const STYLES = {
    default: {
        document: { run: { font: FONT, size: 21, color: INK }, paragraph: { spacing: { after: 100, line: 264 } } },
        title: { run: { font: FONT, size: 40, bold: true, color: '111827' }, paragraph: { spacing: { after: 80 } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '111827' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 27, bold: true, color: '111827' }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
        heading3: { run: { font: FONT, size: 24, bold: true, color: '1F2937' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
        heading4: { run: { font: FONT, size: 22, bold: true, color: '1F2937' }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
        heading5: { run: { font: FONT, size: 21, bold: true, italics: true }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true } },
        heading6: { run: { font: FONT, size: 21, italics: true }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true } },
    },
    paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: 26, color: '4B5563' }, paragraph: { spacing: { after: 200 } } },
        { id: 'RunningHeader', name: 'Running Header', basedOn: 'Normal', run: { size: 16, color: '6B7280' } },
        { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { size: 19 }, paragraph: { spacing: { after: 40 } } },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { size: 19, bold: true, color: '374151' }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
        { id: 'Disclaimer', name: 'Disclaimer', basedOn: 'Normal', run: { size: 18, italics: true, color: '4B5563' } },
    ],
};

const indent = (level: number) => ({ left: 360 * (level + 1), hanging: 360 });
const NUMBERING = [
    { reference: 'numbered', levels: [0, 1, 2].map(level => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: indent(level) } } })) },
    { reference: 'lettered', levels: [0, 1, 2].map(level => ({ level, format: LevelFormat.LOWER_LETTER, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: indent(level) } } })) },
    { reference: 'bulleted', levels: [0, 1, 2].map(level => ({ level, format: LevelFormat.BULLET, text: ['•', '◦', '▪'][level], alignment: AlignmentType.START, style: { paragraph: { indent: indent(level) } } })) },
];

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

type ListStyle = SectionJson['style'];
type Block = Paragraph | Table;
/** Text with its placeholders marked: a run each, in order. */
type Runs = ParagraphChild[];

/** Elements that read as one line, and so become items of a styled section's list. */
const LIST_ITEM_KINDS: ReadonlySet<string> = new Set(['statement', 'target', 'kpi', 'authority', 'pay', 'benefit']);

class DocxWriter {
    /** Each list gets its own instance, so that numbering starts at 1 in every section. */
    private listInstance = 0;
    private weights: { taskGroups: WeightSetJson; competencies: WeightSetJson } | undefined;

    constructor(private readonly placeholderPattern: ReturnType<typeof compilePlaceholderPatterns>) {}

    body(data: JobStdJson, title: string): Block[] {
        const single = data.jobs.length === 1;
        const onlyLibrary = data.jobs.length === 0 && data.libraries.length === 1;
        const out: Block[] = [];
        // The title is the job's (or library's) own when there is one; else one for the whole file, above them.
        if (!single && !onlyLibrary) out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }));
        for (const job of data.jobs) out.push(...this.job(job, single));
        for (const library of data.libraries) out.push(...this.library(library, onlyLibrary));
        out.push(...this.findings(data.findings));
        out.push(new Paragraph({ style: 'Disclaimer', spacing: { before: 240 }, children: [new TextRun(`Exported from ${data.source} · jobstd JSON shape ${JSON_EXPORT_VERSION}`)] }));
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
        const facts: Array<[string, Runs | undefined | false]> = [
            ['Code', job.code !== undefined && this.runs(job.code)],
            ['Level', job.level !== undefined && this.runs(job.level)],
            ['Job family', job.family !== undefined && this.runs(job.family)],
            ['Reports to', job.reportsTo && this.reportsTo(job.reportsTo)],
            ['FLSA status', job.flsa !== undefined && this.runs(job.flsa)],
            ['Location', job.location !== undefined && this.runs(job.location)],
            ['Created', job.created !== undefined && this.runs(job.created)],
            ['Updated', job.updated !== undefined && this.runs(job.updated)],
            ['Next review', job.nextReview !== undefined && this.runs(job.nextReview)],
            ['Subject-matter experts', job.smes.length > 0 && this.join(job.smes.map(s => this.runs(s)), ', ')],
            ['Task group weights', job.weights.taskGroups.unit !== null && [new TextRun(weightSetText(job.weights.taskGroups, 'task group'))]],
            ['Competency weights', job.weights.competencies.unit !== null && [new TextRun(weightSetText(job.weights.competencies, 'competency', 'competencies'))]],
        ];
        out.push(...this.facts(facts));
        if (job.summary) out.push(this.heading(top + 1, 'Summary'), ...this.prose(job.summary));
        out.push(...this.elements(job.elements, top + 1, undefined, 0));
        if (job.disclaimer) out.push(...this.prose(job.disclaimer, 'Disclaimer'));
        this.weights = undefined;
        return out;
    }

    private facts(facts: Array<[string, Runs | undefined | false]>): Block[] {
        const present = facts.filter((f): f is [string, Runs] => Array.isArray(f[1]));
        if (present.length === 0) return [];
        return table(undefined, [28, 72], present.map(([name, value]) => [[new TextRun({ text: name, bold: true })], value]), { header: false });
    }

    private reportsTo(reportsTo: NonNullable<JobJson['reportsTo']>): Runs {
        return reportsTo.resolved === false
            ? [...this.runs(reportsTo.title), new TextRun({ text: ' (no such role)', italics: true })]
            : this.runs(reportsTo.title);
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
        const out: Block[] = [];
        const instance = style ? ++this.listInstance : 0;
        const runKey = (e: ElementJson): string => {
            if (style && LIST_ITEM_KINDS.has(e.kind)) return 'item';
            return e.kind === 'kpi' ? 'target' : e.kind;
        };
        for (let i = 0; i < elements.length;) {
            const key = runKey(elements[i]);
            let end = i + 1;
            if (['item', 'target', 'taskGroup', 'competency'].includes(key)) {
                while (end < elements.length && runKey(elements[end]) === key) end++;
            }
            const run = elements.slice(i, end);
            switch (key) {
                case 'item':
                    for (const e of run) out.push(new Paragraph({ numbering: { reference: style!, level: Math.min(depth, 2), instance }, children: this.listItem(e) }));
                    break;
                case 'target': out.push(...this.targets(run as TargetJson[])); break;
                case 'taskGroup': out.push(...this.taskGroups(run as TaskGroupJson[])); break;
                case 'competency': out.push(...this.competencies(run as CompetencyJson[], level)); break;
                default: out.push(...this.element(run[0], level, depth));
            }
            i = end;
        }
        return out;
    }

    private listItem(e: ElementJson): Runs {
        switch (e.kind) {
            case 'statement': return this.runs(e.text);
            case 'target': case 'kpi': return [...this.runs(e.measure), new TextRun(': '), ...this.join([this.targetSpec(e), e.period && this.runs(e.period.text)])];
            case 'authority': return this.authorityText(e);
            case 'pay': return this.pay(e);
            case 'benefit': return [...this.term('Benefit'), ...this.runs(e.text)];
            default: return [];
        }
    }

    private element(element: ElementJson, level: number, depth: number): Block[] {
        switch (element.kind) {
            case 'section': return this.section(element, level, depth);
            case 'statement': return this.prose(element.text);
            case 'authority': return [new Paragraph({ children: this.authorityText(element) })];
            case 'requirements': return this.requirements(element, level);
            case 'characteristics': return this.characteristics(element);
            case 'role': return this.role(element, level);
            case 'scale': return this.scale(element);
            case 'schedule': return this.schedule(element);
            case 'letter': return this.letter(element);
            case 'signature': return this.signature(element);
            case 'incentive': return this.incentive(element, level);
            case 'pay': return [new Paragraph({ children: this.pay(element) })];
            case 'benefit': return [new Paragraph({ children: [...this.term('Benefit'), ...this.runs(element.text)] })];
            case 'target': case 'kpi': return this.targets([element]);
            case 'taskGroup': return this.taskGroups([element]);
            case 'competency': return this.competencies([element], level);
            // Not rendered in Word yet; the JSON export carries them.
            case 'proficiencyRequirement': case 'conditions': return [];
        }
    }

    private section(section: SectionJson, level: number, depth: number): Block[] {
        return [
            this.heading(level, this.runs(section.title)),
            ...(section.intro ? this.prose(section.intro) : []),
            // A styled section inside another styled one indents its list a level deeper.
            ...this.elements(section.elements, level + 1, section.style, section.style ? depth + 1 : depth),
        ].filter(Boolean);
    }

    private targets(targets: TargetJson[]): Block[] {
        return table('Targets and KPIs', [12, 48, 22, 18], [
            ['Kind', 'Measure', 'Target', 'Period'],
            ...targets.map(t => [t.kind === 'kpi' ? 'KPI' : 'Target', this.runs(t.measure), this.targetSpec(t), t.period ? this.runs(t.period.text) : '']),
        ]);
    }

    private targetSpec(t: TargetJson | ThresholdJson): Runs {
        const quantity = t.text !== undefined ? this.quantity({ text: t.text, placeholder: t.placeholder }) : undefined;
        // A "%" or "$" unit is already part of the quantity as written.
        const unit = t.unit && t.unit !== '%' && t.unit !== '$' ? this.runs(t.unit) : undefined;
        const bound = 'bound' in t && t.bound ? this.runs(t.bound) : undefined;
        return this.join([t.comparator && this.runs(t.comparator), quantity, unit, bound]);
    }

    private authorityText(a: AuthorityJson): Runs {
        return [...this.term('Authority'), ...this.join([
            this.runs(a.action), a.comparator && this.runs(a.comparator), this.quantity(a.limit),
            a.condition !== undefined && [new TextRun('when '), ...this.runs(a.condition)],
        ])];
    }

    private requirements(r: RequirementsJson, level: number): Block[] {
        const instance = ++this.listInstance;
        return [
            this.heading(level, 'Requirements'),
            ...r.items.map(item => new Paragraph({
                numbering: { reference: 'bulleted', level: 0, instance },
                children: item.kind === 'statement' ? this.runs(item.text) : [...this.term(capitalise(item.category)), ...this.join([
                    this.runs(item.text),
                    item.duration && this.join([item.duration.comparator && this.runs(item.duration.comparator), this.quantity(item.duration), this.runs(item.duration.unit)]),
                    item.necessity && [new TextRun({ text: `(${item.necessity})`, italics: true })],
                ])],
            })),
        ];
    }

    private taskGroups(groups: TaskGroupJson[]): Block[] {
        const set = this.weights?.taskGroups;
        const rows: Cell[][] = [['Task group', 'Tasks', 'Points', 'Share']];
        for (const g of groups) {
            const name = g.title === g.id ? this.runs(g.id) : [...this.runs(g.id), new TextRun(': '), ...this.runs(g.title)];
            const tasks = g.tasks.map(t => this.runs(t.text));
            rows.push([name, tasks, ...this.weightCells(g.weight)]);
        }
        // The total belongs under the table only when the table holds every group of the job.
        if (set && set.total !== null && set.count === groups.length) rows.push([[new TextRun({ text: 'Total', bold: true })], '', formatWeight(set.total, set.unit), '100%']);
        return table(groups.length === 1 ? 'Task group' : 'Task groups', [24, 50, 15, 11], rows, { numeric: [2, 3] });
    }

    private weightCells(weight: WeightJson | undefined): Cell[] {
        if (!weight) return ['', ''];
        return [this.quantity(weight), weight.share === null ? '' : formatShare(weight.share)];
    }

    private competencies(competencies: CompetencyJson[], level: number): Block[] {
        const set = this.weights?.competencies;
        const details = competencies.filter(c => c.definition !== undefined || c.behaviours.length > 0 || c.smes.length > 0 || c.lastUpdated !== undefined);
        // A library's competencies carry no job's weights or links: their definitions are the whole story.
        const inLibrary = this.weights === undefined && competencies.every(c => !c.weight && !c.level && c.linkedTo.length === 0);
        if (inLibrary) return competencies.flatMap(c => this.competencyDetails(c, level));
        const rows: Cell[][] = [['Competency', 'Weight', 'Share', 'Level', 'Linked to']];
        for (const c of competencies) {
            rows.push([
                c.resolved ? this.runs(c.title) : [...this.runs(c.title), new TextRun({ text: ' (not found)', italics: true })],
                ...this.weightCells(c.weight),
                c.level ? this.level(c.level) : '',
                this.join(c.linkedTo.map(link => link.resolved
                    ? (link.title && link.title !== link.id ? [...this.runs(link.id), new TextRun(' ('), ...this.runs(link.title), new TextRun(')')] : this.runs(link.id))
                    : [...this.runs(link.id), new TextRun({ text: ' (not found)', italics: true })]), ', '),
            ]);
        }
        if (set && set.total !== null && set.count === competencies.length) rows.push([[new TextRun({ text: 'Total', bold: true })], formatWeight(set.total, set.unit), '100%', '', '']);
        return [
            ...table(competencies.length === 1 ? 'Competency' : 'Competencies', [25, 10, 10, 25, 30], rows, { numeric: [1, 2] }),
            ...details.flatMap(c => this.competencyDetails(c, level)),
        ];
    }

    private competencyDetails(c: CompetencyJson, level: number): Block[] {
        const out: Block[] = [this.heading(level, this.runs(c.title))];
        if (c.definition) out.push(...this.prose(c.definition));
        if (c.behaviours.length > 0) {
            const instance = ++this.listInstance;
            out.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Behaviours', bold: true })] }));
            out.push(...c.behaviours.map(b => new Paragraph({ numbering: { reference: 'bulleted', level: 0, instance }, keepLines: true, children: this.runs(b.text) })));
        }
        const facts: Array<[string, Runs | undefined | false]> = [
            ['From library', this.weights !== undefined && c.source === 'library' && c.library !== undefined && this.runs(c.library)],
            ['Subject-matter experts', c.smes.length > 0 && this.join(c.smes.map(s => this.runs(s)), ', ')],
            ['Last updated', c.lastUpdated !== undefined && this.runs(c.lastUpdated)],
        ];
        out.push(...this.facts(facts));
        return out;
    }

    private level(level: LevelJson): Runs {
        const scale = level.scaleTitle ?? level.scale;
        const scaleSays = level.scaleLabel !== undefined && level.scaleLabel !== level.label ? [new TextRun(`, where ${level.text} is “`), ...this.runs(level.scaleLabel), new TextRun('”')] : [];
        return [
            ...this.quantity({ text: level.text, placeholder: level.value === null }),
            ...(level.label ? [new TextRun(' '), ...this.runs(level.label)] : []),
            new TextRun(' ('), ...this.runs(scale), new TextRun(level.resolved ? '' : ', not found'), ...scaleSays, new TextRun(')'),
        ];
    }

    private characteristics(c: CharacteristicsJson): Block[] {
        return table('Job characteristics', [40, 15, 45], [
            ['Characteristic', 'Rating', 'Description'],
            ...c.ratings.map(r => [this.runs(r.scaleTitle ?? r.scale), this.quantity({ text: r.text, placeholder: r.value === null }), r.label ? this.runs(r.label) : '']),
        ], { numeric: [1] });
    }

    private role(role: RoleJson, level: number): Block[] {
        return [
            this.heading(level, [new TextRun('Role: '), ...this.runs(role.title)]),
            ...this.facts([
                ['Reports to', role.reportsTo && this.reportsTo(role.reportsTo)],
                ['FLSA status', role.flsa !== undefined && this.runs(role.flsa)],
                ['Location', role.location !== undefined && this.runs(role.location)],
                ['Scope', role.scope !== undefined && this.runs(role.scope)],
            ]),
            ...(role.summary ? this.prose(role.summary) : []),
            ...this.elements(role.elements, level + 1, undefined, 0),
        ];
    }

    private scale(scale: ScaleJson): Block[] {
        const range = scale.min !== undefined && scale.max !== undefined ? ` (${scale.min} to ${scale.max})` : '';
        if (scale.levels.length === 0) return [new Paragraph({ children: [...this.term('Scale'), ...this.runs(scale.title), new TextRun(range)] })];
        return table(`Scale: ${scale.title}${range}`, [20, 80], [['Level', 'Label'], ...scale.levels.map(l => [String(l.value), this.runs(l.label)])], { numeric: [0] });
    }

    private schedule(schedule: ScheduleJson): Block[] {
        return table(schedule.title ?? 'Schedule', [30, 35, 35], [
            ['Shift', 'Days', 'Hours'],
            ...schedule.shifts.flatMap(shift => shift.spans.map(span => [
                this.runs(`Shift ${shift.name}`), this.runs(span.lastDay ? `${span.firstDay}–${span.lastDay}` : span.firstDay), this.runs(`${span.start}–${span.end}`),
            ])),
        ]);
    }

    private letter(letter: LetterJson): Block[] {
        return [
            ...this.facts([
                ['To', letter.to !== undefined && this.runs(letter.to)],
                ['From', letter.from !== undefined && this.runs(letter.from)],
                ['Subject', letter.subject !== undefined && this.runs(letter.subject)],
            ]),
            ...letter.paragraphs.flatMap(p => this.prose(p.text)),
            ...(letter.signedBy ? [new Paragraph({ spacing: { before: 240 }, children: this.runs(letter.signedBy) })] : []),
        ];
    }

    /**
     * A line to sign on and, when dated, a date line: a written blank is the line itself; anything
     * else written there (a name, a date) stands on the line.
     */
    private signature(s: SignatureJson): Block[] {
        const isBlank = (value: string) => /^(\\?_)+$/.test(value);
        const onLine = (value: string | undefined): Runs => value !== undefined && !isBlank(value) ? this.runs(value) : [];
        const lineCell = (content: Runs) => new TableCell({
            borders: { top: NONE, left: NONE, right: NONE, bottom: { style: BorderStyle.SINGLE, size: 6, color: INK } },
            verticalAlign: 'bottom',
            children: [new Paragraph({ style: 'TableText', children: content })],
        });
        const labelCell = (text: Runs) => new TableCell({ borders: NO_BORDERS, verticalAlign: 'bottom', children: [new Paragraph({ style: 'TableText', children: text })] });
        const gap = () => new TableCell({ borders: NO_BORDERS, children: [new Paragraph('')] });
        const cells = [labelCell(this.runs(s.label, { bold: true })), lineCell(onLine(s.line))];
        const widths = s.dated ? [30, 34, 4, 8, 24] : [30, 70];
        if (s.dated) cells.push(gap(), labelCell([new TextRun({ text: 'Date', bold: true })]), lineCell(onLine(s.date)));
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

    private clause(clause: Exclude<IncentiveClauseJson, IncentiveJson | SectionJson>): Runs {
        switch (clause.kind) {
            case 'threshold': return [new TextRun('When '), ...this.join([this.runs(clause.measure), this.targetSpec(clause)])];
            case 'rate': return this.join([
                this.quantity(clause.rate), 'of', this.runs(clause.base),
                clause.comparator && this.runs(clause.comparator), clause.floor && this.quantity(clause.floor),
                clause.sharedAmong !== undefined && [new TextRun('shared among '), ...this.runs(clause.sharedAmong)],
            ]);
            case 'bonusAmount': return [...this.term('Amount'), ...this.quantity(clause.amount), ...(clause.oneTime ? [new TextRun(' (one-time)')] : [])];
            case 'condition': return [...this.term('Condition'), ...this.runs(clause.text)];
            case 'payout': return [new TextRun('Paid '), ...this.runs(clause.frequency)];
            case 'target': case 'kpi': return [...this.term(clause.kind === 'kpi' ? 'KPI' : 'Target'), ...this.join([
                this.runs(clause.measure), this.targetSpec(clause), clause.period && this.runs(clause.period.text),
            ])];
            case 'pay': return this.pay(clause);
            case 'benefit': return [...this.term('Benefit'), ...this.runs(clause.text)];
            case 'statement': return this.runs(clause.text);
        }
    }

    private pay(pay: PayJson): Runs {
        return [...this.runs(pay.label, { bold: true }), new TextRun({ text: ': ', bold: true }), ...this.join([this.quantity(pay.amount), pay.period && this.runs(pay.period.text)])];
    }

    // ----- findings --------------------------------------------------------------

    /** Listed only when there are some: a clean document ships without a review section. */
    private findings(findings: FindingsJson): Block[] {
        if (findings.items.length === 0) return [];
        const others = findings.items.length - findings.errors - findings.warnings;
        const summary = `${plural(findings.errors, 'error')}, ${plural(findings.warnings, 'warning')}${others > 0 ? `, ${plural(others, 'note')}` : ''}`;
        return [
            this.heading(2, 'Findings'),
            new Paragraph(summary),
            ...table('Findings by line', [10, 12, 28, 50], [
                ['Line', 'Severity', 'Rule', 'Message'],
                ...findings.items.map(f => [`${f.line}:${f.column}`, f.severity, f.code, f.message]),
            ]),
        ];
    }
}

// ---------------------------------------------------------------------------
// Tables

type Cell = Runs | Runs[] | string;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const NO_TABLE_BORDERS = { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: RULE };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
/** Text width of an A4 page with the margins above, in twentieths of a point. */
const TEXT_WIDTH = 9638;

/**
 * A captioned table; the first row is the header (repeated on every page) unless `header` is false.
 * Widths are percentages. A cell holding several runs lists (tasks) gets a paragraph each.
 */
function table(caption: string | undefined, widths: number[], rows: Cell[][], options: { header?: boolean; numeric?: number[] } = {}): Block[] {
    const header = options.header ?? true;
    const numeric = new Set(options.numeric ?? []);
    const columnWidths = widths.map(w => Math.round(w * TEXT_WIDTH / 100));
    const tableRows = rows.map((row, r) => new TableRow({
        tableHeader: header && r === 0,
        cantSplit: true,
        children: row.map((cell, c) => new TableCell({
            width: { size: columnWidths[c], type: WidthType.DXA },
            margins: { top: 40, bottom: 40, left: 80, right: 80 },
            shading: header && r === 0 ? { type: ShadingType.CLEAR, fill: 'E5E7EB', color: 'auto' } : undefined,
            children: paragraphsOf(cell, header && r === 0, numeric.has(c) && !(header && r === 0)),
        })),
    }));
    const grid = new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths, borders: GRID, rows: tableRows });
    // Word has no caption element for tables; a caption paragraph kept with the table does the job.
    return caption === undefined ? [grid] : [new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(caption)] }), grid];
}

function paragraphsOf(cell: Cell, bold: boolean, alignRight: boolean): Paragraph[] {
    const alignment = alignRight ? AlignmentType.RIGHT : undefined;
    if (typeof cell === 'string') return [new Paragraph({ style: 'TableText', alignment, children: [new TextRun({ text: cell, bold })] })];
    if (cell.length > 0 && Array.isArray(cell[0])) {
        // Several items (the tasks of a group): one bulleted line each.
        return (cell as Runs[]).map(runs => new Paragraph({ style: 'TableText', children: [new TextRun('• '), ...runs] }));
    }
    return [new Paragraph({ style: 'TableText', alignment, children: cell as Runs })];
}

function formatShare(share: number): string {
    return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

function formatWeight(total: number, unit: WeightSetJson['unit']): string {
    const value = String(Math.round(total * 100) / 100);
    return unit === '%' ? `${value}%` : unit === 'points' ? `${value} points` : value;
}

function weightSetText(set: WeightSetJson, one: string, many = `${one}s`): string {
    const count = `${set.count} ${set.count === 1 ? one : many}`;
    return set.total === null
        ? `total unknown (${count}; not every weight is a number in ${set.unit === '%' ? 'percent' : 'points'})`
        : `${formatWeight(set.total, set.unit)} in all (${count})`;
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

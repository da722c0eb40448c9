import type { Severity } from '../validation/issue-codes.js';
import { capitalise } from '../words.js';
import type { DocumentView, Inline, Line, Ref } from './document-view.js';
import type {
    CharacteristicsJson, CompetencyJson, ConditionsJson, FindingsJson, JobJson, LevelJson, LinkJson, ScaleJson, ScheduleJson,
    StatementJson, TargetJson, TaskGroupJson, WeightJson, WeightSetJson
} from './json-export.js';
import { levelName, proficiencyMatrix, type ProficiencyMatrixCell } from './proficiency-matrix.js';
import { formatShare, formatWeight, sharesDiffer } from './shares.js';

/**
 * The tables of the documents people read and sign, as the presentation model: which columns, under
 * which words, which rows and totals, which cells are numbers. HTML and Word each draw every table
 * with one drawer, so a header word or a note is decided here once and reads the same in both.
 */

/** What a table lists; HTML names the table's class after it. */
export type TableKind =
    | 'task-groups' | 'competencies' | 'duties' | 'conditions' | 'targets' | 'characteristics'
    | 'scale' | 'schedule' | 'proficiency-matrix' | 'findings';

export interface TableView {
    kind: TableKind;
    /** The heading of the section the table stands in, for a table that needs one of its own. */
    heading?: string;
    caption: Line;
    /** How to read the table, after the caption and set apart: "(an empty cell: nothing required)". */
    captionNote?: Line;
    columns: ColumnView[];
    /** The column whose cell names its row (a task group, a competency), when one does. */
    rowHeader?: number;
    rows: RowView[];
    /** The totals, a cell under each column; only when the table holds every member of the set. */
    total?: CellView[];
}

export interface ColumnView {
    header: string | Line;
    /** Said once under the header instead of in every row: the scale every level is on. */
    note?: Line;
    /** Numbers: aligned right. */
    numeric?: boolean;
    /** The column's share of the text width, in percent, for formats that fix widths (Word). */
    width: number;
}

export interface RowView {
    /** What the row stands for, so that links to it (a competency's task groups) can find it. */
    anchor?: Ref;
    /** In the findings appendix: how serious the finding is, for formats that colour it. */
    severity?: Severity;
    cells: CellView[];
}

/** A cell: any of a value, text, an aside, a bulleted list and a share, in that order; none for an empty cell. */
export interface CellView {
    /** A value heading the cell: the proficiency a level requires. */
    value?: Line;
    /** The text; a paragraph break inside it is written "\n\n". */
    line?: Line;
    /** An aside after the value or text: the level a requirement is inherited from. */
    note?: Line;
    /** A list under the text, one bullet each: a task group's tasks, what a level of proficiency looks like. */
    items?: ItemView[];
    /**
     * In a share column, the share of the whole (0..1), which a format may draw as a bar; null where
     * no share can be known (a weight that is not a number yet).
     */
    share?: number | null;
}

/** A list item of a cell: a task, and its share of time and mark as an aside ("(35%, essential)"). */
export interface ItemView {
    line: Line;
    note?: Line;
}

// ----- the tables -------------------------------------------------------------------

/** A job's task groups with their tasks, weights and (where the weights are not already shares) shares. */
export function taskGroupTable(view: DocumentView, groups: readonly TaskGroupJson[], set: WeightSetJson | undefined): TableView {
    const shares = sharesDiffer(set);
    return {
        kind: 'task-groups',
        caption: words(groups.length === 1 ? 'Task group' : 'Task groups'),
        columns: [
            { header: 'Task group', width: 24 },
            { header: 'Tasks', width: shares ? 50 : 61 },
            ...weightColumns(shares, [15, 11]),
        ],
        rowHeader: 0,
        rows: groups.map(g => ({
            anchor: { kind: 'taskGroup', id: g.id },
            cells: [
                { line: g.title === g.id ? view.prose(g.id) : [...view.prose(g.id), { text: ': ' }, ...view.prose(g.title)] },
                { items: g.tasks.map(t => item(view.prose(t.text), view.dutyNote(t))) },
                ...weightCells(view, g.weight, shares),
            ],
        })),
        // The total belongs under the table only when the table holds every group of the job.
        total: completeTotal(set, groups.length, shares, total => [{ line: words('Total') }, {}, ...total]),
    };
}

/**
 * A job's competencies with their weights, levels and the task groups they are linked to; none where
 * a table would be empty cells: a library's competencies carry no job's weights or links, and neither
 * do a ladder's that only describe proficiency, so their definitions are the whole story.
 */
export function competencyTable(view: DocumentView, competencies: readonly CompetencyJson[], set: WeightSetJson | undefined, inJob: boolean): TableView | undefined {
    const bare = competencies.every(c => !c.weight && !c.level && c.linkedTo.length === 0);
    if (bare && (!inJob || competencies.every(c => c.proficiency !== undefined))) return undefined;
    const shares = sharesDiffer(set);
    // When every level is on one scale, the scale is named once, in the column's header, not in each row.
    const scales = new Set(competencies.map(c => c.level && c.level.resolved ? c.level.scaleTitle ?? c.level.scale : undefined));
    const sharedScale = scales.size === 1 && competencies.length > 1 ? [...scales][0] : undefined;
    return {
        kind: 'competencies',
        caption: words(competencies.length === 1 ? 'Competency' : 'Competencies'),
        columns: [
            { header: 'Competency', width: shares ? 25 : 28 },
            ...weightColumns(shares, shares ? [10, 10] : [12]),
            { header: 'Level', note: sharedScale === undefined ? undefined : [{ text: '(' }, ...view.prose(sharedScale), { text: ')' }], width: shares ? 25 : 28 },
            { header: 'Linked to', width: shares ? 30 : 32 },
        ],
        rowHeader: 0,
        rows: competencies.map(c => ({
            cells: [
                { line: named(view, c.title, c.resolved) },
                ...weightCells(view, c.weight, shares),
                { line: c.level && levelLine(view, c.level, sharedScale === undefined) },
                { line: c.linkedTo.flatMap((link, i) => [...(i > 0 ? [{ text: ', ' }] : []), ...linkLine(view, link)]) },
            ],
        })),
        total: completeTotal(set, competencies.length, shares, total => [{ line: words('Total') }, ...total, {}, {}]),
    };
}

/** Duties with their share of time and whether each is an essential or a marginal function. */
export function dutyTable(view: DocumentView, duties: readonly StatementJson[]): TableView {
    const weighted = duties.some(d => d.weight);
    const marked = duties.some(d => d.function ?? d.mark);
    const [text, share, mark] = weighted && marked ? [66, 16, 18] : weighted ? [82, 18, 0] : marked ? [82, 0, 18] : [100, 0, 0];
    return {
        kind: 'duties',
        caption: words(weighted ? 'Duties and their shares of time' : 'Duties'),
        columns: [
            { header: 'Duty', width: text },
            ...(weighted ? [{ header: 'Share of time', numeric: true, width: share }] : []),
            ...(marked ? [{ header: 'Function', width: mark }] : []),
        ],
        rows: duties.map(d => ({
            cells: [
                { line: view.prose(d.text) },
                ...(weighted ? [{ line: d.weight && view.quantity(d.weight) }] : []),
                ...(marked ? [{ line: words(capitalise(d.function ?? d.mark ?? '')) }] : []),
            ],
        })),
    };
}

/** Physical demands or working conditions, each with how often it occurs, as written and as a share of the day. */
export function conditionsTable(view: DocumentView, c: ConditionsJson): TableView {
    const title = c.variant === 'physicalDemands' ? 'Physical demands' : 'Working conditions';
    return {
        kind: 'conditions',
        heading: title,
        caption: words(`${title} and how often they occur`),
        columns: [
            { header: c.variant === 'physicalDemands' ? 'Demand' : 'Condition', width: 60 },
            { header: 'Frequency', width: 40 },
        ],
        rows: c.items.map(item => ({
            cells: [
                { line: view.prose(item.text) },
                { line: item.frequency && [{ text: item.frequency.word }, { text: ' ' }, { text: `(${item.frequency.share})`, mark: 'note' }] },
            ],
        })),
    };
}

/** Targets and KPIs as written, their numbers set apart: the sentence is what people agree to. */
export function targetTable(view: DocumentView, targets: readonly TargetJson[]): TableView {
    return {
        kind: 'targets',
        caption: words('Targets and KPIs'),
        columns: [{ header: 'Kind', width: 14 }, { header: 'As written', width: 86 }],
        rows: targets.map(t => ({ cells: [{ line: words(t.kind === 'kpi' ? 'KPI' : 'Target') }, { line: view.termLine(t) }] })),
    };
}

/**
 * The ratings of a job's characteristics, under a heading of their own: after a run of competency
 * definitions a bare table would read as part of the last one.
 */
export function characteristicsTable(view: DocumentView, c: CharacteristicsJson): TableView {
    return {
        kind: 'characteristics',
        heading: 'Job characteristics',
        caption: words('Ratings of the job\u2019s characteristics'),
        columns: [{ header: 'Characteristic', width: 40 }, { header: 'Rating', numeric: true, width: 15 }, { header: 'Description', width: 45 }],
        rowHeader: 0,
        rows: c.ratings.map(r => ({
            cells: [
                { line: view.prose(r.scaleTitle ?? r.scale) },
                { line: view.quantity({ text: r.text, placeholder: r.value === null }) },
                { line: r.label === undefined || r.label === '' ? undefined : view.prose(r.label) },
            ],
        })),
    };
}

/** A scale's levels and their labels; none for a scale that names no levels, which is said in a line. */
export function scaleTable(view: DocumentView, scale: ScaleJson): TableView | undefined {
    if (scale.levels.length === 0) return undefined;
    const range = scale.min !== undefined && scale.max !== undefined ? ` (${scale.min} to ${scale.max})` : '';
    return {
        kind: 'scale',
        caption: [{ text: 'Scale: ' }, ...view.prose(scale.title), ...(range ? [{ text: range }] : [])],
        columns: [{ header: 'Level', numeric: true, width: 20 }, { header: 'Label', width: 80 }],
        rowHeader: 0,
        rows: scale.levels.map(l => ({ cells: [{ line: words(String(l.value)) }, { line: view.prose(l.label) }] })),
    };
}

/** A schedule's shifts, a row for each span of days. */
export function scheduleTable(view: DocumentView, schedule: ScheduleJson): TableView {
    return {
        kind: 'schedule',
        caption: schedule.title ? view.prose(schedule.title) : words('Schedule'),
        columns: [{ header: 'Shift', width: 30 }, { header: 'Days', width: 35 }, { header: 'Hours', width: 35 }],
        rowHeader: 0,
        rows: schedule.shifts.flatMap(shift => shift.spans.map(span => ({
            cells: [
                { line: [{ text: 'Shift ' }, ...view.prose(shift.name)] },
                { line: view.prose(span.lastDay ? `${span.firstDay}–${span.lastDay}` : span.firstDay) },
                { line: view.prose(`${span.start}–${span.end}`) },
            ],
        }))),
    };
}

/**
 * A ladder's competency × level matrix: a row for each competency any level requires, a column for
 * each level, and in each cell what that level requires and what that looks like; none without levels.
 */
export function proficiencyMatrixTable(view: DocumentView, job: JobJson): TableView | undefined {
    const matrix = proficiencyMatrix(job);
    if (!matrix || matrix.rows.length === 0) return undefined;
    const width = Math.floor(80 / matrix.levels.length);
    return {
        kind: 'proficiency-matrix',
        caption: words('Proficiency required at each level'),
        captionNote: words('(an empty cell: nothing required)'),
        columns: [
            { header: 'Competency', width: 100 - width * matrix.levels.length },
            ...matrix.levels.map(l => ({ header: view.prose(levelName(l)), width })),
        ],
        rowHeader: 0,
        rows: matrix.rows.map(row => ({
            cells: [{ line: named(view, row.title, row.resolved) }, ...row.cells.map(cell => cell ? matrixCell(view, cell) : {})],
        })),
    };
}

/** The findings of the file by line, for the reviewers' appendix. */
export function findingsTable(findings: FindingsJson): TableView {
    return {
        kind: 'findings',
        caption: words('Findings by line'),
        columns: [
            { header: 'Line', numeric: true, width: 10 },
            { header: 'Severity', width: 13 },
            { header: 'Rule', width: 25 },
            { header: 'Message', width: 52 },
        ],
        rows: findings.items.map(f => ({
            severity: f.severity,
            cells: [
                { line: words(`${f.line}:${f.column}`) },
                { line: words(f.severity) },
                { line: [{ text: f.code, mark: 'code' }] },
                { line: words(f.message) },
            ],
        })),
    };
}

// ----- cells ------------------------------------------------------------------------

/** The Weight column, and the Share column where the weights are not their own shares. */
function weightColumns(shares: boolean, widths: number[]): ColumnView[] {
    return [
        { header: 'Weight', numeric: true, width: widths[0] },
        ...(shares ? [{ header: 'Share', numeric: true, width: widths[1] }] : []),
    ];
}

/** The written weight and its share; where the weights are their own shares, the weight stands for both. */
function weightCells(view: DocumentView, weight: WeightJson | undefined, shares: boolean): CellView[] {
    if (!weight) return shares ? [{}, {}] : [{}];
    if (!shares) return [{ line: view.quantity(weight), share: weight.share }];
    return [{ line: view.quantity(weight) }, { line: weight.share === null ? undefined : words(formatShare(weight.share)), share: weight.share }];
}

/** The totals row, when the set has a total and the table holds every member: "60 points" and, with shares, "100%". */
function completeTotal(set: WeightSetJson | undefined, members: number, shares: boolean, row: (total: CellView[]) => CellView[]): CellView[] | undefined {
    if (!set || set.total === null || set.count !== members) return undefined;
    return row([{ line: words(formatWeight(set.total, set.unit)) }, ...(shares ? [{ line: words('100%') }] : [])]);
}

/** A name, and "(not found)" after one whose definition is nowhere to be found. */
function named(view: DocumentView, title: string, resolved: boolean): Line {
    return resolved ? view.prose(title) : [...view.prose(title), { text: ' ' }, { text: '(not found)', mark: 'unresolved' }];
}

/** "5 Expert (Proficiency)": the value, its label and, unless the column names it, its scale. */
function levelLine(view: DocumentView, level: LevelJson, showScale: boolean): Line {
    const scaleSays = level.scaleLabel !== undefined && level.scaleLabel !== level.label ? `where ${level.text} is “${level.scaleLabel}”` : undefined;
    const note = showScale
        ? `(${level.scaleTitle ?? level.scale}${level.resolved ? '' : ', not found'}${scaleSays ? `, ${scaleSays}` : ''})`
        : scaleSays && `(${scaleSays})`;
    return [
        ...view.quantity({ text: level.text, placeholder: level.value === null }),
        ...(level.label ? [{ text: ' ' }, ...view.prose(level.label)] : []),
        ...(note ? [{ text: ' ' }, { text: note, mark: 'note' as const }] : []),
    ];
}

/** A task group a competency is linked to, by id and title, referring to the group's row. */
function linkLine(view: DocumentView, link: LinkJson): Line {
    if (!link.resolved) return [{ text: `${link.id} (not found)`, mark: 'unresolved' }];
    const ref: Ref = { kind: 'taskGroup', id: link.id };
    const name = link.title && link.title !== link.id ? [...view.prose(link.id), { text: ' (' }, ...view.prose(link.title), { text: ')' }] : view.prose(link.id);
    return name.map((piece): Inline => ({ ...piece, ref }));
}

/** What a level requires of a competency, where the requirement comes from, and what it looks like. */
function matrixCell(view: DocumentView, cell: ProficiencyMatrixCell): CellView {
    const r = cell.requirement;
    const from = cell.from === undefined ? undefined : 'ladder' in cell.from ? '(every level)' : `(inherited from ${cell.from.level.id})`;
    return {
        value: [...view.quantity({ text: r.text, placeholder: r.placeholder || r.value === null }), ...(r.label ? [{ text: ' ' }, ...view.prose(r.label)] : [])],
        note: from === undefined ? undefined : words(from),
        items: (cell.descriptor?.indicators ?? []).map(i => item(view.prose(i.text))),
    };
}

function item(line: Line, note?: Line): ItemView {
    return note ? { line, note } : { line };
}

/** Words of the document's own, not the writer's: nothing in them is a placeholder. */
function words(text: string): Line {
    return [{ text }];
}

/** The text of a line without its marks, for places that take plain text (Word's caption). */
export function plainLine(line: Line): string {
    return line.map(piece => piece.text).join('');
}

import { FIELD_LABELS } from './classify-fields.js';
import { wordCount } from './classify-lines.js';
import { quote, type NameMaker, type OutLine } from '../jobstd-writer.js';

/**
 * Level matrices: a table whose columns are the levels of a job ("| Competency | Clerk I |
 * Clerk II |") and whose rows are competencies, each cell what the competency looks like at
 * that level; or the same table transposed (rows are levels, columns competencies). Each
 * competency becomes a `competency` with a `proficiency` block: one descriptor per level, its
 * value the level's position (1…n), its label the level as the table writes it, the cell's
 * sentences its indicators.
 *
 * A table is read as a matrix only when every part of it says so: the corner cell names what
 * the rows are (Competency, Theme, Skill… or Level), the level labels read as levels (L1, IC2,
 * Level 3, Clerk II, Associate, Senior Analyst…), the other labels as short names, and every
 * cell as prose. Anything else stays as it is: a false structure is worse than prose.
 */

export interface LevelMatrix {
    /** The levels as the table writes them, in order: the descriptor of levels[i] has the value i + 1. */
    levels: string[];
    /** A competency per row (or per column of a transposed table); cells[i] is its text at levels[i] ('' when empty). */
    competencies: { title: string; cells: string[] }[];
    transposed: boolean;
}

/** The corner cell of a matrix whose rows are competencies. */
const COMPETENCY_CORNER = /^(?:(?:core|key|technical|behavioural|behavioral)\s+)?(?:competenc(?:y|ies)|themes?|(?:focus |skill |competency |key )?areas?|skills?|skill sets?|dimensions?|capabilit(?:y|ies)|attributes?|pillars?|behaviou?rs?)(?:\s+(?:areas?|\/\s*levels?))?$/i;

/** The corner cell of a transposed matrix, whose rows are levels. */
const LEVEL_CORNER = /^(?:(?:career|job|proficiency)\s+)?(?:levels?|grades?|stages?)$/i;

/** Words that make a column label a level: "Associate", "Senior", "Entry level", "Expert". */
const LEVEL_WORDS = new Set([
    'entry', 'junior', 'associate', 'intermediate', 'mid', 'senior', 'staff', 'principal', 'distinguished', 'fellow',
    'apprentice', 'trainee', 'graduate', 'basic', 'foundation', 'foundational', 'developing', 'proficient', 'advanced',
    'expert', 'master', 'novice', 'beginner', 'practitioner', 'awareness', 'skilled', 'emerging', 'experienced',
]);

/** The last word of a job title: a column headed "Analyst" or "Account Executive" is a level of the job. */
const TITLE_NOUNS = new Set([
    'analyst', 'engineer', 'executive', 'specialist', 'clerk', 'officer', 'designer', 'developer', 'consultant',
    'technician', 'representative', 'coordinator', 'assistant', 'administrator', 'scientist', 'architect', 'manager',
    'director', 'adviser', 'advisor', 'agent', 'supervisor', 'accountant', 'lead', 'leader', 'head', 'partner', 'worker',
]);

/** Column labels that are facts of a level, not competencies: a levels table, not a matrix. */
const NOT_COMPETENCY = /\b(?:titles?|names?|scope|summary|description|definition|salary|pay|quota|grade|band|years?|time|code|weight|points?|expectations?|responsibilit(?:y|ies)|duties|examples?|role|notes?|level|requirements?|qualifications?)\b|[%$£€\d]/i;

/** Is this a level as a matrix's header writes it? */
export function isLevelLabel(text: string): boolean {
    const label = text.trim();
    if (label === '' || label.length > 40 || /[.!?;,]$/.test(label)) return false;
    // L1, IC2, AE3, P 4, M-1
    if (/^[A-Z]{1,3}[ -]?\d{1,2}$/.test(label)) return true;
    // Level 3, Level 3 – Advanced, 2 – Intermediate
    if (/^(?:level\s+)?\d{1,2}(?:\s*[-–—:.]\s*[A-Za-z][A-Za-z ]{0,30})?$/i.test(label)) return true;
    // Clerk II, Support Engineer III
    if (/^[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2} (?:I{1,3}|IV|VI?)$/.test(label)) return true;
    const words = label.split(/\s+/);
    if (words.length > 4 || !words.every(word => /^[A-Za-z][A-Za-z'’-]*$/.test(word))) return false;
    const lower = words.map(word => word.toLowerCase());
    if (lower.some(word => LEVEL_WORDS.has(word))) return true;
    // "Analyst", "Account Executive": a job's title in Title Case.
    return words.every(word => /^[A-Z]/.test(word)) && TITLE_NOUNS.has(lower[lower.length - 1]);
}

/** A cell that says what someone at a level does: words, not a number, an amount or a mark. */
function isProse(cell: string): boolean {
    if (!/^[A-Za-z"“(]/.test(cell)) return false;
    const letters = cell.replace(/[^A-Za-z]/g, '').length;
    const digits = cell.replace(/\D/g, '').length;
    return wordCount(cell) >= 3 && letters > 3 * digits;
}

/** A cell with nothing to say: left empty, or a dash. */
function isBlank(cell: string): boolean {
    return /^[\s\-–—]*$/.test(cell) || /^n\/?a$/i.test(cell.trim());
}

/** The name of a competency as the table writes it: a few words, not a sentence. */
function isCompetencyTitle(cell: string): boolean {
    return /^[A-Za-z]/.test(cell) && wordCount(cell) <= 6 && cell.length <= 60 && !/[.!?:;,]$/.test(cell)
        && FIELD_LABELS[cell.toLowerCase().replace(/\s+/g, ' ')] === undefined;
}

const distinct = (texts: string[]) => new Set(texts.map(text => text.toLowerCase())).size === texts.length;

/**
 * The level matrix these table rows are (the first row its header), or undefined when the
 * table is anything else or it is not certain.
 */
export function levelMatrixOf(rows: readonly (readonly string[])[]): LevelMatrix | undefined {
    if (rows.length < 2) return undefined;
    const width = rows[0].length;
    if (width < 3 || rows.some(row => row.length !== width)) return undefined;
    const [header, ...body] = rows.map(row => row.map(cell => cell.trim()));
    const corner = header[0];
    const labels = header.slice(1);
    const cellsOf = (row: string[]) => row.slice(1).map(cell => (isBlank(cell) ? '' : cell));
    const proseCells = (cells: string[]) => cells.every(cell => cell === '' || isProse(cell));
    // Every column (or row) of cells has something to say, and at least one competency says it at two levels.
    const filled = (cells: string[]) => cells.filter(Boolean).length;

    if (COMPETENCY_CORNER.test(corner) || corner === '') {
        if (!labels.every(isLevelLabel) || !distinct(labels)) return undefined;
        const titles = body.map(row => row[0]);
        if (!titles.every(isCompetencyTitle) || !distinct(titles) || titles.some(isLevelLabel)) return undefined;
        const cells = body.map(cellsOf);
        if (!cells.every(proseCells) || !cells.every(row => filled(row) > 0) || !cells.some(row => filled(row) >= 2)) return undefined;
        return { levels: labels, competencies: body.map((row, i) => ({ title: row[0], cells: cells[i] })), transposed: false };
    }
    if (LEVEL_CORNER.test(corner)) {
        // Rows are levels; at least two columns of competencies.
        const levels = body.map(row => row[0]);
        if (labels.length < 2 || !levels.every(isLevelLabel) || !distinct(levels)) return undefined;
        if (!labels.every(label => isCompetencyTitle(label) && !NOT_COMPETENCY.test(label) && !isLevelLabel(label)) || !distinct(labels)) return undefined;
        const cells = body.map(cellsOf);
        if (!cells.every(proseCells)) return undefined;
        const columns = labels.map((title, c) => ({ title, cells: cells.map(row => row[c]) }));
        if (!columns.every(column => filled(column.cells) > 0) || !columns.some(column => filled(column.cells) >= 2)) return undefined;
        return { levels, competencies: columns, transposed: true };
    }
    return undefined;
}

/** A cell's sentences, each as written: the descriptor's indicators. */
export function indicatorsOf(cell: string): string[] {
    return cell.split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/).map(sentence => sentence.trim()).filter(Boolean);
}

/** The .jobstd lines of a matrix: a competency per row with its proficiency descriptors. */
export function matrixLines(matrix: LevelMatrix, names: NameMaker): { lines: OutLine[]; competencies: number; behaviours: number } {
    let behaviours = 0;
    const lines = matrix.competencies.map((competency, i): OutLine => {
        const name = names.make('competency', competency.title);
        const descriptors: OutLine[] = [];
        competency.cells.forEach((cell, level) => {
            if (!cell) return;
            const indicators = indicatorsOf(cell).map(sentence => ({ line: quote(sentence) }));
            behaviours += indicators.length;
            descriptors.push({ line: `${level + 1} ${quote(matrix.levels[level])}`, children: indicators });
        });
        return {
            line: `competency ${name}${name === competency.title ? '' : ` ${quote(competency.title)}`}`,
            children: [{ line: 'proficiency', children: descriptors }],
            spaced: i === 0,
        };
    });
    return { lines, competencies: lines.length, behaviours };
}

import {
    AlignmentType, BorderStyle, HeadingLevel, LevelFormat, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
    type ParagraphChild
} from 'docx';

/**
 * The look of a Word export: its styles, list numbering, borders and the captioned table, apart from
 * the writer of its content, as the HTML export keeps its styles in html-style.ts.
 */

export type Block = Paragraph | Table;
/** Text with its placeholders marked: a run each, in order. */
export type Runs = ParagraphChild[];

const FONT = 'Calibri';
/** Table text in half-points: the usual size, and the size a crowded table falls back to. */
const TABLE_SIZE = 19;
const SMALL_SIZE = 16;
export const INK = '1F2937';
export const RULE = '9CA3AF';

export const STYLES = {
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
        { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { size: TABLE_SIZE }, paragraph: { spacing: { after: 40 } } },
        // A table of many columns whose longest words would not fit at the size of Table Text.
        { id: 'TableTextSmall', name: 'Table Text Small', basedOn: 'TableText', run: { size: SMALL_SIZE } },
        // The space under a table: Word puts none between a table and the paragraph after it.
        { id: 'TableGap', name: 'Table Gap', basedOn: 'Normal', run: { size: 2 }, paragraph: { spacing: { before: 0, after: 140, line: 240 } } },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { size: 19, bold: true, color: '374151' }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
        { id: 'Disclaimer', name: 'Disclaimer', basedOn: 'Normal', run: { size: 18, italics: true, color: '4B5563' } },
    ],
};

const indent = (level: number) => ({ left: 360 * (level + 1), hanging: 360 });
export const NUMBERING = [
    { reference: 'numbered', levels: [0, 1, 2].map(level => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: indent(level) } } })) },
    { reference: 'lettered', levels: [0, 1, 2].map(level => ({ level, format: LevelFormat.LOWER_LETTER, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: indent(level) } } })) },
    { reference: 'bulleted', levels: [0, 1, 2].map(level => ({ level, format: LevelFormat.BULLET, text: ['•', '◦', '▪'][level], alignment: AlignmentType.START, style: { paragraph: { indent: indent(level) } } })) },
];

export const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

// ---------------------------------------------------------------------------
// Tables

/** Plain text of a table cell and whether it is set bold: what the column is sized by. */
export interface Piece {
    text: string;
    bold: boolean;
}

/**
 * A paragraph of a table cell: its runs and the same text as pieces. The writer knows the text
 * before it makes the runs, and reading it back out of the runs would take the docx library's
 * internals.
 */
export interface CellParagraph {
    runs: Runs;
    text: Piece[];
    bullet?: boolean;
}

/** Plain text (bold in the header row), or paragraphs, some of them bulleted: a value, then its indicators. */
export type Cell = string | CellParagraph[];

export const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };
export const NO_TABLE_BORDERS = { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: RULE };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
/** Text width of an A4 page with the margins above, in twentieths of a point. */
export const TEXT_WIDTH = 9638;

/**
 * A captioned table; the first row is the header (repeated on every page) unless `header` is false.
 * Widths are percentages: the shares the writer wants. A column narrower than its longest word
 * takes what it needs from the columns with room to spare, since Word and LibreOffice break a word
 * that does not fit mid-word; where the words cannot fit at all, the table's text is set smaller.
 * Numeric columns are aligned right, but for a cell holding a list.
 */
export function table(caption: string | undefined, widths: number[], rows: Cell[][], options: { header?: boolean; numeric?: number[] } = {}): Block[] {
    const header = options.header ?? true;
    const numeric = new Set(options.numeric ?? []);
    const words = wordsOf(rows, header);
    let style = 'TableText';
    let columnWidths = fitWidths(widths.map(w => w * TEXT_WIDTH / 100), longestWords(words, TABLE_SIZE));
    if (columnWidths === undefined) {
        style = 'TableTextSmall';
        const needed = longestWords(words, SMALL_SIZE);
        columnWidths = fitWidths(widths.map(w => w * TEXT_WIDTH / 100), needed)
            // Still too wide: each column its share of the page in proportion to its longest word.
            ?? spread(needed, TEXT_WIDTH);
    }
    const tableRows = rows.map((row, r) => new TableRow({
        tableHeader: header && r === 0,
        cantSplit: true,
        children: row.map((cell, c) => new TableCell({
            width: { size: columnWidths[c], type: WidthType.DXA },
            margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
            shading: header && r === 0 ? { type: ShadingType.CLEAR, fill: 'E5E7EB', color: 'auto' } : undefined,
            children: paragraphsOf(cell, style, header && r === 0, numeric.has(c) && !(header && r === 0)),
        })),
    }));
    const grid = new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths, borders: GRID, rows: tableRows });
    // Word has no caption element for tables; a caption paragraph kept with the table does the job.
    return caption === undefined ? [grid] : [new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(caption)] }), grid];
}

/**
 * Space under a table that prose follows (the To/From/Subject of a letter): Word and LibreOffice put
 * none. Not added by table() itself: after every table it moved LibreOffice's page breaks so that
 * it left a heading at the foot of a page despite its keep-with-next.
 */
export function tableGap(): Paragraph {
    return new Paragraph({ style: 'TableGap', children: [] });
}

const CELL_MARGIN = 80;

/**
 * Advance widths of DejaVu Sans, in thousandths of an em: LibreOffice sets Calibri in it where
 * Calibri is not installed, and it is wider than Calibri, so a word that fits here fits in Word too.
 */
const ADVANCE: Record<string, number> = {
    a: 613, b: 635, c: 550, d: 635, e: 615, f: 352, g: 635, h: 634, i: 278, j: 278, k: 579, l: 278, m: 974,
    n: 634, o: 612, p: 635, q: 635, r: 411, s: 521, t: 392, u: 634, v: 592, w: 818, x: 592, y: 592, z: 525,
    '.': 318, ',': 318, ':': 337, ';': 337, '(': 390, ')': 390, '/': 337, '-': 361, "'": 275, '’': 318, '%': 950, '$': 636,
};

/** The width in twips of a word in points of size (half-points), bold a tenth wider. */
function wordWidth(word: string, halfPoints: number, bold: boolean): number {
    let thousandths = 0;
    for (const ch of word) {
        // Capitals and digits: DejaVu's are about 0.7 and 0.64 em; anything else is taken as wide.
        thousandths += ADVANCE[ch] ?? (/[A-Z]/.test(ch) ? 760 : /[0-9]/.test(ch) ? 636 : 750);
    }
    // A twentieth more, for kerning and the rounding of widths to whole pixels when laid out.
    return thousandths / 1000 * halfPoints * 10 * (bold ? 1.1 : 1) * 1.05;
}

const BULLET = '• ';

/**
 * The words of each column, each with whether it is bold: the cells' text split at spaces and after
 * hyphens, the only places Word and LibreOffice break a line. LibreOffice does not break after a
 * slash, so "Administrative/Miscellaneous" is one word. Each piece is split on its own, as the runs
 * were when the words were read back out of the document.
 */
function wordsOf(rows: Cell[][], header: boolean): Array<Array<{ word: string; bold: boolean }>> {
    const columns: Array<Array<{ word: string; bold: boolean }>> = [];
    const add = (c: number, { text, bold }: Piece) => {
        for (const word of text.split(/\s+|(?<=-)/)) (columns[c] ??= []).push({ word, bold });
    };
    rows.forEach((row, r) => row.forEach((cell, c) => {
        if (typeof cell === 'string') { add(c, { text: cell, bold: header && r === 0 }); return; }
        for (const paragraph of cell) {
            if (paragraph.bullet) add(c, { text: BULLET, bold: false });
            paragraph.text.forEach(piece => add(c, piece));
        }
    }));
    return columns;
}

/** The width each column needs, in twips: its longest word and the cell's margins. */
function longestWords(columns: Array<Array<{ word: string; bold: boolean }>>, halfPoints: number): number[] {
    return Array.from(columns, words => (words ?? []).reduce((most, { word, bold }) => Math.max(most, wordWidth(word, halfPoints, bold) + 2 * CELL_MARGIN + 60), 0));
}

/**
 * The writer's widths, each column widened to what it needs, the width taken from the columns with
 * room to spare in proportion to that room; undefined when the columns need more than the page.
 */
function fitWidths(wanted: number[], needed: number[]): number[] | undefined {
    const total = wanted.reduce((a, b) => a + b, 0);
    const need = wanted.map((w, c) => Math.max(0, (needed[c] ?? 0) - w));
    const short = need.reduce((a, b) => a + b, 0);
    if (short === 0) return rounded(wanted, total);
    const room = wanted.map((w, c) => Math.max(0, w - (needed[c] ?? 0)));
    const spare = room.reduce((a, b) => a + b, 0);
    if (spare < short) return undefined;
    return rounded(wanted.map((w, c) => w + need[c] - room[c] * short / spare), total);
}

/** Widths in proportion to what each column needs, filling the page. */
function spread(needed: number[], total: number): number[] {
    const sum = needed.reduce((a, b) => a + b, 0);
    return rounded(needed.map(n => n * total / sum), total);
}

/** Whole twips that add up to the total: the rounding left over goes to the widest column. */
function rounded(widths: number[], total: number): number[] {
    const out = widths.map(w => Math.round(w));
    const widest = out.indexOf(Math.max(...out));
    out[widest] += Math.round(total) - out.reduce((a, b) => a + b, 0);
    return out;
}

function paragraphsOf(cell: Cell, style: string, bold: boolean, alignRight: boolean): Paragraph[] {
    const alignment = alignRight ? AlignmentType.RIGHT : undefined;
    if (typeof cell === 'string') return [new Paragraph({ style, alignment, children: [new TextRun({ text: cell, bold })] })];
    // A list's lines stay aligned with its bullets.
    const list = cell.some(paragraph => paragraph.bullet);
    return cell.map(paragraph => new Paragraph({
        style,
        alignment: list ? undefined : alignment,
        children: paragraph.bullet ? [new TextRun(BULLET), ...paragraph.runs] : paragraph.runs,
    }));
}

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

/** A cell of several paragraphs, some of them bulleted: a value, then its indicators. */
export class Lines {
    constructor(readonly lines: Array<{ runs: Runs; bullet?: boolean }>) {}
}

export type Cell = Runs | Runs[] | string | Lines;

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
 * A cell holding several runs lists (tasks) gets a paragraph each.
 */
export function table(caption: string | undefined, widths: number[], rows: Cell[][], options: { header?: boolean; numeric?: number[] } = {}): Block[] {
    const header = options.header ?? true;
    const numeric = new Set(options.numeric ?? []);
    const paragraphs = (style: string) => rows.map((row, r) => row.map((cell, c) =>
        paragraphsOf(cell, style, header && r === 0, numeric.has(c) && !(header && r === 0))));
    let style = 'TableText';
    let cells = paragraphs(style);
    let columnWidths = fitWidths(widths.map(w => w * TEXT_WIDTH / 100), longestWords(cells, TABLE_SIZE));
    if (columnWidths === undefined) {
        style = 'TableTextSmall';
        cells = paragraphs(style);
        const needed = longestWords(cells, SMALL_SIZE);
        columnWidths = fitWidths(widths.map(w => w * TEXT_WIDTH / 100), needed)
            // Still too wide: each column its share of the page in proportion to its longest word.
            ?? spread(needed, TEXT_WIDTH);
    }
    const tableRows = cells.map((row, r) => new TableRow({
        tableHeader: header && r === 0,
        cantSplit: true,
        children: row.map((children, c) => new TableCell({
            width: { size: columnWidths[c], type: WidthType.DXA },
            margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
            shading: header && r === 0 ? { type: ShadingType.CLEAR, fill: 'E5E7EB', color: 'auto' } : undefined,
            children,
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

/**
 * The width each column needs, in twips: its longest word and the cell's margins. Words break at
 * spaces and after hyphens only; LibreOffice does not break after a slash, so "Administrative/
 * Miscellaneous" counts as one word.
 */
function longestWords(cells: Paragraph[][][], halfPoints: number): number[] {
    const needed: number[] = [];
    for (const row of cells) {
        row.forEach((paragraphs, c) => {
            for (const { text, bold } of paragraphs.flatMap(runsOf)) {
                for (const word of text.split(/\s+|(?<=-)/)) needed[c] = Math.max(needed[c] ?? 0, wordWidth(word, halfPoints, bold) + 2 * CELL_MARGIN + 60);
            }
        });
    }
    return needed;
}

/** The text of a paragraph's runs, read from the XML the docx library would write. */
function runsOf(paragraph: Paragraph): Array<{ text: string; bold: boolean }> {
    const out: Array<{ text: string; bold: boolean }> = [];
    const visit = (node: unknown, bold: boolean): void => {
        if (Array.isArray(node)) { node.forEach(n => visit(n, bold)); return; }
        if (node === null || typeof node !== 'object') return;
        for (const [key, value] of Object.entries(node)) {
            if (key === 'w:r') visit(value, bold || JSON.stringify(value).includes('"w:b":'));
            else if (key === 'w:t') out.push({ text: (value as unknown[]).filter((v): v is string => typeof v === 'string').join(''), bold });
            else if (key !== '_attr') visit(value, bold);
        }
    };
    try {
        visit(paragraph.prepForXml({ stack: [] } as unknown as Parameters<Paragraph['prepForXml']>[0]), false);
    } catch {
        // A run that needs the whole document to be written (a field, an image) is not measured.
    }
    return out;
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
    if (cell instanceof Lines) return cell.lines.map(line => new Paragraph({ style, children: line.bullet ? [new TextRun('• '), ...line.runs] : line.runs }));
    if (cell.length > 0 && Array.isArray(cell[0])) {
        // Several items (the tasks of a group): one bulleted line each.
        return (cell as Runs[]).map(runs => new Paragraph({ style, children: [new TextRun('• '), ...runs] }));
    }
    return [new Paragraph({ style, alignment, children: cell as Runs })];
}

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
        { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { size: 19 }, paragraph: { spacing: { after: 40 } } },
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
 * Widths are percentages. A cell holding several runs lists (tasks) gets a paragraph each.
 */
export function table(caption: string | undefined, widths: number[], rows: Cell[][], options: { header?: boolean; numeric?: number[] } = {}): Block[] {
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
    if (cell instanceof Lines) return cell.lines.map(line => new Paragraph({ style: 'TableText', children: line.bullet ? [new TextRun('• '), ...line.runs] : line.runs }));
    if (cell.length > 0 && Array.isArray(cell[0])) {
        // Several items (the tasks of a group): one bulleted line each.
        return (cell as Runs[]).map(runs => new Paragraph({ style: 'TableText', children: [new TextRun('• '), ...runs] }));
    }
    return [new Paragraph({ style: 'TableText', alignment, children: cell as Runs })];
}

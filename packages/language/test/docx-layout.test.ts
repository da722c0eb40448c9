import { Document, Packer, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { table, type Cell, type CellParagraph } from '../src/export/docx-layout.js';

/** The column widths and the paragraphs' styles of a table() as Word would read them. */
async function laidOut(widths: number[], rows: Cell[][], options?: Parameters<typeof table>[3]): Promise<{ columns: number[]; small: boolean; xml: string }> {
    const document = new Document({ sections: [{ children: table(undefined, widths, rows, options) }] });
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(await Packer.toArrayBuffer(document)))['word/document.xml']);
    const columns = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map(m => Number(m[1]));
    return { columns, small: xml.includes('TableTextSmall'), xml };
}

const text = (words: string, bold = false): CellParagraph => ({ runs: [new TextRun({ text: words, bold })], text: [{ text: words, bold }] });

describe('table() sizes columns by the text given with the cells', () => {
    it('keeps the writer\'s shares when every word fits', async () => {
        const { columns } = await laidOut([20, 80], [['Name', 'Text'], [[text('Short')], [text('Words that fit')]]]);
        expect(columns).toEqual([1928, 7710]);
    });

    it('widens a narrow column to its longest word, taking the width from the column with room', async () => {
        const { columns, small } = await laidOut([5, 95], [['A', 'B'], [[text('Telecommunications')], [text('x')]]]);
        expect(small).toBe(false);
        expect(columns[0]).toBeGreaterThan(Math.round(0.05 * 9638));
        expect(columns[0] + columns[1]).toBe(9638);
    });

    it('counts a bold word wider than the same word plain, and a list\'s bullet as text', async () => {
        const plain = await laidOut([5, 95], [['A', 'B'], [[text('Telecommunications')], [text('x')]]]);
        const bold = await laidOut([5, 95], [['A', 'B'], [[text('Telecommunications', true)], [text('x')]]]);
        expect(bold.columns[0]).toBeGreaterThan(plain.columns[0]);
        const bullet = await laidOut([1, 99], [['', 'B'], [[{ runs: [], text: [], bullet: true }], [text('x')]]]);
        expect(bullet.columns[0]).toBeGreaterThan(Math.round(0.01 * 9638));
        expect(bullet.xml).toContain('• ');
    });

    it('measures the pieces, not the runs: words split at spaces and after hyphens', async () => {
        const hyphenated = await laidOut([5, 95], [['A', 'B'], [[{ runs: [], text: [{ text: 'Tele-communications', bold: false }] }], [text('x')]]]);
        const whole = await laidOut([5, 95], [['A', 'B'], [[{ runs: [], text: [{ text: 'Telecommunications', bold: false }] }], [text('x')]]]);
        expect(hyphenated.columns[0]).toBeLessThan(whole.columns[0]);
    });

    it('sets the text smaller when the longest words cannot fit at the usual size', async () => {
        const long = 'Telecommunications';
        const { small, columns } = await laidOut([25, 25, 25, 25], [['A', 'B', 'C', 'D'], [long, long, long, long].map(w => [text(`${w}${w}`)])]);
        expect(small).toBe(true);
        expect(columns.reduce((a, b) => a + b, 0)).toBe(9638);
    });

    it('aligns numbers right, but not a cell holding a list', async () => {
        const { xml } = await laidOut([50, 50], [['Name', 'Share'], [[text('Duty')], [text('35%')]], [[text('Group')], [text('10%'), { ...text('task'), bullet: true }]]], { numeric: [1] });
        expect(xml.match(/<w:jc w:val="right"\/>/g)).toHaveLength(1);
    });
});

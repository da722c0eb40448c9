import type { RemovedNoise } from './types.js';
import type { SourceLine } from './read.js';
import { parseDate } from './dates.js';
import { readFrontMatter } from './front-matter.js';

/** What the importer took out of the input, by kind, in the order first met. */
export class NoiseLog {
    private readonly kinds = new Map<string, RemovedNoise>();

    add(kind: string, text: string, count = 1): void {
        const entry = this.kinds.get(kind) ?? { kind, count: 0, examples: [] };
        entry.count += count;
        const example = text.trim();
        if (example && entry.examples.length < 3 && !entry.examples.includes(example)) entry.examples.push(example);
        this.kinds.set(kind, entry);
    }

    list(): RemovedNoise[] {
        return [...this.kinds.values()];
    }
}

const BOOKMARK = /\[bookmark:\s*[^\]]*\]\s*/gi;
const MARKDOWN_ESCAPE = /\\([\\`*_{}[\]()#+\-.!$&%<>|~"'])/g;
const MARKDOWN_STRONG = /(\*\*|__)(?=\S)([^*_]*?[A-Za-z0-9][^*_]*?)(?<=\S)\1/g;

/**
 * Takes out what is not content, line by line: Word bookmarks, Markdown escapes and
 * emphasis, and the page headers and footers a printout repeats on every page.
 */
export function removeNoise(lines: SourceLine[], markdown: boolean, log: NoiseLog): SourceLine[] {
    const cleaned: SourceLine[] = [];
    // A handbook page's YAML front matter: its facts become field lines, the site's keys noise.
    if (markdown) {
        const first = lines.findIndex(line => line.text.trim() !== '');
        if (first >= 0) lines = readFrontMatter(lines.slice(first), log);
    }
    // Indentation of Markdown and plain-text list items is their nesting.
    const indents: number[] = [];
    for (let line of lines) {
        let text = line.text;
        if (markdown && line.depth === undefined && !line.heading && !line.cells) {
            const marker = /^([ \t]*)(?:\d{1,3}[.)]|[a-z][.)]|[-*+•·▪◦●○■□➢►✓])\s+\S/.exec(text);
            if (marker) {
                const indent = marker[1].replace(/\t/g, '    ').length;
                while (indents.length > 0 && indents[indents.length - 1] > indent) indents.pop();
                if (indents.length === 0 || indents[indents.length - 1] < indent) indents.push(indent);
                if (indents.length > 1 || indent > 0) line = { ...line, depth: indents.length - 1 };
            } else if (!/^\s/.test(text)) {
                indents.length = 0;
            }
        }
        text = text.replace(BOOKMARK, match => { log.add('Word artefact', match); return ''; });
        if (markdown) {
            text = text.replace(MARKDOWN_ESCAPE, (match, char: string) => { log.add('Markdown escape', match); return char; });
            text = text.replace(MARKDOWN_STRONG, (match, _mark: string, inner: string) => { log.add('Markdown emphasis', match); return inner; });
        }
        text = text.replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/\s+$/, '').replace(/^\s+/, '');
        if (markdown && /^(?:[-*=]\s*){3,}$/.test(text)) {
            log.add('horizontal rule', text);
            text = '';
        }
        if (markdown && /^>\s?/.test(text)) text = text.replace(/^>\s?/, '');
        if (text === '') {
            if (cleaned.length > 0 && line.blankAfter) cleaned[cleaned.length - 1].blankAfter = true;
            continue;
        }
        cleaned.push({ ...line, text, cells: line.cells?.map(cell => markdown ? cell.replace(BOOKMARK, '').replace(MARKDOWN_STRONG, (_match, _mark: string, inner: string) => inner) : cell.replace(BOOKMARK, '')) });
    }
    return removePageHeaders(cleaned, log);
}

/**
 * Lines a printout repeats on every page: the print date, the toolkit's name, the job
 * title. A line counts when it recurs three times or more, is short, reads as a label
 * rather than a sentence, and is none of the structures that repeat legitimately (a
 * "DPL: 5 - Expert" line, a "Behaviors" heading). The first copy of the job title stays:
 * it is the title.
 */
function removePageHeaders(lines: SourceLine[], log: NoiseLog): SourceLine[] {
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(line.text, (counts.get(line.text) ?? 0) + 1);
    const isPageNumber = (line: SourceLine) => /^(page\s+\d+(\s+of\s+\d+)?|\d+\s+of\s+\d+|-\s*\d+\s*-)$/i.test(line.text);
    // Lines that could be part of a running head: repeated, short, not a sentence.
    const candidate = lines.map(line => (counts.get(line.text) ?? 0) >= 2 && looksLikeRunningHead(line));
    // A run of such lines is a header when it holds a date printed three times or more, or when
    // every line of it recurs three times or more and it is more than one line: a lone repeated
    // sentence (the same behaviour under three competencies) is content.
    const header = candidate.map(() => false);
    for (let start = 0; start < lines.length;) {
        if (!candidate[start]) { start++; continue; }
        let end = start;
        while (end + 1 < lines.length && candidate[end + 1]) end++;
        const run = lines.slice(start, end + 1);
        const printedDate = run.some(line => isDateLine(line.text) && counts.get(line.text)! >= 3);
        const recurring = run.length > 1 && run.every(line => counts.get(line.text)! >= 3);
        if (printedDate || recurring) for (let i = start; i <= end; i++) header[i] = true;
        start = end + 1;
    }
    // The title: the first line that is not a date, whether or not it repeats.
    const titleIndex = lines.findIndex(line => !isDateLine(line.text));
    const kept: SourceLine[] = [];
    let inHeader = false;
    lines.forEach((line, index) => {
        if (isPageNumber(line)) {
            log.add('page number', line.text);
            return;
        }
        if (header[index] && index !== titleIndex) {
            // Consecutive lines of one header count once.
            log.add('page header', line.text, inHeader ? 0 : 1);
            inHeader = true;
            return;
        }
        inHeader = false;
        kept.push(line);
    });
    return kept;
}

function looksLikeRunningHead(line: SourceLine): boolean {
    const text = line.text;
    if (line.list || line.cells || isDateLine(text)) return !line.list && !line.cells;
    if (text.length > 80 || /[.!?;:]$/.test(text)) return false;
    // Structures that legitimately repeat: "Behaviors", "DPL: 5 - Expert", "1 - …", bullets.
    if (/^(behaviou?rs|competencies|task groups?)$/i.test(text)) return false;
    if (/:\s*\S/.test(text)) return false;
    if (/^\s*(?:\d+|[A-Z])\s*[-–]\s/.test(text)) return false;
    if (/^[-*•·▪◦]/.test(text)) return false;
    return true;
}

export function isDateLine(text: string): boolean {
    return parseDate(text) !== undefined;
}

import { Inflate } from 'fflate';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { ImportError, type ImportFormat, type ImportSource } from './types.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * A line of the input as its format shows it: a heading, a list item, a table row or plain
 * text. Plain text and Markdown keep their list markers in `text` (the recogniser reads
 * "1.", "a." and "·" the same way whatever the format); HTML and Word give the list kind.
 */
export interface SourceLine {
    text: string;
    /** Headings of Markdown, HTML and Word, with their level (1–6). */
    heading?: number;
    /** An item of an HTML or Word list. */
    list?: 'numbered' | 'lettered' | 'bulleted';
    /** Nesting of an HTML or Word list item (0 for the outer list). */
    depth?: number;
    /** A table row's cells (the text is the cells joined by tabs). */
    cells?: string[];
    /** A table's header row (its cells are <th>). */
    headerRow?: boolean;
    /** The first row of a table. */
    tableStart?: boolean;
    /** The line is followed by a blank line (a paragraph ends here) in plain text. */
    blankAfter?: boolean;
    /** The part of the line that is content, when the importer took noise out of it ('' when all of it was). */
    content?: string;
}

export interface ReadDocument {
    format: ImportFormat;
    lines: SourceLine[];
    /** Things the reader noticed, e.g. Word content it could not convert. */
    warnings: string[];
    /** Parts of the input that are not content (navigation, scripts), already left out. */
    skipped: { kind: string; text: string }[];
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** A Word file's contents, unzipped, may be this many times the size limit (100 MB by default). */
export const EXPANSION_LIMIT = 10;
/** A Word file with more parts than this is not a job standard (Word writes 10 to a few hundred). */
export const MAX_ZIP_ENTRIES = 5000;
/** Elements nested deeper than this in a Word part, or in HTML, are not a job standard's structure. */
export const MAX_NESTING = 200;

const EXTENSIONS: Record<string, ImportFormat> = {
    txt: 'text', text: 'text',
    md: 'markdown', markdown: 'markdown',
    html: 'html', htm: 'html', xhtml: 'html',
    docx: 'docx',
};

/** The format a file name's extension says, or undefined for one the importer does not read. */
export function importFormatOf(name: string): ImportFormat | undefined {
    const match = /\.([A-Za-z]+)$/.exec(name);
    return match ? EXTENSIONS[match[1].toLowerCase()] : undefined;
}

/** Checks the input and reads it into lines; throws {@link ImportError} for input that cannot be a job standard. */
export async function readSource(source: ImportSource, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadDocument> {
    const format = importFormatOf(source.name);
    if (!format) {
        throw new ImportError(source.name, 'unsupported', 'not a format the importer reads (use .txt, .md, .html or .docx).');
    }
    const size = typeof source.content === 'string' ? source.content.length : source.content.byteLength;
    if (size > maxBytes) {
        throw new ImportError(source.name, 'too-large',
            `${megabytes(size)} is more than the ${megabytes(maxBytes)} a job standard can be; is this the right file?`);
    }
    if (format === 'docx') return readWord(source, maxBytes * EXPANSION_LIMIT);
    const text = decodeText(source);
    if (!/\S/.test(text)) throw new ImportError(source.name, 'empty', 'the file is empty: there is nothing to import.');
    if (format === 'html') return readHtml(text);
    return { format, lines: readPlainLines(text, format === 'markdown'), warnings: [], skipped: [] };
}

function megabytes(bytes: number): string {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** UTF-8 (with or without a byte-order mark) or UTF-16 with a mark; anything with NULs or undecodable bytes is binary. */
function decodeText(source: ImportSource): string {
    if (typeof source.content === 'string') {
        if (source.content.includes('\u0000')) throw binary(source.name);
        return source.content.replace(/^\uFEFF/, '');
    }
    const bytes = source.content;
    if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
        throw new ImportError(source.name, 'binary', 'this is a zip archive (perhaps a Word file); name it .docx to import it.');
    }
    let text: string;
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
        text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    } else {
        try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
            // Old exports are often Windows-1252: accept it when it has no control bytes.
            if (bytes.some(b => b < 0x09 || (b > 0x0d && b < 0x20))) throw binary(source.name);
            text = decodeWindows1252(bytes);
        }
    }
    if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) throw binary(source.name);
    return text.replace(/^\uFEFF/, '');
}

/** Windows-1252's printable characters in 0x80–0x9F (Node's decoder reads them as control codes). */
const WINDOWS_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
    let text = '';
    for (const byte of bytes) text += byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252[byte - 0x80] : String.fromCharCode(byte);
    return text;
}

function binary(name: string): ImportError {
    return new ImportError(name, 'binary', 'this is not a text file (it holds binary data); import .txt, .md, .html or .docx files.');
}

/**
 * Plain text and Markdown: one line each; Markdown headings are marked, everything else is read
 * later. In Markdown, an HTML `<table>` is read as HTML: a line per row, with its cells.
 */
export function readPlainLines(text: string, markdown = false): SourceLine[] {
    const lines: SourceLine[] = [];
    let tableStart = true;
    const raws = text.replace(/\r\n?/g, '\n').split('\n');
    for (let r = 0; r < raws.length; r++) {
        const raw = raws[r];
        const line = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/\s+$/, '');
        const previous = lines[lines.length - 1];
        const end = markdown && /^\s{0,3}<table\b/i.test(line) ? raws.findIndex((other, i) => i >= r && /<\/table>/i.test(other)) : -1;
        if (end >= 0) {
            lines.push(...readHtml(raws.slice(r, end + 1).join('\n'), 'markdown').lines);
            r = end;
            tableStart = true;
            continue;
        }
        if (line.trim() === '') {
            if (previous) previous.blankAfter = true;
            tableStart = true;
            continue;
        }
        // "Title" underlined with === or --- (a Setext heading) is a heading.
        if (/^\s{0,3}(=+|-+)\s*$/.test(line) && previous && !previous.blankAfter && !previous.heading && !previous.cells
            && !/^\s*([-*+]|\d+[.)])\s/.test(previous.text)) {
            previous.heading = line.trim().startsWith('=') ? 1 : 2;
            continue;
        }
        const heading = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?$/.exec(line);
        if (heading) {
            lines.push({ text: heading[2], heading: heading[1].length });
            continue;
        }
        // A Markdown table row: | cell | cell |; the |---|---| line under the first row marks it a header.
        const row = /^\s*\|(.*)\|\s*$/.exec(line);
        if (row) {
            const cells = row[1].split(/(?<!\\)\|/).map(cell => cell.trim());
            if (cells.every(cell => /^:?-{2,}:?$/.test(cell))) {
                if (previous?.cells) previous.headerRow = true;
                continue;
            }
            lines.push({ text: cells.filter(Boolean).join('\t'), cells, tableStart });
            tableStart = false;
            continue;
        }
        tableStart = true;
        lines.push({ text: line });
    }
    return lines;
}

// ---------------------------------------------------------------------------
// HTML and Word

/** Elements whose text is not content of the page. */
const NOT_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'head', 'nav', 'footer', 'svg', 'iframe', 'object', 'button', 'select', 'form']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre',
    'address', 'figure', 'figcaption', 'dd', 'dt', 'dl', 'body', 'html', 'center', 'caption', 'hr']);

export function readHtml(html: string, format: ImportFormat = 'html'): ReadDocument {
    const document = parse(html);
    const lines: SourceLine[] = [];
    const skipped: ReadDocument['skipped'] = [];
    const reader = new HtmlReader(lines, skipped);
    reader.block(document);
    reader.flush();
    return { format, lines, warnings: [], skipped };
}

class HtmlReader {
    private inline = '';
    private pending: Omit<SourceLine, 'text'> = {};

    constructor(private readonly lines: SourceLine[], private readonly skipped: ReadDocument['skipped']) {}

    /** Ends the current line of text, if any. */
    flush(): void {
        const text = this.inline.replace(/[\s\u00a0]+/g, ' ').trim();
        if (text) this.lines.push({ text, ...this.pending });
        this.inline = '';
        this.pending = {};
    }

    block(node: Node, list?: { kind: 'numbered' | 'lettered' | 'bulleted'; depth: number }): void {
        for (const child of childrenOf(node)) this.node(child, list);
    }

    private node(node: Node, list?: { kind: 'numbered' | 'lettered' | 'bulleted'; depth: number }): void {
        if (node.nodeName === '#text') {
            this.inline += (node as DefaultTreeAdapterMap['textNode']).value;
            return;
        }
        if (!('tagName' in node)) {
            if (node.nodeName === '#document' || node.nodeName === '#document-fragment') this.block(node, list);
            return;
        }
        const element = node;
        const tag = element.tagName.toLowerCase();
        if (this.depth >= MAX_NESTING && !NOT_CONTENT.has(tag)) {
            // Deeper than any document's structure: its words are kept, as one line, without the structure.
            if (BLOCKS.has(tag)) this.flush();
            this.inline += ` ${textOf(element)} `;
            if (BLOCKS.has(tag)) this.flush();
            return;
        }
        this.depth++;
        try {
            this.element(element, tag, list);
        } finally {
            this.depth--;
        }
        // A link's target is content too: "the policy (https://…)".
        this.inline += linkTarget(element);
    }

    private depth = 0;

    private element(element: Element, tag: string, list?: { kind: 'numbered' | 'lettered' | 'bulleted'; depth: number }): void {
        if (NOT_CONTENT.has(tag)) {
            const text = childrenOf(element).map(textOf).join(' ').replace(/\s+/g, ' ').trim();
            if (text && tag !== 'head' && tag !== 'script' && tag !== 'style' && tag !== 'template') {
                this.skipped.push({ kind: tag === 'nav' ? 'navigation' : tag === 'footer' ? 'page footer' : 'form control', text });
            }
            return;
        }
        const heading = /^h([1-6])$/.exec(tag);
        if (heading) {
            this.flush();
            this.pending = { heading: Number(heading[1]) };
            this.block(element, list);
            this.flush();
        } else if (tag === 'br') {
            const keep = this.pending;
            this.flush();
            this.pending = keep;
        } else if (tag === 'ul' || tag === 'ol') {
            this.flush();
            const type = attribute(element, 'type') ?? '';
            const style = attribute(element, 'style') ?? '';
            const kind = tag === 'ul' ? 'bulleted' : /^[aA]$/.test(type) || /alpha/.test(style) ? 'lettered' : 'numbered';
            this.block(element, { kind, depth: list ? list.depth + 1 : 0 });
            this.flush();
        } else if (tag === 'li') {
            this.flush();
            this.pending = { list: list?.kind ?? 'bulleted', depth: list?.depth ?? 0 };
            for (const child of childrenOf(element)) {
                // A nested list ends the item's own text.
                if ('tagName' in child && /^(ul|ol)$/i.test((child).tagName)) {
                    this.flush();
                    this.node(child, list);
                } else {
                    this.node(child, list);
                }
            }
            this.flush();
        } else if (tag === 'dl') {
            this.flush();
            this.definitions(element);
        } else if (tag === 'table') {
            this.flush();
            this.table(element);
        } else if (BLOCKS.has(tag)) {
            this.flush();
            this.block(element, list);
            this.flush();
        } else {
            this.block(element, list);
        }
    }

    /** <dt>Reports To</dt><dd>Payroll Manager</dd>: a field line. */
    private definitions(list: Element, depth = 0): void {
        let term: string | undefined;
        for (const child of childrenOf(list)) {
            if (!('tagName' in child)) continue;
            const tag = (child).tagName.toLowerCase();
            const text = textOf(child).replace(/[\s\u00a0]+/g, ' ').trim();
            if (tag === 'dt') {
                if (term !== undefined) this.lines.push({ text: term });
                term = text.replace(/\s*:$/, '');
            } else if (tag === 'dd') {
                this.lines.push({ text: term !== undefined ? `${term}: ${text}` : text });
                term = undefined;
            } else if (tag === 'div' && depth < MAX_NESTING) {
                this.definitions(child, depth + 1);
            } else if (tag === 'div') {
                const deep = textOf(child).replace(/[\s\u00a0]+/g, ' ').trim();
                if (deep) this.lines.push({ text: deep });
            }
        }
        if (term !== undefined) this.lines.push({ text: term });
    }

    private table(table: Element): void {
        const rows: Element[] = [];
        const collect = (node: Node) => {
            for (const child of childrenOf(node)) {
                if (!('tagName' in child)) continue;
                const tag = (child).tagName.toLowerCase();
                if (tag === 'tr') rows.push(child);
                else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') collect(child);
            }
        };
        collect(table);
        const cellsOf = (row: Element) => childrenOf(row).filter((c): c is Element => 'tagName' in c && /^t[dh]$/i.test((c).tagName));
        const allHeaders = (cells: Element[]) => cells.length > 0 && cells.every(cell => cell.tagName.toLowerCase() === 'th');
        // Only a table's first row, above rows of data, is its header (its labels may be folded into
        // the rows): a table of <th> only, as Word's repeated header rows can make, is all content.
        const hasData = rows.some(row => !allHeaders(cellsOf(row)));
        let first = true;
        for (const row of rows) {
            const cells = cellsOf(row);
            const texts = cells.map(cell => textOf(cell).replace(/[\s\u00a0]+/g, ' ').trim());
            if (texts.every(text => text === '')) continue;
            const headerRow = first && hasData && allHeaders(cells);
            this.lines.push({ text: texts.filter(Boolean).join('\t'), cells: texts, headerRow, tableStart: first });
            first = false;
        }
    }
}

function childrenOf(node: Node): Node[] {
    if (node.nodeName === 'template') return [];
    return 'childNodes' in node ? (node.childNodes) : [];
}

function attribute(element: Element, name: string): string | undefined {
    return element.attrs.find(attr => attr.name === name)?.value;
}

/** " (https://…)" after a link whose target is not its text, nor a place in the same page. */
function linkTarget(element: Element): string {
    if (element.tagName.toLowerCase() !== 'a') return '';
    const href = attribute(element, 'href')?.trim();
    if (!href || href.startsWith('#') || /^javascript:/i.test(href)) return '';
    const text = textOf(element).replace(/\s+/g, ' ').trim();
    const shown = href.replace(/^mailto:/i, '');
    return text === shown || text === href ? '' : ` (${shown})`;
}

/**
 * The text of an element with block boundaries as spaces and link targets kept. Walked with a
 * stack of its own, not by recursion: no nesting is too deep for it.
 */
function textOf(root: Node): string {
    let text = '';
    const stack: (Node | string)[] = [root];
    while (stack.length > 0) {
        const item = stack.pop()!;
        if (typeof item === 'string') {
            text += item;
        } else if (item.nodeName === '#text') {
            text += (item as DefaultTreeAdapterMap['textNode']).value;
        } else if (!('tagName' in item) || !NOT_CONTENT.has(item.tagName.toLowerCase())) {
            const block = item !== root && 'tagName' in item && BLOCKS.has(item.tagName);
            // Pushed in reverse: what is pushed last is read first.
            if (block) stack.push(' ');
            if ('tagName' in item && item !== root) {
                const target = linkTarget(item);
                if (target) stack.push(target);
            }
            const children = childrenOf(item);
            for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
            if (block) text += ' ';
        }
    }
    return text;
}

/** Word files through mammoth's semantic HTML: headings, lists and tables, no styling. */
async function readWord(source: ImportSource, maxExpanded: number): Promise<ReadDocument> {
    const bytes = typeof source.content === 'string' ? new TextEncoder().encode(source.content) : source.content;
    if (bytes.length === 0) throw new ImportError(source.name, 'empty', 'the file is empty: there is nothing to import.');
    if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
        throw new ImportError(source.name, 'not-docx', 'this is not a Word document (a .docx file is a zip archive; this one is not).');
    }
    // Before mammoth unzips anything: a small file that unpacks to gigabytes, or nests without end, is refused here.
    checkZip(source.name, bytes, maxExpanded);
    const mammoth = (await import('mammoth')).default;
    let html: string;
    let messages: { type: string; message: string }[];
    try {
        const input = { buffer: toBuffer(bytes), arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
        const result = await mammoth.convertToHtml(input as never, {
            ignoreEmptyParagraphs: true, includeDefaultStyleMap: true, externalFileAccess: false,
            // Word's Title and Subtitle styles are the job's title, not unknown styles.
            styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"],
        });
        html = result.value;
        messages = result.messages;
    } catch (error) {
        if (error instanceof RangeError && /call stack/i.test(error.message)) throw tooDeep(source.name, undefined);
        const reason = error instanceof Error ? error.message : String(error);
        throw new ImportError(source.name, 'not-docx', `this is not a Word document that can be read (${reason.split('\n')[0]}).`);
    }
    const read = readHtml(html, 'docx');
    if (read.lines.length === 0) throw new ImportError(source.name, 'empty', 'the Word document has no text: there is nothing to import.');
    read.warnings.push(...[...new Set(messages.filter(m => m.type !== 'info').map(m => `Word: ${m.message}`))]);
    return read;
}

/** mammoth reads a Node Buffer where there is one, an ArrayBuffer in the browser. */
function toBuffer(bytes: Uint8Array): unknown {
    const NodeBuffer = (globalThis as { Buffer?: { from(bytes: Uint8Array): unknown } }).Buffer;
    return NodeBuffer ? NodeBuffer.from(bytes) : undefined;
}

// ---------------------------------------------------------------------------
// The zip inside a .docx, checked before it is unzipped

interface ZipEntry {
    name: string;
    method: number;
    compressed: number;
    expanded: number;
    /** Where the entry's local header starts. */
    offset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x100000000;

/**
 * The zip's directory, as its central directory lists it; undefined when there is none to read
 * (mammoth then says what is wrong). Stops counting past {@link MAX_ZIP_ENTRIES}.
 */
function zipDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
    // The end-of-directory record is in the last 22 + 65,535 bytes.
    let end = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
        if (u32(bytes, at) === 0x06054b50) { end = at; break; }
    }
    if (end < 0) return undefined;
    let count = u16(bytes, end + 10);
    let start = u32(bytes, end + 16);
    if ((count === 0xffff || start === 0xffffffff) && end >= 20 && u32(bytes, end - 20) === 0x07064b50) {
        const zip64 = u64(bytes, end - 12);
        if (zip64 + 56 <= bytes.length && u32(bytes, zip64) === 0x06064b50) {
            count = u64(bytes, zip64 + 32);
            start = u64(bytes, zip64 + 48);
        }
    }
    const entries: ZipEntry[] = [];
    let at = start;
    while (entries.length < count && entries.length <= MAX_ZIP_ENTRIES && at + 46 <= bytes.length && u32(bytes, at) === 0x02014b50) {
        const nameLength = u16(bytes, at + 28);
        const extraLength = u16(bytes, at + 30);
        const entry: ZipEntry = {
            name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
            method: u16(bytes, at + 10),
            compressed: u32(bytes, at + 20),
            expanded: u32(bytes, at + 24),
            offset: u32(bytes, at + 42),
        };
        // Zip64: the sizes that do not fit 32 bits are in the extra field 0x0001, in this order.
        for (let extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength && extra + 4 <= bytes.length;) {
            const id = u16(bytes, extra);
            const size = u16(bytes, extra + 2);
            if (id === 0x0001) {
                let field = extra + 4;
                for (const key of ['expanded', 'compressed', 'offset'] as const) {
                    if (entry[key] === 0xffffffff && field + 8 <= extra + 4 + size) {
                        entry[key] = u64(bytes, field);
                        field += 8;
                    }
                }
            }
            extra += 4 + size;
        }
        entries.push(entry);
        at += 46 + nameLength + extraLength + u16(bytes, at + 32);
    }
    return entries;
}

/**
 * Refuses a Word file whose contents would not fit in memory or in the reader's stack: more
 * than `maxExpanded` bytes unzipped (as the directory says, and as unzipping shows, in case the
 * directory lies), more than {@link MAX_ZIP_ENTRIES} parts, or XML nested deeper than
 * {@link MAX_NESTING}. Unzipping here streams and keeps nothing but a count.
 */
function checkZip(name: string, bytes: Uint8Array, maxExpanded: number): void {
    const entries = zipDirectory(bytes);
    if (!entries) return;
    if (entries.length > MAX_ZIP_ENTRIES) {
        throw new ImportError(name, 'too-large',
            `the Word file holds more than ${MAX_ZIP_ENTRIES.toLocaleString('en')} parts; a job standard has a few dozen, so this is not one (or the file is damaged).`);
    }
    const tooLarge = (expanded: number, atLeast: boolean) => new ImportError(name, 'too-large',
        `the Word file is ${megabytes(bytes.length)} but its contents unzip to `
        + `${atLeast ? `more than the ${megabytes(maxExpanded)}` : `${megabytes(expanded)}, more than the ${megabytes(maxExpanded)}`} `
        + 'a job standard can be; it is not a job standard (or it is damaged, or built to exhaust memory).');
    const declared = entries.reduce((sum, entry) => sum + entry.expanded, 0);
    if (declared > maxExpanded) throw tooLarge(declared, false);
    // The directory's sizes are the file's word; unzipping (counting, not keeping) checks them.
    let expanded = 0;
    for (const entry of entries) {
        if (entry.method !== 8 && entry.method !== 0) continue;
        const local = entry.offset;
        if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) continue;
        const dataStart = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
        const data = bytes.subarray(dataStart, Math.min(bytes.length, dataStart + entry.compressed));
        const depth = /\.(xml|rels)$/i.test(entry.name) ? new XmlDepth() : undefined;
        if (entry.method === 0) {
            expanded += data.length;
            depth?.scan(data);
        } else {
            const inflate = new Inflate(chunk => {
                expanded += chunk.length;
                if (expanded > maxExpanded) throw tooLarge(expanded, true);
                depth?.scan(chunk);
            });
            try {
                for (let at = 0; at < data.length; at += 16384) inflate.push(data.subarray(at, at + 16384), at + 16384 >= data.length);
            } catch (error) {
                if (error instanceof ImportError) throw error;
                continue; // A damaged part: mammoth says what is wrong with it, if it reads it at all.
            }
        }
        if (expanded > maxExpanded) throw tooLarge(expanded, true);
        if (depth && depth.deepest > MAX_NESTING) throw tooDeep(name, depth.deepest);
    }
}

/** How deep the elements of an XML part nest, read in chunks (comments and declarations aside). */
class XmlDepth {
    deepest = 0;
    private depth = 0;
    private inTag = false;
    private afterLt = false;
    private previous = 0;

    scan(chunk: Uint8Array): void {
        for (const byte of chunk) {
            if (this.afterLt) {
                this.afterLt = false;
                // </x> closes; <?x and <!x are not elements; anything else opens one.
                if (byte === 0x2f) this.depth--;
                else if (byte !== 0x3f && byte !== 0x21) {
                    this.inTag = true;
                    if (++this.depth > this.deepest) this.deepest = this.depth;
                }
            } else if (byte === 0x3c) {
                this.afterLt = true;
            } else if (byte === 0x3e && this.inTag) {
                this.inTag = false;
                if (this.previous === 0x2f) this.depth--; // <x/> opens and closes
            }
            this.previous = byte;
        }
    }
}

function tooDeep(name: string, depth: number | undefined): ImportError {
    return new ImportError(name, 'too-deep',
        `its content is nested ${depth === undefined ? 'too' : `${depth.toLocaleString('en')} levels`} deep (more than the ${MAX_NESTING} levels a document `
        + 'can have to be read); this is not how Word writes a job standard: open it in Word and save it again, or copy its text into a new document.');
}

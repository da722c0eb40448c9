import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import mammoth from 'mammoth';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import {
    isAuthority, isBonusAmount, isPayout, isRate, isStatement, isTarget, isThreshold,
    type Document, type JobStdJson,
} from '../src/index.js';

/**
 * The analyst's own words, sentence by sentence, and the text a reader gets from the HTML page
 * and the Word file: what the faithfulness test compares. Everything here reads the source or
 * the output independently of the exporters, so that an exporter's rewording cannot hide itself.
 */

/** One sentence of the source: where it starts (1-based line) and its words, normalised. */
export interface SourceSentence {
    line: number;
    text: string;
}

/**
 * The forms the comparison treats as one: typographic quotes and apostrophes, dashes, and the
 * Markdown escapes (`\_`, `\*`, any backslash before ASCII punctuation) a source may hold.
 * Whitespace is left to the callers, which know where a block ends.
 */
function normaliseCharacters(text: string): string {
    return text
        .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'")
        .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
        .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-')
        .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** A sentence as compared: its characters normalised and every run of whitespace one space. */
export function normaliseSentence(text: string): string {
    return normaliseCharacters(text).replace(/\s+/g, ' ').trim();
}

/**
 * Output text as compared: a line per block (paragraph, cell, heading, list item), whitespace
 * inside a block one space. A sentence must be found inside one block: split across table cells
 * ("Answering the main phones" | "within 3 rings") it is not the sentence the analyst wrote.
 */
export function normaliseOutput(text: string): string {
    return normaliseCharacters(text)
        .split(/\n/)
        .map(line => line.replace(/\s+/g, ' ').trim())
        .filter(line => line.length > 0)
        .join('\n');
}

/** A signature line's blank, or a text of nothing but blanks and punctuation: not a sentence. */
const NOT_A_SENTENCE = /^[\s_\\.:,;|-]*$/;

/**
 * A text split where a sentence ends (`.`, `!` or `?` before whitespace) and where a paragraph
 * ends (a blank line), each piece with the line it starts on.
 */
export function splitSentences(raw: string, firstLine: number): SourceSentence[] {
    const out: SourceSentence[] = [];
    let start = 0;
    const push = (end: number) => {
        const piece = raw.slice(start, end);
        const text = normaliseSentence(piece);
        if (!NOT_A_SENTENCE.test(text)) {
            const lead = piece.length - piece.trimStart().length;
            out.push({ line: firstLine + countNewlines(raw.slice(0, start + lead)), text });
        }
    };
    for (const match of raw.matchAll(/(?<=[.!?])\s+|\r?\n[ \t]*\r?\n\s*/g)) {
        push(match.index);
        start = match.index + match[0].length;
    }
    push(raw.length);
    return out;
}

const countNewlines = (text: string) => text.split('\n').length - 1;

/** The terms written as one line, which the JSON export words as a `sentence`. */
const isWordedTerm = (node: AstNode) =>
    isTarget(node) || isAuthority(node) || isThreshold(node) || isRate(node) || isBonusAmount(node) || isPayout(node);

/** A term in a statement's block: the statement's sentence shows it, so its words are not asked for again. */
const isStatedTerm = (node: AstNode) => node.$containerProperty === 'terms' && node.$container !== undefined && isStatement(node.$container);

function ancestors(node: AstNode): AstNode[] {
    const out: AstNode[] = [];
    for (let n: AstNode | undefined = node; n; n = n.$container) out.push(n);
    return out;
}

function unquote(token: string, type: string): string {
    const quote = type === 'TEXT' ? '"""' : '"';
    const start = token.startsWith(quote) ? quote.length : 0;
    const end = token.length > start && token.endsWith(quote) ? token.length - quote.length : token.length;
    return token.slice(start, end);
}

/**
 * A worded term read from the source: its tokens in order, the kind keyword dropped where it only
 * names the kind (`target`, `kpi`, `authority`, `rate`, `amount`; `when` and `paid` are words of
 * the sentence), quotes taken off, a space wherever the analyst left one.
 */
export function termSentence(node: AstNode): string {
    const leaves = node.$cstNode ? CstUtils.flattenCst(node.$cstNode).filter(leaf => !leaf.hidden && leaf.text.length > 0).toArray() : [];
    const keepKeyword = isThreshold(node) || isPayout(node);
    let out = '';
    let end = -1;
    for (const [i, leaf] of leaves.entries()) {
        if (i === 0 && !keepKeyword) continue;
        const type = leaf.tokenType.name;
        const piece = type === 'STRING' || type === 'TEXT' ? unquote(leaf.text, type) : leaf.text;
        if (out !== '' && leaf.offset > end) out += ' ';
        out += piece;
        end = leaf.end;
    }
    return normaliseSentence(out);
}

/**
 * Every sentence the analyst wrote in a document: each quoted or triple-quoted text, split into
 * sentences; and for a one-line term (target, KPI, authority, threshold, rate, amount, payout) the
 * line itself, whose quoted words are part of it and are not asked for alone. Terms in a
 * statement's block are left out: the statement's sentence is what shows them.
 */
export function sourceSentences(document: LangiumDocument<Document>): SourceSentence[] {
    const out: SourceSentence[] = [];
    const root = document.parseResult.value;
    for (const node of AstUtils.streamAst(root)) {
        if (isWordedTerm(node) && !ancestors(node).some(isStatedTerm) && node.$cstNode) {
            out.push({ line: node.$cstNode.range.start.line + 1, text: termSentence(node) });
        }
    }
    if (root.$cstNode) {
        for (const leaf of CstUtils.flattenCst(root.$cstNode)) {
            const type = leaf.tokenType.name;
            if (leaf.hidden || (type !== 'STRING' && type !== 'TEXT')) continue;
            const chain = ancestors(leaf.astNode);
            if (chain.some(isWordedTerm) || chain.some(isStatedTerm)) continue;
            out.push(...splitSentences(unquote(leaf.text, type), leaf.range.start.line + 1));
        }
    }
    return out.sort((a, b) => a.line - b.line);
}

/** The `sentence` of every term in the JSON export, with its line, except terms in a statement's block. */
export function jsonTermSentences(json: JobStdJson): SourceSentence[] {
    const out: SourceSentence[] = [];
    const walk = (value: unknown): void => {
        if (Array.isArray(value)) { value.forEach(walk); return; }
        if (value === null || typeof value !== 'object') return;
        const record = value as Record<string, unknown>;
        const location = record.sourceLocation as { line: number } | undefined;
        if (typeof record.sentence === 'string' && location) out.push({ line: location.line, text: normaliseSentence(record.sentence) });
        for (const [key, child] of Object.entries(record)) {
            if (!(key === 'terms' && record.kind === 'statement')) walk(child);
        }
    };
    walk(json);
    return out;
}

type Html = DefaultTreeAdapterMap['node'];

/** Elements whose content a browser lays out as a block of its own (and `br`, a line of its own). */
const BLOCKS = new Set([
    'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
    'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol',
    'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/** Never shown as text. */
const UNSEEN = new Set(['style', 'script', 'template', 'noscript']);

/** The visible text of an HTML page's body: a line per block, inline elements run together as a reader sees them. */
export function htmlVisibleText(html: string): string {
    const parts: string[] = [];
    const visit = (node: Html): void => {
        if (node.nodeName === '#text') { parts.push((node as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, ' ')); return; }
        if (UNSEEN.has(node.nodeName)) return;
        if ('attrs' in node && node.attrs.some(a => a.name === 'hidden')) return;
        const block = BLOCKS.has(node.nodeName);
        if (block) parts.push('\n');
        if ('childNodes' in node) node.childNodes.forEach(visit);
        if (block) parts.push('\n');
    };
    const body = findElement(parse(html), 'body');
    if (body) visit(body);
    return normaliseOutput(parts.join(''));
}

/** The first element of a name, depth first (parse5 trees have no query API). */
function findElement(node: Html, name: string): Html | undefined {
    if (node.nodeName === name) return node;
    if (!('childNodes' in node)) return undefined;
    for (const child of node.childNodes) {
        const found = findElement(child, name);
        if (found) return found;
    }
    return undefined;
}

/** The text of a Word file as mammoth reads it back: a paragraph (also a table cell's) per block. */
export async function docxText(bytes: Uint8Array): Promise<string> {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return normaliseOutput(value);
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * How often a sentence stands in the output as a whole: not as part of a longer word ("Sales" in
 * "Wholesales"), and never across blocks (the output has a line per block, a sentence none).
 */
export function occurrences(output: string, sentence: string): number {
    const joins = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && WORD_CHARACTER.test(a) && WORD_CHARACTER.test(b);
    let count = 0;
    for (let at = output.indexOf(sentence); at >= 0; at = output.indexOf(sentence, at + 1)) {
        const end = at + sentence.length;
        if (!joins(output[at - 1], sentence[0]) && !joins(sentence[sentence.length - 1], output[end])) {
            count++;
            at = end - 1;
        }
    }
    return count;
}

/**
 * The sentences not found word for word. A sentence the analyst wrote twice must be there twice:
 * the second of two identical duties dropped is a duty the signer never saw.
 */
export function missingSentences(sentences: SourceSentence[], output: string): SourceSentence[] {
    const asked = new Map<string, number>();
    return sentences.filter(s => {
        const times = (asked.get(s.text) ?? 0) + 1;
        asked.set(s.text, times);
        return occurrences(output, s.text) < times;
    });
}

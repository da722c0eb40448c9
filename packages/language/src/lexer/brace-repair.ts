import type { IToken } from 'chevrotain';
import { finding, isType, shown, startsLine, tokenEnd, tokenOver, type LexedText, type LineIndex } from './tokens.js';
import { capitalise } from '../words.js';

/**
 * Missing and extra braces, judged the way a reader judges them: by indentation and by what may
 * stand inside what. A forgotten `}` is put back where the block's content ends, and reported
 * there, naming the block; a `}` that closes nothing is dropped. Blocks nested deeper than any
 * job standard needs are not read, with one finding, instead of exhausting the stack.
 */

/** The block of one proficiency level's indicators, `2 "Intermediate" {`, named in messages by its label. */
const DESCRIPTOR = 'proficiency level';

/** The block of a sentence's terms, `"A bonus of 10% …" {`, named in messages by its opening words. */
const SENTENCE = 'sentence';

/** No job standard nests this deep; the parser's recursion stays far from the stack's limit. */
export const MAX_NESTING = 40;

interface OpenBlock {
    /** Index of the `{` token. */
    open: number;
    /** The header line's indentation. */
    indent: number;
    line: number;
    kind: string;
    name: string;
    /** What a line inside may start with; undefined where anything may stand. */
    holds?: ReadonlySet<string>;
}

const TEXT_ONLY = new Set(['STRING', 'TEXT']);
const HOLDS: Record<string, ReadonlySet<string>> = {
    'task group': TEXT_ONLY,
    behaviours: TEXT_ONLY,
    behaviors: TEXT_ONLY,
    requirements: new Set(['STRING', 'TEXT', 'education', 'experience', 'certification', 'license', 'licence', 'skill']),
    characteristics: new Set(['ID']),
    schedule: new Set(['shift']),
    scale: new Set(['NUMBER']),
    competency: new Set(['definition', 'sme', 'last', 'behaviours', 'behaviors', 'level', 'linked', 'proficiency']),
    letter: new Set(['to', 'from', 'subject', 'signed', 'STRING', 'TEXT']),
    // `proficiency Scale {` holds a descriptor per level, `1 "Basic" {`, and each of those its indicators.
    proficiency: new Set(['NUMBER']),
    [DESCRIPTOR]: TEXT_ONLY,
    'physical demands': TEXT_ONLY,
    'working conditions': TEXT_ONLY,
    // `"A bonus of 10% … paid quarterly." {` holds the terms its sentence states.
    [SENTENCE]: new Set(['when', 'rate', 'amount', 'condition', 'paid', 'target', 'kpi', 'pay', 'authority', 'benefit']),
};

/**
 * What may not stand inside a block that holds nearly anything. A level of a ladder holds duties,
 * targets and requirements, but not the next level, nor the facts that only the whole job has.
 */
const EXCLUDES: Record<string, ReadonlySet<string>> = {
    level: new Set(['level', 'subtitle', 'code', 'family', 'reports', 'flsa', 'location', 'created', 'updated', 'next',
        'disclaimer', 'levels', 'occupation', 'status', 'effective']),
};

/** Blocks that only stand at the top of a file. */
const TOP_LEVEL = new Set(['job', 'ladder', 'library']);

function describeBlock(tokens: IToken[], headerStart: number, open: number): { kind: string; name: string } {
    const words: string[] = [];
    let name = '';
    for (let i = headerStart; i < open; i++) {
        const token = tokens[i];
        if (!name && isType(token, 'STRING', 'TEXT')) name = token.image.replace(/^"+|"+$/g, '').replace(/\s+/g, ' ').trim();
        else if (!name && isType(token, 'ID')) name = token.image;
        else if (!name && words.length < 2 && /^[a-z]+$/.test(token.tokenType.name)) words.push(token.tokenType.name);
    }
    // `2 "Intermediate" {` opens with its number: a proficiency level's descriptor.
    if (words.length === 0 && isType(tokens[headerStart], 'NUMBER')) return { kind: DESCRIPTOR, name: shown(name || tokens[headerStart].image) };
    if (words.length === 0 && isType(tokens[headerStart], 'STRING', 'TEXT')) return { kind: SENTENCE, name: shown(name) };
    const kind = words.join(' ') || 'block';
    return { kind, name: shown(name) };
}

/** Blocks named by a plural, said as lists so that a message reads "the list of … is not closed". */
const LISTS = new Set(['requirements', 'characteristics', 'behaviours', 'behaviors', 'physical demands', 'working conditions']);

function blockWords(block: OpenBlock): string {
    const kind = LISTS.has(block.kind) ? `list of ${block.kind}` : block.kind;
    return block.name ? `the ${kind} '${block.name}'` : `the ${kind}`;
}

/** Index of the first token of the line that token `i` is on (a multi-line text counts from where it starts). */
function headerStartOf(tokens: IToken[], i: number, floor: number): number {
    let j = i;
    while (j > floor && !startsLine(tokens, j)) j--;
    return j;
}

function lineIndent(tokens: IToken[], i: number, lines: LineIndex): number {
    return lines.indentOf(tokens[headerStartOf(tokens, i, 0)].startLine!);
}

/** Indentation can be trusted when the lines inside blocks are indented deeper than their headers. */
function indentationTrusted(tokens: IToken[], lines: LineIndex): boolean {
    let agree = 0, total = 0;
    for (let i = 0; i + 1 < tokens.length; i++) {
        if (!isType(tokens[i], '{') || !startsLine(tokens, i + 1) || isType(tokens[i + 1], '}')) continue;
        total++;
        if (lines.indentOf(tokens[i + 1].startLine!) > lineIndent(tokens, i, lines)) agree++;
    }
    return total > 0 && agree >= 0.8 * total;
}

function mayHold(block: OpenBlock, token: IToken): boolean {
    if (TOP_LEVEL.has(token.tokenType.name)) return false;
    if (EXCLUDES[block.kind]?.has(token.tokenType.name)) return false;
    if (!block.holds) return true;
    return block.holds.has(token.tokenType.name);
}

export function repairBraces(lexed: LexedText, lines: LineIndex): void {
    let opens = 0, closes = 0;
    for (const token of lexed.tokens) {
        if (isType(token, '{')) opens++;
        else if (isType(token, '}')) closes++;
    }
    if (opens > closes) closeOpenBlocks(lexed, lines, opens - closes);
    else if (closes > opens) dropExtraCloses(lexed, lines, closes - opens);
}

function openBlock(tokens: IToken[], i: number, lines: LineIndex): OpenBlock {
    const start = headerStartOf(tokens, i, 0);
    const { kind, name } = describeBlock(tokens, start, i);
    return { open: i, indent: lines.indentOf(tokens[start].startLine!), line: tokens[start].startLine!, kind, name, holds: HOLDS[kind] };
}

function closeOpenBlocks(lexed: LexedText, lines: LineIndex, missing: number): void {
    const { tokens, types } = lexed;
    const trusted = indentationTrusted(tokens, lines);
    const out: IToken[] = [];
    const stack: OpenBlock[] = [];
    const close = (block: OpenBlock, next: IToken) => {
        const last = out[out.length - 1];
        const at = tokenEnd(last);
        const indent = ' '.repeat(block.indent);
        const what = blockWords(block);
        // A blank line left where the '}' was is where it belongs; otherwise right after the block's last line.
        const blank = last.endLine! + 1;
        const onBlank = blank < next.startLine! && !/\S/.test(lexed.text.slice(lines.lineStart(blank), lines.lineEnd(blank)));
        const message = `${capitalise(what)}, opened on line ${block.line}, is not closed: add '}' ${onBlank ? 'here' : 'after this line'}.`;
        lexed.findings.push(onBlank
            ? finding(lines, 'missing-brace', lines.lineStart(blank), 0, message,
                { title: `Close ${what} here`, offset: lines.lineStart(blank), length: lines.lineEnd(blank) - lines.lineStart(blank), newText: `${indent}}` })
            : finding(lines, 'missing-brace', last.startOffset, at - last.startOffset, message,
                { title: `Close ${what} here`, offset: at, length: 0, newText: `\n${indent}}` }));
        out.push(tokenOver(types['}'], '}', at, at, lines));
        stack.pop();
        missing--;
    };
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (missing > 0 && startsLine(tokens, i) && out.length > 0) {
            const indent = lines.indentOf(token.startLine!);
            if (isType(token, '}')) {
                while (missing > 0 && trusted && stack.length > 1 && stack[stack.length - 1].indent > indent) close(stack[stack.length - 1], token);
            } else {
                while (missing > 0 && stack.length > 0) {
                    const top = stack[stack.length - 1];
                    const outdented = trusted && indent <= top.indent;
                    if (!outdented && mayHold(top, token)) break;
                    close(top, token);
                }
            }
        }
        out.push(token);
        if (isType(token, '{')) stack.push(openBlock(tokens, i, lines));
        else if (isType(token, '}')) stack.pop();
    }
    // What is still open at the end of the file is one finding, where the innermost of it was
    // opened, unless an unclosed comment took the rest of the file: that finding already says why.
    const commentedOut = lexed.findings.some(f => f.slip === 'unclosed-comment');
    const unclosed = stack.slice(Math.max(0, stack.length - missing)).reverse();
    if (unclosed.length > 0) {
        const end = lexed.text.length;
        const innermost = unclosed[0];
        const around = unclosed.length - 1;
        const closing = unclosed.map(block => `${' '.repeat(block.indent)}}\n`).join('');
        if (!commentedOut) {
            lexed.findings.push(finding(lines, 'missing-brace', tokens[innermost.open].startOffset, 1,
                around === 0
                    ? `${capitalise(blockWords(innermost))}, opened on line ${innermost.line}, is never closed: add '}' where it ends.`
                    : `${capitalise(blockWords(innermost))}, opened on line ${innermost.line}, is never closed, nor ${around === 1 ? `is ${blockWords(unclosed[1])}` : `are the ${around} blocks up to ${blockWords(unclosed[around])}`} around it: add '}' where each ends.`,
                { title: around === 0 ? `Close ${blockWords(innermost)} at the end of the file` : `Close the ${around + 1} open blocks at the end of the file`,
                    offset: end, length: 0, newText: `${lexed.text.endsWith('\n') || end === 0 ? '' : '\n'}${closing}` }));
        }
        for (let k = 0; k < unclosed.length; k++) out.push(tokenOver(types['}'], '}', end, end, lines));
    }
    lexed.tokens = out;
}

function dropExtraCloses(lexed: LexedText, lines: LineIndex, extra: number): void {
    const { tokens } = lexed;
    const trusted = indentationTrusted(tokens, lines);
    const out: IToken[] = [];
    const stack: OpenBlock[] = [];
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (isType(token, '{')) stack.push(openBlock(tokens, i, lines));
        if (isType(token, '}')) {
            const top = stack[stack.length - 1];
            // Misplaced: indented deeper than the header it would close, or followed by more of that block's content.
            const next = tokens[i + 1];
            const misplaced = trusted && top !== undefined && (
                (startsLine(tokens, i) && lines.indentOf(token.startLine!) > top.indent)
                || (next !== undefined && startsLine(tokens, i + 1) && !isType(next, '}') && lines.indentOf(next.startLine!) > top.indent));
            if (extra > 0 && (!top || misplaced)) {
                lexed.findings.push(finding(lines, 'extra-brace', token.startOffset, 1,
                    top ? `This '}' closes nothing: ${blockWords(top)} (line ${top.line}) is closed further down. Remove it.`
                        : "This '}' closes nothing: every block above is already closed. Remove it.",
                    { title: "Remove the extra '}'", offset: token.startOffset, length: 1, newText: '' }));
                extra--;
                continue;
            }
            stack.pop();
        }
        out.push(token);
    }
    lexed.tokens = out;
}

/**
 * Blocks nested deeper than MAX_NESTING are left out, header and all, with one finding for the
 * first of them: a parser recursing that deep would exhaust the stack.
 */
export function limitNesting(lexed: LexedText, lines: LineIndex): void {
    const { tokens } = lexed;
    let deepest = 0;
    for (let i = 0, depth = 0; i < tokens.length; i++) {
        if (isType(tokens[i], '{')) deepest = Math.max(deepest, ++depth);
        else if (isType(tokens[i], '}') && depth > 0) depth--;
    }
    if (deepest <= MAX_NESTING) return;
    const out: IToken[] = [];
    let depth = 0;
    let reported = false;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (isType(token, '{') && depth >= MAX_NESTING) {
            // Leave out the header already passed on, back to the start of its line.
            const lineStart = lines.lineStart(token.startLine!);
            while (out.length > 0 && out[out.length - 1].startOffset >= lineStart && !isType(out[out.length - 1], '{', '}')) out.pop();
            let j = i + 1;
            for (let inner = 1; j < tokens.length && inner > 0; j++) {
                if (isType(tokens[j], '{')) inner++;
                else if (isType(tokens[j], '}')) inner--;
            }
            if (!reported) {
                const lastLine = tokens[Math.min(j, tokens.length) - 1].endLine!;
                lexed.findings.push(finding(lines, 'too-deep', token.startOffset, 1,
                    `Blocks are nested more than ${MAX_NESTING} deep here, more than a job standard needs: lines ${token.startLine}–${lastLine} are not read. Close some blocks or move them up a level.`));
                reported = true;
            }
            i = j - 1;
            continue;
        }
        if (isType(token, '{')) depth++;
        else if (isType(token, '}') && depth > 0) depth--;
        out.push(token);
    }
    lexed.tokens = out;
}


import { AstUtils, CstUtils, GrammarAST, isCompositeCstNode, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode } from 'langium';

/**
 * The one canonical layout of a .jobstd file: two spaces per block level, one statement
 * per line, `{` at the end of its header line and `}` on a line of its own, one space
 * between the tokens of a line (none before a comma), at most one blank line where the
 * writer left blank lines, and every comment where it was (trailing or on its own line).
 *
 * The layout is decided token by token rather than through Langium's per-node formatting
 * regions: one rule for the whitespace between any two neighbouring tokens covers comments
 * wherever they sit. That whitespace depends only on the two tokens and, where the layout
 * leaves a choice (a blank line, a comment on its own line), on the writer's line breaks;
 * what it writes keeps that choice, so formatting twice changes nothing.
 *
 * It lives in the core so that the editor's formatter, the importer and build scripts
 * all produce the same text.
 */

/** Replace the text between two offsets (a gap between tokens) with whitespace. */
export interface LayoutEdit {
    start: number;
    end: number;
    newText: string;
}

/** The canonical indentation: two spaces per block, whatever the editor's tab settings. */
const INDENT = '  ';

/** Items of these properties each take a line of their own. */
const LINE_PROPERTIES: ReadonlySet<string> = new Set([
    'jobs', 'libraries', 'members', 'elements', 'items', 'tasks', 'behaviours', 'levels', 'ratings',
    'shifts', 'paragraphs', 'clauses', 'descriptors', 'indicators', 'occupation', 'status',
]);

/** Keywords that open a fact line inside a block (the facts are fragments, not nodes of their own). */
const FACT_KEYWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
    Job: new Set([
        'subtitle', 'code', 'level', 'family', 'reports', 'flsa', 'location', 'created', 'updated', 'next', 'sme', 'summary',
        'disclaimer', 'grade', 'band', 'levels', 'effective',
    ]),
    CareerLevel: new Set(['grade', 'band', 'scope', 'summary', 'time', 'inherits']),
    Role: new Set(['reports', 'location', 'flsa', 'summary', 'scope']),
    Competency: new Set(['definition', 'sme', 'last', 'behaviours', 'behaviors', 'linked', 'proficiency']),
    Letter: new Set(['to', 'from', 'subject', 'signed']),
    Section: new Set(['intro']),
};

/** Day and time ranges are written tight: "Mon–Fri 7:00am–4:00pm". */
const TIGHT_SEPARATORS: ReadonlySet<string> = new Set(['–', '-']);

/**
 * Pay, experience and time in level are written tight with an en dash: "$52,000–$68,000",
 * "3–5 years". A hyphen keeps its spaces: "1000-2000" would read as a date.
 */
const RANGE_OWNERS: ReadonlySet<string> = new Set(['Pay', 'PayAlternative', 'Duration', 'TimeRange']);

/** The edits that turn a document into its canonical layout (none when it already is). */
export function layoutEdits(document: LangiumDocument): LayoutEdit[] {
    const root = document.parseResult.value.$cstNode;
    if (!root) return [];
    const text = document.textDocument.getText();
    const leaves = CstUtils.flattenCst(root).filter(leaf => leaf.length > 0).toArray().sort((a, b) => a.offset - b.offset);
    if (leaves.length === 0) return [];
    const lineStarts = lineStartOffsets(document.parseResult.value);
    const tight = tightSeparators(leaves);

    const edits: LayoutEdit[] = [];
    const replaceGap = (start: number, end: number, whitespace: string) => {
        const gap = text.slice(start, end);
        // A gap that holds more than whitespace is something the tree does not know: keep it.
        if (gap === whitespace || /\S/.test(gap)) return;
        edits.push({ start, end, newText: whitespace });
    };

    let depth = 0;
    let previous: LeafCstNode | undefined;
    for (let i = 0; i < leaves.length; i++) {
        const leaf = leaves[i];
        if (isKeyword(leaf, '}')) depth = Math.max(0, depth - 1);
        if (!previous) {
            replaceGap(0, leaf.offset, '');
        } else {
            const gap = text.slice(previous.end, leaf.offset);
            const breaks = countLineBreaks(gap);
            replaceGap(previous.end, leaf.offset, separator(previous, leaf, breaks, depth, { lineStarts, tight }, () => nextSignificant(leaves, i)));
        }
        if (isKeyword(leaf, '{')) depth++;
        previous = leaf;
    }
    const last = leaves[leaves.length - 1];
    if (!/\S/.test(text.slice(last.end))) {
        replaceGap(last.end, text.length, '\n');
    }
    return edits;
}

interface Layout {
    /** Offsets of the tokens that begin a line. */
    lineStarts: ReadonlySet<number>;
    /** Offsets of the range separators written without spaces. */
    tight: ReadonlySet<number>;
}

/** The whitespace between two neighbouring tokens. */
function separator(previous: LeafCstNode, leaf: LeafCstNode, breaks: number, depth: number, layout: Layout,
    next: () => LeafCstNode | undefined): string {
    const { lineStarts, tight } = layout;
    const newLines = (maximum: number) => '\n'.repeat(Math.min(Math.max(breaks, 1), maximum));
    const blankAllowed = !isKeyword(previous, '{') && !isKeyword(leaf, '}');
    if (isComment(leaf)) {
        if (breaks === 0 && !isLineComment(previous)) return ' ';
        // A comment on its own line belongs to what follows it: indented like that line.
        const following = next();
        const startsLine = !following || isKeyword(following, '}') || lineStarts.has(following.offset);
        return newLines(blankAllowed ? 2 : 1) + INDENT.repeat(startsLine ? depth : depth + 1);
    }
    if (isKeyword(leaf, '}') || lineStarts.has(leaf.offset) || isKeyword(previous, '{')) {
        return newLines(blankAllowed ? 2 : 1) + INDENT.repeat(depth);
    }
    if (isLineComment(previous) || (isComment(previous) && breaks > 0)) {
        // The rest of a statement that a comment interrupted: a continuation line.
        return '\n' + INDENT.repeat(depth + 1);
    }
    // A pay's alternative stays where the writer put it: on the pay's line, or on a line of its own below.
    if (breaks > 0 && isKeyword(leaf, 'or') && leaf.astNode.$type === 'Pay') return '\n' + INDENT.repeat(depth + 1);
    // "three (3) years", "2+ years", "A, B"
    if (isKeyword(leaf, ',') || isKeyword(leaf, ')') || isKeyword(leaf, '+') || isKeyword(previous, '(')) return '';
    if (tight.has(leaf.offset) || tight.has(previous.offset)) return '';
    return ' ';
}

/** Offsets of the tokens that begin a line: each statement, fact and block member. */
function lineStartOffsets(root: AstNode): Set<number> {
    const starts = new Set<number>();
    const visit = (node: AstNode) => {
        const cst = node.$cstNode;
        if (cst && startsOwnLine(node)) {
            const first = firstSignificantLeaf(cst);
            if (first) starts.add(first.offset);
        }
        const facts = FACT_KEYWORDS[node.$type];
        if (cst && facts && isCompositeCstNode(cst)) {
            for (const leaf of CstUtils.flattenCst(cst)) {
                if (leaf.astNode === node && !leaf.hidden && facts.has(leaf.text) && GrammarAST.isKeyword(leaf.grammarSource)) {
                    starts.add(leaf.offset);
                }
            }
        }
    };
    for (const node of AstUtils.streamAst(root)) visit(node);
    return starts;
}

function startsOwnLine(node: AstNode): boolean {
    if (node.$containerProperty && LINE_PROPERTIES.has(node.$containerProperty)) return true;
    // A competency's level is a line of its body; a use's level stays on the `uses` line.
    return node.$type === 'Level' && node.$container?.$type === 'Competency';
}

function firstSignificantLeaf(node: CstNode): LeafCstNode | undefined {
    if (!isCompositeCstNode(node)) return node.hidden ? undefined : node as LeafCstNode;
    for (const child of node.content) {
        const leaf = firstSignificantLeaf(child);
        if (leaf) return leaf;
    }
    return undefined;
}

function nextSignificant(leaves: LeafCstNode[], index: number): LeafCstNode | undefined {
    for (let i = index + 1; i < leaves.length; i++) {
        if (!isComment(leaves[i])) return leaves[i];
    }
    return undefined;
}

function isKeyword(leaf: LeafCstNode, value: string): boolean {
    return !leaf.hidden && leaf.text === value && GrammarAST.isKeyword(leaf.grammarSource);
}

function isComment(leaf: LeafCstNode): boolean {
    return leaf.hidden && /COMMENT/.test(leaf.tokenType.name);
}

function isLineComment(leaf: LeafCstNode): boolean {
    return leaf.hidden && leaf.tokenType.name === 'SL_COMMENT';
}

/**
 * Dashes of day and time ranges ("Mon–Fri 7:00am–4:00pm") and en dashes of pay, experience and
 * time ranges. Next to a value written with a space ("7:00 AM", "$ XX") the dash keeps spaces,
 * or it would read as part of the value.
 */
function tightSeparators(leaves: LeafCstNode[]): Set<number> {
    const tight = new Set<number>();
    const significant = leaves.filter(leaf => !leaf.hidden);
    significant.forEach((leaf, i) => {
        const shift = leaf.astNode.$type === 'ShiftSpan' && TIGHT_SEPARATORS.has(leaf.text);
        const range = RANGE_OWNERS.has(leaf.astNode.$type) && leaf.text === '–';
        if (!(shift || range) || !GrammarAST.isKeyword(leaf.grammarSource)) return;
        const before = significant[i - 1];
        const after = significant[i + 1];
        if (before && after && !/\s/.test(before.text) && !/\s/.test(after.text)) tight.add(leaf.offset);
    });
    return tight;
}

function countLineBreaks(text: string): number {
    let count = 0;
    for (const char of text) if (char === '\n') count++;
    return count;
}

/** The document's text in the canonical layout. */
export function formattedText(document: LangiumDocument): string {
    const text = document.textDocument.getText();
    let result = '';
    let position = 0;
    for (const edit of layoutEdits(document)) {
        result += text.slice(position, edit.start) + edit.newText;
        position = edit.end;
    }
    return result + text.slice(position);
}

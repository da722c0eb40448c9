/**
 * How a quoted text, a """…""" block and a comment end, decided in one forward scan each so
 * that lexing stays linear on any input (an unterminated `"""` or `/*` once made it quadratic).
 *
 * The language lets "…" span lines, so a forgotten closing quote would otherwise swallow
 * everything up to the next quote and turn the rest of the file inside out. A quote is taken as
 * unclosed where the text runs into a line that reads as syntax (`section "…" {`, `}`,
 * `level "…"`), or into a line that opens with a quote of its own.
 */

/** What the scan found wrong with a token; the slip repair turns it into one finding. */
export type QuotedTextSlip =
    | { kind: 'unclosed-quote'; /** Offset after the text, where the closing quote belongs. */ closeAt: number }
    | { kind: 'inner-quotes' }
    | { kind: 'unclosed-text-block'; closeAt: number }
    | { kind: 'unclosed-comment' };

export interface QuotedTextMatch {
    end: number;
    slip?: QuotedTextSlip;
}

/**
 * Words that start a line of syntax. A continuation line of prose that starts with one of them
 * counts as syntax only when what follows fits (a quote, a brace, a name), since "to", "level"
 * or "location" also start ordinary sentences.
 */
export const LINE_KEYWORDS: ReadonlySet<string> = new Set([
    'job', 'library', 'section', 'training', 'task', 'competency', 'uses', 'scale', 'characteristics',
    'target', 'kpi', 'authority', 'role', 'schedule', 'shift', 'letter', 'signature', 'pay', 'benefit',
    'incentive', 'bonus', 'requirements', 'education', 'experience', 'certification', 'license', 'skill',
    'subtitle', 'code', 'level', 'family', 'reports', 'flsa', 'location', 'created', 'updated', 'next', 'sme',
    'summary', 'disclaimer', 'definition', 'last', 'behaviours', 'behaviors', 'intro', 'when', 'rate',
    'amount', 'condition', 'paid', 'to', 'from', 'subject', 'signed', 'scope',
]);

/** `keyword … "`, `keyword {`, `task group A`, `uses Name`: a keyword followed by what syntax puts there. */
const SYNTAX_AFTER_KEYWORD = /^[ \t]*(?:"|\{|\}|$|(?:group|plan|review|updated|to)\b|[A-Z][A-Za-z0-9_]*[ \t]*(?:["{0-9$x]|$)|[0-9$])/;

/** True when a line (from its first character) reads as a line of .jobstd syntax, not prose. */
export function looksLikeSyntaxLine(text: string, lineStart: number): boolean {
    let i = lineStart;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    const first = text[i];
    if (first === '}' || first === '{') return true;
    const word = /^[a-z][A-Za-z-]*/.exec(text.slice(i, i + 24));
    if (!word || !LINE_KEYWORDS.has(word[0])) return false;
    const after = text.slice(i + word[0].length, text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i));
    return SYNTAX_AFTER_KEYWORD.test(after);
}

function lineEnd(text: string, offset: number): number {
    const newline = text.indexOf('\n', offset);
    const end = newline < 0 ? text.length : newline;
    return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

/** A header line's syntax after an unclosed title: `100 points {`, `7.4% {`, `numbered {`. No nested quantifiers over spaces. */
const HEADER_TAIL = /(?:[ \t]+(?:[0-9xX][0-9xX,.]*(?:[ \t]*(?:%|points?|pts?))?|\$[ \t]?[0-9xX][0-9xX,.]*|numbered|lettered|bulleted))*[ \t]*\{[ \t]*$/;

/** Offset after the last character of text[from, to) that is not a space or tab: linear, unlike /[ \t]+$/. */
function trimEnd(text: string, from: number, to: number): number {
    while (to > from && (text[to - 1] === ' ' || text[to - 1] === '\t')) to--;
    return to;
}

const COMPARATOR = String.raw`(?:within|at least|at most|no more than|no less than|up to(?: a maximum of)?|a maximum of|a minimum of|more than|less than|over|under|above|below|meet or exceed|reach or exceed|reach|exactly)`;
const VALUE = String.raw`(?:\\?\$ ?[0-9xX][0-9xX,.]*|[0-9xX][0-9xX,.]*%?|(?:\\?_){3,}|20[xX]{2})`;
/** What follows the text on a target, limit, requirement, pay or signature line: `within 6 minutes`, `_____ date _____`. */
const VALUE_TAIL = new RegExp(String.raw`^[ \t]+(?:${COMPARATOR}[ \t]+)?${VALUE}(?:[ \t]+(?:[A-Za-z][A-Za-z-]*|${VALUE}))*[ \t]*$`);
/** Lines whose text is followed by values, so an unclosed quote there stops where the values start. */
const VALUE_LINE = /^[ \t]*(?:target|kpi|authority|signature|education|experience|certification|license|skill|pay|when)\b/;

/** Where an unclosed quoted text that starts at `start` most likely ends: at the end of its line, before a `{` or the line's values. */
function unclosedEnd(text: string, start: number): number {
    let end = lineEnd(text, start);
    const comment = text.slice(start + 1, end).indexOf('//');
    if (comment >= 0) end = start + 1 + comment;
    end = trimEnd(text, start, end);
    // Only the end of a line can hold a header's syntax, so only the end is searched for it.
    if (text[end - 1] === '{') {
        const from = Math.max(start + 1, end - 200);
        const tail = HEADER_TAIL.exec(text.slice(from, end));
        if (tail) end = trimEnd(text, start, from + tail.index);
    }
    const lineStart = text.lastIndexOf('\n', start) + 1;
    // Bounded, so that a pathological long line stays linear.
    if (end - start <= 2000 && VALUE_LINE.test(text.slice(lineStart, start))) {
        const body = text.slice(start, end);
        // The earliest word from which the rest of the line reads as the line's values.
        for (let space = body.indexOf(' '); space > 0; space = body.indexOf(' ', space + 1)) {
            if (VALUE_TAIL.test(body.slice(space))) {
                end = trimEnd(text, start, start + space);
                break;
            }
        }
    }
    return end;
}

/** Characters after which a closing quote is really closing: end of line, space, brace, comma, comment. */
function closesCleanly(text: string, after: number): boolean {
    const next = text[after];
    return next === undefined || /[\s{},/]/.test(next);
}

/** The last quote that closes cleanly on the line last scanned for one. */
export interface QuoteMemo {
    lineEnd?: number;
    lastClean?: number;
}

/**
 * "…" from `start` (a double quote that does not open """). Linear: each call reads up to the
 * quote it stops at, and a later call starts after it.
 */
export function matchQuotedText(text: string, start: number, memo: QuoteMemo = {}): QuotedTextMatch {
    const close = text.indexOf('"', start + 1);
    // Each line break inside the text: does the next line read as syntax? Then the quote was never closed.
    for (let newline = text.indexOf('\n', start); newline >= 0 && (close < 0 || newline < close); newline = text.indexOf('\n', newline + 1)) {
        if (looksLikeSyntaxLine(text, newline + 1)) {
            const closeAt = unclosedEnd(text, start);
            return { end: closeAt, slip: { kind: 'unclosed-quote', closeAt } };
        }
    }
    if (close < 0) {
        const closeAt = unclosedEnd(text, start);
        return { end: closeAt, slip: { kind: 'unclosed-quote', closeAt } };
    }
    const sameLine = text.lastIndexOf('\n', close) < start;
    // A closing quote that opens its line and runs straight into words is the next line's opening quote.
    const closeLineStart = text.lastIndexOf('\n', close) + 1;
    if (!sameLine && /^[ \t]*$/.test(text.slice(closeLineStart, close)) && /[A-Za-z0-9]/.test(text[close + 1] ?? '')) {
        const closeAt = unclosedEnd(text, start);
        return { end: closeAt, slip: { kind: 'unclosed-quote', closeAt } };
    }
    if (!/[A-Za-z0-9]/.test(text[close + 1] ?? '')) return { end: close + 1 };
    // `"Answers the "main" line."`: a quote followed by a word is inside the text. The text
    // ends at the last quote on that line that closes cleanly.
    const end = lineEnd(text, close);
    if (memo.lineEnd !== end) {
        // Found once per line: a line of many quotes is not rescanned for each of them.
        memo.lineEnd = end;
        memo.lastClean = -1;
        for (let q = text.indexOf('"', close + 1); q >= 0 && q < end; q = text.indexOf('"', q + 1)) {
            if (closesCleanly(text, q + 1)) memo.lastClean = q;
        }
    }
    const last = memo.lastClean! > close ? memo.lastClean! : -1;
    if (last < 0) {
        // Nothing on the line closes the text cleanly (`"a"b"a"b`): it runs to the end of the line, unclosed.
        const closeAt = unclosedEnd(text, start);
        return { end: closeAt, slip: { kind: 'unclosed-quote', closeAt } };
    }
    return { end: last + 1, slip: { kind: 'inner-quotes' } };
}

/** """…""" from `start`. `noCloseAfter` remembers a failed search so that no later call repeats it. */
export function matchTextBlock(text: string, start: number, memo: { noCloseAfter?: number }): QuotedTextMatch {
    const close = memo.noCloseAfter !== undefined && start >= memo.noCloseAfter ? -1 : text.indexOf('"""', start + 3);
    if (close >= 0) return { end: close + 3 };
    memo.noCloseAfter = start;
    const closeAt = unclosedEnd(text, start);
    return { end: closeAt, slip: { kind: 'unclosed-text-block', closeAt } };
}

/** A block comment from `start`: an unclosed one runs to the end of the file, as in C. */
export function matchBlockComment(text: string, start: number): QuotedTextMatch {
    const close = text.indexOf('*/', start + 2);
    if (close >= 0) return { end: close + 2 };
    return { end: text.length, slip: { kind: 'unclosed-comment' } };
}

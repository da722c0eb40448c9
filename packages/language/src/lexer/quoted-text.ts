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
    'job', 'ladder', 'library', 'section', 'training', 'task', 'competency', 'uses', 'scale', 'characteristics',
    'target', 'kpi', 'authority', 'role', 'schedule', 'shift', 'letter', 'signature', 'pay', 'benefit',
    'incentive', 'bonus', 'requirements', 'education', 'experience', 'certification', 'license', 'licence', 'skill',
    'subtitle', 'code', 'level', 'family', 'reports', 'flsa', 'location', 'created', 'updated', 'next', 'sme',
    'summary', 'disclaimer', 'definition', 'last', 'behaviours', 'behaviors', 'intro', 'when', 'rate',
    'amount', 'condition', 'paid', 'to', 'from', 'subject', 'signed', 'scope',
    'grade', 'band', 'levels', 'occupation', 'status', 'effective', 'time', 'inherits', 'requires', 'proficiency',
    'physical', 'working', 'or',
]);

/** `keyword … "`, `keyword {`, `task group A`, `uses Name`: a keyword followed by what syntax puts there. */
const SYNTAX_AFTER_KEYWORD = /^[ \t]*(?:"|\{|\}|$|(?:group|plan|review|updated|to)\b|[A-Z][A-Za-z0-9_]*[ \t]*(?:["{0-9$x]|$)|[0-9$])/;

/** A value that ends a line: `P3`, `7`, `7.5`, `[Grade]`, `TBD`, perhaps a comment after it. */
const LAST_VALUE = String.raw`(?:[0-9][0-9,.]*|[A-Za-z][A-Za-z0-9_]*|\[[^\]\r\n]*\])[ \t]*(?:\/\/.*)?$`;
/** A level of proficiency: a number or a blank still to be filled in. */
const LEVEL_VALUE = String.raw`(?:[0-9]+|[xX]{2,}|TB[DCA]|\[[^\]\r\n]*\]|(?:\\?_){3,})[ \t]*(?:\/\/.*)?$`;
const DATE_VALUE = String.raw`(?:[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?|[0-9]+|[0-9X]{2}\/[0-9X]{2}\/[0-9X]{2,4}|MM\/DD\/YYYY|TB[DCA]|\[[^\]\r\n]*\])`;

/**
 * Keywords whose line has a shape of its own, stricter than the default, because the word also
 * opens sentences: "time sheets are signed", "status of each order", "requires a valid licence",
 * "working with families". Only the line's own syntax makes them syntax.
 */
const SYNTAX_AFTER: Record<string, RegExp> = {
    ladder: /^[ \t]*(?:"|$)/,
    time: /^[ \t]+in[ \t]+level[ \t]+(?:(?:typically|about)[ \t]+)?[0-9]/,
    requires: new RegExp(String.raw`^[ \t]+[A-Za-z][A-Za-z0-9_]*[ \t]+${LEVEL_VALUE}`),
    inherits: /^[ \t]+[A-Za-z][A-Za-z0-9_]*[ \t]*(?:\/\/.*)?$/,
    grade: new RegExp(String.raw`^[ \t]+(?:"|${LAST_VALUE})`),
    band: new RegExp(String.raw`^[ \t]+(?:"|${LAST_VALUE})`),
    levels: /^[ \t]+[0-9]+[ \t]*(?:\/\/.*)?$/,
    occupation: /^[ \t]+(?:onet|soc|isco)[ \t]+"/,
    status: /^[ \t]+(?:draft|in[ \t]+review|approved|retired)\b/,
    effective: new RegExp(String.raw`^[ \t]+${DATE_VALUE}[ \t]*(?:\/\/.*)?$`),
    physical: /^[ \t]+demands[ \t]*\{/,
    working: /^[ \t]+conditions[ \t]*\{/,
    proficiency: /^[ \t]*(?:[A-Za-z][A-Za-z0-9_]*[ \t]*)?\{/,
    // `or "Hourly pay" $25 per hour`, an alternative of the pay term above.
    or: /^[ \t]+"/,
};

/** Does a keyword's line have a shape of its own, so that the shape alone tells syntax from prose? */
export function hasOwnShape(keyword: string): boolean {
    return SYNTAX_AFTER[keyword] !== undefined;
}

/** `1 "Basic" {`: a descriptor of a competency's proficiency level opens with its number. */
const DESCRIPTOR_HEADER = /^[0-9]+[ \t]*(?:"[^"\r\n]*"[ \t]*)?\{[ \t]*(?:\/\/.*)?$/;

/** True when a line (from its first character) reads as a line of .jobstd syntax, not prose. */
export function looksLikeSyntaxLine(text: string, lineStart: number): boolean {
    let i = lineStart;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    const first = text[i];
    if (first === '}' || first === '{') return true;
    const end = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    // Bounded: a descriptor header is short, and a long line of digits must not be rescanned.
    if (first >= '0' && first <= '9') return DESCRIPTOR_HEADER.test(text.slice(i, Math.min(end, i + 200)).replace(/\r$/, ''));
    const word = /^[a-z][A-Za-z-]*/.exec(text.slice(i, i + 24));
    if (!word || !LINE_KEYWORDS.has(word[0])) return false;
    const strict = SYNTAX_AFTER[word[0]];
    // The strict shapes are all short lines: a bounded slice keeps a long line of prose linear.
    const after = text.slice(i + word[0].length, strict ? Math.min(end, i + word[0].length + 400) : end);
    return (strict ?? SYNTAX_AFTER_KEYWORD).test(strict ? after.replace(/\r$/, '') : after);
}

function lineEnd(text: string, offset: number): number {
    const newline = text.indexOf('\n', offset);
    const end = newline < 0 ? text.length : newline;
    return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

/** A header line's syntax after an unclosed title: `100 points {`, `7.4% {`, `numbered {`, `40% marginal {`. No nested quantifiers over spaces. */
const HEADER_TAIL = /(?:[ \t]+(?:[0-9xX][0-9xX,.]*(?:[ \t]*(?:%|points?|pts?))?|\$[ \t]?[0-9xX][0-9xX,.]*|numbered|lettered|bulleted|essential|marginal|desirable|required|preferred))*[ \t]*\{[ \t]*$/;

/** Offset after the last character of text[from, to) that is not a space or tab: linear, unlike /[ \t]+$/. */
function trimEnd(text: string, from: number, to: number): number {
    while (to > from && (text[to - 1] === ' ' || text[to - 1] === '\t')) to--;
    return to;
}

const COMPARATOR = String.raw`(?:within|at least|at most|no more than|no less than|up to(?: a maximum of)?|a maximum of|a minimum of|more than|less than|over|under|above|below|meet or exceed|reach or exceed|reach|exactly|on)`;
/** One value: an amount, a number or percentage, a date, a blank or a field to fill in (`[Salary]`, `TBD`). */
const ONE_VALUE = String.raw`(?:\\?\$ ?[0-9xX][0-9xX,.]*|[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?|[0-9xX][0-9xX,.]*%?|(?:\\?_){3,}|20[xX]{2}|\[[^\]\r\n"]{1,60}\]|TB[DCA])`;
/** A value, a range of two (`$52,000–$68,000`, `3 - 5`), an open one (`2+`) or a spelled number (`three (3)`). */
const VALUE = String.raw`(?:[a-z]+[ \t]+\([0-9]+\)|${ONE_VALUE}(?:\+|[ \t]*[–-][ \t]*${ONE_VALUE})?)`;
/** What follows the text on a target, limit, requirement, pay or signature line: `within 6 minutes`, `_____ date _____`. */
const VALUE_TAIL = new RegExp(String.raw`^[ \t]+(?:${COMPARATOR}[ \t]+)?${VALUE}(?:[ \t]+(?:[A-Za-z][A-Za-z-]*|${VALUE}))*[ \t]*$`);
/** Lines whose text is followed by values, so an unclosed quote there stops where the values start. */
const VALUE_LINE = /^[ \t]*(?:target|kpi|authority|signature|education|experience|certification|license|licence|skill|pay|when|status|or)\b/;
/** Lines of a requirement, whose text may end in a necessity alone: `education "Degree in social work" essential`. */
const REQUIREMENT_LINE = /^[ \t]*(?:education|experience|certification|license|licence|skill)\b/;

const MARK = String.raw`(?:essential|marginal|desirable|required|preferred)`;
/** After a statement's text, a duty's share and mark: `35% essential`, `20 points`, `marginal`. */
const DUTY_TAIL = new RegExp(String.raw`^[ \t]+(?:[0-9xX][0-9xX,.]*(?:%|[ \t]+(?:points?|pts))(?:[ \t]+${MARK})?|${MARK})[ \t]*$`);
const NECESSITY_TAIL = new RegExp(String.raw`^[ \t]+${MARK}[ \t]*$`);
/** After a physical demand or working condition, how often: `occasionally`. */
const FREQUENCY_TAIL = /^[ \t]+(?:never|rarely|occasionally|frequently|constantly)[ \t]*$/;
/** Words after which "essential" or "preferred" ends a sentence rather than marks it: "a degree is preferred". */
const COPULA = /(?:^|[ \t])(?:is|are|be|been|was|were|considered|deemed|highly|very|not|also|seen as)$/i;

/** A condition block's header, the only block whose lines end in a frequency word. */
const CONDITIONS_HEADER = /^[ \t]*(?:physical[ \t]+demands|working[ \t]+conditions)[ \t]*\{/;

/**
 * Is the line that starts at `lineStart` inside `physical demands {` or `working conditions {`?
 * Those hold nothing but quoted lines, so the search goes up over quoted lines only, and not far.
 */
function insideConditions(text: string, lineStart: number): boolean {
    let end = lineStart - 1;
    for (let lines = 0; end > 0 && lines < 60 && lineStart - end < 4000; lines++) {
        const start = text.lastIndexOf('\n', end - 1) + 1;
        const line = text.slice(start, end);
        if (CONDITIONS_HEADER.test(line)) return true;
        if (/\S/.test(line) && !/^[ \t]*(?:"|\/\/)/.test(line)) return false;
        end = start - 1;
    }
    return false;
}

/** Words after which a number belongs to the sentence: "reduces waste by 5%", "keeps errors below 2%". */
const BEFORE_QUANTITY = /(?:^|[ \t])(?:below|above|under|over|than|of|to|by|within|least|most|about|around|exceed|at|in|per|from|only)$/i;

/**
 * Does the tail at `cut` end the sentence rather than give the line's syntax? "A degree is
 * preferred", "reduces waste by 5%": the word before the tail says so.
 */
function endsSentence(text: string, from: number, cut: number, tail: string): boolean {
    const before = text.slice(Math.max(from, cut - 20), cut);
    if (new RegExp(String.raw`^[ \t]+${MARK}`).test(tail)) return COPULA.test(before);
    return /^[ \t]+[0-9xX]/.test(tail) && BEFORE_QUANTITY.test(before);
}

/** Where an unclosed quoted text that starts at `start` most likely ends: at the end of its line, before a `{` or the line's values. */
function unclosedEnd(text: string, start: number, limit?: number): number {
    let end = limit ?? lineEnd(text, start);
    const comment = text.slice(start + 1, end).indexOf('//');
    if (comment >= 0) end = start + 1 + comment;
    end = trimEnd(text, start, end);
    // Only the end of a line can hold a header's syntax, so only the end is searched for it.
    if (text[end - 1] === '{') {
        const from = Math.max(start + 1, end - 200);
        const tail = HEADER_TAIL.exec(text.slice(from, end));
        if (tail && !endsSentence(text, start + 1, from + tail.index, tail[0])) end = trimEnd(text, start, from + tail.index);
        return end;
    }
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const before = text.slice(lineStart, start);
    // Bounded, so that a pathological long line stays linear.
    if (end - start > 2000) return end;
    const tails: RegExp[] = [];
    if (VALUE_LINE.test(before)) tails.push(VALUE_TAIL);
    if (REQUIREMENT_LINE.test(before)) tails.push(NECESSITY_TAIL);
    // A quote that opens its line is a statement, a duty or a demand.
    if (/^[ \t]*$/.test(before)) tails.push(DUTY_TAIL, ...(insideConditions(text, lineStart) ? [FREQUENCY_TAIL] : []));
    if (tails.length === 0) return end;
    const body = text.slice(start, end);
    // The earliest word from which the rest of the line reads as the line's values.
    for (let space = body.search(/[ \t]/); space > 0; space = nextSpace(body, space + 1)) {
        const tail = body.slice(space);
        const fits = tails.find(t => t.test(tail));
        // A target's values are its values whatever word comes before; a duty's share or a mark may be the sentence's.
        if (fits && (fits === VALUE_TAIL || !endsSentence(text, start + 1, start + space, tail))) {
            return trimEnd(text, start, start + space);
        }
    }
    return end;
}

function nextSpace(body: string, from: number): number {
    const space = body.indexOf(' ', from);
    const tab = body.indexOf('\t', from);
    return space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
}

/**
 * `licence "Driving licence issued by "DVLA"`, `pay "Base salary $X weekly or "Hourly pay" $Y`,
 * `occupation onet "43-4051.00 "Customer Service…"`: a quote that opens the line's next text,
 * after a word that leads to it, means the text before was never closed. Where it ends, if so.
 */
function closedBeforeNextText(text: string, start: number, close: number): number | undefined {
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const before = text.slice(lineStart, start);
    const inside = text.slice(start + 1, close);
    if (/^[ \t]*occupation[ \t]+(?:onet|soc|isco)[ \t]+$/.test(before)) {
        const code = /^[0-9A-Za-z.-]+(?=[ \t]+$)/.exec(inside);
        return code ? start + 1 + code[0].length : undefined;
    }
    if (!VALUE_LINE.test(before) || inside.length > 2000) return undefined;
    const leading = /[ \t]+(?:issued[ \t]+by|from|or)[ \t]+$/.exec(inside);
    return leading ? unclosedEnd(text, start, start + 1 + leading.index) : undefined;
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
    const closedBefore = sameLine ? closedBeforeNextText(text, start, close) : undefined;
    if (closedBefore !== undefined) return { end: closedBefore, slip: { kind: 'unclosed-quote', closeAt: closedBefore } };
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

import type { IToken } from 'chevrotain';
import { quote } from '../jobstd-writer.js';
import type { QuotedTextSlip } from './quoted-text.js';
import { LINE_KEYWORDS, looksLikeSyntaxLine } from './quoted-text.js';
import { errorsIn, finding, isType, shown, startsLine, tokenEnd, tokenOver, TokenRewrite, type LexedText, type LineIndex } from './tokens.js';

/**
 * Repairs of the token stream for the slips people make while typing. Each repair reports the
 * slip once, where it was made, and hands the parser the tokens the analyst meant, so that
 * nothing after the slip is lost or misread.
 */

// ----- unclosed and doubled quotes, unclosed blocks and comments ---------------------------

/** Findings for the quoted texts and comments whose end the lexer had to decide. */
export function reportQuotedText(lexed: LexedText, hidden: IToken[], lines: LineIndex): void {
    for (const token of lexed.tokens) reportSlip(lexed, token, lines);
    for (const token of hidden) reportSlip(lexed, token, lines);
}

function reportSlip(lexed: LexedText, token: IToken, lines: LineIndex): void {
    const { text } = lexed;
    const slip = token.payload as QuotedTextSlip | undefined;
    if (!slip) return;
    const start = token.startOffset;
    switch (slip.kind) {
        case 'unclosed-quote':
            lexed.findings.push(finding(lines, 'unclosed-quote', start, 1,
                `This quote is not closed: the text "${shown(text.slice(start + 1, slip.closeAt))}" needs a closing " where it ends.`,
                { title: 'Close the quote', offset: slip.closeAt, length: 0, newText: '"' }));
            token.image = `${token.image}"`;
            break;
        case 'unclosed-text-block':
            lexed.findings.push(finding(lines, 'unclosed-text-block', start, 3,
                'This """ is not closed: the text needs a closing """ where it ends.',
                { title: 'Close the """ text', offset: slip.closeAt, length: 0, newText: '"""' }));
            token.image = `${token.image}"""`;
            break;
        case 'inner-quotes': {
            const inner = token.image.slice(1, -1);
            lexed.findings.push(finding(lines, 'inner-quotes', start, token.image.length,
                'This text holds double quotes, which would end it early: write it in triple quotes, """like this""".',
                { title: 'Use triple quotes', offset: start, length: token.image.length, newText: quote(inner) }));
            break;
        }
        case 'unclosed-comment':
            lexed.findings.push(finding(lines, 'unclosed-comment', start, 2,
                'This comment is not closed: everything after it is read as a comment. Add */ where the comment ends.'));
            break;
    }
}

// ----- unit words: 7.5 pct, 60 pts ------------------------------------------------------------

const PERCENT_WORDS = new Set(['pct', 'percent']);

/** `7.5 pct`, `7.5 percent`, `7.5 %` read as 7.5%; `60 pt` as 60 points. Accepted as written. */
export function acceptUnitWords(lexed: LexedText, lines: LineIndex): void {
    const { tokens, text, types } = lexed;
    const rewrite = new TokenRewrite(tokens);
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (!isType(token, 'NUMBER')) {
            rewrite.keep(i);
            continue;
        }
        const next = tokens[i + 1];
        if (next && next.startLine === token.endLine && isType(next, 'ID') && /^[ \t]+$/.test(text.slice(tokenEnd(token), next.startOffset))) {
            if (PERCENT_WORDS.has(next.image.toLowerCase())) {
                rewrite.replace(i, tokenOver(types.PERCENT, `${token.image}%`, token.startOffset, tokenEnd(next), lines));
                i++;
                continue;
            }
            if (next.image === 'pt') {
                rewrite.replace(i, token, tokenOver(types.points, 'points', next.startOffset, tokenEnd(next), lines));
                i++;
                continue;
            }
        }
        // "7.5 %": the lexer left the % as an unexpected character.
        const after = /^[ \t]+%/.exec(text.slice(tokenEnd(token), tokenEnd(token) + 8));
        const percent = after ? errorsIn(lexed, tokenEnd(token) + after[0].length - 1, tokenEnd(token) + after[0].length)[0] : undefined;
        if (after && percent && percent.length === 1) {
            lexed.explained.add(percent);
            rewrite.replace(i, tokenOver(types.PERCENT, `${token.image}%`, token.startOffset, tokenEnd(token) + after[0].length, lines));
            continue;
        }
        rewrite.keep(i);
    }
    lexed.tokens = rewrite.result();
}

// ----- misspelt and capitalised keywords --------------------------------------------------------

/**
 * The keywords a misspelling is matched against: those that start a line, less the everyday
 * words among them ("to", "from", "next", "paid"), which a sentence starts with as often.
 */
const EVERYDAY_WORDS = new Set(['to', 'from', 'next', 'last', 'when', 'rate', 'amount', 'paid']);
const LINE_START_KEYWORDS = [...LINE_KEYWORDS].filter(keyword => !EVERYDAY_WORDS.has(keyword));

/** Edits between two words, a swap of neighbours counting as one (optimal string alignment). */
export function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

/** The keyword a word at the start of a line was meant to be, if it is close enough to one. */
export function meantKeyword(word: string): string | undefined {
    const lower = word.toLowerCase();
    if (word.length < 3) return undefined;
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const keyword of LINE_START_KEYWORDS) {
        if (Math.abs(keyword.length - lower.length) > 2) continue;
        const distance = editDistance(lower, keyword);
        if (distance < bestDistance) {
            best = keyword;
            bestDistance = distance;
        }
    }
    const allowed = lower.length >= 7 ? 2 : lower.length >= 4 ? 1 : 0;
    return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/**
 * A line that starts with a near-keyword (`competancy`, `secton`, `Section`) and goes on the way
 * that keyword's line does is read as that keyword, with a "did you mean" finding.
 */
export function repairKeywords(lexed: LexedText, lines: LineIndex): void {
    const { tokens, text, types } = lexed;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (!isType(token, 'ID') || !startsLine(tokens, i)) continue;
        const next = tokens[i + 1];
        // "Pace 3 …" is a rating on a scale named Pace, whatever the name resembles.
        if (isType(next, 'NUMBER', 'PLACEHOLDER', 'PERCENT', ',')) continue;
        const meant = meantKeyword(token.image);
        if (!meant || !types[meant]) continue;
        const capitalised = meant === token.image.toLowerCase();
        // A capitalised keyword is taken as one only before a quote, a brace or a name: "Level 3" may be a scale.
        if (capitalised && !isType(next, 'STRING', 'TEXT', '{', 'ID')) continue;
        const lineStart = lines.lineStart(token.startLine!);
        const rewritten = text.slice(lineStart, token.startOffset) + meant + text.slice(tokenEnd(token), lines.lineEnd(token.startLine!));
        if (!looksLikeSyntaxLine(rewritten, 0)) continue;
        // "taks group": a two-word keyword is only meant when its second word follows.
        if ((meant === 'task' && !isType(next, 'group')) || (meant === 'training' && !isType(next, 'plan'))) continue;
        lexed.findings.push(finding(lines, 'misspelt-keyword', token.startOffset, token.image.length,
            capitalised
                ? `'${token.image}' is written in lower case: '${meant}'.`
                : `Unknown word '${token.image}': did you mean '${meant}'?`,
            { title: `Change to '${meant}'`, offset: token.startOffset, length: token.image.length, newText: meant }));
        tokens[i] = tokenOver(types[meant], meant, token.startOffset, tokenEnd(token), lines);
    }
}

// ----- prose without quotes ---------------------------------------------------------------------

/** Tokens after which a line goes on with the same construct, so its first word is not prose. */
const CONTINUES = new Set([',', 'to', 'uses', 'of', 'among', 'per', 'each', 'level', 'linked', 'group', 'reports']);

/**
 * A line that starts with a plain word and is not a rating (`Pace 3 "…"`) is prose someone
 * forgot to quote: it becomes the statement it was meant to be, with a finding that offers the quotes.
 */
export function quoteProse(lexed: LexedText, lines: LineIndex): void {
    const { tokens, text, types } = lexed;
    const rewrite = new TokenRewrite(tokens);
    // The keyword that opened each enclosing block: in `characteristics { }` every line is a rating.
    const blocks: string[] = [];
    let lineKeyword = '';
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (startsLine(tokens, i)) lineKeyword = token.tokenType.name;
        if (isType(token, '{')) blocks.push(lineKeyword);
        else if (isType(token, '}')) blocks.pop();
        const previous = rewrite.previous(i);
        if (!isType(token, 'ID') || !startsLine(tokens, i) || (previous && CONTINUES.has(previous.tokenType.name))
            || blocks[blocks.length - 1] === 'characteristics') {
            rewrite.keep(i);
            continue;
        }
        const line = token.startLine!;
        const second = tokens[i + 1];
        // `Pace 3 "Fast"`, `Pace "Fast"`: a rating, however incomplete.
        const rating = second !== undefined && second.startLine === line && isType(second, 'NUMBER', 'PLACEHOLDER', 'PERCENT', 'STRING', 'TEXT');
        let last = i;
        while (last + 1 < tokens.length && tokens[last + 1].startLine === line && !isType(tokens[last + 1], '{', '}')) last++;
        const following = tokens[last + 1];
        const opensBlock = isType(following, '{') && following.startLine === line;
        // Punctuation the lexer could not read belongs to the sentence: "Keeps the room tidy."
        const boundary = following && following.startLine === line ? following.startOffset : lines.lineEnd(line);
        const strays = rating || opensBlock ? [] : errorsIn(lexed, token.startOffset, boundary);
        if (opensBlock || rating || last - i + 1 + strays.length < 2) {
            rewrite.keep(i);
            continue;
        }
        let end = tokenEnd(tokens[last]);
        for (const stray of strays) {
            end = Math.max(end, stray.offset + stray.length);
            lexed.explained.add(stray);
        }
        const prose = text.slice(token.startOffset, end);
        const quoted = quote(prose);
        lexed.findings.push(finding(lines, 'unquoted-prose', token.startOffset, end - token.startOffset,
            `This text needs quotes: "${shown(prose)}" is read as a statement. Put it in quotes.`,
            { title: 'Put the text in quotes', offset: token.startOffset, length: end - token.startOffset, newText: quoted }));
        rewrite.replace(i, tokenOver(quoted.startsWith('"""') ? types.TEXT : types.STRING, quoted, token.startOffset, end, lines));
        i = last;
    }
    lexed.tokens = rewrite.result();
}

// ----- unquoted text after a keyword that takes text ----------------------------------------

/** Keywords followed by text: `summary The role…`, `section Duties {`, `target Answers calls within 3 rings`. */
const TAKES_TEXT = new Set(['summary', 'subtitle', 'family', 'location', 'definition', 'disclaimer', 'intro', 'benefit',
    'condition', 'subject', 'signed', 'sme', 'scope', 'section', 'plan', 'target', 'kpi']);
/** Where an unquoted measure of a target ends: its comparator or its number. */
const TARGET_SPEC = new Set(['within', 'at', 'no', 'up', 'a', 'more', 'less', 'over', 'under', 'above', 'below', 'meet', 'reach', 'exactly',
    'NUMBER', 'PERCENT', 'MONEY', 'PLACEHOLDER']);

export function quoteTextAfterKeywords(lexed: LexedText, lines: LineIndex): void {
    const { tokens, text, types } = lexed;
    const rewrite = new TokenRewrite(tokens);
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        rewrite.keep(i);
        const first = tokens[i + 1];
        if (!TAKES_TEXT.has(token.tokenType.name) || !isType(first, 'ID') || first.startLine !== token.endLine) continue;
        const line = first.startLine!;
        const isTarget = isType(token, 'target', 'kpi');
        let last = i + 1;
        while (last + 1 < tokens.length && tokens[last + 1].startLine === line && !isType(tokens[last + 1], '{', '}')
            && !(isTarget && TARGET_SPEC.has(tokens[last + 1].tokenType.name))) last++;
        let end = tokenEnd(tokens[last]);
        const next = tokens[last + 1];
        const boundary = next && next.startLine === line ? next.startOffset : lines.lineEnd(line);
        for (const stray of errorsIn(lexed, first.startOffset, boundary)) {
            end = Math.max(end, stray.offset + stray.length);
            lexed.explained.add(stray);
        }
        const prose = text.slice(first.startOffset, end);
        const quoted = quote(prose);
        lexed.findings.push(finding(lines, 'unquoted-prose', first.startOffset, end - first.startOffset,
            `This text needs quotes: write ${token.image} "${shown(prose)}".`,
            { title: 'Put the text in quotes', offset: first.startOffset, length: end - first.startOffset, newText: quoted }));
        rewrite.replace(i + 1, tokenOver(quoted.startsWith('"""') ? types.TEXT : types.STRING, quoted, first.startOffset, end, lines));
        i = last;
    }
    lexed.tokens = rewrite.result();
}

// ----- stray commas and colons ------------------------------------------------------------------

const DAYS = new Set(['Mon', 'Monday', 'Tue', 'Tuesday', 'Wed', 'Wednesday', 'Thu', 'Thursday', 'Fri', 'Friday', 'Sat', 'Saturday', 'Sun', 'Sunday']);

/**
 * A comma belongs only in a list (`linked to A, B`, `Mon–Fri 7:00am–4:00pm, Sat …`); a colon
 * nowhere outside text. Others are dropped, with a finding that offers to remove them.
 */
export function repairPunctuation(lexed: LexedText, lines: LineIndex): void {
    const { tokens, text, types } = lexed;
    const rewrite = new TokenRewrite(tokens);
    let inLinks = false;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        const previous = rewrite.previous(i);
        if (isType(token, 'to') && isType(previous, 'linked')) {
            inLinks = true;
        } else if (inLinks && isType(token, 'ID') && isType(previous, 'ID') && previous!.endLine === token.startLine) {
            // `linked to A B`: names of a list one after another on a line want commas between them.
            const at = tokenEnd(previous!);
            lexed.findings.push(finding(lines, 'stray-punctuation', previous!.startOffset, tokenEnd(token) - previous!.startOffset,
                `Separate the names of a list with commas: '${previous!.image}, ${token.image}'.`,
                { title: 'Add the comma', offset: at, length: 0, newText: ',' }));
            rewrite.replace(i, tokenOver(types[','], ',', at, at, lines), token);
            continue;
        } else if (!isType(token, 'ID', ',')) {
            inLinks = false;
        }
        if (isType(token, ',')) {
            const after = tokens[i + 1];
            // A comma at the very end is a list still being typed.
            const inList = isType(previous, 'ID', 'TIME') && (after === undefined || isType(after, 'ID') || DAYS.has(after.tokenType.name));
            if (!inList) {
                lexed.findings.push(finding(lines, 'stray-punctuation', token.startOffset, 1,
                    "This ',' does not belong here: commas only separate the names of a list, as in 'linked to A, B'.",
                    { title: "Remove the ','", offset: token.startOffset, length: 1, newText: '' }));
                rewrite.replace(i);
                continue;
            }
        }
        rewrite.keep(i);
    }
    lexed.tokens = rewrite.result();
    for (const error of lexed.errors) {
        if (lexed.explained.has(error)) continue;
        const chars = text.slice(error.offset, error.offset + error.length);
        if (!/^[:;]+$/.test(chars)) continue;
        lexed.explained.add(error);
        lexed.findings.push(finding(lines, 'stray-punctuation', error.offset, error.length,
            `This '${chars}' does not belong here: write the word and its value with a space between, as in 'level "Senior"'.`,
            { title: `Remove the '${chars}'`, offset: error.offset, length: error.length, newText: '' }));
    }
}

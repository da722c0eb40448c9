import type { IToken } from 'chevrotain';
import { quote } from '../jobstd-writer.js';
import type { QuotedTextSlip } from './quoted-text.js';
import { hasOwnShape, LINE_KEYWORDS, looksLikeSyntaxLine } from './quoted-text.js';
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
const EVERYDAY_WORDS = new Set(['to', 'from', 'next', 'last', 'when', 'rate', 'amount', 'paid', 'or']);
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

/** Keywords of two words, whose first is only meant when the second follows: "taks group", "Physical Demands". */
const SECOND_WORDS: Record<string, string> = { task: 'group', training: 'plan', physical: 'demands', working: 'conditions', time: 'in' };

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
        const meant = meantKeyword(token.image);
        if (!meant || !types[meant]) continue;
        // "Pace 3 …" is a rating on a scale named Pace, whatever the name resembles; `levles 5` can only be one line.
        if (isType(next, 'NUMBER', 'PLACEHOLDER', 'PERCENT', ',') && !(meant === 'levels' && meant !== token.image.toLowerCase())) continue;
        // "taks group": a two-word keyword is only meant when its second word follows, in any case.
        const second = SECOND_WORDS[meant];
        const secondWord = second !== undefined && next !== undefined && next.startLine === token.startLine
            && next.image.toLowerCase() === second ? next : undefined;
        if (second !== undefined && !secondWord) continue;
        const recased = secondWord !== undefined && secondWord.image !== second;
        const capitalised = meant === token.image.toLowerCase();
        // A capitalised keyword is taken as one only before a quote, a brace or a name ("Level 3" may be a
        // scale), or where its line has a shape of its own: `Status approved`, `Effective 2026-04-01`.
        if (capitalised && !secondWord && !hasOwnShape(meant) && !isType(next, 'STRING', 'TEXT', '{', 'ID')) continue;
        const end = tokenEnd(secondWord ?? token);
        const written = text.slice(token.startOffset, end);
        const intended = secondWord ? `${meant} ${second}` : meant;
        const lineStart = lines.lineStart(token.startLine!);
        const rewritten = text.slice(lineStart, token.startOffset) + meant
            + (secondWord ? text.slice(tokenEnd(token), secondWord.startOffset) + second : '') + text.slice(end, lines.lineEnd(token.startLine!));
        if (!looksLikeSyntaxLine(rewritten, 0)) continue;
        const fix = { title: `Change to '${intended}'`, offset: token.startOffset, length: end - token.startOffset,
            newText: secondWord ? `${meant}${text.slice(tokenEnd(token), secondWord.startOffset)}${second}` : meant };
        lexed.findings.push(finding(lines, 'misspelt-keyword', token.startOffset, end - token.startOffset,
            capitalised
                ? `'${written}' is written in lower case: '${intended}'.`
                : `Unknown word '${token.image}': did you mean '${intended}'?`,
            fix));
        tokens[i] = tokenOver(types[meant], meant, token.startOffset, tokenEnd(token), lines);
        if (recased) tokens[i + 1] = tokenOver(types[second], second, secondWord.startOffset, tokenEnd(secondWord), lines);
    }
}

// ----- prose without quotes ---------------------------------------------------------------------

/** Tokens after which a line goes on with the same construct, so its first word is not prose. */
const CONTINUES = new Set([',', 'to', 'uses', 'of', 'among', 'per', 'each', 'level', 'linked', 'group', 'reports',
    'or', 'by', 'from', 'issued', 'requires', 'inherits', 'occupation', 'onet', 'soc', 'isco']);

/**
 * Keywords that are everyday words and open sentences as often as lines of syntax: "on call every
 * third weekend", "time sheets are signed on Fridays", "never leaves the counter unattended". A
 * line they start is prose when it does not have their syntax's shape and holds a plain word.
 */
const PROSE_KEYWORDS = new Set(['on', 'by', 'time', 'about', 'never', 'status', 'working', 'physical', 'effective',
    'typically', 'rarely', 'occasionally', 'frequently', 'constantly', 'essential', 'marginal', 'desirable', 'required',
    'preferred', 'issued', 'approved', 'retired', 'draft', 'grade', 'band', 'levels', 'requires', 'inherits', 'occupation']);
/** A status's value, after which `by …` or `on …` on the next line still belongs to the status. */
const STATUS_VALUES = new Set(['draft', 'review', 'approved', 'retired']);

const DUTY_MARKS = new Set(['essential', 'marginal', 'desirable', 'required', 'preferred']);
const DEMAND_FREQUENCIES = new Set(['never', 'rarely', 'occasionally', 'frequently', 'constantly']);
/** Blocks of physical demands and working conditions, by the keyword that opens them. */
const CONDITIONS_BLOCKS = new Set(['physical', 'working']);
/** Words after which "essential" or "required" ends the sentence: "attendance is required". */
const COPULAS = new Set(['is', 'are', 'be', 'been', 'was', 'were', 'considered', 'deemed', 'highly', 'very', 'not', 'also']);
/** Words after which a percentage belongs to the sentence: "reduces waste by 5%". */
const BEFORE_QUANTITY = new Set(['below', 'above', 'under', 'over', 'than', 'of', 'to', 'by', 'within', 'least', 'most',
    'about', 'around', 'exceed', 'at', 'in', 'per', 'from', 'only']);

/**
 * The last token of an unquoted line's prose: a duty's share and mark (`60% essential`) or a
 * demand's frequency (`occasionally`) at its end stay what they are, unless the sentence needs them.
 */
function proseEnd(tokens: IToken[], first: number, last: number, inConditions: boolean): number {
    const word = (k: number) => tokens[k].image.toLowerCase();
    if (inConditions && last > first && DEMAND_FREQUENCIES.has(tokens[last].tokenType.name)) return last - 1;
    let end = last;
    if (end > first && DUTY_MARKS.has(tokens[end].tokenType.name) && !COPULAS.has(word(end - 1))) end--;
    const marked = end < last;
    // The share before the mark, or a share in points; a share alone ("Resolves tickets 60%") may be the sentence's.
    let weight = -1;
    if (end - 1 > first && isType(tokens[end], 'points', 'point', 'pts') && isType(tokens[end - 1], 'NUMBER', 'PLACEHOLDER')) weight = end - 1;
    else if (marked && end > first && isType(tokens[end], 'PERCENT', 'NUMBER', 'PLACEHOLDER')) weight = end;
    if (weight > first && !BEFORE_QUANTITY.has(word(weight - 1))) return weight - 1;
    return end;
}

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
        const keywordProse = PROSE_KEYWORDS.has(token.tokenType.name);
        if (!(isType(token, 'ID') || keywordProse) || !startsLine(tokens, i) || (previous && CONTINUES.has(previous.tokenType.name))
            || blocks[blocks.length - 1] === 'characteristics') {
            rewrite.keep(i);
            continue;
        }
        const line = token.startLine!;
        const second = tokens[i + 1];
        let last = i;
        while (last + 1 < tokens.length && tokens[last + 1].startLine === line && !isType(tokens[last + 1], '{', '}')) last++;
        if (keywordProse && !isProseAfterKeyword(lexed, lines, i, last, previous)) {
            rewrite.keep(i);
            continue;
        }
        // `Pace 3 "Fast"`, `Pace "Fast"`: a rating, however incomplete.
        const rating = !keywordProse && second !== undefined && second.startLine === line && isType(second, 'NUMBER', 'PLACEHOLDER', 'PERCENT', 'STRING', 'TEXT');
        const following = tokens[last + 1];
        const opensBlock = isType(following, '{') && following.startLine === line;
        const proseLast = proseEnd(tokens, i, last, CONDITIONS_BLOCKS.has(blocks[blocks.length - 1]));
        // Punctuation the lexer could not read belongs to the sentence: "Keeps the room tidy."
        const boundary = proseLast < last ? tokens[proseLast + 1].startOffset
            : following && following.startLine === line ? following.startOffset : lines.lineEnd(line);
        const strays = rating || opensBlock ? [] : errorsIn(lexed, token.startOffset, boundary);
        if (opensBlock || rating || last - i + 1 + strays.length < 2) {
            rewrite.keep(i);
            continue;
        }
        let end = tokenEnd(tokens[proseLast]);
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
        for (let k = proseLast + 1; k <= last; k++) rewrite.keep(k);
        i = last;
    }
    lexed.tokens = rewrite.result();
}

/**
 * Is a line that opens with an everyday keyword (tokens first to last) prose? Not when it has
 * the keyword's own shape (`time in level 2 years`), quotes a text, goes on with a status
 * (`by …` under `status approved`), or holds no plain word (`on 2026-03-14`).
 */
function isProseAfterKeyword(lexed: LexedText, lines: LineIndex, first: number, last: number, previous: IToken | undefined): boolean {
    const { tokens, text } = lexed;
    const token = tokens[first];
    // A misspelt keyword the repair above put right is that keyword's line.
    if (text.slice(token.startOffset, tokenEnd(token)) !== token.image) return false;
    if (looksLikeSyntaxLine(text.slice(lines.lineStart(token.startLine!), lines.lineEnd(token.startLine!)), 0)) return false;
    if (isType(token, 'by', 'on') && previous && STATUS_VALUES.has(previous.tokenType.name)) return false;
    let plainWord = false;
    for (let k = first + 1; k <= last; k++) {
        if (isType(tokens[k], 'STRING', 'TEXT')) return false;
        if (isType(tokens[k], 'ID')) plainWord = true;
    }
    return plainWord;
}

// ----- unquoted text after a keyword that takes text ----------------------------------------

/** Keywords followed by text: `summary The role…`, `section Duties {`, `target Answers calls within 3 rings`. */
const TAKES_TEXT = new Set(['summary', 'subtitle', 'family', 'location', 'definition', 'disclaimer', 'intro', 'benefit',
    'condition', 'subject', 'signed', 'sme', 'scope', 'section', 'plan', 'target', 'kpi', 'by', 'from']);
/** Where an unquoted measure of a target ends: its comparator or its number. */
const TARGET_SPEC = new Set(['within', 'at', 'no', 'up', 'a', 'more', 'less', 'over', 'under', 'above', 'below', 'meet', 'reach', 'exactly',
    'NUMBER', 'PERCENT', 'MONEY', 'PLACEHOLDER']);
/**
 * Where an unquoted name after `by` or `from` ends: `status approved by Dana Whitfield on 2026-03-14`,
 * `certification CompTIA A+ from CompTIA preferred`, `licence … issued by DVLA essential`.
 */
const AFTER_NAME = new Set(['on', 'DATE', 'NUMBER', 'PERCENT', 'PLACEHOLDER', 'at', 'up', 'no', 'more', 'less', 'over', 'under', 'within',
    'a', ...DUTY_MARKS]);
/** What may follow a section's title before its `{`: `40% marginal numbered {`. */
const SECTION_TAIL = new Set(['PERCENT', ...DUTY_MARKS, 'numbered', 'lettered', 'bulleted']);

export function quoteTextAfterKeywords(lexed: LexedText, lines: LineIndex): void {
    const { tokens, text, types } = lexed;
    const rewrite = new TokenRewrite(tokens);
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        rewrite.keep(i);
        const first = tokens[i + 1];
        if (!TAKES_TEXT.has(token.tokenType.name) || !isType(first, 'ID') || first.startLine !== token.endLine) continue;
        const line = first.startLine!;
        const stops = isType(token, 'target', 'kpi') ? TARGET_SPEC : isType(token, 'by', 'from') ? AFTER_NAME : undefined;
        let last = i + 1;
        while (last + 1 < tokens.length && tokens[last + 1].startLine === line && !isType(tokens[last + 1], '{', '}')
            && !stops?.has(tokens[last + 1].tokenType.name)) last++;
        if (isType(token, 'section', 'plan') && isType(tokens[last + 1], '{')) {
            // The title ends where its share, mark and list style begin.
            while (last > i + 1 && SECTION_TAIL.has(tokens[last].tokenType.name)) last--;
        }
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

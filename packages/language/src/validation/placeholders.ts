import { AstUtils, type CstNode } from 'langium';
import { RE2JS } from 're2js';
import { isSignature } from '../generated/ast.js';
import { shown } from '../lexer/tokens.js';

/*
 * What a template leaves for its author, in two families.
 *
 * Values and fields to fill in: "00%", "$ xxx,000", "£XX,XXX", "xx minutes", "20XX", "_____",
 * "[Dept]", "<Company name>", "{{name}}", "«FirstName»", "TBD", "YOUR_USERNAME", "00/00/20XX",
 * "MM/DD/YYYY", "X hours", with the Markdown escapes ("\$00,000", "\_\_\_", "\[Dept\]") of
 * pasted documents.
 *
 * Instructions to the author: "(If Ruby else delete)", "delete as appropriate", "[Choose one]",
 * "(insert details)", "Note to hiring manager: …", "Remove this section if …".
 *
 * Ordinary prose uses the same characters, so a bracket is judged by what it holds (bracketKind):
 * it is a field when it is short (at most six words, 40 characters), holds no bracket and is not
 * a Markdown link ("[text](url)", "[text][ref]", "[ref]: url"), an index ("a[i]") or a footnote
 * ("[1]", "[iv]"), and either is filled with X ("[XXXXX]"), starts with a word that asks for
 * text (insert, enter, add, specify, "e.g."), starts with a capital (other than a lone letter,
 * a pronoun, a tag such as "[Remote]" or "[Sic]", a cross-reference such as "[Appendix A]" or a
 * sentence ending in a full stop), or is a lowercase field noun ("[job title]", "[your name]").
 * It is an instruction, up to 200 characters, when it starts with choose, select, delete,
 * remove, "Note to …", or "If …" ending in what to do. Lowercase editorial insertions
 * ("[and contractors]", "[sic]"), checkboxes ("[ ]", "[x]") and links are prose.
 * A parenthesis is an instruction only when it tells the author to delete, choose, insert or
 * edit ("(delete if not applicable)"), never when it lists duties ("(removes debris)").
 */

/** One built-in pattern: ours, reviewed, so a JavaScript RegExp (with its look-behinds) is safe. */
interface BuiltInPattern {
    readonly source: string;
    readonly ignoreCase?: boolean;
    /** Only in prose (STRING, TEXT): a bracket or a sentence cannot stand inside a number or a name. */
    readonly proseOnly?: boolean;
    /** Whether a match is a placeholder, from the match and the text around it. */
    readonly accept?: (text: string, start: number, end: number) => boolean;
    /**
     * A cheap test that the pattern could match at all: the character it cannot do without.
     * Most texts fail every gate, so no pattern is run on them.
     */
    readonly gate: (text: string) => boolean;
}

const has = (...parts: string[]) => (text: string) => parts.some(part => text.includes(part));
const hasMatch = (regExp: RegExp) => (text: string) => regExp.test(text);

const DATE_PART = String.raw`(?:[0xX]{2}|MM|DD|mm|dd|(?:\\?_){2})`;
const DATE_YEAR = String.raw`(?:(?:19|20)[0-9xX]{2}|[0xX]{4}|[xX]{2}|YYYY|yyyy|YY|yy|(?:\\?_){2,4})`;
/** "00/00/20XX", "MM/DD/YYYY", "XX/XX/XXXX", "__/__/____", "YYYY-MM-DD", "MM/YYYY": never a real date. */
const DATE_TEMPLATE = String.raw`${DATE_PART}[/.-]${DATE_PART}[/.-]${DATE_YEAR}`
    + String.raw`|(?:(?:19|20)[xX]{2}|YYYY|yyyy|[xX]{4})-(?:[0xX]{2}|MM|mm)-(?:[0xX]{2}|DD|dd)`
    + String.raw`|(?:[0xX]{2}|MM|mm)/(?:(?:19|20)[xX]{2}|YYYY|yyyy|[xX]{4})`;
const DATE_WHOLE = new RegExp(`^(?:${DATE_TEMPLATE})$`);

/** Up to a sentence's end, the end of the line or the closing quote of the text. */
const TO_SENTENCE_END = String.raw`[^\n"”]*?(?:[.!?](?=\s|$)|(?=["”\n])|$)`;

const NOTE_TO_AUTHOR = String.raw`(?:(?:notes?|nb|n\.b\.|guidance|instructions?|reminder|tip)\s+(?:to|for)\s+(?:the\s+)?`
    + String.raw`(?:hiring\s+managers?|line\s+managers?|managers?|recruiters?|recruiting\s+(?:team|managers?)|authors?|`
    + String.raw`hr(?:\s+business\s+partners?)?|hrbps?|editors?|reviewers?|(?:shortlisting\s+)?panel|person\s+completing\s+(?:this|the)\s+\w+|users?\s+of\s+this\s+\w+)`
    + String.raw`|(?:hiring\s+manager|recruiter|internal|author|template)(?:'s|s')?\s+notes?)\s*[:–—-]`;
const DELETE_AS_APPROPRIATE = String.raw`(?:delete|remove|strike\s+out|cross\s+out)\s+(?:as\s+(?:appropriate|applicable|necessary|required|needed)`
    + String.raw`|if\s+(?:not\s+)?(?:applicable|appropriate|relevant|required|needed|necessary|used|unused)`
    + String.raw`|where\s+(?:not\s+)?(?:applicable|appropriate|relevant|required)`
    + String.raw`|whichever\s+(?:does\s+not|doesn't|is\s+not|are\s+not)\s+(?:apply|applicable|relevant))`;
const DELETE_THIS = String.raw`(?:delete|remove)\s+(?:this|these)\s+(?:section|lines?|paragraphs?|sentences?|text|bullets?|notes?|box|rows?|heading|part|instructions?|guidance|example)`;
const EDIT_AS = String.raw`(?:edit|amend|adapt|tailor|customi[sz]e)\s+(?:as\s+(?:appropriate|applicable|necessary|required|needed)|to\s+suit(?:\s+the\s+(?:role|post|team|job))?)`;
const INSTRUCTION_TEXT = new RegExp(`^(?:${NOTE_TO_AUTHOR}|${DELETE_AS_APPROPRIATE}|${DELETE_THIS}|${EDIT_AS})`, 'i');

/** A bracket's content that tells the author what to do: "[Choose one]", "[Delete as appropriate]". */
const INSTRUCTION_START = new RegExp(String.raw`^(?:please\s+)?(?:`
    + String.raw`(?:choose|select|pick|tick|circle|delete|remove|omit|strike(?:\s+(?:out|through))?|cross\s+out|edit|amend|adapt|tailor|customi[sz]e)\b`
    + String.raw`|(?:notes?|nb|n\.b\.|guidance|instructions?|reminder|tip)\s*(?:\bto\b|\bfor\b|:)`
    + String.raw`|optional\b[\s:;,–—-]*(?:delete|remove|include|keep|use)\b`
    + String.raw`|if\b.*\b(?:delete|remove|omit|add|include|insert|state|list|specify|describe|keep|use)\b`
    + String.raw`|${NOTE_TO_AUTHOR})`, 'i');
/** A bracket's content that asks for text: "[insert salary]", "[e.g. Finance]". */
const FIELD_START = /^(?:(?:insert|enter|add|type|fill\s+in|specify|describe|list|provide|replace\s+with|name\s+of)\b|e\.?g\.?[\s,:])/i;
/** Tags and editorial marks that are capitalised but ask for nothing: "[Remote]", "[Sic]", "[He]". */
const NOT_A_FIELD = new RegExp('^(?:sic!?|citation needed|emphasis (?:added|mine|in original)|redacted|remote|hybrid|on-?site|in-office|urgent'
    + '|contract|temp|temporary|permanent|perm|part-time|full-time|optional|required|new|updated|closed|filled|expired|reposted|draft'
    + '|internal|external|confidential|archived|deprecated|sponsored|featured|pdf|docx?|video|link|apply now'
    + '|he|she|they|it|we|i|you|his|her|hers|their|its|our|this|these|that|those|the|a|an)$', 'i');
const CROSS_REFERENCE = /^(?:Figure|Fig\.|Table|Appendix|Annexe?|Section|Schedule|Chapter|Page|Step|Part|Note|Ref\.?|Item|Exhibit|Attachment|Clause|Para(?:graph|\.)?)\s+[0-9A-Za-z.]{1,6}$/;
const FOOTNOTE = /^(?:[0-9]+(?:\s*[,;–-]\s*[0-9]+)*|[ivxlc]+|(?=[IVXLCDM]+$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))$/;
const FIELD_NOUNS = new Set(['name', 'title', 'date', 'department', 'dept', 'salary', 'location', 'company', 'manager', 'amount', 'email',
    'phone', 'address', 'grade', 'band', 'city', 'region', 'division', 'organisation', 'organization', 'employer', 'team', 'number',
    'surname', 'position', 'role', 'site', 'office', 'directorate', 'product', 'client', 'rate']);
const NOT_A_FIELD_START = new Set(['the', 'a', 'an', 'and', 'or', 'but', 'of', 'to', 'for', 'with', 'in', 'on', 'at', 'by', 'from', 'not',
    'which', 'who', 'that', 'his', 'her', 'their', 'its', 'our', 'this', 'these', 'those', 'some', 'any', 'all', 'each', 'other', 'sic']);

/**
 * What a bracket's content makes of it (see the rule at the top of this file): a field, a date,
 * an instruction, or nothing (prose). Angle brackets and mail-merge marks are judged the same.
 */
function bracketKind(content: string): 'field' | 'date' | 'instruction' | undefined {
    const c = content.trim();
    if (c.length === 0 || c.length > 200) return undefined;
    if (INSTRUCTION_START.test(c)) return 'instruction';
    if (FIELD_START.test(c)) return 'field';
    const words = c.split(/\s+/);
    if (c.length > 40 || words.length > 6) return undefined;
    if (DATE_WHOLE.test(c)) return 'date';
    if (/^(?:[xX]{2,}|[xX]+(?:[ .,:/-][xX0-9]+)+)$/.test(c)) return 'field';
    if (c.length === 1 || NOT_A_FIELD.test(c) || FOOTNOTE.test(c) || CROSS_REFERENCE.test(c)) return undefined;
    // A figure makes it a reference, a citation or a version: "[FSA, 2021]", "[Resolution 25-117]".
    if (/[0-9]/.test(c)) return undefined;
    // One word in capitals is an abbreviation ("[KB]", "[CSR]") unless it names a field: "[NAME]".
    if (/^[A-Z]+$/.test(c)) return FIELD_NOUNS.has(c.toLowerCase()) ? 'field' : undefined;
    if (/^\p{Lu}/u.test(c)) return /[.!?]$/.test(c) ? undefined : 'field';
    if (words.length <= 3 && /^[a-z ]+$/.test(c) && FIELD_NOUNS.has(words[words.length - 1]) && !NOT_A_FIELD_START.has(words[0])) return 'field';
    return undefined;
}

/** Formatting tags of HTML pasted into prose: "<b>", "<BR>", "</p>" are not fields. */
const HTML_TAGS = new Set(['a', 'abbr', 'b', 'big', 'blockquote', 'br', 'center', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'font',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strike',
    'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'html', 'body', 'script', 'style']);

function angleKind(content: string): 'field' | 'date' | 'instruction' | undefined {
    // Attributes, e-mail and web autolinks, closing tags.
    if (/[=@]|:\/\/|^\/|^mailto:/i.test(content)) return undefined;
    if (/^[A-Za-z][A-Za-z0-9]*$/.test(content) && HTML_TAGS.has(content.toLowerCase())) return undefined;
    return bracketKind(content);
}

/** Parenthesised words that tell the author what to do, never a duty: "(delete if not applicable)". */
const PAREN_INSTRUCTIONS: readonly RegExp[] = [
    // "(delete)", "(delete as appropriate)", "(remove this line if not needed)", "(delete whichever does not apply)"
    /^(?:delete|remove|omit|strike(?:\s+(?:out|through))?|cross\s+out)(?:\s+(?:this|these|the|that|one|both|all|either|lines?|section|text|words?|sentences?|paragraphs?|bullets?|notes?|options?|box|rows?|part))*\s*(?:[,;:–—-]\s*)?(?:(?:if|as|where|unless|whichever|otherwise)\b.*)?$/i,
    // "(If Ruby else delete)", "(if not applicable, remove)": a condition, then what to do.
    /^if\b.{1,100}?[\s,;–—-](?:delete|remove|omit)(?:\s+(?:this|it|lines?|section|text|sentences?|paragraphs?|bullets?))?[.!]?$/i,
    // "(choose one)", "(select all that apply)", "(tick as appropriate)"
    /^(?:choose|select|pick|tick|circle|underline|highlight)\s+(?:one|all|any|from|as|the\s+appropriate|appropriate|which|either|applicable|relevant|box)\b/i,
    // "(insert details)", "(specify)": a short request for text, not "(insert, remove and flush lines)".
    /^(?:insert|specify|fill\s+in)\b(?![,;])(?:\s+\S+){0,6}\s*$/i,
    /^(?:enter|add|type)\s+(?:details?|here|name|text|information|info|more|any|others?|further|extra|additional|your|salary|date|title|amount|location|number|relevant)\b/i,
    /^(?:edit|amend|adapt|tailor|customi[sz]e|complete|update|adjust)\s+(?:as|if|where|to\s+suit)\b/i,
    new RegExp(`^(?:${NOTE_TO_AUTHOR})`, 'i'),
];

function isParenInstruction(content: string): boolean {
    const c = content.trim().replace(/^optional\b[\s:;,–—-]*/i, '').replace(/^please\s+/i, '');
    return PAREN_INSTRUCTIONS.some(pattern => pattern.test(c));
}

/** The first word of a template token that makes it one whatever follows: YOUR_USERNAME, INSERT_DATE. */
const TOKEN_LEADS = new Set(['YOUR', 'MY', 'INSERT', 'ENTER', 'ADD']);
/** Whose detail a template token names, first: COMPANY_NAME, HIRING_MANAGER_EMAIL, START_DATE. */
const TOKEN_OWNERS = new Set(['COMPANY', 'EMPLOYER', 'ORG', 'ORGANIZATION', 'ORGANISATION', 'HIRING', 'MANAGER', 'LINE', 'RECRUITER',
    'TEAM', 'DEPT', 'DEPARTMENT', 'JOB', 'ROLE', 'POSITION', 'POST', 'CANDIDATE', 'EMPLOYEE', 'APPLICANT', 'START', 'CLOSING', 'POSTING',
    'OFFICE', 'BUSINESS', 'CLIENT', 'AGENCY', 'CONTACT', 'HR', 'REPORTING', 'FIRST', 'LAST', 'FULL', 'WORK', 'LOCATION', 'BRAND',
    'SALARY', 'PAY']);
/** And which detail, last: a code name such as MAX_RETRIES, HTTP_STATUS or ORDER_ID is not a field. */
const TOKEN_FIELDS = new Set(['NAME', 'NAMES', 'EMAIL', 'USERNAME', 'HANDLE', 'TITLE', 'PHONE', 'ADDRESS', 'SALARY', 'DATE', 'LOCATION',
    'URL', 'LINK', 'CITY', 'STATE', 'COUNTRY', 'WEBSITE', 'RATE', 'RANGE', 'GRADE', 'BAND', 'DEPARTMENT', 'TEAM', 'MANAGER', 'HOURS',
    'AMOUNT', 'NUMBER', 'HERE']);

function isTemplateToken(token: string): boolean {
    const parts = token.split('_');
    if (parts.length < 2 || parts.some(part => part === '')) return false;
    return TOKEN_LEADS.has(parts[0]) || (TOKEN_OWNERS.has(parts[0]) && TOKEN_FIELDS.has(parts[parts.length - 1]));
}

/** The character before a match, and after it. */
const charBefore = (text: string, start: number) => text[start - 1] ?? '';
const charAfter = (text: string, end: number) => text[end] ?? '';

function acceptBracket(text: string, start: number, end: number): boolean {
    // "a[i]", "![logo](…)", "[text][ref]": an index, an image, a reference link.
    if (/[\p{L}\p{N}\]!]/u.test(charBefore(text, start))) return false;
    const after = charAfter(text, end);
    if (after === '(' || after === '[') return false;
    if (after === ':' && /^:\s*\S+:\/\//.test(text.slice(end, end + 200))) return false;
    return bracketKind(inside(text.slice(start, end))) !== undefined;
}

function acceptAngle(text: string, start: number, end: number): boolean {
    if (/[\p{L}\p{N}<]/u.test(charBefore(text, start)) || charAfter(text, end) === '>') return false;
    return angleKind(inside(text.slice(start, end))) !== undefined;
}

/** The content of "[…]", "\[…\]", "<…>", "<<…>>", "{{…}}", "«…»", "(…)". */
function inside(enclosed: string): string {
    return enclosed.replace(/\\(?=[[\]])/g, '').replace(/^(?:<<|\{\{|[[<«(])/, '').replace(/(?:>>|\}\}|[\]>»)])$/, '');
}

const BuiltInPatterns: readonly BuiltInPattern[] = [
    // Amounts: "$00,000", "$ xxx,000", "$XX.XX", "£XX,XXX".
    { gate: has('$', '£', '€'), source: String.raw`\\?[$£€] ?(?:[xX]+|0{2,})(?:,(?:[xX]{3}|0{3}))*(?:\.(?:[xX]+|0+))?` },
    // Percentages: "00%", "x%", not the end of "100%" or "max%".
    { gate: has('%'), source: String.raw`(?<![\w.,])(?:0{2,}|[xX]{1,3})%` },
    // Dates before years and blanks, so "00/00/20XX" and "__/__/____" are one date each.
    { gate: hasMatch(/[0xXMDmdYy_][/.-][0-2xXMDmdYy_\\]/), source: String.raw`(?<![\w/.-])(?:${DATE_TEMPLATE})(?![\w/])` },
    { gate: has('YYYY', 'yyyy'), source: String.raw`(?<![\w/-])(?:YYYY|yyyy)(?![\w/-])` },
    { gate: hasMatch(/[xX]{2}/), source: String.raw`\b(?:19|20)[xX]{2}\b` },
    { gate: has('_'), source: String.raw`(?:\\?_){3,}` },
    // A phone number template, one finding rather than three: "(XXX) XXX-XXXX".
    { gate: hasMatch(/[xX]{3}/), source: String.raw`(?<![\w(])(?:\(\s?[xX]{3}\s?\)\s?|[xX]{3}[-. ])[xX]{3}[-. ][xX]{4}(?!\w)` },
    { gate: hasMatch(/[xX]{2}/), source: String.raw`\b[xX]{2,}(?:,[xX]{3})*\b` },
    { gate: has('TB'), source: String.raw`(?<![\w-])TB[DCA](?!\w)` },
    {
        gate: has('_'), source: String.raw`(?<!\w)[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?!\w)`,
        accept: (text, start, end) => isTemplateToken(text.slice(start, end)),
    },
    // A lone X before a unit: "within X hours", "X+ years", "x business days"; not "3 x 5 cards".
    {
        gate: hasMatch(/(?<!\w)[xX]\+?\s/), proseOnly: true,
        source: String.raw`(?<![\w$£€.,/+-])[xX](?=\+?\s+(?:(?:business|working|calendar|school|consecutive)\s+)?(?:hours?|hrs?|days?|weeks?|months?|years?|yrs?|minutes?|mins?|seconds?|secs?|shifts?)\b)`,
    },
    { gate: has('['), proseOnly: true, source: String.raw`\\?\[[^\[\]\n]{1,200}?\\?\]`, accept: acceptBracket },
    {
        gate: has('<<'), proseOnly: true, source: String.raw`<<[A-Za-z][^<>\n]{0,60}>>`,
        accept: (text, start, end) => angleKind(inside(text.slice(start, end))) !== undefined,
    },
    { gate: has('<'), proseOnly: true, source: String.raw`<[A-Za-z][^<>\n]{0,60}>`, accept: acceptAngle },
    { gate: has('{{'), proseOnly: true, source: String.raw`\{\{[^{}\n]{1,60}\}\}` },
    {
        gate: has('«'), proseOnly: true, source: String.raw`«[A-Za-z][^«»\n]{0,40}»`,
        accept: (text, start, end) => text.slice(start + 1, end - 1).split(/\s+/).length <= 4,
    },
    {
        gate: has('('), proseOnly: true, source: String.raw`\([^()\n]{1,160}\)`,
        accept: (text, start, end) => isParenInstruction(inside(text.slice(start, end))),
    },
    {
        gate: hasMatch(/not|nb|n\.b\.|guidance|instruction|reminder|tip|hiring|recruiter|internal|author|template/i), proseOnly: true,
        source: String.raw`\b(?:${NOTE_TO_AUTHOR})${TO_SENTENCE_END}`, ignoreCase: true,
    },
    { gate: hasMatch(/delete|remove|strike|cross/i), proseOnly: true, source: String.raw`\b(?:${DELETE_AS_APPROPRIATE})\b`, ignoreCase: true },
    {
        gate: hasMatch(/delete|remove/i), proseOnly: true,
        source: String.raw`\b(?:please\s+)?${DELETE_THIS}\b${TO_SENTENCE_END}`, ignoreCase: true,
    },
    { gate: hasMatch(/edit|amend|adapt|tailor|customi/i), proseOnly: true, source: String.raw`\b(?:${EDIT_AS})\b`, ignoreCase: true },
];

/** The built-in patterns' sources, in the order they are tried (JavaScript RegExp syntax). */
export const DefaultPlaceholderPatterns: readonly string[] = BuiltInPatterns.map(pattern => pattern.source);

export type PlaceholderKind = 'amount' | 'percentage' | 'year' | 'blank' | 'number' | 'text' | 'field' | 'date' | 'instruction';

/** What a placeholder stands for, from its text alone (a match, a configured one too, or a PLACEHOLDER token). */
export function placeholderKind(text: string): PlaceholderKind {
    const clean = text.replace(/\\/g, '');
    if (/^\(.*\)$/s.test(clean)) return isParenInstruction(inside(clean)) ? 'instruction' : 'text';
    if (/^\[.*\]$/s.test(clean)) return bracketKind(inside(clean)) ?? 'field';
    if (/^<.*>$/s.test(clean)) return angleKind(inside(clean)) ?? 'field';
    if (/^(?:\{\{.*\}\}|«.*»)$/s.test(clean)) return 'field';
    if (INSTRUCTION_TEXT.test(clean)) return 'instruction';
    if (DATE_WHOLE.test(clean)) return 'date';
    if (/^(?:YYYY|yyyy|(?:19|20)[xX]{2})$/.test(clean)) return 'year';
    if (/^[$£€]/.test(clean)) return 'amount';
    if (clean.endsWith('%')) return 'percentage';
    if (/^_+$/.test(clean)) return 'blank';
    if (/^TB[DCA]$/.test(clean) || isTemplateToken(clean)) return 'field';
    if (/^[xX0,]+$/.test(clean) || /^\(?[xX]{3}\)?[-. ]?[xX]{3}[-. ][xX]{4}$/.test(clean)) return 'number';
    return 'text';
}

/** The kind in words a reviewer understands; an amount in pounds or euros is not "a dollar amount". */
export function describePlaceholder(kind: PlaceholderKind, text?: string): string {
    switch (kind) {
        case 'amount': return text !== undefined && /^\\?[£€]/.test(text) ? 'an amount of money' : 'a dollar amount';
        case 'percentage': return 'a percentage';
        case 'year': return 'a year';
        case 'blank': return 'a blank';
        case 'number': return 'a number';
        case 'field': return 'a field to fill in';
        case 'date': return 'a date';
        case 'instruction': return 'an instruction to the author';
        default: return 'a value';
    }
}

/**
 * What is left to do about a placeholder, as a phrase for hovers: "a year still to be filled
 * in", "a field to fill in", "an instruction to the author, to carry out and remove".
 */
export function placeholderNote(text: string, kind: PlaceholderKind): string {
    switch (kind) {
        case 'field': return describePlaceholder(kind);
        case 'instruction': return `${describePlaceholder(kind)}, to carry out and remove`;
        default: return `${describePlaceholder(kind, text)} still to be filled in`;
    }
}

/** The finding's message for one placeholder, in words a reviewer understands. */
export function placeholderMessage(text: string, kind: PlaceholderKind): string {
    switch (kind) {
        case 'instruction': return `Instruction to the author left in the text: '${shown(text)}'. Carry it out and remove it.`;
        default: return `Unfilled placeholder '${text}' (${placeholderNote(text, kind)}).`;
    }
}

export interface PlaceholderMatch {
    text: string;
    /** Offset within the scanned text. */
    offset: number;
}

/**
 * Finds the placeholders of one list of patterns in a text. Compile it once per configuration
 * with compilePlaceholderPatterns, then call findPlaceholders for each text.
 */
export interface PlaceholderMatcher {
    /** The patterns it was compiled from, in order. */
    readonly patterns: readonly string[];
    /**
     * Every placeholder in `text`, left to right, none overlapping another. Not `prose`: the
     * text of a value (a number, an amount, a name), where brackets and sentences cannot be.
     */
    find(text: string, prose?: boolean): PlaceholderMatch[];
}

/** One compiled pattern: the next non-empty match starting at or after `from`, if any. */
interface PatternSearch {
    next(text: string, from: number): { start: number; end: number } | undefined;
    /** False when the pattern cannot match the text at all, so it need not be run. */
    mayMatch?(text: string): boolean;
}

/** A built-in pattern; a match its `accept` refuses is passed over, and the search goes on after its start. */
function regExpSearch(pattern: BuiltInPattern): PatternSearch {
    const regExp = new RegExp(pattern.source, pattern.ignoreCase ? 'gi' : 'g');
    return {
        mayMatch: pattern.gate,
        next(text, from) {
            for (regExp.lastIndex = from; regExp.lastIndex <= text.length;) {
                const m = regExp.exec(text);
                if (!m) return undefined;
                const end = m.index + m[0].length;
                if (m[0].length > 0 && (!pattern.accept || pattern.accept(text, m.index, end))) return { start: m.index, end };
                regExp.lastIndex = m.index + 1;
            }
            return undefined;
        },
    };
}

/**
 * A configured pattern comes with whatever repository was cloned, so it runs on RE2, whose
 * time is linear in the text whatever the pattern: "(a+)+$" cannot hang the language server.
 */
function re2Search(regExp: RE2JS): PatternSearch {
    return {
        next(text, from) {
            const matcher = regExp.matcher(text);
            for (let at = from; at <= text.length && matcher.find(at); at = matcher.start() + 1) {
                if (matcher.end() > matcher.start()) return { start: matcher.start(), end: matcher.end() };
            }
            return undefined;
        },
    };
}

/**
 * Why RE2 cannot take a configured pattern, in words for the person who wrote it; undefined
 * when it can. The constructs RE2 leaves out are named: its own messages speak of parsing.
 */
export function placeholderPatternProblem(pattern: string): string | undefined {
    const compiled = compileConfiguredPattern(pattern);
    return typeof compiled === 'string' ? compiled : undefined;
}

function compileConfiguredPattern(pattern: string): RE2JS | string {
    const construct = unsupportedConstruct(pattern);
    if (construct) return `uses ${construct}, which jobstd does not support in configured patterns; rewrite it without one`;
    let regExp: RE2JS;
    try {
        regExp = RE2JS.compile(pattern);
    } catch (error) {
        // Any failure, a stack overflow on a deeply nested pattern too, is the pattern's fault.
        const message = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
        return `is not a valid pattern (${message}); patterns use RE2 syntax`;
    }
    if (regExp.matcher('').find()) return 'matches empty text, so it would find a placeholder everywhere';
    return regExp;
}

/** Look-arounds and back-references: what JavaScript accepts and RE2 does not, by design. */
function unsupportedConstruct(pattern: string): string | undefined {
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
        const char = pattern[i];
        if (char === '\\') {
            const next = pattern[i + 1] ?? '';
            if (!inClass && /[1-9]/.test(next)) return `a back-reference (\\${next})`;
            if (!inClass && next === 'k' && pattern[i + 2] === '<') return 'a named back-reference (\\k<…>)';
            i++;
        } else if (inClass) {
            if (char === ']') inClass = false;
        } else if (char === '[') {
            inClass = true;
            // A "]" right after "[" or "[^" is a literal member, not the end of the class.
            if (pattern[i + 1] === '^') i++;
            if (pattern[i + 1] === ']') i++;
        } else if (char === '(' && pattern[i + 1] === '?') {
            const rest = pattern.slice(i + 2, i + 4);
            if (rest.startsWith('<=') || rest.startsWith('<!')) return 'a look-behind';
            if (rest.startsWith('=') || rest.startsWith('!')) return 'a look-ahead';
        }
    }
    return undefined;
}

const compiled = new Map<string, PlaceholderMatcher>();
const CACHE_SIZE = 16;

/**
 * The built-in patterns (unless `replaceDefaults`) and the configured ones, each compiled on
 * its own: group names and back-reference numbers of one pattern cannot clash with another's.
 * A configured pattern that placeholderPatternProblem refuses is left out here; it was
 * reported when the configuration was read (parseConfig).
 */
export function compilePlaceholderPatterns(extra: readonly string[] = [], replaceDefaults = false): PlaceholderMatcher {
    const key = JSON.stringify([replaceDefaults, extra]);
    const cached = compiled.get(key);
    if (cached) return cached;
    const builtIn = replaceDefaults ? [] : BuiltInPatterns;
    const configured: PatternSearch[] = [];
    for (const pattern of extra) {
        const regExp = compileConfiguredPattern(pattern);
        if (typeof regExp !== 'string') configured.push(re2Search(regExp));
    }
    // A configured pattern is the team's own: it is asked of every text, prose and values alike.
    const proseSearches = [...builtIn.map(regExpSearch), ...configured];
    const valueSearches = [...builtIn.filter(p => !p.proseOnly).map(regExpSearch), ...configured];
    const matcher: PlaceholderMatcher = {
        patterns: replaceDefaults ? [...extra] : [...DefaultPlaceholderPatterns, ...extra],
        find: (text, prose = true) => {
            // Most texts hold no placeholder: the gates (a look for "[", "%", "TB"…) rule most
            // patterns out, and usually all of them, before any is run.
            const searches = (prose ? proseSearches : valueSearches).filter(search => !search.mayMatch || search.mayMatch(text));
            return searches.length === 0 ? [] : mergeMatches(text, searches);
        },
    };
    // Hover and highlighting compile on every request; a few configurations are all there are.
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, matcher);
    return matcher;
}

/**
 * The matches of every pattern as one list: the leftmost match wins, the longest of those
 * that start there, and the search goes on after it, so a placeholder that two patterns
 * find (or that overlaps another) is reported once.
 */
function mergeMatches(text: string, searches: readonly PatternSearch[]): PlaceholderMatch[] {
    const matches: PlaceholderMatch[] = [];
    const next = searches.map(search => search.next(text, 0));
    for (let at = 0; ;) {
        let best: { start: number; end: number } | undefined;
        for (const candidate of next) {
            if (candidate && (!best || candidate.start < best.start || (candidate.start === best.start && candidate.end > best.end))) {
                best = candidate;
            }
        }
        if (!best) return matches;
        matches.push({ text: text.slice(best.start, best.end), offset: best.start });
        at = best.end;
        // Only the patterns whose next match overlaps the one taken look again, from its end.
        for (let i = 0; i < searches.length; i++) {
            if (next[i] && next[i]!.start < at) next[i] = searches[i].next(text, at);
        }
    }
}

/** Tokens of prose; any other token that can hold a placeholder is a value. */
const PROSE_TOKENS: ReadonlySet<string> = new Set(['STRING', 'TEXT']);

/**
 * The placeholders in the text of one token; `tokenName` says whether it is prose (STRING,
 * TEXT, or none given: a text from an export) or a value (MONEY, NUMBER, ID…), where only the
 * patterns of values are asked: "[", "(" and sentences cannot stand inside a number or a name.
 */
export function findPlaceholders(text: string, matcher: PlaceholderMatcher, tokenName?: string): PlaceholderMatch[] {
    return matcher.find(text, tokenName === undefined || PROSE_TOKENS.has(tokenName));
}

/**
 * The blank of a signature line (`signature "Employee" _____ date _____`) is where a person signs
 * and dates the printed page: it is meant to stay blank, so it is not a field left unfilled.
 */
export function isSigningLine(leaf: CstNode): boolean {
    return /^(\\?_)+$/.test(leaf.text) && AstUtils.getContainerOfType(leaf.astNode, isSignature) !== undefined;
}

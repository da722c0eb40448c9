import { RE2JS } from 're2js';

/**
 * Unfilled template values: "00%", "$ xxx,000", "xx minutes", "20XX", "_____", and the
 * same with Markdown escapes ("\$00,000", "\_\_\_") as they arrive from pasted documents.
 */
export const DefaultPlaceholderPatterns: readonly string[] = [
    String.raw`\\?\$ ?(?:[xX]+|0{2,})(?:,(?:[xX]{3}|0{3}))*(?:\.(?:[xX]+|0+))?`,
    String.raw`(?<![0-9.,])(?:0{2,}|[xX]{1,3})%`,
    String.raw`\b(?:19|20)[xX]{2}\b`,
    String.raw`(?:\\?_){3,}`,
    String.raw`\b[xX]{2,}\b`,
];

export type PlaceholderKind = 'amount' | 'percentage' | 'year' | 'blank' | 'number' | 'text';

/** What a placeholder stands for, in words a reviewer understands. */
export function placeholderKind(text: string): PlaceholderKind {
    const clean = text.replace(/\\/g, '');
    if (clean.startsWith('$')) return 'amount';
    if (clean.endsWith('%')) return 'percentage';
    if (/^(19|20)[xX]{2}$/.test(clean)) return 'year';
    if (/^_+$/.test(clean)) return 'blank';
    if (/^[xX0,]+$/.test(clean)) return 'number';
    return 'text';
}

export function describePlaceholder(kind: PlaceholderKind): string {
    switch (kind) {
        case 'amount': return 'a dollar amount';
        case 'percentage': return 'a percentage';
        case 'year': return 'a year';
        case 'blank': return 'a blank';
        case 'number': return 'a number';
        default: return 'a value';
    }
}

/** The finding's message for one placeholder, in words a reviewer understands. */
export function placeholderMessage(text: string, kind: PlaceholderKind): string {
    return `Unfilled placeholder '${text}' (${describePlaceholder(kind)} still to be filled in).`;
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
    /** Every placeholder in `text`, left to right, none overlapping another. */
    find(text: string): PlaceholderMatch[];
}

/** One compiled pattern: the next non-empty match starting at or after `from`, if any. */
interface PatternSearch {
    next(text: string, from: number): { start: number; end: number } | undefined;
}

/** A built-in pattern: ours, reviewed, so a JavaScript RegExp (with its look-behinds) is safe. */
function regExpSearch(source: string): PatternSearch {
    const regExp = new RegExp(source, 'g');
    return {
        next(text, from) {
            for (regExp.lastIndex = from; regExp.lastIndex <= text.length;) {
                const m = regExp.exec(text);
                if (!m) return undefined;
                if (m[0].length > 0) return { start: m.index, end: m.index + m[0].length };
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

/** Matches wherever one of the built-in patterns does; none of them matches empty text. */
const anyBuiltIn = new RegExp(DefaultPlaceholderPatterns.map(pattern => `(?:${pattern})`).join('|'));

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
    const searches: PatternSearch[] = replaceDefaults ? [] : DefaultPlaceholderPatterns.map(regExpSearch);
    for (const pattern of extra) {
        const regExp = compileConfiguredPattern(pattern);
        if (typeof regExp !== 'string') searches.push(re2Search(regExp));
    }
    // Most texts hold no placeholder: with only the built-in patterns, one test of all of them
    // at once rules that out, where searching asks each pattern in turn.
    const onlyBuiltIn = !replaceDefaults && searches.length === DefaultPlaceholderPatterns.length;
    const matcher: PlaceholderMatcher = {
        patterns: replaceDefaults ? [...extra] : [...DefaultPlaceholderPatterns, ...extra],
        find: text => onlyBuiltIn && !anyBuiltIn.test(text) ? [] : mergeMatches(text, searches),
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

/** The placeholders in the text of one token; `tokenName` says whether it is prose (STRING, TEXT) or a value. */
export function findPlaceholders(text: string, matcher: PlaceholderMatcher, _tokenName?: string): PlaceholderMatch[] {
    return matcher.find(text);
}

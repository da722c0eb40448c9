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

export interface PlaceholderMatch {
    text: string;
    /** Offset within the scanned text. */
    offset: number;
}

/** One regular expression for the whole list, so overlapping patterns never report twice. */
export function compilePlaceholderPatterns(extra: readonly string[] = [], replaceDefaults = false): RegExp {
    const patterns = replaceDefaults ? [...extra] : [...DefaultPlaceholderPatterns, ...extra];
    if (patterns.length === 0) return /(?!)/g;
    return new RegExp(patterns.map(p => `(?:${p})`).join('|'), 'g');
}

export function findPlaceholders(text: string, pattern: RegExp): PlaceholderMatch[] {
    const matches: PlaceholderMatch[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (m[0].length === 0) {
            pattern.lastIndex++;
            continue;
        }
        matches.push({ text: m[0], offset: m.index });
    }
    return matches;
}

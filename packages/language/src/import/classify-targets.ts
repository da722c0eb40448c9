/**
 * Targets: the measurable part of a sentence ("within 3 rings", "85% in 2025").
 */

export const COMPARATORS = ['within', 'at least', 'at most', 'no more than', 'no less than', 'more than', 'less than', 'over', 'under', 'above', 'below', 'up to'];
export const VALUE = String.raw`(?:\$ ?[0-9xX][0-9xX]*(?:,[0-9xX]{3})*(?:\.[0-9]+)?|[0-9xX]+(?:,[0-9]{3})*(?:\.[0-9]+)?%|[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|20[xX]{2}|[xX]{2,})`;
export const BOUND = String.raw`or (?:higher|more|better|lower|less|fewer)`;
export const FREQUENCY = String.raw`daily|weekly|monthly|quarterly|annually|yearly`;
export const PERIOD = String.raw`in (?:\d{4}|20[xX]{2})|(?:per|each) [A-Za-z]+|${FREQUENCY}`;

/** "xx in 2025", "85% in 2025", "100%", "9.0 or higher", "within 3 rings": the measurable part of a target. */
export function targetSpecOf(text: string, keywords: ReadonlySet<string>): string | undefined {
    const match = new RegExp(`^(?:(${COMPARATORS.join('|')}) )?(${VALUE})(?: ([A-Za-z]+))?(?: (${BOUND}))?(?: (${PERIOD}))?\\.?$`, 'i')
        .exec(text.trim());
    if (!match) return undefined;
    const [, comparator, value, unit, bound, period] = match;
    if (unit && (keywords.has(unit) || /^(or|in|per|each)$/i.test(unit))) return undefined;
    if (comparator && comparator !== comparator.toLowerCase()) return undefined;
    // A bare count ("10") is not a target; a percentage, an amount or a comparison is.
    if (!comparator && !bound && !period && /^\d+(\.\d+)?$/.test(value) && !unit) return undefined;
    return [comparator, value.replace(/^\$(?=\d)/, '$ '), unit, bound, period].filter(Boolean).join(' ');
}

/**
 * A questionnaire's answer option or a plain range, not a target: it starts with a comparison
 * ("More than 3 months but less than 6 months", "Less than 1 year"), holds two ("… but less
 * than …"), or is a range of time ("1-2 years", "Between 2 and 4 years").
 */
export function isAnswerOption(text: string): boolean {
    const sentence = text.trim().replace(/\s+/g, ' ');
    const comparisons = sentence.match(new RegExp(`\\b(?:${COMPARATORS.join('|')}|between)\\b`, 'gi')) ?? [];
    if (comparisons.length >= 2) return true;
    if (new RegExp(`^(?:${COMPARATORS.join('|')}|between)\\b`, 'i').test(sentence)) return true;
    return /^\d+(?:\.\d+)?\s*(?:-|–|to)\s*\d+(?:\.\d+)?\s+(?:years?|months?|weeks?|days?)\b/i.test(sentence);
}

import type { SourceLine } from './read.js';

/**
 * Line patterns: task groups, competencies, ratings, list items, signatures, role lines.
 */

export const TASK_GROUP = /^([A-Z])\s*[-–—.)]\s*(.+?)\s*\(\s*(\d+(?:\.\d+)?|[xX]{2,}|0+)\s*(?:points?|pts)?\s*\)\s*$/;
export const COMPETENCY = /^(\d{1,3})\s*[-–—.)]\s*(.+?)\s*\(\s*(\d+(?:\.\d+)?\s*%|[0xX]+%)\s*\)\s*$/;
export const RATING = /^([A-Za-z][A-Za-z .&/’'()-]{0,50}?)\s*:\s*(\d{1,2})\s*(?:[-–—:]\s*(.+))?$/;
export const LIST_MARKER = /^(?:(\d{1,3})[.)]|([a-z])[.)]|([-*+•·▪◦●○■□➢►✓]))\s+(.*)$/;
export const SIGNATURE = /^(.{0,40}?\bSignature)\s*:?\s*(_{3,})?$/i;
export const DATE_CELL = /^Date\s*:?\s*(_{3,})?$/i;

/** A list item's marker, style and text. */
export function listItemOf(line: SourceLine): { style: 'numbered' | 'lettered' | 'bulleted'; text: string } | undefined {
    if (line.list) return { style: line.list, text: line.text };
    const match = LIST_MARKER.exec(line.text);
    if (!match) return undefined;
    const style = match[1] ? 'numbered' : match[2] ? 'lettered' : 'bulleted';
    return { style, text: match[4].trim() };
}

export function wordCount(text: string): number {
    return text.split(/\s+/).filter(Boolean).length;
}

export const ROLE_LINE = /^((?:Senior |Executive |Assistant |Associate )?(?:Vice President|President|Director|Manager|Supervisor|Team Lead(?:er)?|Coordinator|Lead)(?: (?:of|for)(?: (?:[A-Z][\w&/-]*|and|&))+?)?)\s+([A-Z][a-z'’-]*\s+[a-z(].*)$/;
export const BENEFIT = /\b(benefits?|profit sharing|insurance|401\(?k\)?|pension|retirement|vacation|paid time off|PTO|holidays?)\b/i;

/** "Influence on Others: 1 - Very Low … Interaction with Sr. Mgmt.: 1 - Low …": two ratings on one line. */
export function splitRatings(text: string): string[] {
    const colons = [...text.matchAll(/:\s*\d{1,2}\s*[-–—]/g)];
    if (colons.length < 2) return [text];
    // Where the second name starts: prefer a name its own label repeats ("Low Interaction with Sr. Mgmt.").
    const secondColon = colons[1].index;
    const before = text.slice(0, secondColon);
    const label = text.slice(secondColon).replace(/^:\s*\d{1,2}\s*[-–—]\s*/, '');
    const starts = [...before.matchAll(/\s(?=[A-Z])/g)].map(m => m.index).filter(i => i > colons[0].index + 4);
    let cut = starts.find(start => label.toLowerCase().includes(before.slice(start + 1).toLowerCase()));
    if (cut === undefined) cut = starts[starts.length - 1];
    if (cut === undefined) return [text];
    return [text.slice(0, cut), ...splitRatings(text.slice(cut + 1))];
}

/**
 * A rating line ("Pace: 3 - Fast-Paced"), not a range of time or count written with a dash
 * ("Time in level: 1-2 years" is not rating 1 labelled "2 years").
 */
export function ratingOf(text: string): RegExpExecArray | undefined {
    const match = RATING.exec(text);
    if (!match) return undefined;
    if (match[3] && /^\d+(?:\.\d+)?\+?\s*(?:years?|yrs?|months?|weeks?|days?|hours?|%|levels?)\b/i.test(match[3].trim())) return undefined;
    if (/^\s*:\s*\d{1,2}\s*[-–]\s*\d/.test(text.slice(match[1].length))) return undefined;
    return match;
}

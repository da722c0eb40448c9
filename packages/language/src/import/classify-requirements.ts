import { quote } from '../jobstd-writer.js';

/**
 * Requirements: a criterion's kind, its duration ("a minimum of three (3) years", "2+ years",
 * "3–5 years") and its necessity (required, preferred; essential, desirable). The words stay
 * as written; only what the grammar says as keywords moves out of the quotes.
 */

const COMPARATOR = String.raw`at least|a minimum of|minimum of|over|more than|up to|no less than`;
const SPELLED = String.raw`[A-Za-z]+ \(\d+\)`;
const AMOUNT = String.raw`${SPELLED}|\d+(?:\.\d+)?\+|\d+(?:\.\d+)?\s*[-–]\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?`;
const UNIT = String.raw`years?|months?|yrs?`;
const DURATION = new RegExp(String.raw`^(?:(${COMPARATOR}) )?(${AMOUNT}) (${UNIT})(?:'|’)?(?: of)? (.+?)$`, 'i');

export type Necessity = 'required' | 'preferred' | 'essential' | 'desirable';

/** "at least 3 years" as the grammar's Duration: the comparator, the amount and the unit, in the source's words. */
function durationOf(comparator: string | undefined, amount: string, unit: string): string {
    const parts: string[] = [];
    if (comparator) parts.push(/^minimum of$/i.test(comparator) ? 'a minimum of' : comparator.toLowerCase());
    const range = /^(\d+(?:\.\d+)?)\s*([-–])\s*(\d+(?:\.\d+)?)$/.exec(amount);
    if (range) parts.push(`${range[1]} ${range[2]} ${range[3]}`);
    else parts.push(amount);
    parts.push(unit);
    return parts.join(' ');
}

/** The kind a criterion is when the sentence says it; undefined when it does not. */
export function requirementKindOf(sentence: string): string | undefined {
    if (DURATION.test(sentence.trim()) && /experience/i.test(sentence)) return 'experience';
    return undefined;
}

/** "Highschool degree required." → education "Highschool degree" required. */
export function requirementOf(kind: string, sentence: string, necessity?: Necessity): string {
    const text = sentence.trim().replace(/\.$/, '');
    const stated = /^(.+?)\s+(required|preferred)$/i.exec(text);
    const body = stated ? stated[1] : text;
    const mark = stated ? ` ${stated[2].toLowerCase()}` : necessity ? ` ${necessity}` : '';
    const years = DURATION.exec(body);
    if (years && !/[;]/.test(years[4])) {
        return `${kind} ${quote(years[4])} ${durationOf(years[1], years[2], years[3])}${mark}`;
    }
    if (stated) return `${kind} ${quote(stated[1])}${mark}`;
    return `${kind} ${quote(sentence.trim())}${mark}`;
}

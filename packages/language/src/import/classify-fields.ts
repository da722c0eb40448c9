/**
 * Field labels ("Reports To:", "FLSA Status:") and the job fact each one is.
 */

export type JobFact = 'code' | 'level' | 'family' | 'reports to' | 'flsa' | 'location' | 'created' | 'updated' | 'next review'
    | 'sme' | 'summary' | 'title' | 'to' | 'from' | 'subject' | 'scope' | 'last updated' | 'links' | 'disclaimer' | 'grade' | 'band';

/** Field labels and the fact each one is; the label's words become the keyword. */
export const FIELD_LABELS: Readonly<Record<string, JobFact>> = {
    'code': 'code', 'job code': 'code', 'position code': 'code', 'job number': 'code',
    'level': 'level', 'job level': 'level', 'career level': 'level',
    'job family': 'family', 'family': 'family',
    'reports to': 'reports to', 'reporting to': 'reports to', 'reports to position': 'reports to',
    'flsa status': 'flsa', 'fsla status': 'flsa', 'flsa': 'flsa', 'flsa classification': 'flsa',
    'location': 'location', 'work location': 'location',
    'date created': 'created', 'created': 'created', 'created on': 'created',
    'date updated': 'updated', 'updated': 'updated', 'date revised': 'updated', 'revised': 'updated', 'last revised': 'updated',
    'next revision date': 'next review', 'next review': 'next review', 'next review date': 'next review',
    'sme': 'sme', 'smes': 'sme', 'subject matter expert': 'sme', 'subject matter experts': 'sme',
    'summary': 'summary', 'job summary': 'summary', 'position summary': 'summary', 'purpose': 'summary', 'job purpose': 'summary',
    'title': 'title', 'job title': 'title', 'position title': 'title', 'role title': 'title',
    'to': 'to', 'from': 'from', 'subject': 'subject', 're': 'subject',
    'scope of role': 'scope', 'scope': 'scope', 'role scope': 'scope',
    'last updated': 'last updated',
    'linked to task group(s)': 'links', 'linked to task groups': 'links', 'linked to task group': 'links', 'linked to': 'links',
    'disclaimer': 'disclaimer',
    'post title': 'title', 'class title': 'title', 'post': 'title',
    'class code': 'code', 'job id': 'code', 'requisition number': 'code',
    'grade': 'grade', 'pay grade': 'grade', 'salary grade': 'grade', 'job grade': 'grade',
    'band': 'band', 'pay band': 'band', 'salary band': 'band',
};

export function fieldOf(text: string): { label: string; fact: JobFact; value: string } | undefined {
    const match = /^([A-Za-z][A-Za-z .()/’'-]{0,40}?)\s*:\s*(.*)$/.exec(text);
    if (!match) return undefined;
    const label = match[1].trim();
    const fact = FIELD_LABELS[label.toLowerCase().replace(/\s+/g, ' ')];
    return fact ? { label, fact, value: match[2].trim() } : undefined;
}

/** Values that say a field is blank: the importer leaves the field out and reports it. */
export const EMPTY_VALUES = /^(not specified|n\/a|none|tbd|-+)$/i;

/**
 * A form line whose label has no value ("SALARY SCALE:", "Grade:"): not a heading. Its label
 * must read as a label (five words at most, no sentence punctuation).
 */
export function emptyLabelOf(text: string): string | undefined {
    const match = /^([A-Za-z][A-Za-z .()/&’'-]{0,40}?)\s*:$/.exec(text.trim());
    if (!match || match[1].split(/\s+/).length > 5 || /[.!?]$/.test(match[1])) return undefined;
    return match[1];
}

/** Any "Label: value" line of a form (the label short, the value on the same line). */
export function labelledValueOf(text: string): { label: string; value: string } | undefined {
    const match = /^([A-Za-z][A-Za-z .()/&’'-]{0,40}?)\s*:\s+(\S.*)$/.exec(text.trim());
    if (!match || match[1].split(/\s+/).length > 5 || /^https?$/i.test(match[1])) return undefined;
    return { label: match[1], value: match[2] };
}

/**
 * Dates as the people who print and sign a document read them: "23 September 2003",
 * "23 September 2003, 03:35", "July 2012", "2012". The source keeps ISO dates, which a
 * machine reads without doubt; the human documents say them in words, so no reader has to
 * guess whether 03/04 is March or April. What is not an ISO date (a template's "20XX",
 * "MM/DD/YYYY") is shown as written.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function humanDate(value: string): string {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
    if (!match) return value;
    const [, year, month, day, hour, minute, zone] = match;
    const monthName = month ? MONTHS[Number(month) - 1] : undefined;
    if (month && !monthName) return value;
    const date = [day && String(Number(day)), monthName, year].filter(Boolean).join(' ');
    // Midnight without a zone is how a date alone is often stored: no time to show.
    const time = hour !== undefined && (hour !== '00' || minute !== '00' || zone) ? `, ${hour}:${minute}${zone ? ` ${zone === 'Z' ? 'UTC' : zone}` : ''}` : '';
    return date + time;
}

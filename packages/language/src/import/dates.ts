/**
 * Dates as job-description systems print them, read into the ISO form the language uses:
 * "9/23/2003 3:35:00 AM" → 2003-09-23T03:35:00, "July, 2012" → 2012-07, "Oct 01, 2000 9:30 PM".
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?,?\\s+)?';
const TIME = '(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp])\\.?[Mm]\\.?)?';

const PATTERNS: { regex: RegExp; read: (m: RegExpExecArray) => string | undefined }[] = [
    {   // 2012-05-29, 2012-05-29T09:39
        regex: /\b(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?\b/g,
        read: m => m[0],
    },
    {   // 9/23/2003 3:35:00 AM (American order, as the seeds' systems print)
        regex: new RegExp(`\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}`, 'g'),
        read: m => iso(Number(m[3]), Number(m[1]), Number(m[2]), m.slice(4, 8)),
    },
    {   // Tue, Jul 31, 2012 · Oct 01, 2000 9:30 PM · July 4 2012
        regex: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})${TIME}`, 'g'),
        read: m => iso(Number(m[3]), month(m[1]), Number(m[2]), m.slice(4, 8)),
    },
    {   // 31 July 2012
        regex: new RegExp(`\\b(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})\\b`, 'g'),
        read: m => iso(Number(m[3]), month(m[2]), Number(m[1]), []),
    },
    {   // July, 2012 · July 2012
        regex: new RegExp(`\\b${MONTH},?\\s+(\\d{4})\\b`, 'g'),
        read: m => iso(Number(m[2]), month(m[1]), undefined, []),
    },
];

function month(name: string): number {
    return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function iso(year: number, monthNumber: number, day: number | undefined, time: (string | undefined)[]): string | undefined {
    if (monthNumber < 1 || monthNumber > 12 || (day !== undefined && (day < 1 || day > 31))) return undefined;
    const pad = (n: number) => String(n).padStart(2, '0');
    let text = `${year}-${pad(monthNumber)}`;
    if (day === undefined) return text;
    text += `-${pad(day)}`;
    const [hours, minutes, seconds, meridiem] = time;
    if (hours === undefined || minutes === undefined) return text;
    let hour = Number(hours) % 12;
    if (meridiem && /p/i.test(meridiem)) hour += 12;
    return `${text}T${pad(hour)}:${minutes}${seconds ? `:${seconds}` : ''}`;
}

/** The ISO date when the whole text is one date, else undefined. */
export function parseDate(text: string): string | undefined {
    const trimmed = text.trim().replace(/[.;]$/, '');
    for (const { regex, read } of PATTERNS) {
        const exact = new RegExp(`^(?:${regex.source})$`, regex.flags.replace('g', ''));
        const match = exact.exec(trimmed);
        if (match) return read(match);
    }
    return undefined;
}

/** The text with every date it holds written in ISO form (for comparing texts that write dates differently). */
export function withIsoDates(text: string): string {
    let result = text;
    for (const { regex, read } of PATTERNS.slice(1)) {
        result = result.replace(new RegExp(regex.source, regex.flags), (...args) => {
            const match = args.slice(0, -2) as unknown as RegExpExecArray;
            return read(match) ?? (args[0]);
        });
    }
    return result;
}

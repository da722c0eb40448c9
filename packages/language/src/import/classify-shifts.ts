export const TIME = String.raw`\d{1,2}:\d{2}\s?(?:[aApP]\.?[mM]\.?)?`;
export const DAY = String.raw`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?`;

/** "7:00am to 4:00pm shift 1- Monday through Friday", "Shift 2: Tue–Fri 10:00am–7:00pm, Saturday 7:00 AM – 11:00AM". */
export function shiftOf(text: string, keywords: ReadonlySet<string>): string | undefined {
    const nameMatch = /\bshift\s*([A-Za-z0-9]+)\s*[-–:]?\s*/i.exec(text);
    if (!nameMatch) return undefined;
    const name = nameMatch[1];
    if (!/^\d+$/.test(name) && (keywords.has(name) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name))) return undefined;
    const rest = (text.slice(0, nameMatch.index) + ' , ' + text.slice(nameMatch.index + nameMatch[0].length)).trim();
    const timeRange = new RegExp(`(${TIME})\\s*(to|–|-|through)\\s*(${TIME})`, 'g');
    const dayRange = new RegExp(`\\b(${DAY})\\b(?:\\s*(to|–|-|through)\\s*\\b(${DAY})\\b)?`, 'g');
    const times = [...rest.matchAll(timeRange)];
    const days = [...rest.matchAll(dayRange)];
    if (times.length === 0 || days.length === 0 || times.length !== days.length) return undefined;
    // Every word must be a day, a time, a separator or the shift's name.
    const leftover = rest.replace(timeRange, ' ').replace(dayRange, ' ').replace(/[,\s]+/g, '');
    if (leftover !== '') return undefined;
    const spans = days.map((day, i) => {
        const time = times[i];
        const dayPart = day[3] ? `${day[1]} ${day[2]} ${day[3]}` : day[1];
        return `${dayPart} ${time[1]} ${time[2]} ${time[3]}`;
    });
    return `shift ${name} ${spans.join(', ')}`;
}

/**
 * Pay lines: "Salary: $20.00 - $25.00 Hourly", "Hourly Pay of $ 18.50 per hour",
 * "SALARY RANGE: $52,000–$68,000 per year". The label, the amount or range and the period.
 */

const MONEY = String.raw`\$ ?[0-9xX][0-9xX]*(?:,[0-9xX]{3})*(?:\.[0-9]+)?`;
const LABEL = String.raw`(?:Base |Starting |Annual |Hourly |Target )?(?:Salary(?: Range| Scale)?|Pay(?: Range| Rate| Scale)?|Wage(?: Range)?|Rate|Hourly Rate|Compensation)`;
const FREQUENCIES = /^(hourly|daily|weekly|monthly|quarterly|annually|yearly)$/i;

/** The `pay` line a sentence is exactly, or undefined. */
export function payOf(sentence: string): string | undefined {
    const match = new RegExp(String.raw`^(${LABEL})(?: of|\s*:)?\s+(${MONEY})(?:\s*(–|-|to|through)\s*(${MONEY}))?(?: (hourly|daily|weekly|monthly|quarterly|annually|yearly|(?:per|each) (?:hour|day|week|month|year|annum)))?\.?$`, 'i')
        .exec(sentence.trim());
    if (!match) return undefined;
    const [, label, low, separator, high, period] = match;
    const money = (value: string) => value.replace(/^\$(?=\d)/, '$ ');
    const range = high ? ` ${money(low)} ${separator.toLowerCase()} ${money(high)}` : ` ${money(low)}`;
    const periodText = period ? ` ${FREQUENCIES.test(period) ? period.toLowerCase() : period.replace(/^(per|each)/i, word => word.toLowerCase())}` : '';
    return `${quoteLabel(label)}${range}${periodText}`;
}

function quoteLabel(label: string): string {
    return `"${label}"`;
}

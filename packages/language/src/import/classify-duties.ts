import type { NoiseLog } from './noise.js';

/** Third-person verbs that start a duty: where extracted text ran two duties into one line. */
export const DUTY_VERBS = new Set([
    'Knows', 'Has', 'Provides', 'Dispatches', 'Meets', 'Implements', 'Approves', 'Ensures', 'Maintains', 'Organizes',
    'Prepares', 'Reviews', 'Develops', 'Manages', 'Coordinates', 'Performs', 'Assists', 'Answers', 'Takes', 'Resolves',
    'Processes', 'Handles', 'Completes', 'Calculates', 'Determines', 'Solicits', 'Confers', 'Attends', 'Works', 'Keeps',
    'Supports', 'Monitors', 'Trains', 'Responds', 'Schedules', 'Updates', 'Tracks', 'Conducts', 'Communicates',
    'Identifies', 'Establishes', 'Analyzes', 'Analyses', 'Directs', 'Leads', 'Oversees', 'Ensures', 'Studies', 'Considers',
    'Approaches', 'Serves', 'Builds', 'Creates', 'Designs', 'Delivers', 'Follows', 'Uses', 'Operates', 'Records',
    'Explains', 'Balances', 'Refers', 'Opens', 'Closes', 'Investigates', 'Greets', 'Enters', 'Verifies', 'Collects',
    'Files', 'Sends', 'Posts', 'Researches', 'Reconciles', 'Checks', 'Plans', 'Leads', 'Promotes', 'Sells', 'Cross-sells',
    'Participates', 'Assures', 'Evaluates', 'Recommends', 'Negotiates', 'Obtains', 'Orders', 'Inspects', 'Installs',
]);

/**
 * Extracted text runs duties together: "… Service Excellence Goals Knows how to …".
 * A third-person duty verb after a lowercase word, followed by a lowercase word, starts a new duty.
 */
export function splitRunOn(text: string, log: NoiseLog): string[] {
    const words = text.split(' ');
    const parts: string[] = [];
    let current: string[] = [];
    words.forEach((word, i) => {
        const previous = words[i - 1];
        const next = words[i + 1];
        if (i > 1 && DUTY_VERBS.has(word) && previous && /[a-z0-9)]$/.test(previous) && next && /^[a-z]/.test(next)) {
            parts.push(current.join(' '));
            current = [];
        }
        current.push(word);
    });
    parts.push(current.join(' '));
    void log;
    return parts;
}

/**
 * "Reviews building permit applications. (35%)", "Codes invoices (60%)": a duty and
 * its share of time. The duty's words stay as written; the share becomes its weight.
 */
export function dutyShareOf(text: string): { text: string; weight: string } | undefined {
    const match = /^(.*[A-Za-z].*?)\s*[([]\s*(\d{1,3}(?:\.\d+)?)\s*%\s*[)\]]\s*\.?$/i.exec(text.trim());
    if (!match || Number(match[2]) > 100) return undefined;
    return { text: match[1].trim(), weight: `${match[2]}%` };
}

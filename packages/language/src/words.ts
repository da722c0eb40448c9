// Small English helpers shared by messages, exports and the editor: one place for each.

/** "1 error", "3 errors"; `many` for a plural that is not the word plus "s" ("competencies"). */
export function plural(count: number, word: string, many = `${word}s`): string {
    return `${count} ${count === 1 ? word : many}`;
}

/** The first letter in capitals: "essential" → "Essential". */
export function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

import type { ImportCoverage } from './types.js';
import { withIsoDates } from './dates.js';
import { FIELD_LABELS } from './classify-fields.js';

/**
 * Checks that nothing was lost: every sentence of the input (after the reported noise is
 * taken out) must appear in the output. A sentence appears when all its words occur close
 * together in the output's words, in any order: structure moves words around ("At least
 * 3 years of customer service experience" becomes `experience "customer service experience"
 * at least 3 years`) but never drops one.
 *
 * Both sides are compared as words: lower case, names split at their capitals
 * (InfluenceOnOthers), dates in ISO form. What the importer turns into syntax is not
 * asked for: list markers ("1.", "a.", "·"), the field labels that become keywords
 * ("Date Created:", "Linked To Task Group(s):"), and the words "a", "an", "the", "of".
 * Comments in the output do not count: a sentence kept only in a comment is lost.
 */
export function measureCoverage(inputLines: readonly string[], output: string): ImportCoverage {
    const outputWords = wordsOf(contentOf(output));
    const positions = new Map<string, number[]>();
    outputWords.forEach((word, i) => {
        const list = positions.get(word) ?? [];
        list.push(i);
        positions.set(word, list);
    });
    const missing: string[] = [];
    let sentences = 0;
    for (const line of inputLines) {
        for (const sentence of sentencesOf(line)) {
            const words = wordsOf(sentence.words);
            if (words.length === 0) continue;
            sentences++;
            if (!appears(words, outputWords, positions)) missing.push(sentence.text);
        }
    }
    const covered = sentences - missing.length;
    return { sentences, covered, ratio: sentences === 0 ? 1 : covered / sentences, missing };
}

const IGNORED = new Set(['a', 'an', 'the', 'of']);
const MARKER = /^\s*(?:\d{1,3}[.)]|[a-z][.)]|[-*+•·▪◦●○■□➢►✓])\s+/;
const NUMBERED_HEADING = /^\s*(?:\d{1,3}\s*[-–—]\s*(?=\D)|[A-Z]\s*[-–—]\s+)/;

function sentencesOf(line: string): { text: string; words: string }[] {
    let text = line.replace(MARKER, '').replace(NUMBERED_HEADING, '');
    // "Class code: 2210", or a table row's "Class code<tab>2210": the label is the keyword either way.
    const label = /^([A-Za-z][A-Za-z .()/’'-]{0,40}?)\s*(?::|\t)\s*/.exec(text);
    if (label && FIELD_LABELS[label[1].trim().toLowerCase().replace(/\s+/g, ' ')]) text = text.slice(label[0].length);
    // A label alone on its line ("Job Summary" over its paragraph) is the keyword its value takes.
    else if (FIELD_LABELS[text.trim().replace(/\s*:$/, '').toLowerCase().replace(/\s+/g, ' ')]) return [];
    return text
        .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
        .map(part => ({ text: part.trim(), words: part }))
        .filter(part => part.text !== '');
}

function wordsOf(text: string): string[] {
    return withIsoDates(text)
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(word => word !== '' && !IGNORED.has(word));
}

/** The output's text without its comments. */
function contentOf(output: string): string {
    let result = '';
    let i = 0;
    while (i < output.length) {
        if (output.startsWith('"""', i)) {
            const end = output.indexOf('"""', i + 3);
            const stop = end < 0 ? output.length : end + 3;
            result += output.slice(i, stop);
            i = stop;
        } else if (output[i] === '"') {
            const end = output.indexOf('"', i + 1);
            const stop = end < 0 ? output.length : end + 1;
            result += output.slice(i, stop);
            i = stop;
        } else if (output.startsWith('//', i)) {
            const end = output.indexOf('\n', i);
            i = end < 0 ? output.length : end;
        } else if (output.startsWith('/*', i)) {
            const end = output.indexOf('*/', i + 2);
            i = end < 0 ? output.length : end + 2;
        } else {
            result += output[i];
            i++;
        }
    }
    return result;
}

function appears(words: string[], output: string[], positions: Map<string, number[]>): boolean {
    const need = new Map<string, number>();
    for (const word of words) need.set(word, (need.get(word) ?? 0) + 1);
    let rarest: number[] | undefined;
    for (const word of need.keys()) {
        const at = positions.get(word);
        if (!at) return false;
        if (!rarest || at.length < rarest.length) rarest = at;
    }
    const reach = words.length * 2 + 12;
    for (const position of rarest!) {
        const found = new Map<string, number>();
        const end = Math.min(output.length, position + reach);
        for (let i = Math.max(0, position - reach); i < end; i++) {
            if (need.has(output[i])) found.set(output[i], (found.get(output[i]) ?? 0) + 1);
        }
        if ([...need].every(([word, count]) => (found.get(word) ?? 0) >= count)) return true;
    }
    return false;
}

import type { WeightSetJson } from './json-export.js';
import { formatNumber } from '../model.js';
import { plural } from '../words.js';

// How weights and shares read in the human documents: one helper each, so HTML, Word and the
// preview cannot say the same number two ways.

/** A share of a whole as a percentage with one decimal: 0.074 → "7.4%". */
export function formatShare(share: number): string {
    return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** A total of weights in the set's unit: "100%", "60 points", "12". */
export function formatWeight(total: number, unit: WeightSetJson['unit']): string {
    const value = formatNumber(total);
    return unit === '%' ? `${value}%` : unit === 'points' ? `${value} points` : value;
}

/** "100% in all (8 competencies)", or why there is no total. */
export function weightSetText(set: WeightSetJson, one: string, many = `${one}s`): string {
    const count = plural(set.count, one, many);
    return set.total === null
        ? `total unknown (${count}; not every weight is a number in ${set.unit === '%' ? 'percent' : 'points'})`
        : `${formatWeight(set.total, set.unit)} in all (${count})`;
}

/**
 * Whether a set's shares say anything its written weights do not. Percentages that total exactly
 * 100% are their own shares, and a second column repeating them would only be noise.
 */
export function sharesDiffer(set: WeightSetJson | undefined): boolean {
    return !(set !== undefined && set.unit === '%' && set.total !== null && Math.abs(set.total - 100) < 1e-9);
}

/**
 * Whole numbers of "units" (0.1% when weights carry one decimal) that add up to a target
 * exactly. Rounding each weight on its own would leave the total off by the rounding;
 * instead every weight is rounded down and the units left over go, one each, to the
 * weights that lost the most in rounding (the largest remainders), and among equal
 * remainders to the larger weights first, then to the earlier ones.
 */
export function apportion(weights: readonly number[], decimals: number, target = 100): number[] {
    const scale = Math.pow(10, decimals);
    const targetUnits = Math.round(target * scale);
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (weights.length === 0 || total <= 0) return weights.map(() => 0);
    // Rounded to 9 places first, so that 65.000000000001 counts as 65 units and not 65 with a remainder.
    const exact = weights.map(w => Math.round((w / total) * targetUnits * 1e9) / 1e9);
    const units = exact.map(Math.floor);
    let left = targetUnits - units.reduce((sum, u) => sum + u, 0);
    const order = exact
        .map((value, index) => ({ index, remainder: value - units[index], weight: weights[index] }))
        .sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || a.index - b.index);
    for (const { index } of order) {
        if (left <= 0) break;
        units[index]++;
        left--;
    }
    // A weight that was there stays there: one unit, taken from the largest.
    for (let i = 0; i < units.length; i++) {
        if (units[i] === 0 && weights[i] > 0) {
            const largest = units.indexOf(Math.max(...units));
            if (units[largest] > 1) {
                units[largest]--;
                units[i] = 1;
            }
        }
    }
    return units;
}

/** The target split into equal parts; the units that do not divide go to the first members. */
export function splitEvenly(count: number, decimals: number, target = 100): number[] {
    const targetUnits = Math.round(target * Math.pow(10, decimals));
    const base = Math.floor(targetUnits / count);
    const left = targetUnits - base * count;
    return Array.from({ length: count }, (_, i) => base + (i < left ? 1 : 0));
}

/** Units back to text with the set's precision: 73 units at one decimal → "7.3". */
export function formatUnits(units: number, decimals: number): string {
    return (units / Math.pow(10, decimals)).toFixed(decimals);
}

import { describe, expect, it } from 'vitest';
import { apportion, formatUnits, splitEvenly } from '../src/index.js';

describe('apportioning weights to an exact total', () => {
    it('totals the target exactly for any weights', () => {
        for (const weights of [[1, 1, 1], [7.4, 6.5, 2.4, 4.1], [33, 33, 33], [0.1, 99.8], [10, 20, 30, 41]]) {
            for (const decimals of [0, 1, 2]) {
                const units = apportion(weights, decimals);
                expect(units.reduce((s, u) => s + u, 0)).toBe(100 * Math.pow(10, decimals));
            }
        }
    });

    it('leaves weights that already total the target unchanged', () => {
        expect(apportion([25, 25, 50], 0)).toEqual([25, 25, 50]);
        expect(apportion([7.5, 92.5], 1)).toEqual([75, 925]);
    });

    it('gives the leftover units to the largest remainders, then to the larger weights', () => {
        expect(apportion([50, 30, 30], 0)).toEqual([46, 27, 27]);
        expect(apportion([30, 30, 30], 0)).toEqual([34, 33, 33]);
        expect(apportion([10, 40, 40], 0)).toEqual([11, 45, 44]);
    });

    it('never rounds a weight away to nothing', () => {
        expect(apportion([0.1, 1000], 0)).toEqual([1, 99]);
    });

    it('splits evenly with the rest on the first members, and writes units with the set precision', () => {
        expect(splitEvenly(3, 0)).toEqual([34, 33, 33]);
        expect(splitEvenly(21, 1).reduce((s, u) => s + u, 0)).toBe(1000);
        expect(formatUnits(73, 1)).toBe('7.3');
        expect(formatUnits(5, 0)).toBe('5');
        expect(formatUnits(1000, 1)).toBe('100.0');
    });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AllIssueCodes, DefaultSeverities, Rules } from '../src/index.js';

const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8');

describe('the rule table', () => {
    it('gives every code a default severity and a description', () => {
        for (const code of AllIssueCodes) {
            expect(Rules[code].description.length, code).toBeGreaterThan(10);
            expect(DefaultSeverities[code]).toBe(Rules[code].severity);
        }
    });

    it("is the README's table of checks: every code is listed with its default severity", () => {
        for (const code of AllIssueCodes) {
            const row = readme.split('\n').find(line => line.startsWith(`| \`${code}\` |`));
            expect(row, `README row for ${code}`).toBeDefined();
            expect(row!.split('|')[2], code).toContain(Rules[code].severity);
        }
    });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { build } from './helpers.js';

const examplesDir = join(__dirname, '../../../examples');
const examples = readdirSync(examplesDir).filter(f => f.endsWith('.jobstd')).sort()
    .map(f => readFileSync(join(examplesDir, f), 'utf8'));

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state * 1664525 + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
}

const PIECES = ['{', '}', '"', '"""', ',', '%', '$', '\\', '_', 'xx', '20XX', 'job', 'task group', 'competency', 'uses',
    'level', 'linked to', 'target', 'within', '7:00am', '–', '2024-13-45', '\n', ' ', '/*', '//', '💼', '\u0000', 'ÿ', '99999999999999999999%',
    'ladder', 'level L1 {', 'inherits', 'requires', 'proficiency', '35%', 'essential', 'marginal', 'physical demands {', 'occasionally',
    'time in level', 'status', 'by', 'on', 'or', 'issued by', '[Salary]', 'TBD', '3–5 years'];

/**
 * The language server runs the checks on every keystroke: no text, however broken, may
 * make the parser, the linker or a check throw. Langium reports a throwing check on the
 * console and carries on, so the console is watched too.
 */
describe('any text, however broken', () => {
    let consoleError: MockInstance<typeof console.error>;
    beforeEach(() => { consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
    afterEach(() => consoleError.mockRestore());

    async function survives(texts: string[]): Promise<void> {
        const documents = await build(texts);
        for (const document of documents) {
            expect(Array.isArray(document.diagnostics)).toBe(true);
        }
        expect(consoleError).not.toHaveBeenCalled();
    }

    it('survives every example cut off at any point', async () => {
        for (const text of examples) {
            const step = Math.max(1, Math.floor(text.length / 60));
            for (let end = 0; end < text.length; end += step) {
                await survives([text.slice(0, end), ...examples.filter(e => /^\s*library/m.test(e))]);
            }
        }
    });

    it('survives random edits of the examples', async () => {
        const next = random(20261122);
        for (let round = 0; round < 150; round++) {
            let text = examples[Math.floor(next() * examples.length)];
            for (let edit = 0; edit < 8; edit++) {
                const at = Math.floor(next() * text.length);
                const kind = next();
                if (kind < 0.4) {
                    text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
                } else if (kind < 0.8) {
                    text = text.slice(0, at) + text.slice(at + Math.floor(next() * 40));
                } else {
                    const from = Math.floor(next() * text.length);
                    text = text.slice(0, at) + text.slice(from, from + 30) + text.slice(at);
                }
            }
            await survives([text]);
        }
    });

    it.each([
        ['a weighted section whose title is missing', 'job "J" {\n  section 40% {\n    "a" 10%\n  }\n}\n'],
        ['a level whose name is missing', 'ladder "L" {\n  level {\n    "a" 50% essential\n    requires\n  }\n}\n'],
        ['a proficiency descriptor without its number', 'job "J" {\n  competency C {\n    proficiency {\n      "Basic" {\n        "a"\n      }\n    }\n  }\n}\n'],
        ['a status, an occupation and a pay range cut short', 'job "J" {\n  status approved by\n  occupation onet\n  pay "Base" $1 – or\n  time in level\n}\n'],
    ])('survives %s, which the parser recovers without the text its type promises', async (_what, text) => {
        await survives([text]);
    });

    it('survives random bytes and random keyword soup', async () => {
        const next = random(42);
        for (let round = 0; round < 100; round++) {
            const length = Math.floor(next() * 400);
            let text = '';
            for (let i = 0; i < length; i++) {
                text += next() < 0.5 ? String.fromCharCode(Math.floor(next() * 0x2fff)) : PIECES[Math.floor(next() * PIECES.length)] + ' ';
            }
            await survives([text]);
        }
    });
});

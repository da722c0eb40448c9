import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlaceholderPatterns, ConfigError, findPlaceholders, parseConfig } from '../src/index.js';

/** parseConfig's answer to a value: the configuration, or the ConfigError's message; anything else fails the test. */
function outcome(value: unknown): { config?: unknown; error?: string } {
    try {
        return { config: parseConfig(value) };
    } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return { error: (error as ConfigError).message };
    }
}

// Characters that make regular expressions interesting: groups, look-arounds, escapes, repeats.
const patternText = fc.string({
    unit: fc.constantFrom('(', ')', '?', '<', '>', '=', '!', ':', '\\', '1', 'k', 'P', 'a', 'x', '[', ']', '^', '$', '*', '+', '{', '}', ',', '|', '.', 'b', 'd'),
    maxLength: 24,
});

const configLike = fc.record({
    rules: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('placeholder', 'weight-sum', 'nope', '__proto__', 'constructor'), fc.jsonValue())),
    placeholders: fc.oneof(fc.jsonValue(), fc.record({
        patterns: fc.oneof(fc.jsonValue(), fc.array(fc.oneof(patternText, fc.jsonValue()), { maxLength: 4 })),
        replaceDefaults: fc.jsonValue(),
    }, { requiredKeys: [] })),
    weights: fc.oneof(fc.jsonValue(), fc.record({ tolerance: fc.oneof(fc.jsonValue(), fc.double()) }, { requiredKeys: [] })),
    $schema: fc.jsonValue(),
}, { requiredKeys: [] });

describe('parseConfig', () => {
    it('answers any JSON value with a configuration or a ConfigError, nothing else', () => {
        fc.assert(fc.property(fc.oneof(fc.jsonValue(), configLike), value => {
            outcome(value);
        }), { numRuns: 2000 });
    });

    it('gives only patterns that compile and search without throwing', () => {
        fc.assert(fc.property(fc.array(patternText, { maxLength: 4 }), fc.string({ maxLength: 40 }), (patterns, text) => {
            const { config } = outcome({ placeholders: { patterns } });
            if (!config) return;
            const matcher = compilePlaceholderPatterns((config as { placeholders: { patterns: string[] } }).placeholders.patterns);
            for (const match of findPlaceholders(text + ' aaxx$00 ((x))', matcher)) expect(match.text.length).toBeGreaterThan(0);
        }), { numRuns: 1000 });
    });

    it('says what is wrong with odd values', () => {
        const nested = '('.repeat(3000) + 'x' + ')'.repeat(3000);
        const cases: Array<[unknown, string]> = [
            [null, 'jobstd.config.json: expected a JSON object'],
            [[], 'jobstd.config.json: expected a JSON object'],
            ['rules', 'jobstd.config.json: expected a JSON object'],
            [JSON.parse('{"__proto__": {}}'), 'jobstd.config.json: unknown setting "__proto__" (expected rules, placeholders or weights)'],
            [{ rules: [] }, 'jobstd.config.json: "rules" must be an object'],
            [{ rules: JSON.parse('{"__proto__": "off"}') }, 'jobstd.config.json: unknown rule "__proto__" in "rules"'],
            [{ rules: { constructor: 'off' } }, 'jobstd.config.json: unknown rule "constructor" in "rules"'],
            [{ rules: { placeholder: null } }, 'jobstd.config.json: rule "placeholder" has severity null (expected error, warning, info, hint or off)'],
            [{ placeholders: [] }, 'jobstd.config.json: "placeholders" must be an object'],
            [{ placeholders: { patterns: '\\bTBD\\b' } }, 'jobstd.config.json: "placeholders.patterns" must be a list of strings'],
            [{ placeholders: { patterns: [null] } }, 'jobstd.config.json: "placeholders.patterns" must be a list of strings'],
            [{ placeholders: { patterns: [nested] } }, `jobstd.config.json: placeholder pattern ${JSON.stringify(nested)} is not a valid pattern (expression nests too deeply`],
            [{ placeholders: { patterns: ['a{2000}'] } }, 'jobstd.config.json: placeholder pattern "a{2000}" is not a valid pattern (invalid repeat count'],
            [{ placeholders: { replaceDefaults: 'yes' } }, 'jobstd.config.json: "placeholders.replaceDefaults" must be true or false'],
            [{ weights: [] }, 'jobstd.config.json: "weights" must be an object'],
            [{ weights: { tolerance: -1 } }, 'jobstd.config.json: "weights.tolerance" must be a number of percentage points, 0 or more'],
            [{ weights: { tolerance: '1' } }, 'jobstd.config.json: "weights.tolerance" must be a number of percentage points, 0 or more'],
        ];
        for (const [value, message] of cases) {
            const { error } = outcome(value);
            expect(error, JSON.stringify(value)?.slice(0, 60)).toBeDefined();
            expect(error!.startsWith(message), `${error!.slice(0, 200)}\n  expected to start with\n${message.slice(0, 200)}`).toBe(true);
        }
    });

    it('keeps a sound configuration as it is', () => {
        const config = { $schema: 'x', rules: { placeholder: 'error' }, placeholders: { patterns: ['\\[NAME\\]'], replaceDefaults: true }, weights: { tolerance: 0.5 } };
        expect(parseConfig(config)).toEqual({ rules: { placeholder: 'error' }, placeholders: { patterns: ['\\[NAME\\]'], replaceDefaults: true }, weights: { tolerance: 0.5 } });
    });
});

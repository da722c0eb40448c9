import { describe, expect, it } from 'vitest';
import { compilePlaceholderPatterns, ConfigError, findPlaceholders, parseConfig, placeholderPatternProblem } from '../src/index.js';
import { findingsFor, job } from './helpers.js';

/** The placeholders found in `text`, as [text, offset] pairs. */
function found(text: string, patterns: string[], replaceDefaults = true): Array<[string, number]> {
    return findPlaceholders(text, compilePlaceholderPatterns(patterns, replaceDefaults)).map(m => [m.text, m.offset]);
}

describe('configured placeholder patterns', () => {
    it('run in linear time: a pattern that backtracks forever in JavaScript finishes', () => {
        // In a JavaScript RegExp this takes seconds at 31 characters and doubles with each one more.
        const statement = 'a'.repeat(5000) + '!';
        expect(found(statement, ['(a+)+$'])).toEqual([]);
        expect(found('a'.repeat(5000), ['(a+)+$'])).toEqual([['a'.repeat(5000), 0]]);
    });

    it('keep their own group names: the same name in two patterns is no clash', async () => {
        const patterns = ['\\[(?P<field>NAME)\\]', '<(?<field>DATE)>'];
        expect(found('Dear [NAME], from <DATE>', patterns)).toEqual([['[NAME]', 5], ['<DATE>', 18]]);
        const { found: findings } = await findingsFor('placeholder',
            job('  summary "Dear <|[NAME]|>, as of <|<DATE>|>"'), { config: { placeholders: { patterns } } });
        expect(findings.map(f => f.at)).toEqual(['[NAME]', '<DATE>']);
        expect(findings.map(f => f.message)).toEqual([
            "Unfilled placeholder '[NAME]' (a value still to be filled in).",
            "Unfilled placeholder '<DATE>' (a value still to be filled in).",
        ]);
    });

    it('report text that two patterns both match once, the leftmost and then the longest', () => {
        // "TBD" and "TBD later" start together: the longer wins. "later on" starts inside it: dropped.
        expect(found('Start TBD later on', ['\\bTBD\\b', 'TBD later', 'later on'])).toEqual([['TBD later', 6]]);
        // A configured pattern overlapping a built-in one: the built-in "$ xxx,000" starts first.
        const withDefaults = findPlaceholders('Pay $ xxx,000 monthly', compilePlaceholderPatterns(['xxx,000 monthly']));
        expect(withDefaults.map(m => m.text)).toEqual(['$ xxx,000']);
        // Matches that only touch are both kept.
        expect(found('[A][B]', ['\\[A\\]', '\\[B\\]'])).toEqual([['[A]', 0], ['[B]', 3]]);
    });

    it('see the text before where they resume, so a word boundary holds after an earlier match', () => {
        // "B" overlaps "ABC", so the second pattern looks again from offset 3, between "C" and "D".
        expect(found('ABCDE', ['ABC', 'B|\\bDE'])).toEqual([['ABC', 0]]);
        expect(found('ABC DE', ['ABC', 'B|\\bDE'])).toEqual([['ABC', 0], ['DE', 4]]);
    });

    it('are refused at load time when RE2 cannot run them, saying why', () => {
        const cases: Array<[string, string]> = [
            ['(\\w)\\1', 'uses a back-reference (\\1), which jobstd does not support in configured patterns; rewrite it without one'],
            ['(?<w>x)\\k<w>', 'uses a named back-reference (\\k<…>), which jobstd does not support in configured patterns; rewrite it without one'],
            ['(?<=\\$)00', 'uses a look-behind, which jobstd does not support in configured patterns; rewrite it without one'],
            ['(?<!\\d)xx', 'uses a look-behind, which jobstd does not support in configured patterns; rewrite it without one'],
            ['TBD(?=\\.)', 'uses a look-ahead, which jobstd does not support in configured patterns; rewrite it without one'],
            ['[TBD', 'is not a valid pattern (missing closing ]: `[TBD`); patterns use RE2 syntax'],
            ['x*', 'matches empty text, so it would find a placeholder everywhere'],
        ];
        for (const [pattern, reason] of cases) {
            expect(placeholderPatternProblem(pattern), pattern).toBe(reason);
            expect(() => parseConfig({ placeholders: { patterns: ['\\bTBD\\b', pattern] } }))
                .toThrow(new ConfigError(`jobstd.config.json: placeholder pattern ${JSON.stringify(pattern)} ${reason}`));
        }
        // Inside a character class these are plain characters, and RE2 takes them.
        expect(placeholderPatternProblem('[(?<=]x')).toBeUndefined();
        expect(placeholderPatternProblem('[\\]1]x')).toBeUndefined();
    });

    it('leave out only the refused pattern when the host asks to carry on', () => {
        const problems: string[] = [];
        const config = parseConfig({ rules: { placeholder: 'error' }, placeholders: { patterns: ['(?<=x)y', '\\bTBD\\b'] } }, 'settings', problems);
        expect(config).toEqual({ rules: { placeholder: 'error' }, placeholders: { patterns: ['\\bTBD\\b'], replaceDefaults: undefined } });
        expect(problems).toEqual([
            'settings: placeholder pattern "(?<=x)y" uses a look-behind, which jobstd does not support in configured patterns; rewrite it without one; it is left out',
        ]);
    });

    it('never reach the checks when refused, even when a host passes them unchecked', async () => {
        const { found: findings } = await findingsFor('placeholder',
            job('  summary "aa then <|TBD|>"'), { config: { placeholders: { patterns: ['(a)\\1', '\\bTBD\\b'] } } });
        expect(findings.map(f => f.at)).toEqual(['TBD']);
    });
});

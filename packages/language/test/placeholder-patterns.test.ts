import { describe, expect, it } from 'vitest';
import {
    compilePlaceholderPatterns, ConfigError, describePlaceholder, findPlaceholders, parseConfig, placeholderKind, placeholderMessage,
    placeholderNote, placeholderPatternProblem, type PlaceholderKind,
} from '../src/index.js';
import { findingsFor, findingsOf, job } from './helpers.js';

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
        // Both are fields a template leaves, whichever pattern found them.
        expect(findings.map(f => f.message)).toEqual([
            "Unfilled placeholder '[NAME]' (a field to fill in).",
            "Unfilled placeholder '<DATE>' (a field to fill in).",
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

/** The placeholder findings of a job body: what each points at, its kind and its message. */
async function placeholdersIn(body: string): Promise<Array<{ at: string; kind: string; message: string }>> {
    const { found } = await findingsFor('placeholder', job(body));
    return found.map(f => ({ at: f.at, kind: (f.data as { kind: string }).kind, message: f.message }));
}

const fieldMessage = (text: string) => `Unfilled placeholder '${text}' (a field to fill in).`;
const instructionMessage = (text: string) => `Instruction to the author left in the text: '${text}'. Carry it out and remove it.`;
const valueMessage = (text: string, what: string) => `Unfilled placeholder '${text}' (${what} still to be filled in).`;

describe('placeholders in prose', () => {
    // [the statement, the placeholder in it, its kind, the finding's message]
    const forms: Array<[string, string, PlaceholderKind, string]> = [
        ['Works in the [Dept] team', '[Dept]', 'field', fieldMessage('[Dept]')],
        ['Reports to the [Job title] of the unit', '[Job title]', 'field', fieldMessage('[Job title]')],
        ['Starts on [Date]', '[Date]', 'field', fieldMessage('[Date]')],
        ['Contact [Manager Name] for details', '[Manager Name]', 'field', fieldMessage('[Manager Name]')],
        ['Position number [XXXXX]', '[XXXXX]', 'field', fieldMessage('[XXXXX]')],
        ['Pays [insert salary] a year', '[insert salary]', 'field', fieldMessage('[insert salary]')],
        ['Dear [name], welcome', '[name]', 'field', fieldMessage('[name]')],
        ['Send it to <insert hiring manager email>', '<insert hiring manager email>', 'field', fieldMessage('<insert hiring manager email>')],
        ['<Company name> is an equal opportunity employer', '<Company name>', 'field', fieldMessage('<Company name>')],
        ['Works at <<Office Location>>', '<<Office Location>>', 'field', fieldMessage('<<Office Location>>')],
        ['Joins {{team_name}} in spring', '{{team_name}}', 'field', fieldMessage('{{team_name}}')],
        ['Reports to «Manager_Name»', '«Manager_Name»', 'field', fieldMessage('«Manager_Name»')],
        ['Start date TBD', 'TBD', 'field', fieldMessage('TBD')],
        ['Location TBC after the review', 'TBC', 'field', fieldMessage('TBC')],
        ['Shift pattern TBA.', 'TBA', 'field', fieldMessage('TBA')],
        ['Ask @YOUR_USERNAME in the channel', 'YOUR_USERNAME', 'field', fieldMessage('YOUR_USERNAME')],
        ['Represents COMPANY_NAME at events', 'COMPANY_NAME', 'field', fieldMessage('COMPANY_NAME')],
        ['Questions go to HIRING_MANAGER_EMAIL', 'HIRING_MANAGER_EMAIL', 'field', fieldMessage('HIRING_MANAGER_EMAIL')],
        ['Created 00/00/20XX by HR', '00/00/20XX', 'date', valueMessage('00/00/20XX', 'a date')],
        ['Apply by MM/DD/YYYY', 'MM/DD/YYYY', 'date', valueMessage('MM/DD/YYYY', 'a date')],
        ['Probation ends XX/XX/XXXX', 'XX/XX/XXXX', 'date', valueMessage('XX/XX/XXXX', 'a date')],
        ['Signed on __/__/____', '__/__/____', 'date', valueMessage('__/__/____', 'a date')],
        ['Closing date: DD/MM/YYYY', 'DD/MM/YYYY', 'date', valueMessage('DD/MM/YYYY', 'a date')],
        ['Answers calls within X hours', 'X', 'number', valueMessage('X', 'a number')],
        ['Has X+ years of experience', 'X', 'number', valueMessage('X', 'a number')],
        ['Pays $XX.XX per hour', '$XX.XX', 'amount', valueMessage('$XX.XX', 'a dollar amount')],
        ['Salary £XX,XXX per annum', '£XX,XXX', 'amount', valueMessage('£XX,XXX', 'an amount of money')],
        ['Handles XX,XXX calls a year', 'XX,XXX', 'number', valueMessage('XX,XXX', 'a number')],
        ['Call (XXX) XXX-XXXX', '(XXX) XXX-XXXX', 'number', valueMessage('(XXX) XXX-XXXX', 'a number')],
        ['Records kept since YYYY', 'YYYY', 'year', valueMessage('YYYY', 'a year')],
        ['Builds Rails apps (If Ruby else delete)', '(If Ruby else delete)', 'instruction', instructionMessage('(If Ruby else delete)')],
        ['Full-time / part-time, delete as appropriate', 'delete as appropriate', 'instruction', instructionMessage('delete as appropriate')],
        ['Holds a driving licence (delete if not applicable)', '(delete if not applicable)', 'instruction', instructionMessage('(delete if not applicable)')],
        ['Note to HR: add the team size. Leads the team', 'Note to HR: add the team size.', 'instruction',
            instructionMessage('Note to HR: add the team size.')],
        ['Works [Choose one] on site or from home', '[Choose one]', 'instruction', instructionMessage('[Choose one]')],
        ['Uses the booking system (insert details)', '(insert details)', 'instruction', instructionMessage('(insert details)')],
        ['Uses [Select: Sage / Xero]', '[Select: Sage / Xero]', 'instruction', instructionMessage('[Select: Sage / Xero]')],
        ['Remove this line if unused. Leads a team', 'Remove this line if unused.', 'instruction', instructionMessage('Remove this line if unused.')],
        ['Edit as appropriate for the site', 'Edit as appropriate', 'instruction', instructionMessage('Edit as appropriate')],
    ];

    it.each(forms)('%j: %j is %s', async (statement, text, kind, message) => {
        expect(await placeholdersIn(`  "${statement}"`)).toEqual([{ at: text, kind, message }]);
        expect(placeholderKind(text)).toBe(kind);
    });

    it('shortens a long instruction in the message and keeps it whole in the finding', async () => {
        const note = 'Note to hiring manager: confirm the grade with the compensation team before this goes live.';
        const [finding] = (await findingsFor('placeholder', job(`  "${note}"`))).found;
        expect(finding.at).toBe(note);
        expect(finding.message).toBe("Instruction to the author left in the text: 'Note to hiring manager: confirm the g…'. Carry it out and remove it.");
        expect(finding.data).toMatchObject({ placeholder: note, kind: 'instruction' });
    });

    // Ordinary prose that looks like a template to a careless pattern.
    const prose: Array<[string, string]> = [
        ['a footnote', 'Meets the standard [1] and the code [12, 14]'],
        ['[sic]', 'The policy says each nurse shall recieve [sic] training'],
        ['a Markdown link', 'See the [Benefits Guide](https://example.com/benefits) and [Handbook][hb]'],
        ['checkboxes', '[ ] Badge issued [x] Laptop imaged [X] Account created'],
        ['an editorial insertion in lowercase', 'Supports staff [and contractors] on site'],
        ['an editorial pronoun', '[He] was to lead the review'],
        ['a tag', '[Remote] Senior Engineer [Hybrid]'],
        ['a citation with figures', 'Follows the code of practice [FSA, 2021]'],
        ['a cross-reference', 'Coaches staff [Appendix A] and [see Appendix 2]'],
        ['an abbreviation in capitals', 'Writes knowledge base articles [KB]'],
        ['an index', 'Reads values[i] from the array[index]'],
        ['x-ray', 'Prepares patients for x-ray and CT'],
        ['Xerox', 'Sends Xerox copies to the claims clerk'],
        ['3 x 5 cards', 'Labels pallets with 3 x 5 cards'],
        ['Box X', 'Moves parcels to Box X'],
        ['Windows XP', 'Supports legacy Windows XP machines'],
        ['Title IX', 'Completes Title IX training'],
        ['TBD inside a word', 'Files the OUTBDS and TBDs reports'],
        ['<3 months', 'Reaches productivity in <3 months'],
        ['< 3 months', 'Aims for < 3 months to productivity'],
        ['an HTML tag', 'Puts the <b>headline</b> first with a <br> after it'],
        ['an e-mail autolink', 'Writes to <jobs@example.com>'],
        ['a comparison in SQL', 'Writes WHERE amount < 100 AND region <> the EU'],
        ['delete as a duty', 'Deletes obsolete records after audit'],
        ['removal as a duty', 'Removes debris from the dock (removes banding too)'],
        ['a parenthesised duty', 'Maintains IV lines (insert, remove and flush lines) and empties bins (remove when full)'],
        ['a condition that is not an instruction', 'Holds a driving licence (if applicable)'],
        ['a note to the reader', 'Note: this is a representative list only'],
        ['code names', 'Runs the ETL_DAILY_LOAD job with MAX_RETRIES, HTTP_STATUS, ORDER_ID and CUSTOMER_NAME'],
        ['a percentage', 'Keeps shrink below 1.5% and delivers 100% of orders'],
        ['multiplication', 'Pairs with analysts 2 x 2 hours a week'],
    ];

    it.each(prose)('raises no false alarm on %s', async (_, statement) => {
        expect(await placeholdersIn(`  "${statement}"`)).toEqual([]);
    });
});

describe('placeholders in values', () => {
    // [the job line, the placeholder in it, its kind]
    const values: Array<[string, string, PlaceholderKind]> = [
        ['created 00/00/20XX', '00/00/20XX', 'date'],
        ['effective MM/DD/YYYY', 'MM/DD/YYYY', 'date'],
        ['pay "Salary" [Salary] per year', '[Salary]', 'field'],
        ['target "First response" within X hours', 'X', 'number'],
        ['grade TBD', 'TBD', 'field'],
        ['band [Band]', '[Band]', 'field'],
        ['code "[XXXXX]"', '[XXXXX]', 'field'],
        ['pay "Base Salary" $XX weekly', '$XX', 'amount'],
    ];

    it.each(values)('%j: %j is %s', async (line, text, kind) => {
        const findings = await findingsOf(job(`  ${line}`));
        expect(findings.filter(f => f.code === 'syntax-error')).toEqual([]);
        expect(await placeholdersIn(`  ${line}`)).toEqual([{ at: text, kind, message: placeholderMessage(text, kind) }]);
    });

    it('asks the patterns of prose only of prose: a value is never read as a sentence', () => {
        const matcher = compilePlaceholderPatterns();
        expect(findPlaceholders('"Note to HR: check"', matcher, 'STRING').map(m => m.text)).toEqual(['Note to HR: check']);
        expect(findPlaceholders('Note to HR: check', matcher, 'ID')).toEqual([]);
        // A value's own placeholders are still found in a value.
        expect(findPlaceholders('$XX', matcher, 'MONEY').map(m => m.text)).toEqual(['$XX']);
    });
});

describe('placeholder kinds in words', () => {
    it('describe each new kind, and say what is left to do about it', () => {
        expect(describePlaceholder('field')).toBe('a field to fill in');
        expect(describePlaceholder('date')).toBe('a date');
        expect(describePlaceholder('instruction')).toBe('an instruction to the author');
        expect(placeholderNote('[Dept]', 'field')).toBe('a field to fill in');
        expect(placeholderNote('MM/DD/YYYY', 'date')).toBe('a date still to be filled in');
        expect(placeholderNote('(delete as appropriate)', 'instruction')).toBe('an instruction to the author, to carry out and remove');
    });

    it('classify what a configured pattern finds by its text', () => {
        expect(placeholderKind('[NAME]')).toBe('field');
        expect(placeholderKind('[Choose one]')).toBe('instruction');
        expect(placeholderKind('[DD/MM/YYYY]')).toBe('date');
        expect(placeholderKind('Delete this line if not needed.')).toBe('instruction');
        expect(placeholderKind('pending')).toBe('text');
    });
});

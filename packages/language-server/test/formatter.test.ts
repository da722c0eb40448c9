import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectFormatting } from 'langium/test';
import { applyEdits, buildWorkspace, createServices, exampleFiles, readExample } from './helpers.js';

/** A ladder and a job that use every construct of levels, proficiency, duty marks, ranges and demands. */
const CAREER = readFileSync(new URL('./fixtures/career.jobstd', import.meta.url), 'utf8');

const services = createServices();
const expectFormatted = expectFormatting(services.JobStd);

/** Formats a text; also returns the documents, to compare what they say. */
async function format(text: string) {
    const [document] = await buildWorkspace(services, [text]);
    const edits = await services.JobStd.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true },
    });
    return { document, formatted: applyEdits(document, edits) };
}

/** What a document says, without where it says it. */
function valuesOf(document: Awaited<ReturnType<typeof format>>['document']): string {
    return services.JobStd.serializer.JsonSerializer.serialize(document.parseResult.value, { textRegions: false, refText: true });
}

describe('formatter: the canonical layout', () => {
    it('indents two spaces per block, one statement per line, braces on the header and on their own line', async () => {
        await expectFormatted({
            before: 'job   "X"   {   subtitle "S"  level "L"\nsection "Tasks"{ task group A "Alpha" 100 points { "a" "b" } }\n}',
            after: 'job "X" {\n  subtitle "S"\n  level "L"\n  section "Tasks" {\n    task group A "Alpha" 100 points {\n      "a"\n      "b"\n    }\n  }\n}\n',
        });
    });

    it('writes lists as "A, B, C" and keeps a use with its level and links on one line', async () => {
        await expectFormatted({
            before: 'job "X" {\n      uses Adaptability   7.4%\n level DPL 5 "Expert" linked to A ,B,C\n}\n',
            after: 'job "X" {\n  uses Adaptability 7.4% level DPL 5 "Expert" linked to A, B, C\n}\n',
        });
    });

    it('puts each fact and each member of a competency body on its own line', async () => {
        await expectFormatted({
            before: 'library L { competency Own 5% { definition "d" level DPL 3 linked to A behaviours { "x" "y" } } scale DPL 1 to 5 { 5 "Expert" } }',
            after: 'library L {\n  competency Own 5% {\n    definition "d"\n    level DPL 3\n    linked to A\n    behaviours {\n      "x"\n      "y"\n    }\n  }\n  scale DPL 1 to 5 {\n    5 "Expert"\n  }\n}\n',
        });
    });

    it('keeps at most one blank line, none after "{" or before "}", none at the start, one line break at the end', async () => {
        await expectFormatted({
            before: '\n\n\njob "A" {\n\n\n  summary "s"\n\n\n\n  code "c"\n\n}\n\n\n\njob "B" {\n}\n\n\n',
            after: 'job "A" {\n  summary "s"\n\n  code "c"\n}\n\njob "B" {\n}\n',
        });
    });

    it('keeps comments where they were: trailing on their line, or on their own line indented with what follows', async () => {
        await expectFormatted({
            before: '// head\njob "X" { // the job\n      // about the facts\n summary "s"   // short\n/* block\n   comment */\n    section "S" {\n "a"\n        // last\n}\n  uses Teamwork 2.4% // heavy\n linked to A\n}\n// end\n',
            after: '// head\njob "X" { // the job\n  // about the facts\n  summary "s" // short\n  /* block\n   comment */\n  section "S" {\n    "a"\n    // last\n  }\n  uses Teamwork 2.4% // heavy\n    linked to A\n}\n// end\n',
        });
    });

    it('writes day and time ranges tight, unless a time has a space in it', async () => {
        await expectFormatted({
            before: 'job "X" {\n  schedule "Hours" { shift 1 Mon - Fri 7:00am – 4:00pm , Sat 7:00 AM–11:00AM }\n}\n',
            after: 'job "X" {\n  schedule "Hours" {\n    shift 1 Mon-Fri 7:00am–4:00pm, Sat 7:00 AM – 11:00AM\n  }\n}\n',
        });
    });

    it('leaves the text of prose alone, line breaks inside a quoted text included', async () => {
        const before = 'job "X" {\n    summary "A long\n       summary,  as written"\n}\n';
        const { formatted } = await format(before);
        expect(formatted).toBe('job "X" {\n  summary "A long\n       summary,  as written"\n}\n');
    });

    it('changes nothing in a document that does not parse', async () => {
        const before = 'job "X" {\n      summary\n  section "S" { "a" \n';
        const { formatted } = await format(before);
        expect(formatted).toBe(before);
    });

    it('formats only the lines of a range when asked to', async () => {
        await expectFormatted({
            before: 'job "X" {\n      summary "s"\n      code "c"\n}\n',
            after: 'job "X" {\n  summary "s"\n      code "c"\n}\n',
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 20 } },
        });
    });
});

describe('formatter: ladders, levels, proficiency, marks, ranges and demands', () => {
    it('puts each new job fact on its own line: grade, band, levels, occupation, status, effective', async () => {
        await expectFormatted({
            before: 'ladder "L" { family "F" levels 3 grade P3 band "B4" occupation onet "15-1232.00" "Support"  status approved by "Dana" on 2026-03-14 effective 2026-04-01 }',
            after: 'ladder "L" {\n  family "F"\n  levels 3\n  grade P3\n  band "B4"\n  occupation onet "15-1232.00" "Support"\n'
                + '  status approved by "Dana" on 2026-03-14\n  effective 2026-04-01\n}\n',
        });
    });

    it('nests a level block: its facts, duties with shares and marks, and proficiencies one per line', async () => {
        await expectFormatted({
            before: 'ladder "L" { level L1 "One" { grade "P1" band B1 scope "Tickets" summary "s" time in level 1 – 2 years "Resolves tickets" 60% essential "Writes articles" 40%   marginal requires Troubleshooting 1 } level L2 { inherits L1 time in level typically 18 months } }',
            after: 'ladder "L" {\n  level L1 "One" {\n    grade "P1"\n    band B1\n    scope "Tickets"\n    summary "s"\n    time in level 1–2 years\n'
                + '    "Resolves tickets" 60% essential\n    "Writes articles" 40% marginal\n    requires Troubleshooting 1\n  }\n'
                + '  level L2 {\n    inherits L1\n    time in level typically 18 months\n  }\n}\n',
        });
    });

    it('nests proficiency descriptors and their indicators inside the competency', async () => {
        await expectFormatted({
            before: 'job "J" { competency T "Troubleshooting" { definition "d" proficiency P { 1 "Basic" { "Follows runbooks." } 2 { "Diagnoses." "Explains." } } } }',
            after: 'job "J" {\n  competency T "Troubleshooting" {\n    definition "d"\n    proficiency P {\n      1 "Basic" {\n        "Follows runbooks."\n      }\n'
                + '      2 {\n        "Diagnoses."\n        "Explains."\n      }\n    }\n  }\n}\n',
        });
    });

    it('writes ranges with an en dash tight, a hyphen, "to", "+" and "(3)" as people read them', async () => {
        await expectFormatted({
            before: 'job "J" { requirements { experience "support" three ( 3 ) years essential experience "scripting" 2 + years desirable '
                + 'experience "leading" 3 – 5 years experience "selling" 3-5 years experience "filing" 1 to 2 years '
                + 'licence "Driving licence" issued  by "DVLA" essential certification "A+" from "CompTIA" preferred "Degree" desirable } '
                + 'pay "Base" $52,000 – $68,000 yearly pay "Blank" $ XX – $ XX weekly }',
            after: 'job "J" {\n  requirements {\n    experience "support" three (3) years essential\n    experience "scripting" 2+ years desirable\n'
                + '    experience "leading" 3–5 years\n    experience "selling" 3 - 5 years\n    experience "filing" 1 to 2 years\n'
                + '    licence "Driving licence" issued by "DVLA" essential\n    certification "A+" from "CompTIA" preferred\n    "Degree" desirable\n  }\n'
                // "$ XX" has a space inside: a tight dash would read as part of the amount.
                + '  pay "Base" $52,000–$68,000 yearly\n  pay "Blank" $ XX – $ XX weekly\n}\n',
        });
    });

    it("keeps a pay's alternative on the pay's line, or on its own line below when written there", async () => {
        await expectFormatted({
            before: 'job "J" {\n  pay "Base"   $ XX weekly   or "Hourly"  $ XX per hour\n  pay "Salary" $52,000–$68,000 yearly\n'
                + 'or "Hourly" $25.00 - $32.50 per hour // for part-time staff\n        or "Daily" $200 per day\n}\n',
            after: 'job "J" {\n  pay "Base" $ XX weekly or "Hourly" $ XX per hour\n  pay "Salary" $52,000–$68,000 yearly\n'
                + '    or "Hourly" $25.00 - $32.50 per hour // for part-time staff\n    or "Daily" $200 per day\n}\n',
        });
    });

    it('puts marked sections, physical demands and working conditions one item per line', async () => {
        await expectFormatted({
            before: 'job "J" { section "Essential functions" essential { "Reviews permits." 35% "Answers questions." 25% } section "Other" 40%   marginal { "Orders supplies." 40% } '
                + 'physical demands { "Lifts boxes" occasionally "Sits at a desk" constantly } working conditions { "Works in an office" frequently } }',
            after: 'job "J" {\n  section "Essential functions" essential {\n    "Reviews permits." 35%\n    "Answers questions." 25%\n  }\n'
                + '  section "Other" 40% marginal {\n    "Orders supplies." 40%\n  }\n'
                + '  physical demands {\n    "Lifts boxes" occasionally\n    "Sits at a desk" constantly\n  }\n'
                + '  working conditions {\n    "Works in an office" frequently\n  }\n}\n',
        });
    });

    it('leaves a file that uses every new construct as it is, its comments included, and formatting it twice changes nothing', async () => {
        const first = await format(CAREER);
        expect(first.document.parseResult.parserErrors).toEqual([]);
        expect(first.formatted).toBe(CAREER);
        // Squeezed onto as few lines as the comments allow, it comes back to the same layout.
        const squeezed = CAREER.replace(/\n\s*(?=or ")/g, ' ').replace(/\n(?!\s*\n)\s*/g, (gap, at: number) => CAREER.lastIndexOf('//', at) > CAREER.lastIndexOf('\n', at - 1) ? gap : ' ');
        expect(squeezed.split('\n').length).toBeLessThan(CAREER.split('\n').length / 3);
        const again = await format(squeezed);
        expect(valuesOf(again.document)).toBe(valuesOf(first.document));
        const twice = await format(again.formatted);
        expect(twice.formatted).toBe(again.formatted);
        expect(again.formatted).toContain('// the duties of L1 hold here too\n    time in level typically 18 months');
    });
});

describe('formatter: on every example', () => {
    for (const file of exampleFiles()) {
        it(`${file}: formats to itself or to a text that says the same, and formatting again changes nothing`, async () => {
            const original = await format(readExample(file));
            const formatted = await format(original.formatted);
            expect(formatted.document.parseResult.parserErrors).toEqual([]);
            // The syntax tree of the formatted text is the original's, every value and name as written.
            expect(valuesOf(formatted.document)).toBe(valuesOf(original.document));
            expect(formatted.formatted).toBe(original.formatted);
        });
    }
});

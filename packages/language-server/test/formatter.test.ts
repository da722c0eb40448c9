import { describe, expect, it } from 'vitest';
import { expectFormatting } from 'langium/test';
import { applyEdits, buildWorkspace, createServices, exampleFiles, readExample } from './helpers.js';

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

describe('formatter: on every example', () => {
    for (const file of exampleFiles()) {
        it(`${file}: says the same after formatting, and formatting again changes nothing`, async () => {
            const original = readExample(file);
            const first = await format(original);
            const second = await format(first.formatted);
            expect(valuesOf(second.document)).toBe(valuesOf(first.document));
            expect(second.document.parseResult.parserErrors).toEqual([]);
            const third = await format(second.formatted);
            expect(third.formatted).toBe(second.formatted);
            // The examples are written in the canonical layout already, or close to it.
            expect(first.formatted.split('\n').length).toBeGreaterThanOrEqual(original.split('\n').length - 1);
        });
    }
});

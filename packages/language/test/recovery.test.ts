import { describe, expect, it } from 'vitest';
import { MAX_NESTING, type Job, type Section, type Statement } from '../src/index.js';
import { build, findingsFor, findingsOf, job, services } from './helpers.js';

/** The syntax findings of a text, each with the text it points at; `<|…|>` marks where they are expected. */
async function syntax(marked: string) {
    return findingsFor('syntax-error', marked);
}

async function firstJob(text: string): Promise<Job> {
    const [document] = await build([text]);
    return document.parseResult.value.jobs[0];
}

describe('slips are repaired where they are made', () => {
    it('reads a section title typed without quotes, with one finding on the title', async () => {
        const { found, expected } = await syntax(job('  section <|Duties|> {\n    "Answers calls."\n  }'));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe('This text needs quotes: write section "Duties".');
        const section = (await firstJob(job('  section Duties {\n    "Answers calls."\n  }'))).elements[0] as Section;
        expect(section.title).toBe('Duties');
        expect(section.elements).toHaveLength(1);
    });

    it('ends an unquoted target measure where its number starts', async () => {
        const { found, expected } = await syntax(job('  target <|Answers calls|> within 3 rings'));
        expect(found.map(f => f.at)).toEqual(expected);
        const target = (await firstJob(job('  target Answers calls within 3 rings'))).elements[0];
        expect(target).toMatchObject({ measure: 'Answers calls', spec: { comparator: 'within', value: '3', unit: 'rings' } });
    });

    it('asks for commas between the names of a list and links every name', async () => {
        const text = job('  task group A "A" 50% {\n    "a"\n  }\n  task group B "B" 50% {\n    "b"\n  }\n  competency Care 100% {\n    linked to <|A B|>\n  }');
        const { found, expected } = await syntax(text);
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe("Separate the names of a list with commas: 'A, B'.");
        expect(await findingsOf(text.replace('<|', '').replace('|>', '')).then(all => all.filter(f => f.code === 'unresolved-reference'))).toEqual([]);
    });

    it('reads a capitalised keyword before a name as the keyword', async () => {
        const { found } = await syntax(job('  <|Competency|> Teamwork 100%'));
        expect(found.map(f => f.message)).toEqual(["'Competency' is written in lower case: 'competency'."]);
    });

    it('keeps a rating on a scale whose name looks like a keyword', async () => {
        const text = 'library L {\n  scale Level 1 to 5\n}\njob "J" {\n  characteristics {\n    Level 3 "Middle"\n  }\n}\n';
        expect((await findingsOf(text)).filter(f => f.code === 'syntax-error')).toEqual([]);
    });

    it('names the open block in what the parser still cannot read', async () => {
        const found = await findingsOf(job('  section "Duties" {\n    "a"\n    target "Calls" within three rings\n  }'));
        expect(found.filter(f => f.code === 'syntax-error').map(f => f.message))
            .toEqual(["Expected '}' to close the section 'Duties' opened on line 2 but found 'rings'."]);
    });
});

describe('no text exhausts the parser', () => {
    it(`reads ${MAX_NESTING} nested sections, and leaves out what is nested deeper with one finding`, async () => {
        const nest = (depth: number) => job(`${'section "x" {\n'.repeat(depth)}"deepest"\n${'}\n'.repeat(depth)}`);
        expect((await findingsOf(nest(MAX_NESTING - 1))).filter(f => f.code === 'syntax-error')).toEqual([]);
        const deep = (await findingsOf(nest(300))).filter(f => f.code === 'syntax-error');
        expect(deep).toHaveLength(1);
        expect(deep[0].message).toMatch(/^Blocks are nested more than 40 deep here/);
    });

    it('reports an unclosed comment and an unclosed """ once each, at their start', async () => {
        const comment = await syntax(job('  "a"\n  <|/*|> a note\n  "b"'));
        expect(comment.found.map(f => f.at)).toEqual(comment.expected);
        const block = await syntax(job('  <|"""|>Answers the "main" line.\n  section "After" {\n    "x"\n  }'));
        expect(block.found.map(f => f.at)).toEqual(block.expected);
        const section = (await firstJob(job('  """Answers the "main" line.\n  section "After" {\n    "x"\n  }'))).elements[1] as Section;
        expect((section.elements[0] as Statement).text).toBe('x');
    });

    it('reads a line of thousands of errors in a row without exhausting the stack, keeping what comes before', async () => {
        const text = job(`  section "Before" {\n    "kept"\n  }\n  ${'"a" b '.repeat(4000)}`);
        const [document] = await build([text]);
        const jobNode = document.parseResult.value.jobs[0];
        expect((jobNode.elements[0] as Section).title).toBe('Before');
        const messages = (document.diagnostics ?? []).filter(d => d.code === 'syntax-error').map(d => d.message);
        expect(messages.some(m => m.startsWith('So many syntax errors follow one another from here'))).toBe(true);
        expect(messages.some(m => m.startsWith('This file was not checked'))).toBe(false);
    });

    it('leaves a clean parser after a parse that failed, so the next document reads normally', async () => {
        const parser = services.JobStd.parser.LangiumParser;
        const converter = services.JobStd.parser.ValueConverter;
        const convert = converter.convert.bind(converter);
        // A failure deep inside a rule, as a stack overflow causes, leaves the parser's own stacks half full.
        converter.convert = () => { throw new RangeError('Maximum call stack size exceeded'); };
        const failed = parser.parse(job('  section "S" {\n    "a"\n  }'));
        converter.convert = convert;
        expect(failed.lexerReport?.diagnostics[0].message).toMatch(/^This file was not checked: it repeats or nests its blocks too deeply to read/);
        const next = (await firstJob(job('  section "S" {\n    "a"\n  }\n  "b"')));
        expect(next.elements.map(e => e.$type)).toEqual(['Section', 'Statement']);
    });
});

/** A node as the parser read it, without Langium's own properties: what two readings are compared on. */
function plain(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(plain);
    if (node === null || typeof node !== 'object') return node;
    const object: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
        // An empty list (a sentence that states no terms) is the same as none written.
        if (key.startsWith('$') || (Array.isArray(value) && value.length === 0)) continue;
        // A reference is compared on the name written, not on what it resolved to.
        object[key] = value && typeof value === 'object' && 'ref' in value && '$refText' in value ? (value as { $refText: string }).$refText : plain(value);
    }
    return object;
}

const ladder = (body: string) => `ladder "Support Engineer" {\n  scale PL "Proficiency" 1 to 4\n  competency Troubleshooting {\n    proficiency PL {\n      1 "Basic" {\n        "Follows runbooks."\n      }\n    }\n  }\n${body}\n}\n`;

/** Reads a slipped and a corrected text: one syntax finding on the slip's line, and the same document otherwise. */
async function readsAsFixed(slipped: string, fixed: string): Promise<string[]> {
    const [document] = await build([slipped]);
    const slippedRoot = plain(document.parseResult.value);
    const messages = (document.diagnostics ?? []).filter(d => d.code === 'syntax-error').map(d => `${d.range.start.line + 1}: ${d.message}`);
    const [fixedDocument] = await build([fixed]);
    expect((fixedDocument.diagnostics ?? []).filter(d => d.code === 'syntax-error')).toEqual([]);
    expect(slippedRoot).toEqual(plain(fixedDocument.parseResult.value));
    return messages;
}

describe('slips in ladders, duties, demands and person specifications', () => {
    it.each([
        ['a duty with its share and mark', '  "Resolves tier-1 tickets 60% essential', '  "Resolves tier-1 tickets" 60% essential'],
        ['a duty in points', '  "Resolves tier-1 tickets 20 points marginal', '  "Resolves tier-1 tickets" 20 points marginal'],
        ['a duty with a mark alone', '  "Orders supplies marginal', '  "Orders supplies" marginal'],
        ['a status', '  status approved by "Dana Whitfield, HR Director on 2026-03-14', '  status approved by "Dana Whitfield, HR Director" on 2026-03-14'],
        ['an occupation code', '  occupation onet "15-1232.00 "Computer User Support Specialists"', '  occupation onet "15-1232.00" "Computer User Support Specialists"'],
        ['a pay term before its alternative', '  pay "Base salary $52,000–$68,000 yearly or "Hourly pay" $25 per hour', '  pay "Base salary" $52,000–$68,000 yearly or "Hourly pay" $25 per hour'],
        ['an alternative of a pay term', '  pay "Base salary" $52,000 yearly or "Hourly pay $25.00 - $32.50 per hour', '  pay "Base salary" $52,000 yearly or "Hourly pay" $25.00 - $32.50 per hour'],
        ['a level title', '  level L1 "Support Engineer I {\n    "Resolves tickets"\n  }', '  level L1 "Support Engineer I" {\n    "Resolves tickets"\n  }'],
        ['a section title before its share and mark', '  section "Other duties 40% marginal {\n    "Orders supplies." 40%\n  }', '  section "Other duties" 40% marginal {\n    "Orders supplies." 40%\n  }'],
    ])('closes an unclosed quote on %s before the line\'s syntax', async (_what, slipped, fixed) => {
        const messages = await readsAsFixed(job(slipped), job(fixed));
        expect(messages).toHaveLength(1);
        expect(messages[0]).toMatch(/^2: This quote is not closed: the text ".*" needs a closing " where it ends\.$/);
    });

    it.each([
        ['an issuer', 'licence "Driving licence issued by "DVLA" essential', 'licence "Driving licence" issued by "DVLA" essential'],
        ['an awarding body', 'certification "CompTIA A+ from "CompTIA" preferred', 'certification "CompTIA A+" from "CompTIA" preferred'],
        ['a spelled duration', 'experience "support experience three (3) years essential', 'experience "support experience" three (3) years essential'],
        ['an open duration', 'experience "scripting 2+ years desirable', 'experience "scripting" 2+ years desirable'],
        ['a range of years', 'experience "team leadership 3–5 years', 'experience "team leadership" 3–5 years'],
        ['a necessity alone', 'education "Degree in social work essential', 'education "Degree in social work" essential'],
        ['a criterion\'s necessity', '"Degree in a technical field desirable', '"Degree in a technical field" desirable'],
    ])('closes an unclosed quote in a person specification before %s', async (_what, slipped, fixed) => {
        const within = (line: string) => job(`  requirements {\n    ${line}\n  }`);
        expect(await readsAsFixed(within(slipped), within(fixed))).toHaveLength(1);
    });

    it('closes an unclosed quote in physical demands before the frequency, and nowhere else', async () => {
        const demands = (line: string) => job(`  physical demands {\n    ${line}\n  }`);
        expect(await readsAsFixed(demands('"Sits at a desk constantly'), demands('"Sits at a desk" constantly'))).toHaveLength(1);
        // In a section, a frequency word is the sentence's own.
        const [document] = await build([job('  section "Duties" {\n    "Travels occasionally\n  }')]);
        const section = document.parseResult.value.jobs[0].elements[0] as Section;
        expect((section.elements[0] as Statement).text).toBe('Travels occasionally');
    });

    it.each([
        ['"Attendance at the briefing is essential', 'Attendance at the briefing is essential'],
        ['"A degree in nursing is preferred', 'A degree in nursing is preferred'],
        ['"Keeps the error rate below 2%', 'Keeps the error rate below 2%'],
        ['"Reduces waste by 5%', 'Reduces waste by 5%'],
    ])('keeps a sentence that ends in a mark or a share whole: %s', async (line, text) => {
        const [document] = await build([job(`  section "Duties" {\n    ${line}\n  }`)]);
        const section = document.parseResult.value.jobs[0].elements[0] as Section;
        expect(plain(section.elements)).toEqual([{ text }]);
        expect((document.diagnostics ?? []).filter(d => d.code === 'syntax-error')).toHaveLength(1);
    });

    it.each([
        ['requries', '  level L1 {\n    <|requries|> Troubleshooting 1\n  }', 'requires'],
        ['proficency', '  competency Care {\n    <|proficency|> PL {\n      1 "Basic" { "Listens." }\n    }\n  }', 'proficiency'],
        ['inherts', '  level L1 {\n    "a"\n  }\n  level L2 {\n    <|inherts|> L1\n  }', 'inherits'],
        ['levles', '  <|levles|> 3', 'levels'],
        ['occupaton', '  <|occupaton|> onet "15-1232.00"', 'occupation'],
        ['phyiscal', '  <|phyiscal demands|> {\n    "Lifts boxes" rarely\n  }', 'physical demands'],
        ['tiem', '  level L1 {\n    <|tiem in|> level 2 years\n  }', 'time in'],
    ])('asks "did you mean" for a misspelt %s and reads the line as meant', async (word, body, meant) => {
        const { found, expected } = await syntax(job(body));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found.map(f => f.message)).toEqual([`Unknown word '${word}': did you mean '${meant}'?`]);
        const fixed = job(body.replace(/<\|.*?\|>/, meant));
        expect(await readsAsFixed(job(body.replace('<|', '').replace('|>', '')), fixed)).toHaveLength(1);
    });

    it('asks "did you mean" for a misspelt ladder, which opens the file', async () => {
        const { found } = await syntax('<|ladderr|> "Support Engineer" {\n  "a"\n}\n');
        expect(found.map(f => f.message)).toEqual(["Unknown word 'ladderr': did you mean 'ladder'?"]);
    });

    it.each([
        ['<|Physical Demands|> {\n    "Lifts boxes" rarely\n  }', "'Physical Demands' is written in lower case: 'physical demands'."],
        ['<|Working conditions|> {\n    "Works outdoors" frequently\n  }', "'Working conditions' is written in lower case: 'working conditions'."],
        ['<|Status|> approved by "Dana Whitfield" on 2026-03-14', "'Status' is written in lower case: 'status'."],
        ['<|Effective|> 2026-04-01', "'Effective' is written in lower case: 'effective'."],
    ])('reads a capitalised keyword whose line has its own shape: %s', async (body, message) => {
        const { found, expected } = await syntax(job(`  ${body}`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found.map(f => f.message)).toEqual([message]);
    });

    const sentences = [
        'on call every third weekend.', 'On call every third weekend.', 'time sheets are signed on Fridays.',
        'Time in the field is logged daily.', 'about the role: supports residents.', 'never leaves a resident unattended.',
        'status of each order is logged.', 'Status reports are sent weekly.', 'working with families daily.',
        'requires a valid driving licence.', 'Requires supervision daily.', 'effective communication with residents.',
        'levels of care are reviewed monthly.', 'grade papers for the training course.',
    ];

    it.each(sentences)('reads an unquoted sentence that opens with an everyday keyword as prose: %s', async (sentence) => {
        const found = (await findingsOf(job(`  section "Duties" {\n    ${sentence}\n  }`))).filter(f => f.code === 'syntax-error');
        expect(found.map(f => f.message)).toEqual([`This text needs quotes: "${sentence}" is read as a statement. Put it in quotes.`]);
        const [document] = await build([job(`  section "Duties" {\n    ${sentence}\n  }`)]);
        expect(plain((document.parseResult.value.jobs[0].elements[0] as Section).elements)).toEqual([{ text: sentence }]);
    });

    it('finds nothing in quoted sentences, or in text whose lines go on with everyday keywords', async () => {
        const quoted = sentences.map(s => `    "${s}"`).join('\n');
        const continued = `  summary "Reads meters on the round
    status of each meter is logged
    time sheets go to the supervisor
    working with the team leader on call
    requires a van 2 days a week"`;
        const found = await findingsOf(job(`  section "Duties" {\n${quoted}\n  }\n${continued}`));
        expect(found.filter(f => f.code === 'syntax-error')).toEqual([]);
    });

    it.each([
        ['status approved by <|Dana Whitfield|> on 2026-03-14', 'status approved by "Dana Whitfield" on 2026-03-14', 'write by "Dana Whitfield".'],
        ['requirements {\n    licence "Driving licence" issued by <|DVLA|> essential\n  }', 'requirements {\n    licence "Driving licence" issued by "DVLA" essential\n  }', 'write by "DVLA".'],
        ['requirements {\n    certification "CompTIA A+" from <|CompTIA|> preferred\n  }', 'requirements {\n    certification "CompTIA A+" from "CompTIA" preferred\n  }', 'write from "CompTIA".'],
        ['section <|Essential functions|> essential {\n    "Reviews permits." 35%\n  }', 'section "Essential functions" essential {\n    "Reviews permits." 35%\n  }', 'write section "Essential functions".'],
        ['section <|Other duties|> 40% marginal {\n    "Orders supplies." 40%\n  }', 'section "Other duties" 40% marginal {\n    "Orders supplies." 40%\n  }', 'write section "Other duties".'],
    ])('quotes an unquoted name or title up to what follows it: %s', async (slipped, fixed, message) => {
        const { found, expected } = await syntax(job(`  ${slipped}`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe(`This text needs quotes: ${message}`);
        await readsAsFixed(job(`  ${slipped.replace('<|', '').replace('|>', '')}`), job(`  ${fixed}`));
    });

    it.each([
        ['Resolves tier-1 tickets 60% essential', '"Resolves tier-1 tickets" 60% essential'],
        ['Orders supplies marginal', '"Orders supplies" marginal'],
        ['Attendance at the briefing is essential', '"Attendance at the briefing is essential"'],
    ])('quotes an unquoted duty up to its share and mark: %s', async (slipped, fixed) => {
        const within = (line: string) => job(`  section "Duties" {\n    ${line}\n  }`);
        expect(await readsAsFixed(within(slipped), within(fixed))).toHaveLength(1);
    });

    it('quotes an unquoted demand up to its frequency', async () => {
        const demands = (line: string) => job(`  working conditions {\n    ${line}\n  }`);
        expect(await readsAsFixed(demands('Works outdoors in all weathers frequently'), demands('"Works outdoors in all weathers" frequently'))).toHaveLength(1);
    });

    it.each([
        ['a level, before the next level', '  level L1 "Support Engineer I" {\n    "Resolves tickets"\n\n  level L2 "Support Engineer II" {\n    inherits L1\n  }',
            "12: The level 'L1', opened on line 10, is not closed: add '}' here."],
        ['a proficiency level, before the next one', '  competency Care {\n    proficiency PL {\n      1 "Basic" {\n        "Listens."\n\n      2 "Skilled" {\n        "Listens well."\n      }\n    }\n  }',
            "14: The proficiency level 'Basic', opened on line 12, is not closed: add '}' here."],
        ['physical demands, before working conditions', '  physical demands {\n    "Lifts boxes" rarely\n\n  working conditions {\n    "Works outdoors" frequently\n  }',
            "12: The list of physical demands, opened on line 10, is not closed: add '}' here."],
    ])('puts back the missing brace of %s, where it belongs', async (_what, body, message) => {
        const text = ladder(body);
        const [document] = await build([text]);
        const messages = (document.diagnostics ?? []).filter(d => d.code === 'syntax-error').map(d => `${d.range.start.line + 1}: ${d.message}`);
        expect(messages).toEqual([message]);
    });

    it('names a ladder among the blocks that start a document', async () => {
        const found = (await findingsOf('ladder "Support Engineer" {\n}\nsection "Duties" {\n}\n')).filter(f => f.code === 'syntax-error');
        expect(found.map(f => f.message)).toEqual(["Expected 'job', 'ladder' or 'library' to start a document, but found 'section'."]);
    });
});

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

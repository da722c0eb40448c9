import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { AstUtils, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { describe, expect, it } from 'vitest';
import {
    exportJson, isBehaviour, isCompetency, isCompetencyUse, isLibrary, isPay, isRequirement, isSchedule, isShift, isSignature,
    isStatement, isTarget, isTask, isTaskGroup,
    JSON_SCHEMA_ID, type AuthorityJson, type CharacteristicsJson, type CompetencyJson, type Document, type JobStdJson,
    type RequirementJson, type RequirementsJson, type ScaleJson
} from '../src/index.js';
import { services } from './helpers.js';
import { contextOf, EVERYTHING, exampleFiles, readExample, schema } from './export-fixtures.js';

const goldenDir = join(__dirname, 'golden/json');
const update = process.env.UPDATE_GOLDEN === '1';

/** The examples built together under their own names, so that library files come out as `examples/…`. */
async function buildExamples(): Promise<Map<string, LangiumDocument<Document>>> {
    await clearDocuments(services.shared);
    services.JobStd.config.ConfigProvider.set({});
    const documents = new Map<string, LangiumDocument<Document>>();
    for (const file of exampleFiles()) {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(
            readExample(file), URI.parse(`file:///project/examples/${file}`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        documents.set(file, document);
    }
    await services.shared.workspace.DocumentBuilder.build([...documents.values()], { validation: true });
    return documents;
}

async function buildOne(text: string, name = 'doc.jobstd'): Promise<LangiumDocument<Document>> {
    await clearDocuments(services.shared);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.parse(`file:///project/jobs/${name}`));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

function serialise(json: JobStdJson): string {
    return JSON.stringify(json, null, 2) + '\n';
}

/** A validator that knows the schema only by its `$id`, as a consumer with the package would register it. */
function validatorById() {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(schema);
    return ajv;
}

/** Every string in the export, depth first. */
function stringsOf(value: unknown, out: string[] = []): string[] {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
    return out;
}

/** Every object in the export that has the given key set to the given value. */
function objectsWith(value: unknown, key: string, wanted: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
    if (Array.isArray(value)) for (const v of value) objectsWith(v, key, wanted, out);
    else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (record[key] === wanted) out.push(record);
        for (const v of Object.values(record)) objectsWith(v, key, wanted, out);
    }
    return out;
}

describe('the JSON Schema as a schema', () => {
    it('is a valid draft 2020-12 schema and compiles in strict mode', () => {
        const ajv = validatorById();
        expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
        expect(ajv.getSchema(JSON_SCHEMA_ID)).toBeTypeOf('function');
    });

    it('allows source locations and the library file', () => {
        expect(schema.$defs.sourceLocation.required).toEqual(['line', 'column', 'endLine', 'endColumn']);
        expect(schema.$defs.competency.properties?.libraryFile).toBeDefined();
    });
});

describe('JSON export of every example, as shipped', async () => {
    const documents = await buildExamples();
    const ajv = validatorById();

    it.each([...documents.keys()])('%s validates against the schema its $schema names', (file) => {
        const document = documents.get(file)!;
        for (const locations of [false, true]) {
            const json = JSON.parse(serialise(exportJson(document.parseResult.value, { ...contextOf(document, `examples/${file}`), locations }))) as JobStdJson;
            const validate = ajv.getSchema(json.$schema)!;
            expect(validate).toBeTypeOf('function');
            const ok = validate(json);
            expect(ok ? [] : validate.errors!.map(e => `${e.instancePath} ${e.message}`)).toEqual([]);
        }
    });

    it.each([...documents.keys()])('%s holds every statement, behaviour, task, target, KPI, schedule, shift, signature, pay line, requirement and competency', (file) => {
        const document = documents.get(file)!;
        const json = exportJson(document.parseResult.value, { ...contextOf(document, `examples/${file}`), locations: true });
        // Located by where they are written: each node of the source must be found in the JSON
        // with its own text, at its own place, so that two equal sentences cannot stand in for each other.
        const located = new Map<string, Record<string, unknown>>();
        for (const object of collectLocated(json)) {
            const at = object.sourceLocation as { line: number; column: number };
            located.set(`${at.line}:${at.column}`, object);
        }
        let checked = 0;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (!(isStatement(node) || isBehaviour(node) || isTask(node) || isTarget(node) || isSchedule(node) || isShift(node)
                || isSignature(node) || isPay(node) || isRequirement(node) || isCompetency(node) || isCompetencyUse(node) || isTaskGroup(node))) continue;
            const start = node.$cstNode!.range.start;
            const found = located.get(`${start.line + 1}:${start.character + 1}`);
            expect(found, `${node.$type} at line ${start.line + 1}`).toBeDefined();
            const written = isTarget(node) ? node.measure : isShift(node) ? node.name : isSignature(node) || isPay(node) ? node.label
                : isSchedule(node) ? node.shifts[0]?.name : isCompetencyUse(node) ? node.competency.$refText
                : isCompetency(node) || isTaskGroup(node) ? node.name : node.text;
            expect(stringsOf(found)).toContain(written?.replace(/\\/g, ''));
            checked++;
        }
        if (file !== 'ctk-competency-toolkit.jobstd') expect(checked).toBeGreaterThan(5);
    });

    it('inlines a used library competency with its library and file, and its behaviours', () => {
        const document = documents.get('customer-service-representative.jobstd')!;
        const json = exportJson(document.parseResult.value, contextOf(document, 'examples/customer-service-representative.jobstd'));
        const uses = AstUtils.streamAst(document.parseResult.value).filter(isCompetencyUse).toArray();
        expect(uses.length).toBeGreaterThan(5);
        const competencies = objectsWith(json, 'kind', 'competency');
        for (const use of uses) {
            const declaration = use.competency.ref!;
            const exported = competencies.find(c => c.id === declaration.name)!;
            expect(exported).toMatchObject({
                source: 'library',
                library: AstUtils.getContainerOfType(declaration, isLibrary)!.name,
                libraryFile: 'examples/ctk-competency-toolkit.jobstd',
                resolved: true,
                behaviours: declaration.behaviours.map(b => ({ text: b.text })),
            });
            expect(exported.definition).toBe(declaration.definition);
        }
    });

    it('marks blanks as placeholders with a null value, never as numbers', () => {
        const document = documents.get('csr-letter-of-expectations.jobstd')!;
        const json = exportJson(document.parseResult.value, contextOf(document, 'examples/csr-letter-of-expectations.jobstd'));
        const pay = objectsWith(json, 'kind', 'pay');
        expect(pay.length).toBeGreaterThan(0);
        for (const p of pay) expect(p.amount).toMatchObject({ text: '$ XX', value: null, placeholder: true });
        // Anything that says it is a placeholder holds no number.
        for (const p of objectsWith(json, 'placeholder', true)) expect(p.value ?? null).toBeNull();
    });

    it.each([...documents.keys()])('%s matches its golden file', (file) => {
        const document = documents.get(file)!;
        const actual = serialise(exportJson(document.parseResult.value, contextOf(document, `examples/${file}`)));
        const golden = join(goldenDir, file.replace(/\.jobstd$/, '.json'));
        if (update || !existsSync(golden)) {
            mkdirSync(goldenDir, { recursive: true });
            writeFileSync(golden, actual);
        }
        expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
});

/** Objects that carry a source location, depth first. */
function collectLocated(value: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
    if (Array.isArray(value)) for (const v of value) collectLocated(v, out);
    else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (record.sourceLocation) out.push(record);
        for (const [key, v] of Object.entries(record)) if (key !== 'sourceLocation') collectLocated(v, out);
    }
    return out;
}

describe('JSON export: source locations', () => {
    it('gives every element its place in the file, 1-based, when asked, and nothing otherwise', async () => {
        const text = `job "Clerk" {
  section "Duties" {
    "Files letters"
    task group A 100 points { "Sorts mail" }
  }
  signature "Employee" date
}
`;
        const document = await buildOne(text);
        const plain = exportJson(document.parseResult.value, contextOf(document, 'jobs/doc.jobstd'));
        expect(collectLocated(plain)).toEqual([]);
        const json = exportJson(document.parseResult.value, { ...contextOf(document, 'jobs/doc.jobstd'), locations: true });
        const [job] = json.jobs;
        expect(job.sourceLocation).toEqual({ line: 1, column: 1, endLine: 7, endColumn: 2 });
        const section = job.elements[0] as unknown as { sourceLocation: unknown; elements: Array<{ sourceLocation: unknown; tasks?: Array<{ sourceLocation: unknown }> }> };
        expect(section.sourceLocation).toEqual({ line: 2, column: 3, endLine: 5, endColumn: 4 });
        expect(section.elements[0].sourceLocation).toEqual({ line: 3, column: 5, endLine: 3, endColumn: 20 });
        expect(section.elements[1].tasks![0].sourceLocation).toEqual({ line: 4, column: 31, endLine: 4, endColumn: 43 });
        expect(job.elements[1]).toEqual({
            kind: 'signature', label: 'Employee', dated: true,
            sourceLocation: { line: 6, column: 3, endLine: 6, endColumn: 28 },
        });
        // The location is the last key, so that it never moves the facts around in a diff.
        expect(Object.keys(job.elements[1]).at(-1)).toBe('sourceLocation');
    });
});

describe('JSON export: placeholders', () => {
    it('marks a blank level, quantity and weight as a placeholder with no number', async () => {
        const document = await buildOne(`job "Clerk" {
  scale S 1 to 5
  competency Care xx% { level S xx }
  characteristics { S xx "Unknown" }
  authority "Approves" up to $ xxx,000
  requirements { experience "filing" xx years }
}`);
        const json = exportJson(document.parseResult.value, contextOf(document, 'jobs/doc.jobstd'));
        const [, care, ratings, authority, requirements] = json.jobs[0].elements as [ScaleJson, CompetencyJson, CharacteristicsJson, AuthorityJson, RequirementsJson];
        expect(care.weight).toMatchObject({ value: null, text: 'xx%', placeholder: true });
        expect(care.level).toMatchObject({ value: null, text: 'xx', placeholder: true });
        expect(ratings.ratings[0]).toMatchObject({ value: null, text: 'xx', label: 'Unknown', placeholder: true });
        expect(authority.limit).toEqual({ text: '$ xxx,000', value: null, unit: '$', placeholder: true });
        expect((requirements.items[0] as RequirementJson).duration).toMatchObject({ value: null, text: 'xx', unit: 'years', placeholder: true });
    });
});

describe('JSON export: stable', () => {
    it('shows a change of one statement as a diff of exactly one line', async () => {
        const before = serialise(exportJson((await buildOne(EVERYTHING)).parseResult.value, { file: 'a.jobstd', findings: [] }));
        const changed = EVERYTHING.replace('"Approves rotas"', '"Approves holiday rotas"');
        expect(changed).not.toBe(EVERYTHING);
        const after = serialise(exportJson((await buildOne(changed)).parseResult.value, { file: 'a.jobstd', findings: [] }));
        const a = before.split('\n');
        const b = after.split('\n');
        expect(b.length).toBe(a.length);
        const differing = a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
        expect(differing).toEqual([['              "text": "Approves rotas"', '              "text": "Approves holiday rotas"']]);
    });

    it('writes keys in the same order whatever order the facts are written in', async () => {
        const one = `job "Clerk" {
  code "C-1"
  level "Entry"
  family "Office"
  summary "Keeps files."
  competency Care 100% { level S 2 definition "Is careful." }
  scale S 1 to 3
}`;
        const other = `job "Clerk" {
  summary "Keeps files."
  family "Office"
  level "Entry"
  code "C-1"
  competency Care 100% { definition "Is careful." level S 2 }
  scale S 1 to 3
}`;
        const a = serialise(exportJson((await buildOne(one)).parseResult.value, { file: 'a.jobstd', findings: [] }));
        const b = serialise(exportJson((await buildOne(other)).parseResult.value, { file: 'a.jobstd', findings: [] }));
        expect(b).toBe(a);
        expect(Object.keys((JSON.parse(a) as JobStdJson).jobs[0])).toEqual(['title', 'code', 'level', 'family', 'smes', 'summary', 'weights', 'elements']);
    });
});

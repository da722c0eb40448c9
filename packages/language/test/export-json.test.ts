import { AstUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import {
    exportJson, JSON_EXPORT_VERSION, JSON_SCHEMA_ID,
    type CompetencyJson, type ElementJson, type IncentiveClauseJson, type JobStdJson, type TaskGroupJson, type WeightJson
} from '../src/index.js';
import { build, job } from './helpers.js';
import { contextOf, EVERYTHING, exampleFiles, readExample, schema, schemaValidator } from './export-fixtures.js';

const validate = schemaValidator();

function expectValid(json: JobStdJson): void {
    // Through a JSON round trip, as a consumer would read it.
    const parsed = JSON.parse(JSON.stringify(json));
    const ok = validate(parsed);
    expect(ok ? [] : validate.errors!.map(e => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

async function exportOf(text: string, workspace: string[] = []): Promise<JobStdJson> {
    const [document] = await build([text, ...workspace]);
    return exportJson(document.parseResult.value, contextOf(document, 'jobs/test.jobstd'));
}

/** Every element of a job, depth first, sections, roles and incentives opened. */
function allElements(elements: Array<ElementJson | IncentiveClauseJson>): Array<ElementJson | IncentiveClauseJson> {
    return elements.flatMap(e => [e, ...allElements(
        e.kind === 'section' || e.kind === 'role' ? e.elements : e.kind === 'incentive' ? e.clauses : [])]);
}

describe('JSON export of the examples', () => {
    const files = exampleFiles();

    it('finds examples to export', () => {
        expect(files.length).toBeGreaterThan(0);
    });

    it.each(files)('%s exports JSON that is valid against the schema', async (file) => {
        // All examples are loaded together, so a job's `uses` resolve against the library file.
        const documents = await build(files.map(readExample));
        const document = documents[files.indexOf(file)];
        const json = exportJson(document.parseResult.value, contextOf(document, `examples/${file}`));
        expectValid(json);
        expect(json.source).toBe(`examples/${file}`);
        expect(json.jobs.length + json.libraries.length).toBeGreaterThan(0);

        const declaredInLibraries = new Set(documents.flatMap(d => d.parseResult.value.libraries)
            .flatMap(l => l.members).map(m => m.name));
        for (const j of json.jobs) {
            for (const c of allElements(j.elements).filter((e): e is CompetencyJson => e.kind === 'competency')) {
                if (c.source === 'library' && declaredInLibraries.has(c.id)) expect(c.resolved, c.id).toBe(true);
            }
        }
    });
});

describe('JSON export: weights and links', () => {
    const library = `library CTK "CTK Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5 { 4 "Advanced" 5 "Expert" }
  competency Communication "Communication Skills" {
    definition "Conveys information clearly."
    sme "Jo Bloggs"
    last updated 2012-05-29
    behaviours { "Speaks clearly" "Writes concisely" }
  }
}`;
    const text = job(`  section "Task Groups" {
    task group A "Functional/Technical" 100 points { "Takes orders" }
    task group B "People" 60 points { "Keeps up" }
  }
  task group C "Administrative" 20 points { "Files" }
  section "Competencies" {
    competency Listening "Active Listening" 40% { linked to A, C, Z }
    uses Communication 60% level DPL 5 linked to B
  }`);

    it('normalises task group weights into shares of the total', async () => {
        const json = await exportOf(text, [library]);
        const groups = allElements(json.jobs[0].elements).filter((e): e is TaskGroupJson => e.kind === 'taskGroup');
        expect(groups.map(g => g.id)).toEqual(['A', 'B', 'C']);
        expect(groups[0].weight).toEqual({ value: 100, unit: 'points', text: '100 points', share: 100 / 180, placeholder: false });
        expect(groups[1].weight!.share).toBeCloseTo(0.3333, 4);
        expect(groups[2].weight!.share).toBeCloseTo(0.1111, 4);
        expect(groups[0].weight!.share).toBeCloseTo(0.5556, 4);
        expect(json.jobs[0].weights).toEqual({
            taskGroups: { unit: 'points', total: 180, count: 3 },
            competencies: { unit: '%', total: 100, count: 2 },
        });
        expectValid(json);
    });

    it('resolves links to task groups and marks the ones that do not resolve', async () => {
        const json = await exportOf(text, [library]);
        const listening = allElements(json.jobs[0].elements).find(e => e.kind === 'competency' && e.id === 'Listening') as CompetencyJson;
        expect(listening.source).toBe('job');
        expect(listening.weight!.share).toBeCloseTo(0.4, 10);
        expect(listening.linkedTo).toEqual([
            { id: 'A', title: 'Functional/Technical', resolved: true },
            { id: 'C', title: 'Administrative', resolved: true },
            { id: 'Z', resolved: false },
        ]);
    });

    it('merges the library definition into a competency the job uses from another file', async () => {
        const json = await exportOf(text, [library]);
        const communication = allElements(json.jobs[0].elements).find(e => e.kind === 'competency' && e.id === 'Communication') as CompetencyJson;
        expect(communication).toMatchObject({
            title: 'Communication Skills',
            source: 'library',
            library: 'CTK',
            resolved: true,
            definition: 'Conveys information clearly.',
            behaviours: [{ text: 'Speaks clearly' }, { text: 'Writes concisely' }],
            smes: ['Jo Bloggs'],
            lastUpdated: '2012-05-29',
            level: { scale: 'DPL', scaleTitle: 'Desired Proficiency Level', value: 5, label: 'Expert', resolved: true },
            linkedTo: [{ id: 'B', title: 'People', resolved: true }],
        });
        expect(communication.weight!.share).toBeCloseTo(0.6, 10);
    });

    it('says so when a used competency is not in any library, and leaves shares null when a weight is a blank', async () => {
        const json = await exportOf(job(`  task group A 100 points { "x" }
  task group B xx points { "y" }
  uses Missing 10%`));
        const [a, b, missing] = allElements(json.jobs[0].elements) as [TaskGroupJson, TaskGroupJson, CompetencyJson];
        expect(a.weight!.share).toBeNull();
        expect(b.weight).toMatchObject({ value: null, text: 'xx points', placeholder: true, share: null });
        expect(json.jobs[0].weights.taskGroups).toEqual({ unit: 'points', total: null, count: 2 });
        expect(missing).toMatchObject({ id: 'Missing', title: 'Missing', source: 'library', resolved: false, behaviours: [] });
        expect(json.findings.errors).toBeGreaterThan(0);
        expectValid(json);
    });
});

describe('JSON export: the whole language', () => {
    it('gives every element of the grammar its kind, and validates', async () => {
        const json = await exportOf(EVERYTHING);
        expectValid(json);
        const kinds = new Set(allElements([...json.jobs[0].elements, ...json.libraries[0].members]).map(e => e.kind));
        expect([...kinds].sort()).toEqual([
            'authority', 'benefit', 'bonusAmount', 'characteristics', 'competency', 'condition', 'incentive', 'kpi',
            'letter', 'pay', 'payout', 'rate', 'requirements', 'role', 'scale', 'schedule', 'section', 'signature',
            'statement', 'target', 'taskGroup', 'threshold',
        ]);
    });

    it('leaves out nothing the writer wrote: every text and word of the syntax tree is in the JSON', async () => {
        const [document] = await build([EVERYTHING]);
        const json = exportJson(document.parseResult.value, contextOf(document, 'everything.jobstd'));
        const exported = new Set<string>();
        JSON.stringify(json, (_key, value: unknown) => {
            if (typeof value === 'string') exported.add(squash(value));
            return value;
        });
        const missing: string[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            for (const written of writtenValues(node)) {
                if (![...exported].some(e => e.includes(squash(written)))) missing.push(`${node.$type}: ${written}`);
            }
        }
        expect(missing).toEqual([]);
    });

    it('keeps the facts of a job, paragraph breaks, phrases and the words the syntax tree drops', async () => {
        const json = await exportOf(EVERYTHING);
        const [lead] = json.jobs;
        expect(lead).toMatchObject({
            title: 'Service Desk Lead', subtitle: 'Job Standards', code: 'SDL-01', level: 'Professional',
            family: 'Customer Service', flsa: 'non-exempt', location: 'Head office', created: '2020-01-15',
            updated: '2021-02', nextReview: '2030-01-01', smes: ['Pat Lee', 'Sam Roe'],
            summary: 'Leads the desk.\n\nKeeps the queue short.', disclaimer: 'A representative list only.',
            reportsTo: { role: 'Manager', title: 'Service Manager', resolved: true },
        });
        const all = allElements(lead.elements);
        const signatures = all.filter(e => e.kind === 'signature');
        expect(signatures).toEqual([
            { kind: 'signature', label: 'Employee Signature', line: '_______________', dated: true, date: '_________' },
            { kind: 'signature', label: 'Manager Signature', dated: true },
            { kind: 'signature', label: 'Witness', dated: false },
            { kind: 'signature', label: 'Approved', dated: true, date: '2024-06-01' },
        ]);
        expect(all.filter(e => e.kind === 'incentive').map(e => (e as { variant: string }).variant)).toEqual(['incentive', 'bonus']);
        expect(all.find(e => e.kind === 'section' && e.title === 'Year One')).toMatchObject({ variant: 'trainingPlan', style: 'bulleted' });
        expect(all.find(e => e.kind === 'kpi' && e.measure === 'Tickets closed')).toEqual({
            kind: 'kpi', measure: 'Tickets closed', comparator: 'at least', value: 85, text: '85%', unit: '%',
            period: { text: 'each month', every: 'month' }, placeholder: false,
        });
        expect(all.find(e => e.kind === 'kpi' && e.measure === 'Agreements sold')).toMatchObject({ value: null, text: 'xx', placeholder: true });
        expect(all.find(e => e.kind === 'authority')).toMatchObject({
            comparator: 'up to a maximum of', limit: { text: '$ 500', value: 500, unit: '$', placeholder: false },
        });
        expect(all.find(e => e.kind === 'schedule')).toMatchObject({
            shifts: [
                { name: '1', spans: [{ days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], startTime: '07:00', endTime: '16:00' }] },
                { name: 'Late', spans: [
                    { firstDay: 'Fri', lastDay: 'Mon', days: ['Fri', 'Sat', 'Sun', 'Mon'], start: '12:00pm', end: '12:30 a.m.', startTime: '12:00', endTime: '00:30' },
                    { firstDay: 'Wednesday', days: ['Wed'], startTime: '09:00', endTime: '17:00' },
                ] },
            ],
        });
    });

    it('counts findings and leaves out the data that only quick fixes read', async () => {
        const json = await exportOf(job(`  created 20XX
  uses Nowhere`));
        expect(json.$schema).toBe(JSON_SCHEMA_ID);
        expect(json.version).toBe(JSON_EXPORT_VERSION);
        expect(json.findings.errors).toBe(1);
        expect(json.findings.warnings).toBe(1);
        expect(json.findings.items.map(f => f.code).sort()).toEqual(['placeholder', 'unresolved-reference']);
        for (const item of json.findings.items) expect(Object.keys(item)).not.toContain('data');
    });

    it('still exports a document the parser had to recover from', async () => {
        const json = await exportOf(`job "Broken" {
  section "One" {
    task group A 100 points { "x"
    competency B 10% { level }
  signature
  authority "Approves" up to
}
library L { scale }`);
        expect(json.findings.errors).toBeGreaterThan(0);
        expectValid(json);
    });
});

describe('the JSON Schema', () => {
    it('is a draft 2020-12 schema whose id the export points to', () => {
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
        expect(schema.$id).toBe(JSON_SCHEMA_ID);
    });

    it('rejects what the shape does not allow', async () => {
        const exported = await exportOf(EVERYTHING);
        // Copies as a consumer might have altered them, each in one way the schema must notice.
        const copy = () => JSON.parse(JSON.stringify(exported)) as JobStdJson;
        const coloured = copy();
        Object.assign(coloured.jobs[0].elements[0], { colour: 'red' });
        expect(validate(coloured)).toBe(false);
        const noShare = copy();
        const weight: Partial<WeightJson> = allElements(noShare.jobs[0].elements).find(e => e.kind === 'taskGroup')!.weight!;
        delete weight.share;
        expect(validate(noShare)).toBe(false);
        const unknownKind = copy();
        (unknownKind.jobs[0].elements as unknown[]).push({ kind: 'poem', text: 'x' });
        expect(validate(unknownKind)).toBe(false);
    });
});

/** Compared without spaces, case or Markdown backslashes: "reach or exceed" is the phrase as written. */
function squash(text: string): string {
    return text.replace(/[\s\\]/g, '').toLowerCase();
}

/** The strings and references a node holds, as the writer typed them. */
function writtenValues(node: AstNode): string[] {
    const values: string[] = [];
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        const items = Array.isArray(value) ? value : [value];
        for (const item of items) {
            if (typeof item === 'string') values.push(item);
            else if (item && typeof item === 'object' && '$refText' in item) values.push((item as { $refText: string }).$refText);
        }
    }
    return values;
}

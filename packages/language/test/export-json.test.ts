import { AstUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import {
    exportJson, JSON_EXPORT_VERSION, JSON_SCHEMA_ID,
    type CareerLevelJson, type CompetencyJson, type ConditionsJson, type ElementJson, type IncentiveClauseJson, type JobStdJson,
    type PayJson, type ProficiencyRequirementJson, type RequirementJson, type RequirementsJson, type SectionJson,
    type StatementJson, type TaskGroupJson, type WeightJson
} from '../src/index.js';
import { build, job } from './helpers.js';
import { CAREER, contextOf, EVERYTHING, exampleFiles, readExample, schema, schemaValidator } from './export-fixtures.js';

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

    it('gives the elements of ladders, levels and conditions their kinds, and validates', async () => {
        const json = await exportOf(CAREER);
        expectValid(json);
        const elements = json.jobs.flatMap(j => [...j.elements, ...(j.levels ?? []).flatMap(l => l.elements)]);
        expect([...new Set(allElements(elements).map(e => e.kind))].sort()).toEqual([
            'competency', 'conditions', 'pay', 'proficiencyRequirement', 'requirements', 'scale', 'section', 'statement', 'taskGroup',
        ]);
    });

    it.each([['EVERYTHING', EVERYTHING], ['CAREER', CAREER]])('leaves out nothing the writer wrote in %s: every text and word of the syntax tree is in the JSON', async (_name, source) => {
        const [document] = await build([source]);
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
            period: { text: 'each month', every: 'month' }, placeholder: false, sentence: 'Tickets closed at least 85% each month',
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

describe('JSON export: ladders, levels and the job facts of 1.2', async () => {
    const json = await exportOf(CAREER);
    const [ladder, permit] = json.jobs;
    const levels = ladder.levels!;

    it('validates, and marks a ladder with its kind, grade, band, level count, occupation, status and effective date', () => {
        expectValid(json);
        expect(json.version).toBe('1.3.0');
        expect(ladder).toMatchObject({
            kind: 'ladder', title: 'Support Engineer', family: 'Customer Support', grade: 'P3', band: 'B4', levelCount: 3,
            occupation: { taxonomy: 'onet', taxonomyName: 'O*NET-SOC 2019', code: '15-1232.00', title: 'Computer User Support Specialists' },
            status: { value: 'in review', by: 'Dana Whitfield, HR Director', date: '2026-03-14' },
            effective: '2026-04-01',
        });
        // Facts come before the content, in the documented order.
        expect(Object.keys(ladder)).toEqual([
            'kind', 'title', 'family', 'grade', 'band', 'levelCount', 'occupation', 'status', 'effective', 'smes', 'weights', 'elements', 'levels',
        ]);
    });

    it('gives a job written `job` no kind and no levels, as before', () => {
        expect(permit.kind).toBeUndefined();
        expect(permit.levels).toBeUndefined();
    });

    it('exports each level with its title, grade, band, scope, summary, time in level, inheritance and own elements', () => {
        expect(levels.map(l => [l.id, l.title])).toEqual([['L1', 'Support Engineer I'], ['L2', 'L2'], ['L3', 'Principal']]);
        const [l1, l2, l3] = levels;
        expect({ ...l1, elements: undefined }).toEqual({
            id: 'L1', title: 'Support Engineer I', grade: 'P1', scope: 'Individual tickets', summary: 'Works tier-1 tickets.',
            timeInLevel: { low: 1, high: 2, unit: 'years', text: '1–2 years' }, elements: undefined,
        });
        expect(l1.elements.map(e => e.kind)).toEqual(['statement', 'statement', 'proficiencyRequirement', 'pay']);
        expect(l2).toMatchObject({
            band: 'B5',
            timeInLevel: { approximate: 'typically', low: 18, unit: 'months', text: 'typically 18 months' },
            inherits: { id: 'L1', title: 'Support Engineer I', resolved: true },
        });
        expect(l2.timeInLevel!.high).toBeUndefined();
        expect(l3.timeInLevel).toEqual({ approximate: 'about', low: 3, plus: true, unit: 'years', text: 'about 3+ years' });
        expect(l3.inherits).toEqual({ id: 'Nowhere', resolved: false });
    });

    it('gives duties their share of time and their mark, and each duty set its total', () => {
        const [resolves, writes] = levels[0].elements as StatementJson[];
        expect(resolves).toEqual({
            kind: 'statement', text: 'Resolves tier-1 tickets',
            weight: { value: 60, unit: '%', text: '60%', share: 0.6, placeholder: false },
            mark: 'essential', function: 'essential',
        });
        expect(writes).toMatchObject({ mark: 'marginal', function: 'marginal' });
        expect(ladder.weights.duties).toEqual([{ level: 'L1', unit: '%', total: 100, expected: 100, count: 2 }]);
        expect(permit.weights.duties).toEqual([
            { unit: '%', total: 100, expected: 100, count: 3 },
            { section: 'Other duties', unit: '%', total: 40, expected: 40, count: 2 },
        ]);
    });

    it('lets a section mark the duties inside it; a weighted section is a member of the duty set', () => {
        const [essential, other] = permit.elements as SectionJson[];
        expect(essential).toMatchObject({ title: 'Essential functions', mark: 'essential', function: 'essential' });
        expect(essential.weight).toBeUndefined();
        // The duties carry no mark of their own: their function is the section's.
        for (const duty of essential.elements as StatementJson[]) {
            expect(duty.mark).toBeUndefined();
            expect(duty.function).toBe('essential');
        }
        expect(other).toMatchObject({ mark: 'marginal', function: 'marginal', weight: { value: 40, text: '40%', share: 0.4 } });
        const [supplies, filing] = other.elements as [StatementJson, TaskGroupJson];
        expect(supplies).toMatchObject({ function: 'marginal', weight: { value: 25, share: 0.625 } });
        expect(filing.tasks).toEqual([{
            text: 'Files permits', weight: { value: 15, unit: '%', text: '15%', share: 0.375, placeholder: false },
            mark: 'marginal', function: 'marginal',
        }]);
    });

    it('gives a competency its proficiency descriptors, labels from the scale where none is written', () => {
        const troubleshooting = ladder.elements.find(e => e.kind === 'competency') as CompetencyJson;
        expect(troubleshooting.proficiency).toEqual({
            scale: 'Proficiency', scaleTitle: 'Proficiency', resolved: true,
            levels: [
                { value: 1, label: 'Novice', indicators: [{ text: 'Follows runbooks to resolve known issues.' }] },
                { value: 2, label: 'Intermediate', indicators: [{ text: 'Diagnoses issues that span two systems.' }, { text: 'Reproduces problems without a runbook.' }] },
            ],
        });
        // A use carries the library's descriptors, as it carries its behaviours.
        const listening = permit.elements.find(e => e.kind === 'competency') as CompetencyJson;
        expect(listening.proficiency).toEqual({
            scale: 'DPL', scaleTitle: 'Desired Proficiency Level', resolved: true,
            levels: [{ value: 3, label: 'Skilled', indicators: [{ text: 'Paraphrases what was said.' }] }],
        });
    });

    it('exports a required proficiency with the label the competency gives that value', () => {
        const required = (l: CareerLevelJson) => l.elements.filter((e): e is ProficiencyRequirementJson => e.kind === 'proficiencyRequirement');
        expect(required(levels[0])).toEqual([{
            kind: 'proficiencyRequirement', competency: 'Troubleshooting', title: 'Technical troubleshooting',
            value: 1, text: '1', label: 'Novice', resolved: true, placeholder: false,
        }]);
        // No descriptor label at 2: the scale's.
        expect(required(levels[1])[0]).toMatchObject({ value: 2, label: 'Intermediate' });
        const own = permit.elements.filter((e): e is ProficiencyRequirementJson => e.kind === 'proficiencyRequirement');
        expect(own).toEqual([
            { kind: 'proficiencyRequirement', competency: 'Listening', title: 'Active listening', value: 3, text: '3', label: 'Skilled', resolved: true, placeholder: false },
            { kind: 'proficiencyRequirement', competency: 'Nobody', value: null, text: 'xx', resolved: false, placeholder: true },
        ]);
    });

    it('gives a pay range both ends as numbers and as written, and an alternative as a term of the same pay line', () => {
        const pays = levels[0].elements.filter((e): e is PayJson => e.kind === 'pay');
        expect(pays).toHaveLength(1);
        expect(pays[0]).toEqual({
            kind: 'pay', label: 'Base salary',
            amount: { text: '$52,000', value: 52000, unit: '$', placeholder: false },
            range: { text: '$52,000–$68,000', minimum: 52000, maximum: 68000, placeholder: false },
            period: { text: 'yearly', frequency: 'yearly' },
            alternatives: [{
                label: 'Hourly pay',
                amount: { text: '$25.00', value: 25, unit: '$', placeholder: false },
                range: { text: '$25.00 - $32.50', minimum: 25, maximum: 32.5, placeholder: false },
                period: { text: 'per hour', every: 'hour' },
            }],
        });
        const blank = permit.elements.find((e): e is PayJson => e.kind === 'pay')!;
        expect(blank.range).toEqual({ text: '$40,000–$XX', minimum: 40000, maximum: null, placeholder: true });
        expect(blank.alternatives).toBeUndefined();
    });

    it('keeps durations with a spelled number, a plus and a range, issuers, licence as written and every necessity', () => {
        const requirements = levels[1].elements.find((e): e is RequirementsJson => e.kind === 'requirements')!;
        const [support, scripting, leadership, licence, comptia, degree] = requirements.items as [
            RequirementJson, RequirementJson, RequirementJson, RequirementJson, RequirementJson, StatementJson];
        expect(support).toEqual({
            kind: 'requirement', category: 'experience', text: 'support experience',
            duration: { spelled: 'three', value: 3, text: '3', unit: 'years', placeholder: false }, necessity: 'essential',
        });
        expect(scripting.duration).toEqual({ value: 2, text: '2', plus: true, unit: 'years', placeholder: false });
        expect(scripting.necessity).toBe('desirable');
        expect(leadership.duration).toEqual({
            value: 3, text: '3', range: { text: '3–5', minimum: 3, maximum: 5, placeholder: false }, unit: 'years', placeholder: false,
        });
        expect(leadership.necessity).toBeUndefined();
        expect(licence).toEqual({
            kind: 'requirement', category: 'license', keyword: 'licence', text: 'Driving licence', issuer: 'DVLA', necessity: 'essential',
        });
        expect(comptia).toMatchObject({ category: 'certification', issuer: 'CompTIA', necessity: 'preferred' });
        expect(comptia.keyword).toBeUndefined();
        // Inside requirements a statement's mark is its necessity, never a duty's function.
        expect(degree).toEqual({ kind: 'statement', text: 'Degree in a technical field', mark: 'desirable', necessity: 'desirable' });
    });

    it('exports physical demands and working conditions with each frequency, its rank and share of the day', () => {
        const [demands, conditions] = permit.elements.filter((e): e is ConditionsJson => e.kind === 'conditions');
        expect(demands).toEqual({
            kind: 'conditions', variant: 'physicalDemands', items: [
                { text: 'Lifts boxes of up to 25 lbs', frequency: { word: 'occasionally', rank: 2, share: 'up to a third of the time' } },
                { text: 'Sits at a desk', frequency: { word: 'constantly', rank: 4, share: 'more than two thirds of the time' } },
                { text: 'Climbs ladders' },
            ],
        });
        expect(conditions).toEqual({
            kind: 'conditions', variant: 'workingConditions', items: [
                { text: 'Works in an office with moderate noise', frequency: { word: 'frequently', rank: 3, share: 'a third to two thirds of the time' } },
            ],
        });
    });

    it('places levels, descriptors, demands and pay alternatives in the source when asked', async () => {
        const [document] = await build([CAREER]);
        const located = exportJson(document.parseResult.value, { ...contextOf(document, 'career.jobstd'), locations: true });
        const [l1] = located.jobs[0].levels!;
        expect(l1.sourceLocation).toMatchObject({ line: 22, column: 3 });
        const pay = l1.elements.find((e): e is PayJson => e.kind === 'pay')!;
        expect(pay.alternatives![0].sourceLocation).toMatchObject({ line: 31, column: 10 });
        const troubleshooting = located.jobs[0].elements.find(e => e.kind === 'competency') as CompetencyJson;
        expect(troubleshooting.proficiency!.levels[1].sourceLocation).toMatchObject({ line: 16, column: 7 });
        expect(troubleshooting.proficiency!.levels[1].indicators[0].sourceLocation).toMatchObject({ line: 17, column: 9 });
        const demands = located.jobs[1].elements.find((e): e is ConditionsJson => e.kind === 'conditions')!;
        expect(demands.items[2].sourceLocation).toMatchObject({ line: 70, column: 5 });
        expectValid(located);
    });

    it('has no level in a job that declares none, even with the other new facts', async () => {
        const plain = await exportOf(job('  grade 24\n  "Files" 100% essential'));
        expect(plain.jobs[0]).toMatchObject({ grade: '24', weights: { duties: [{ unit: '%', total: 100, expected: 100, count: 1 }] } });
        expect(plain.jobs[0].levels).toBeUndefined();
        expectValid(plain);
    });
});

describe('JSON export: sentences as written, and the terms they state (1.3)', () => {
    const text = `job "Service Administrator" {
  target 85% "first time call completion ratio"
  target "Answering the main phones" within 3 rings
  authority "Approves refunds" up to $500 when "the receipt is shown"
  incentive "Plan" {
    """A bonus of 10% of all incremental profit dollars will be paid over $ xxx,000.  This bonus is paid quarterly.""" {
      rate 10% of "all incremental profit dollars" over $ xxx,000
      paid quarterly
    }
    when "gross profit dollars" reach $ xxx,000
  }
}`;

    it('gives a target, an authority and a threshold the line in the analyst\'s words and order, number first where written first', async () => {
        const json = await exportOf(text);
        expectValid(json);
        const all = allElements(json.jobs[0].elements);
        expect(all.filter(e => e.kind === 'target').map(e => (e as { sentence: string }).sentence))
            .toEqual(['85% first time call completion ratio', 'Answering the main phones within 3 rings']);
        expect(all.find(e => e.kind === 'target')).toMatchObject({ measure: 'first time call completion ratio', value: 85, unit: '%' });
        expect(all.find(e => e.kind === 'authority')).toMatchObject({ sentence: 'Approves refunds up to $500 when the receipt is shown' });
        expect(all.find(e => e.kind === 'threshold')).toMatchObject({ sentence: 'when gross profit dollars reach $ xxx,000' });
    });

    it('keeps a sentence whole, with the terms it states as its structure', async () => {
        const json = await exportOf(text);
        const sentence = allElements(json.jobs[0].elements).find((e): e is StatementJson => e.kind === 'statement')!;
        expect(sentence.text).toBe('A bonus of 10% of all incremental profit dollars will be paid over $ xxx,000. This bonus is paid quarterly.');
        expect(sentence.terms?.map(t => t.kind)).toEqual(['rate', 'payout']);
        expect(sentence.terms?.[0]).toMatchObject({ rate: { value: 10 }, base: 'all incremental profit dollars', floor: { placeholder: true } });
    });

    it('reports a blank the sentence and its terms share once, in the sentence', async () => {
        const [document] = await build([text]);
        const blanks = (document.diagnostics ?? []).filter(d => d.code === 'placeholder');
        // Two in the sentence (line 6 is the sentence), one in the threshold outside it.
        expect(blanks.map(d => d.range.start.line + 1)).toEqual([6, 10]);
    });

    it('names the library a competency comes from by its title', async () => {
        const json = await exportOf(`job "Clerk" { uses Accuracy 100% }`, [`library CTK "Customer Service Toolkit" { competency Accuracy "Accuracy" { definition "Checks work." } }`]);
        expect(allElements(json.jobs[0].elements).find(e => e.kind === 'competency')).toMatchObject({ library: 'CTK', libraryTitle: 'Customer Service Toolkit' });
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

    it('rejects a new construct altered in a way its shape does not allow', async () => {
        const exported = await exportOf(CAREER);
        const copy = () => JSON.parse(JSON.stringify(exported)) as JobStdJson;
        expect(validate(copy())).toBe(true);
        const badFunction = copy();
        Object.assign(badFunction.jobs[0].levels![0].elements[0], { function: 'optional' });
        expect(validate(badFunction)).toBe(false);
        const badRank = copy();
        const demands = badRank.jobs[1].elements.find((e): e is ConditionsJson => e.kind === 'conditions')!;
        demands.items[0].frequency!.rank = 7;
        expect(validate(badRank)).toBe(false);
        const noMaximum = copy();
        const pay: Partial<PayJson['range'] & object> = noMaximum.jobs[0].levels![0].elements.find((e): e is PayJson => e.kind === 'pay')!.range!;
        delete pay.maximum;
        expect(validate(noMaximum)).toBe(false);
        const jobKind = copy();
        Object.assign(jobKind.jobs[1], { kind: 'job' });
        expect(validate(jobKind)).toBe(false);
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

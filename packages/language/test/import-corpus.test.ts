import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, type AstNode } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import {
    importDocument, isAuthority, isBehaviour, isCharacteristic, isCompetency, isLetter, isPay, isBenefit, isRequirement,
    isRole, isSection, isShift, isSignature, isStatement, isTarget, isTaskGroup, type Finding,
    type ImportResult, type Job
} from '../src/index.js';
import { build, findingsOf } from './helpers.js';
import { warehouseLeadDocx } from './fixtures/import/warehouse-lead.docx.js';

/**
 * Job standards the importer was not written from, in the seeds' styles and others. Each
 * expectation is what a careful reader counts in the document itself.
 */
const dir = join(__dirname, 'fixtures/import');

interface Imported {
    result: ImportResult;
    job: Job;
    findings: Finding[];
}

const imported = new Map<string, Imported>();

async function load(name: string, content: Uint8Array | string): Promise<void> {
    const result = await importDocument({ name, content });
    const [document] = await build([result.text]);
    const job = document.parseResult.value.jobs[0];
    imported.set(name, { result, job, findings: await findingsOf(result.text) });
}

const all = <T extends AstNode>(node: AstNode, guard: (node: unknown) => node is T): T[] => AstUtils.streamAllContents(node).filter(guard).toArray();
const titles = (job: Job) => all(job, isSection).map(s => s.title);
const codes = (findings: Finding[], code: string) => findings.filter(f => f.code === code);

const NAMES = [
    'payroll-specialist.md', 'patient-access-representative.html', 'warehouse-lead.docx', 'billing-specialist.txt',
    'service-technician-letter.txt', 'bank-teller-standards.txt', 'it-service-desk-roles.txt',
];

describe('importing job standards the importer has not seen', () => {
    beforeAll(async () => {
        for (const name of NAMES) {
            await load(name, name.endsWith('.docx') ? await warehouseLeadDocx() : readFileSync(join(dir, name)));
        }
    });

    it.each(NAMES)('%s: no syntax error, every sentence kept, nothing left unplaced', name => {
        const { result, findings } = imported.get(name)!;
        expect(codes(findings, 'syntax-error')).toEqual([]);
        expect(result.report.coverage.missing).toEqual([]);
        expect(result.report.summary).toMatch(/^coverage 100%/);
        expect(result.report.unrecognised).toEqual([]);
    });

    it('Markdown: facts, task groups, weighted competencies with levels and links, targets and the blanks', () => {
        const { result, job, findings } = imported.get('payroll-specialist.md')!;
        expect([job.title, job.subtitle, job.family, job.level, job.reportsToText, job.created, job.updated]).toEqual([
            'Payroll Specialist', 'Job Standard', 'Finance and Accounting', 'Professional', 'Payroll Manager', '2019-03-14T10:00:00', '2024-02-01',
        ]);
        expect(job.summary).toMatch(/^The Payroll Specialist runs the bi-weekly payroll for 1,200 employees/);
        expect(all(job, isTaskGroup).map(g => `${g.name} ${g.title} ${g.weight?.value} ${g.tasks.length}`))
            .toEqual(['A Payroll Processing 60 3', 'B Compliance and Reporting 30 2', 'C Employee Support 10 1']);
        const competencies = all(job, isCompetency);
        expect(competencies.map(c => `${c.title ?? c.name} ${c.weight?.value} DPL ${c.level?.value} ${c.level?.label} → ${c.links.map(l => l.$refText).join(',')}`))
            .toEqual(['Accuracy 40% DPL 4 Advanced → A,B', 'Confidentiality 35% DPL 5 Expert → A,B,C', 'Customer Focus 25% DPL 3 Proficient → C']);
        expect(all(job, isBehaviour)).toHaveLength(7);
        expect(codes(findings, 'weight-sum')).toEqual([]);
        expect(codes(findings, 'unresolved-reference')).toEqual([]);
        expect(all(job, isTarget).map(t => `${t.measure} ${t.spec?.comparator} ${t.spec?.value} ${t.spec?.unit}`)).toEqual(['Resolves pay inquiries within 2 days']);
        expect(all(job, isAuthority).map(a => `${a.action} ${a.limit}`)).toEqual(['Approves manual checks $2,500']);
        expect(codes(findings, 'placeholder').some(f => f.message.includes('_____'))).toBe(true);
        expect(all(job, isSignature).map(s => [s.label, s.dated])).toEqual([['Employee Signature', true]]);
        expect(result.report.removed.find(r => r.kind === 'Markdown escape')?.count).toBe(6);
    });

    it('HTML: a definition list of facts, tables of task groups and characteristics, lists, requirements; navigation and footer out', () => {
        const { result, job, findings } = imported.get('patient-access-representative.html')!;
        expect([job.code, job.family, job.reportsToText, job.flsa, job.location]).toEqual([
            'PAR-204', 'Patient Services & Registration', 'Patient Access Supervisor', 'non-exempt', 'Riverside Medical Center – Main Campus',
        ]);
        expect(all(job, isTaskGroup).map(g => `${g.name} ${g.title} ${g.weight?.value}`)).toEqual(['A Registration 50', 'B Insurance Verification 30', 'C Cash Handling 20']);
        expect(all(job, isSection).find(s => s.title === 'Essential Duties')?.elements.filter(isStatement)).toHaveLength(3);
        expect(all(job, isTarget).map(t => `${t.kind} ${t.measure}`)).toEqual([
            'kpi Registration accuracy', 'kpi Answers incoming calls', 'kpi point-of-service collection rate',
        ]);
        expect(all(job, isRequirement).map(r => `${r.kind} ${r.text} ${r.necessity ?? r.duration?.value}`)).toEqual([
            'education High school diploma required', 'education Associate degree preferred', 'experience customer service experience 1',
        ]);
        expect(all(job, isCharacteristic).map(c => `${c.scale.$refText} ${c.value} ${c.label}`)).toEqual([
            'Pace 4 Fast-Paced', 'Interaction 5 High Interaction', 'PhysicalRequirements 2 Some Physical Requirements',
        ]);
        expect(result.report.removed.map(r => `${r.count} ${r.kind}`)).toEqual(['1 navigation', '1 page footer', '2 table header']);
        expect(result.text).not.toMatch(/analytics|Privacy|Job Library/);
        // The task groups of the table have no tasks: validation says so rather than the importer inventing any.
        expect(codes(findings, 'empty-section')).toHaveLength(3);
    });

    it('Word: title style, facts, a numbered list, a competency table, KPIs, a characteristics table and a signature line', () => {
        const { result, job } = imported.get('warehouse-lead.docx')!;
        expect(result.report.format).toBe('docx');
        expect(result.report.warnings).toEqual([]);
        expect([job.title, job.reportsToText, job.flsa, job.location]).toEqual(['Warehouse Lead', 'Distribution Center Manager', 'non-exempt', 'Reno Distribution Center']);
        const duties = all(job, isSection).find(s => s.title === 'Essential Duties')!;
        expect([duties.style, duties.elements.length]).toEqual(['numbered', 4]);
        expect(all(job, isCompetency).map(c => `${c.title} ${c.weight?.value}`)).toEqual(['Safety Awareness 40%', 'Team Leadership 35%', 'Inventory Accuracy 25%']);
        expect(all(job, isTarget).map(t => `${t.kind} ${t.measure}`)).toEqual(['kpi Order picking accuracy', 'kpi Dock-to-stock time']);
        expect(all(job, isCharacteristic).map(c => `${c.scale.$refText} ${c.value}`)).toEqual(['Pace 4', 'PhysicalRequirements 4']);
        expect(all(job, isSignature).map(s => [s.label, s.dated])).toEqual([['Employee Signature', true]]);
    });

    it('CTK printout: page headers out, 98.5% total and a level labelled two ways made visible', () => {
        const { result, job, findings } = imported.get('billing-specialist.txt')!;
        expect(result.report.removed).toEqual([
            { kind: 'page header', count: 4, examples: ['Mon, Mar 3, 2025', 'CTK Competency Toolkit', 'Billing Specialist'] },
            { kind: 'empty field', count: 1, examples: ['SMEs: Not specified'] },
        ]);
        expect([job.code, job.level, job.family, job.created, job.nextReview, job.updated]).toEqual([
            'FIN-117', 'Associate', 'Finance', '2010-01-05T08:00:00', '2026-01-05T00:00:00', '2025-02-17T16:12:09',
        ]);
        expect(job.summary).toBe('The Billing Specialist prepares and sends customer invoices, posts payments and resolves billing disputes with customers and the sales team.');
        expect(all(job, isTaskGroup).map(g => `${g.name} ${g.weight?.value} ${g.tasks.length}`)).toEqual(['A 80 3', 'B 40 2', 'C 20 1']);
        expect(all(job, isCompetency).map(c => c.weight?.value)).toEqual(['18.5%', '25%', '20%', '35%']);
        expect(all(job, isBehaviour)).toHaveLength(10);
        expect(all(job, isBehaviour).map(b => b.text)).not.toContain('CTK Competency Toolkit');
        const timeManagement = all(job, isCompetency).find(c => c.title === 'Time Management')!;
        expect([timeManagement.smes, timeManagement.lastUpdated]).toEqual([['Dana Whitfield, Controller'], '2024-03']);
        expect(all(job, isCharacteristic).map(c => `${c.scale.$refText} ${c.value}`)).toEqual([
            'Independence 3', 'Teamwork 3', 'Pace 4', 'Travel 1', 'Interaction 3', 'Analysis 4', 'MultiTasking 4',
        ]);
        expect(all(job, isRequirement)).toHaveLength(3);
        const [sum] = codes(findings, 'weight-sum');
        expect(sum.message).toContain('98.5%');
        expect(codes(findings, 'level-label-conflict').map(f => f.message)).toEqual([expect.stringContaining("labelled 'Skilled'")]);
    });

    it('letter of expectations: the letter, plans, signatures, incentive with pay, benefit and KPIs, the role with its shifts', () => {
        const { job, findings } = imported.get('service-technician-letter.txt')!;
        const [letter] = all(job, isLetter);
        expect([letter.to, letter.from, letter.subject, letter.signedBy, letter.paragraphs.length]).toEqual([
            'Field Service Technician', 'Operations Manager', '20XX Expectations and Incentive Plan', 'Operations Manager', 3,
        ]);
        const plan = all(job, isSection).find(s => s.title === 'The Year Plan')!;
        expect([plan.style, plan.intro, plan.elements.length]).toEqual(['numbered', 'Your key results for 20XX are:', 4]);
        expect(all(job, isSection).filter(s => s.style === 'lettered').map(s => `${s.title} ${s.elements.length}`)).toEqual(['Safety 2', 'Customer Care 3']);
        expect(all(job, isSignature).map(s => `${s.label}${s.line ? ' ___' : ''}${s.dated ? ' + date' : ''}`)).toEqual([
            'Employee Signature ___ + date', 'Manager Signature ___ + date', 'Employee Signature + date', 'Manager Signature + date',
        ]);
        expect(all(job, isPay).map(p => `${p.label} ${p.amount} ${p.period?.per} ${p.period?.every}`)).toEqual(['Hourly Pay $ xx.00 per hour']);
        expect(all(job, isBenefit).map(b => b.text)).toEqual(['Company Health Insurance and 401(k) Plan']);
        expect(all(job, isTarget).map(t => `${t.kind} ${t.measure}`)).toEqual(['kpi Callback rate', 'kpi Average ticket', 'kpi Customer satisfaction score']);
        const [role] = all(job, isRole);
        expect([role.title, role.reportsToText, role.location, role.flsa, role.scope]).toEqual([
            'Field Service Technician', 'Operations Manager', 'Sparks Service Center', 'non-exempt',
            'The technician diagnoses and repairs heating, cooling and indoor air quality equipment in customers\' homes.',
        ]);
        expect(all(role, isShift).map(shift => shift.name)).toEqual(['1', '2']);
        expect(codes(findings, 'placeholder').length).toBeGreaterThanOrEqual(5);
    });

    it('capitalised headings with run-on duties and template blanks', () => {
        const { job, findings, result } = imported.get('bank-teller-standards.txt')!;
        expect([job.title, job.subtitle]).toEqual(['Senior Bank Teller', 'Job Standards']);
        expect(titles(job)).toEqual(['KNOWLEDGE OF WORK', 'QUALITY OF WORK', 'QUANTITY OF WORK', 'PROBLEM ANALYSIS/RESOLUTION']);
        expect(result.text).toContain('"Knows how to recognise counterfeit currency and altered checks"\n    "Explains fee schedules to customers clearly"');
        expect(all(job, isAuthority).map(a => a.limit)).toEqual(['$ x,xxx']);
        // Each planted blank is flagged where it stands.
        const lines = result.text.split('\n');
        const flagged = codes(findings, 'placeholder').map(f => lines[f.line - 1].slice(f.column - 1, f.line === f.endLine ? f.endColumn - 1 : undefined));
        expect(flagged).toEqual(expect.arrayContaining(['00%', 'xx', '$ x,xxx', '_____']));
        expect(flagged.length).toBeGreaterThanOrEqual(5);
    });

    it('an article about roles: the byline date, and one role per title with its duties', () => {
        const { job } = imported.get('it-service-desk-roles.txt')!;
        expect(job.created).toBe('2023-06-12T08:15');
        expect(all(job, isRole).map(r => `${r.title ?? r.name}: ${r.elements.length}`)).toEqual([
            'Director of IT Support: 3', 'Manager: 3', 'Supervisor: 3',
        ]);
        expect(all(job, isRole)[0].summary).toBe('Responsible for the strategy, budget and staffing of all end-user support, including:');
    });
});

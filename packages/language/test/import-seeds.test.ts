import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, EmptyFileSystem, URI, type AstNode } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import {
    createJobStdServices, formattedText, importDocument, isBehaviour, isCharacteristic, isCompetency, isRole, isSection,
    isSignature, isTarget, isTaskGroup, weightSetsOf, type Finding, type ImportResult, type Job
} from '../src/index.js';
import { build, findingsOf } from './helpers.js';

/** The five documents users handed us, as they are. */
const seedsDir = join(__dirname, 'fixtures/seeds');
const seedFile = (prefix: string) => readdirSync(seedsDir).find(f => f.startsWith(prefix))!;
const seedText = (prefix: string) => readFileSync(join(seedsDir, seedFile(prefix)), 'utf8');

const results = new Map<string, ImportResult>();
const findings = new Map<string, Finding[]>();

async function jobOf(prefix: string): Promise<Job> {
    const [document] = await build([results.get(prefix)!.text]);
    return document.parseResult.value.jobs[0];
}

const all = <T extends AstNode>(job: Job, guard: (node: unknown) => node is T): T[] => AstUtils.streamAllContents(job).filter(guard).toArray();

describe('importing the seeds', () => {
    beforeAll(async () => {
        for (const prefix of ['000', '001', '002', '003', '004']) {
            const name = seedFile(prefix);
            const result = await importDocument({ name, content: readFileSync(join(seedsDir, name)) });
            results.set(prefix, result);
            findings.set(prefix, await findingsOf(result.text));
        }
    });

    it.each(['000', '001', '002', '003', '004'])('%s: parses with no syntax error and keeps every sentence', prefix => {
        const result = results.get(prefix)!;
        expect(findings.get(prefix)!.filter(f => f.code === 'syntax-error')).toEqual([]);
        expect(result.report.coverage.missing).toEqual([]);
        expect(result.report.coverage.ratio).toBe(1);
        expect(result.report.summary).toMatch(/^coverage 100%/);
    });

    it.each(['000', '001', '002', '003', '004'])('%s: is written in the formatter\'s layout', prefix => {
        const text = results.get(prefix)!.text;
        const document = createJobStdServices(EmptyFileSystem).shared.workspace.LangiumDocumentFactory
            .fromString(text, URI.parse(`memory:///${prefix}.jobstd`));
        expect(formattedText(document)).toBe(text);
    });

    it('002: three task groups with their points, as the source lists them', async () => {
        const source = [...seedText('002').matchAll(/^([A-Z]) - (.+) \((\d+)\)$/gm)].map(m => [m[1], m[2], `${m[3]} points`]);
        expect(source).toHaveLength(3);
        const groups = all(await jobOf('002'), isTaskGroup).map(g => [g.name, g.title, `${g.weight?.value} ${g.weight?.unit}`]);
        expect(groups).toEqual(source);
    });

    it('002: 21 competencies with their weights, 157 behaviours and each level and link', async () => {
        const source = [...seedText('002').matchAll(/^\d+ - (.+) \(([\d.]+%)\)$/gm)].map(m => [m[1], m[2]]);
        expect(source).toHaveLength(21);
        const job = await jobOf('002');
        const competencies = all(job, isCompetency);
        expect(competencies.map(c => [c.title ?? c.name, c.weight?.value])).toEqual(source);
        expect(all(job, isBehaviour)).toHaveLength(157);
        expect(competencies.map(c => `${c.level?.scale.$refText} ${c.level?.value} ${c.level?.label}`))
            .toEqual([...seedText('002').matchAll(/^DPL: (\d) - (\w+)$/gm)].map(m => `DPL ${m[1]} ${m[2]}`));
        expect(competencies.map(c => c.links.map(l => l.$refText).join(', ')))
            .toEqual([...seedText('002').matchAll(/^Linked To Task Group\(s\): (.+)$/gm)].map(m => m[1]));
        expect(competencies.every(c => c.links.every(l => l.ref !== undefined))).toBe(true);
    });

    it('002: 16 job characteristics, the two that share a line split apart', async () => {
        const ratings = [...seedText('002').matchAll(/([A-Z][\w .&-]*?): (\d) - /g)].filter(m => m[1] !== 'DPL');
        expect(ratings).toHaveLength(16);
        const characteristics = all(await jobOf('002'), isCharacteristic);
        expect(characteristics.map(c => `${c.scale.ref?.title ?? c.scale.$refText}: ${c.value}`))
            .toEqual(ratings.map(m => `${m[1].replace(/^.*Others /, '')}: ${m[2]}`));
        expect(characteristics.find(c => c.scale.$refText === 'InfluenceOnOthers')?.label).toBe('Very Low Influence over Others');
    });

    it('002: validation shows the 100.1% total and the level label conflict the source has', () => {
        const codes = findings.get('002')!;
        const sum = codes.filter(f => f.code === 'weight-sum');
        expect(sum).toHaveLength(1);
        expect(sum[0].message).toContain('100.1%');
        expect(codes.filter(f => f.code === 'level-label-conflict').map(f => f.message)).toEqual([
            expect.stringContaining("labelled 'Always'"), expect.stringContaining("labelled 'Always'"),
        ]);
    });

    it('002: the repeated page headers and the blank fields are removed and reported', () => {
        const { report, text } = results.get('002')!;
        expect(report.removed).toEqual([
            { kind: 'page header', count: 8, examples: ['Tue, Jul 31, 2012', 'CTK Competency Toolkit', 'Customer Service Representative'] },
            { kind: 'empty field', count: 2, examples: ['Code: Not specified', 'SMEs: Not specified'] },
        ]);
        expect(report.summary).toBe('coverage 100%, 8 page headers removed, 2 empty fields removed');
        expect(text).not.toMatch(/^\s*"(Tue, Jul 31, 2012|CTK Competency Toolkit)"/m);
        expect(text).toContain('created 2003-09-23T03:35:00');
    });

    it('002: the share of each task group is what the points say', async () => {
        const sets = weightSetsOf(await jobOf('002'));
        const points = sets.find(set => set.kind === 'task group');
        expect(points?.members.map(m => m.share?.toFixed(4))).toEqual(['0.5556', '0.3333', '0.1111']);
    });

    it('000: the Markdown escapes go, the template blanks stay and are flagged', () => {
        const { report, text } = results.get('000')!;
        expect(report.removed.find(r => r.kind === 'Markdown escape')?.count).toBe(6);
        expect(text).toContain('_____ per customer');
        expect(text).toContain('$00,000');
        expect(findings.get('000')!.filter(f => f.code === 'placeholder').length).toBeGreaterThanOrEqual(6);
        // The run-on lines of the extracted text are separate duties again.
        expect(text).toContain('"Knows how to cross sell organization services');
    });

    it('001 and 000: the capitalised headings become sections of their duties', async () => {
        expect(all(await jobOf('001'), isSection).map(s => s.title)).toEqual([
            'KNOWLEDGE OF WORK', 'QUALITY OF WORK', 'QUANTITY OF WORK', 'PROBLEM ANALYSIS/RESOLUTION',
        ]);
        expect(all(await jobOf('000'), isSection)).toHaveLength(4);
    });

    it('003: four roles, each with its summary and duties', async () => {
        const roles = all(await jobOf('003'), isRole);
        expect(roles.map(r => r.title ?? r.name)).toEqual(['Vice President', 'Director', 'Manager', 'Supervisor']);
        expect(roles.map(r => r.elements.length)).toEqual([6, 6, 7, 5]);
        expect(results.get('003')!.text).toContain('created 2000-10-01T21:30');
    });

    it('004: letter, targets and KPIs, signatures, the role with its shifts; the Word bookmark removed', async () => {
        const { report, text } = results.get('004')!;
        const job = await jobOf('004');
        expect(report.removed).toEqual([{ kind: 'Word artefact', count: 1, examples: ['[bookmark: _GoBack]'] }]);
        expect(text).not.toContain('bookmark');
        expect(text).toContain('target "Answering the main phones" within 3 rings');
        expect(text).toContain('kpi "Customer satisfaction rating" 9.0 or higher');
        expect(text).toContain('kpi "% of Renewals of Service Agreements Sold" 85% in 2025');
        expect(all(job, isTarget).filter(t => t.kind === 'kpi')).toHaveLength(7);
        expect(all(job, isSignature).map(s => `${s.label}${s.dated ? ' + date' : ''}`)).toEqual([
            'Employee Signature + date', 'Manager Signature + date', 'Employee Signature + date', 'Manager Signature + date',
        ]);
        const [role] = all(job, isRole);
        expect([role.title, role.reportsToText, role.location, role.flsa]).toEqual(['Service CSR', 'Service Manager', 'Field Operations', 'exempt']);
        expect(text).toContain('shift 2 Tuesday through Friday 10:00am to 7:00pm, Saturday 7:00 AM – 11:00AM');
        // "Functional Areas of Accountability:" has nothing of its own: the headings after it are its parts.
        const areas = all(job, isSection).find(s => s.title === 'Functional Areas of Accountability')!;
        expect(areas.elements.filter(isSection).map(s => s.title)).toEqual(['Daily Duties', 'Performance Measurements', 'Personal Skill Development Plan', 'Training Plan for Service Manager']);
        expect(findings.get('004')!.filter(f => f.code === 'placeholder').length).toBeGreaterThanOrEqual(10);
    });
});

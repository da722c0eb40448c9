import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, type LangiumDocument } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCharacteristic, isCompetencyUse, isRole, isTaskGroup, toFinding, weightSetsOf, type Document, type Finding } from '../src/index.js';
import { build } from './helpers.js';

const examplesDir = join(__dirname, '../../../examples');
const files = readdirSync(examplesDir).filter(f => f.endsWith('.jobstd')).sort();

let documents: Map<string, LangiumDocument<Document>>;
const findings = (file: string): Finding[] => (documents.get(file)!.diagnostics ?? []).map(d => toFinding(file, d));
const codes = (file: string, code: string) => findings(file).filter(f => f.code === code);

/** The facts of the five real documents that a faithful translation must keep, defects included. */
describe('the seeds, translated', () => {
    beforeAll(async () => {
        const built = await build(files.map(f => readFileSync(join(examplesDir, f), 'utf8')));
        documents = new Map(files.map((f, i) => [f, built[i]]));
    });

    it('report only warnings, so a build that validates them passes', () => {
        for (const file of files) {
            expect(findings(file).filter(f => f.severity === 'error')).toEqual([]);
        }
    });

    it('002: competency weights total 100.1%, within rounding', () => {
        const [sum] = codes('customer-service-representative.jobstd', 'weight-sum');
        expect(sum.severity).toBe('warning');
        expect(sum.message).toContain('Competency weights total 100.1%, expected 100%');
    });

    it('002: level 5 is both "Expert" and "Always"', () => {
        const conflicts = codes('customer-service-representative.jobstd', 'level-label-conflict');
        expect(conflicts).toHaveLength(2);
        expect(conflicts.every(c => c.message.includes("'Always' here but 'Expert'"))).toBe(true);
    });

    it('002: three task groups of 100, 60 and 20 points, 21 competencies from the library, 16 characteristics', () => {
        const job = documents.get('customer-service-representative.jobstd')!.parseResult.value.jobs[0];
        const all = AstUtils.streamAllContents(job).toArray();
        const groups = all.filter(isTaskGroup);
        expect(groups.map(g => `${g.name} ${g.weight?.value} ${g.weight?.unit}`)).toEqual(['A 100 points', 'B 60 points', 'C 20 points']);
        const uses = all.filter(isCompetencyUse);
        expect(uses).toHaveLength(21);
        expect(uses.every(u => u.competency.ref !== undefined)).toBe(true);
        expect(uses.map(u => u.competency.ref!.behaviours.length).reduce((a, b) => a + b, 0)).toBe(157);
        expect(all.filter(isCharacteristic)).toHaveLength(16);
        const taskShares = weightSetsOf(job).find(s => s.kind === 'task group')!.members.map(m => Number(m.share!.toFixed(4)));
        expect(taskShares).toEqual([0.5556, 0.3333, 0.1111]);
    });

    it('000: six unfilled placeholders', () => {
        expect(codes('coordinator-customer-services.jobstd', 'placeholder').map(f => f.message.match(/'(.*)'/)![1]))
            .toEqual(['\\_\\_\\_\\_\\_', '\\$00,000', 'xx', '00%', 'x%', '00%']);
    });

    it('004: fourteen unfilled placeholders (its signature lines are left blank to be signed)', () => {
        expect(codes('csr-letter-of-expectations.jobstd', 'placeholder')).toHaveLength(14);
    });

    it('003: four roles in one reporting line', () => {
        const job = documents.get('customer-service-leadership.jobstd')!.parseResult.value.jobs[0];
        const roles = AstUtils.streamAllContents(job).filter(isRole).toArray();
        expect(roles.map(r => `${r.name} -> ${r.reportsTo?.ref?.name ?? '-'}`)).toEqual([
            'VicePresident -> -', 'Director -> VicePresident', 'Manager -> Director', 'Supervisor -> Manager',
        ]);
    });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, findingsOf, job } from './helpers.js';

const examplesDir = join(__dirname, '../../../examples');
const exampleFiles = readdirSync(examplesDir).filter(f => f.endsWith('.jobstd')).sort();

describe('the examples', () => {
    it('translate all five seeds, plus a competency library', () => {
        expect(exampleFiles).toEqual(expect.arrayContaining([
            'coordinator-customer-services.jobstd',
            'call-center-representative.jobstd',
            'customer-service-representative.jobstd',
            'customer-service-leadership.jobstd',
            'csr-letter-of-expectations.jobstd',
        ]));
        const libraries = exampleFiles.filter(f => /^\s*library\b/m.test(readFileSync(join(examplesDir, f), 'utf8')));
        expect(libraries.length).toBeGreaterThan(0);
    });

    it.each(exampleFiles)('%s parses with no syntax error and every link resolves', async (file) => {
        const texts = exampleFiles.map(f => readFileSync(join(examplesDir, f), 'utf8'));
        const documents = await build(texts);
        const document = documents[exampleFiles.indexOf(file)];
        expect(document.parseResult.lexerErrors).toEqual([]);
        expect(document.parseResult.parserErrors).toEqual([]);
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors.map(e => `${e.range.start.line + 1}: ${e.message}`)).toEqual([]);
    });
});

describe('the syntax', () => {
    it('accepts prose with apostrophes, %, $ and & and spanning lines', async () => {
        const findings = await findingsOf(job(`  summary "It's the team's job: 100% of calls & $1,000 refunds,
    answered the same day."`));
        expect(findings).toEqual([]);
    });

    it('accepts double quotes inside triple-quoted text', async () => {
        const findings = await findingsOf(job(`  section "Competencies" {
    """Exhibits a positive "can-do" attitude."""
  }`));
        expect(findings).toEqual([]);
    });

    it('accepts both spellings, behaviours and behaviors', async () => {
        const findings = await findingsOf(job(`  competency Enthusiasm 100% {
    definition "Exhibits charisma."
    behaviors { "Displays a cheerful demeanor." }
  }
  competency Initiative {
    behaviours { "Self-starts." }
  }`).replace('competency Initiative {', 'competency Initiative {'));
        expect(findings.filter(f => f.code === 'syntax-error')).toEqual([]);
    });

    it('accepts a placeholder wherever a value is expected, without a syntax error', async () => {
        const findings = await findingsOf(job(`  created 20XX
  section "Targets" {
    target "Decision time" within xx minutes
    target "Complaints" at most x%
    kpi "Agreements sold" xxx in 20XX
    authority "Approves loans" up to \\$00,000
  }
  pay "Base Salary" $ XX weekly
  signature "Employee Signature" \\_\\_\\_\\_ date _____`));
        expect(findings.filter(f => f.code === 'syntax-error')).toEqual([]);
        // Nine placeholders, less the signature line's two blanks: they are where people sign.
        expect(findings.filter(f => f.code === 'placeholder')).toHaveLength(7);
    });

    it('recovers from a missing brace: the rest of the file is still understood', async () => {
        const [document] = await build([`job "A" {
  section "One" {
    "First statement"
  section "Two" {
    "Second statement"
  }
  task group A "Functional" 100 points { "Takes orders" }
}
`]);
        const syntax = (document.diagnostics ?? []).filter(d => d.code === 'syntax-error');
        expect(syntax.length).toBeGreaterThan(0);
        expect(syntax.length).toBeLessThanOrEqual(2);
        const jobNode = document.parseResult.value.jobs[0];
        expect(jobNode.title).toBe('A');
    });

    it('reads multi-line text as paragraphs', async () => {
        const [document] = await build([job(`  summary "First line
    continues here.

    A second paragraph."`)]);
        expect(document.parseResult.value.jobs[0].summary).toBe('First line continues here.\n\nA second paragraph.');
    });

    it('keeps comments out of the content', async () => {
        const [document] = await build([job(`  // a note for reviewers
  summary "Text" /* inline */`)]);
        expect(document.parseResult.value.jobs[0].summary).toBe('Text');
        expect(document.diagnostics).toEqual([]);
    });
});

describe('the README', () => {
    it('shows a language tour that parses', async () => {
        const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
        const blocks = [...readme.matchAll(/```jobstd\n([\s\S]*?)```/g)].map(m => m[1]);
        expect(blocks.length).toBeGreaterThan(0);
        for (const block of blocks) {
            const [document] = await build([block]);
            expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
            expect(document.parseResult.lexerErrors).toEqual([]);
        }
    });
});

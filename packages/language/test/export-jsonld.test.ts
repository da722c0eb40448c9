import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { exportJsonLd, jobPostingGaps, JobPostingError, type JsonLdNode } from '../src/export/jsonld-export.js';
import type { Document } from '../src/index.js';
import { services } from './helpers.js';
import { CAREER, exampleFiles, readExample } from './export-fixtures.js';

const goldenDir = join(__dirname, 'golden/jsonld');
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * A trimmed schema.org context with only the terms the exporter uses and no `@vocab`: a term
 * it lacks is dropped by expansion, so a dropped term shows up as a count that does not match.
 */
const schemaOrgContext = JSON.parse(readFileSync(join(__dirname, 'fixtures/schemaorg-context.jsonld'), 'utf8'));

/** Serves the bundled context for schema.org and refuses everything else: the tests never reach the network. */
async function documentLoader(url: string) {
    if (url === 'https://schema.org' || url === 'https://schema.org/') {
        return { contextUrl: undefined, documentUrl: url, document: schemaOrgContext };
    }
    throw new Error(`no network in tests: ${url}`);
}

async function expand(value: object): Promise<unknown[]> {
    return await jsonld.expand(JSON.parse(JSON.stringify(value)), { documentLoader });
}

/** Keys and @type values of the compact document, without the JSON-LD keywords' own names. */
function compactTerms(value: unknown, out: string[] = []): string[] {
    if (Array.isArray(value)) for (const v of value) compactTerms(v, out);
    else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
            if (key === '@context') continue;
            if (key === '@type') out.push(`type:${v as string}`);
            else if (key !== '@graph') out.push(key);
            if (key !== '@type') compactTerms(v, out);
        }
    }
    return out;
}

/** The same from the expanded form, where every key and type must be a full schema.org IRI. */
function expandedTerms(value: unknown, out: string[] = []): string[] {
    if (Array.isArray(value)) for (const v of value) expandedTerms(v, out);
    else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
            if (key === '@type') for (const t of v as string[]) out.push(`type:${t}`);
            else if (key === '@value') continue;
            else out.push(key);
            if (key !== '@type') expandedTerms(v, out);
        }
    }
    return out;
}

async function expectFullyExpanded(value: object): Promise<void> {
    const before = compactTerms(value);
    const after = expandedTerms(await expand(value));
    expect(after.filter(t => !t.replace(/^type:/, '').startsWith('https://schema.org/'))).toEqual([]);
    // Nothing dropped: the same terms, each now a schema.org IRI.
    expect(after.map(t => t.replace('https://schema.org/', '')).sort()).toEqual(before.sort());
}

async function buildAll(texts: Array<[string, string]>): Promise<Map<string, LangiumDocument<Document>>> {
    await clearDocuments(services.shared);
    services.JobStd.config.ConfigProvider.set({});
    const documents = new Map<string, LangiumDocument<Document>>();
    for (const [file, text] of texts) {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.parse(`file:///project/examples/${file}`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        documents.set(file, document);
    }
    await services.shared.workspace.DocumentBuilder.build([...documents.values()], { validation: true });
    return documents;
}

function context(file: string) {
    return { file: `examples/${file}`, findings: [] };
}

const graphOf = (value: object) => (value as { '@graph': JsonLdNode[] })['@graph'];

describe('JSON-LD of the examples', async () => {
    const documents = await buildAll(exampleFiles().map(f => [f, readExample(f)]));

    it.each([...documents.keys()])('%s expands to schema.org terms only, none dropped, and matches its golden file', async (file) => {
        const output = exportJsonLd(documents.get(file)!.parseResult.value, context(file));
        expect(output['@context']).toBe('https://schema.org');
        expect(graphOf(output).length).toBeGreaterThan(0);
        await expectFullyExpanded(output);
        const actual = JSON.stringify(output, null, 2) + '\n';
        const golden = join(goldenDir, file.replace(/\.jobstd$/, '.jsonld'));
        if (update || !existsSync(golden)) {
            mkdirSync(goldenDir, { recursive: true });
            writeFileSync(golden, actual);
        }
        expect(actual).toBe(readFileSync(golden, 'utf8'));
    });

    it('describes the representative as an Occupation with skills from the library, education and experience in months', () => {
        const [occupation] = graphOf(exportJsonLd(documents.get('customer-service-representative.jobstd')!.parseResult.value, context('customer-service-representative.jobstd')));
        expect(occupation['@type']).toBe('Occupation');
        expect(occupation.name).toBe('Customer Service Representative');
        expect(occupation.description).toMatch(/^As a Customer Service Rep\./);
        expect(occupation.responsibilities).toContain('Takes orders, answers questions, and resolves issues');
        expect(occupation.educationRequirements).toEqual([
            { '@type': 'EducationalOccupationalCredential', credentialCategory: 'Highschool degree', description: 'Required' },
            { '@type': 'EducationalOccupationalCredential', credentialCategory: 'College degree', description: 'Preferred' },
        ]);
        expect(occupation.experienceRequirements).toEqual([
            { '@type': 'OccupationalExperienceRequirements', description: 'customer service experience (at least 3 years)', monthsOfExperience: 36 },
            { '@type': 'OccupationalExperienceRequirements', description: 'Phone sales experience or sales background' },
        ]);
        const communication = (occupation.skills as JsonLdNode[]).find(s => s.termCode === 'Communication')!;
        expect(communication).toMatchObject({
            '@type': 'DefinedTerm', name: 'Communication',
            inDefinedTermSet: { '@type': 'DefinedTermSet', name: 'CTK Competency Toolkit' },
        });
        expect(communication.description).toMatch(/\S/);
    });

    it('gives pay with a blank amount no value and says so; a described role is an Occupation with its shifts as work hours', () => {
        const [occupation, role, ...rest] = graphOf(exportJsonLd(documents.get('csr-letter-of-expectations.jobstd')!.parseResult.value, context('csr-letter-of-expectations.jobstd')));
        expect(rest).toEqual([]);
        const salaries = occupation.estimatedSalary as JsonLdNode[];
        expect(salaries.map(s => s.name)).toEqual(['Base Salary', 'Hourly Pay']);
        for (const s of salaries) {
            expect(s.value).toBeUndefined();
            expect(s.description).toBe('Amount not filled in: the template has "$ XX".');
        }
        // The hours are the role's, written in its description, not the letter's.
        expect(occupation.workHours).toBeUndefined();
        expect(role).toMatchObject({ '@type': 'Occupation', name: 'Service CSR' });
        expect(role.description).toMatch(/^The role of the CSR is to insure/);
        expect(role.workHours).toBe('Shift 1: Monday through Friday 7:00am to 4:00pm; Shift 2: Tuesday through Friday 10:00am to 7:00pm, Saturday 7:00 AM–11:00AM');
        expect(role.responsibilities).toContain('Respond to all messages left overnight.');
    });

    it('turns a library into a DefinedTermSet of its competencies', () => {
        const [set] = graphOf(exportJsonLd(documents.get('ctk-competency-toolkit.jobstd')!.parseResult.value, context('ctk-competency-toolkit.jobstd')));
        expect(set).toMatchObject({ '@type': 'DefinedTermSet', name: 'CTK Competency Toolkit', identifier: 'CTK' });
        expect((set.hasDefinedTerm as JsonLdNode[]).length).toBeGreaterThan(10);
    });
});

const POSTABLE = `job "Payroll Clerk" {
  code "43-3051.00"
  location "Head office"
  created 2025-03-01
  summary "Keeps the payroll."
  requirements {
    experience "payroll work" 18 months
    certification "Certified Payroll Professional" preferred
    skill "Spreadsheets"
  }
  task group A "Payroll" 100 points { "Runs the payroll" }
  "Answers pay questions"
  competency Accuracy "Accuracy" 100% { definition "Gets the figures right." }
  pay "Hourly Pay" $ 24.50 per hour
  pay "Annual Salary" $ 52,000 annually
  schedule { shift 1 Mon–Fri 9:00am–5:00pm }
}
`;

describe('JSON-LD of a job with an O*NET-SOC code and pay', async () => {
    const documents = await buildAll([['payroll.jobstd', POSTABLE]]);
    const document = documents.get('payroll.jobstd')!.parseResult.value;

    it('gives the code as an O*NET-SOC CategoryCode, pay as MonetaryAmounts, shifts as work hours', async () => {
        const output = exportJsonLd(document, context('payroll.jobstd'));
        const [occupation] = graphOf(output);
        expect(occupation.occupationalCategory).toEqual({
            '@type': 'CategoryCode', codeValue: '43-3051.00', inCodeSet: { '@type': 'CategoryCodeSet', name: 'O*NET-SOC' },
        });
        expect(occupation.identifier).toBeUndefined();
        expect(occupation.responsibilities).toEqual(['Runs the payroll', 'Answers pay questions']);
        expect(occupation.skills).toEqual([
            { '@type': 'DefinedTerm', name: 'Accuracy', description: 'Gets the figures right.', termCode: 'Accuracy' },
            'Spreadsheets',
        ]);
        expect(occupation.qualifications).toEqual([
            { '@type': 'EducationalOccupationalCredential', credentialCategory: 'certificate', name: 'Certified Payroll Professional', description: 'Preferred' },
        ]);
        expect((occupation.experienceRequirements as JsonLdNode[])[0].monthsOfExperience).toBe(18);
        expect(occupation.estimatedSalary).toEqual([
            { '@type': 'MonetaryAmount', name: 'Hourly Pay', currency: 'USD', value: { '@type': 'QuantitativeValue', value: 24.5, unitText: 'HOUR' } },
            { '@type': 'MonetaryAmount', name: 'Annual Salary', currency: 'USD', value: { '@type': 'QuantitativeValue', value: 52000, unitText: 'YEAR' } },
        ]);
        expect(occupation.workHours).toBe('Shift 1: Mon–Fri 9:00am–5:00pm');
        await expectFullyExpanded(output);
    });

    it('keeps a code that is not O*NET-SOC as an identifier', async () => {
        const other = await buildAll([['other.jobstd', POSTABLE.replace('43-3051.00', 'PAY-01')]]);
        const [occupation] = graphOf(exportJsonLd(other.get('other.jobstd')!.parseResult.value, context('other.jobstd')));
        expect(occupation.identifier).toBe('PAY-01');
        expect(occupation.occupationalCategory).toBeUndefined();
    });

    it('offers a JobPosting view when the job and the caller give what a posting requires', async () => {
        const output = exportJsonLd(document, { ...context('payroll.jobstd'), view: 'posting', hiringOrganization: 'Acme Ltd' });
        const [posting] = graphOf(output);
        expect(posting).toMatchObject({
            '@type': 'JobPosting', title: 'Payroll Clerk', description: 'Keeps the payroll.', datePosted: '2025-03-01',
            hiringOrganization: { '@type': 'Organization', name: 'Acme Ltd' },
            jobLocation: { '@type': 'Place', address: 'Head office' },
            relevantOccupation: { '@type': 'Occupation', name: 'Payroll Clerk' },
        });
        await expectFullyExpanded(output);
    });

    it('says what is missing instead of posting an incomplete job', async () => {
        expect(() => exportJsonLd(document, { ...context('payroll.jobstd'), view: 'posting' })).toThrow(JobPostingError);
        expect(() => exportJsonLd(document, { ...context('payroll.jobstd'), view: 'posting' })).toThrow(/lacks a hiring organization/);
        const blank = await buildAll([['blank.jobstd', POSTABLE.replace('created 2025-03-01', 'created 20XX').replace(/summary "[^"]*"/, '')]]);
        const job = blank.get('blank.jobstd')!.parseResult.value.jobs[0];
        expect(jobPostingGaps(job, { file: 'x', findings: [], hiringOrganization: 'Acme Ltd' }))
            .toEqual(['a summary (description)', 'a created date (datePosted)']);
    });
});

const POSTING = `job "Permit Technician" {
  code "4127"
  occupation isco "4222" "Contact centre information clerks"
  created 2026-02-01
  summary "Processes permits."
  section "Essential functions" essential {
    "Reviews building permit applications." 60%
    "Answers questions at the counter." 40%
  }
  requirements {
    experience "counter work" three (3) years essential
    experience "scripting" 2+ years desirable
    experience "team leadership" 3–5 years
    licence "Driving licence" issued by "DVLA" essential
    certification "CompTIA A+" from "CompTIA"
  }
  pay "Base salary" $52,000–$68,000 yearly or "Hourly pay" $25.00 - $32.50 per hour
  pay "Overtime" $40 hourly
  pay "Bonus" $1,000–$XX yearly
  physical demands {
    "Lifts boxes of up to 25 lbs" occasionally
    "Climbs ladders"
  }
  working conditions {
    "Works in an office with moderate noise" frequently
  }
}
`;

describe('JSON-LD of pay ranges, named occupations, licences and demands', async () => {
    const documents = await buildAll([['permit.jobstd', POSTING]]);
    const document = documents.get('permit.jobstd')!.parseResult.value;
    const [occupation] = graphOf(exportJsonLd(document, context('permit.jobstd')));

    it('gives a pay range minValue and maxValue, and an alternative pay term a second amount of the same list', () => {
        const salaries = occupation.estimatedSalary as JsonLdNode[];
        expect(salaries.slice(0, 2)).toEqual([
            { '@type': 'MonetaryAmount', name: 'Base salary', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 52000, maxValue: 68000, unitText: 'YEAR' } },
            { '@type': 'MonetaryAmount', name: 'Hourly pay', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 25, maxValue: 32.5, unitText: 'HOUR' } },
        ]);
        expect(salaries[2]).toEqual({ '@type': 'MonetaryAmount', name: 'Overtime', currency: 'USD', value: { '@type': 'QuantitativeValue', value: 40, unitText: 'HOUR' } });
        // A range with a blank end gives no number at all, and says so.
        expect(salaries[3]).toEqual({ '@type': 'MonetaryAmount', name: 'Bonus', currency: 'USD', description: 'Amount not filled in: the template has "$1,000–$XX".' });
        expect(salaries).toHaveLength(4);
    });

    it('gives the named occupation as a CategoryCode in its taxonomy, and keeps the job code as an identifier', () => {
        expect(occupation.occupationalCategory).toEqual({
            '@type': 'CategoryCode', codeValue: '4222', name: 'Contact centre information clerks',
            inCodeSet: { '@type': 'CategoryCodeSet', name: 'ISCO-08' },
        });
        expect(occupation.identifier).toBe('4127');
    });

    it('counts months of experience from the least the duration allows, and keeps the duration as written', () => {
        expect(occupation.experienceRequirements).toEqual([
            { '@type': 'OccupationalExperienceRequirements', description: 'counter work (three (3) years), essential', monthsOfExperience: 36 },
            { '@type': 'OccupationalExperienceRequirements', description: 'scripting (2+ years), desirable', monthsOfExperience: 24 },
            { '@type': 'OccupationalExperienceRequirements', description: 'team leadership (3–5 years)', monthsOfExperience: 36 },
        ]);
    });

    it('takes a licence as a license credential, the issuer recognising it, and every necessity word as written', () => {
        expect(occupation.qualifications).toEqual([
            {
                '@type': 'EducationalOccupationalCredential', credentialCategory: 'license', name: 'Driving licence', description: 'Essential',
                recognizedBy: { '@type': 'Organization', name: 'DVLA' },
            },
            {
                '@type': 'EducationalOccupationalCredential', credentialCategory: 'certificate', name: 'CompTIA A+',
                recognizedBy: { '@type': 'Organization', name: 'CompTIA' },
            },
        ]);
    });

    it('keeps demands out of an Occupation, which has no property for them, and duties as responsibilities', async () => {
        expect(occupation.physicalRequirement).toBeUndefined();
        expect(occupation.responsibilities).toEqual(['Reviews building permit applications.', 'Answers questions at the counter.']);
        await expectFullyExpanded(exportJsonLd(document, context('permit.jobstd')));
    });

    it('posts pay as baseSalary and physical demands as physicalRequirement, working conditions not at all', async () => {
        const output = exportJsonLd(document, { ...context('permit.jobstd'), view: 'posting', hiringOrganization: 'City of Springfield' });
        const [posting] = graphOf(output);
        expect(posting.estimatedSalary).toBeUndefined();
        expect((posting.baseSalary as JsonLdNode[])[0]).toEqual({
            '@type': 'MonetaryAmount', name: 'Base salary', currency: 'USD',
            value: { '@type': 'QuantitativeValue', minValue: 52000, maxValue: 68000, unitText: 'YEAR' },
        });
        expect(posting.baseSalary).toEqual(occupation.estimatedSalary);
        expect(posting.physicalRequirement).toEqual(['Lifts boxes of up to 25 lbs (occasionally)', 'Climbs ladders']);
        expect(JSON.stringify(output)).not.toContain('moderate noise');
        expect((posting.relevantOccupation as JsonLdNode).occupationalCategory).toEqual(occupation.occupationalCategory);
        await expectFullyExpanded(output);
    });
});

describe('JSON-LD of a ladder', async () => {
    const documents = await buildAll([['career.jobstd', CAREER]]);
    const graph = graphOf(exportJsonLd(documents.get('career.jobstd')!.parseResult.value, context('career.jobstd')));

    it('gives the ladder and each of its levels an Occupation, in the ladder\'s occupational category', async () => {
        expect(graph.map(n => n.name)).toEqual(['Support Engineer', 'Support Engineer I', 'L2', 'Principal', 'Permit Technician', 'CTK Toolkit']);
        const [ladder, l1, l2] = graph;
        const category = {
            '@type': 'CategoryCode', codeValue: '15-1232.00', name: 'Computer User Support Specialists',
            inCodeSet: { '@type': 'CategoryCodeSet', name: 'O*NET-SOC 2019' },
        };
        expect(ladder.occupationalCategory).toEqual(category);
        expect(l1.occupationalCategory).toEqual(category);
        // What is written in a level is the level's, not the ladder's.
        expect(ladder.estimatedSalary).toBeUndefined();
        expect(ladder.responsibilities).toBeUndefined();
        expect(l1).toMatchObject({
            '@type': 'Occupation', description: 'Works tier-1 tickets.',
            responsibilities: ['Resolves tier-1 tickets', 'Writes knowledge base articles'],
        });
        expect((l1.estimatedSalary as JsonLdNode[]).map(s => s.name)).toEqual(['Base salary', 'Hourly pay']);
        expect(l2.qualifications).toHaveLength(2);
        await expectFullyExpanded({ '@context': 'https://schema.org', '@graph': graph });
    });

    it('names a competency a level requires among its skills, once', () => {
        const l1 = graph[1];
        expect(l1.skills).toEqual([{
            '@type': 'DefinedTerm', name: 'Technical troubleshooting', description: 'Finds the cause of a problem.', termCode: 'Troubleshooting',
        }]);
        const permit = graph[4];
        // Declared by a use and required too: one term, from the library.
        expect((permit.skills as JsonLdNode[]).map(s => s.termCode)).toEqual(['Listening', 'Nobody']);
    });
});

describe('the bundled schema.org context', () => {
    it('is served for schema.org, and any other address is refused', async () => {
        await expect(documentLoader('https://example.org/context.jsonld')).rejects.toThrow(/no network/);
        const expanded = await expand({ '@context': 'https://schema.org', '@type': 'Occupation', name: 'Clerk' });
        expect(expanded).toEqual([{ '@type': ['https://schema.org/Occupation'], 'https://schema.org/name': [{ '@value': 'Clerk' }] }]);
    });

    it('drops a term it does not define, which is what the counts above would catch', async () => {
        const value = { '@context': 'https://schema.org', '@type': 'Occupation', name: 'Clerk', colour: 'red' };
        const after = expandedTerms(await expand(value));
        expect(after.length).toBeLessThan(compactTerms(value).length);
    });
});

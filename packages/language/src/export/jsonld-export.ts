import { AstUtils, type AstNode } from 'langium';
import {
    isCareerLevel, isCompetency, isCompetencyUse, isConditions, isJob, isLibrary, isPay, isProficiencyRequirement,
    isRequirement, isRole, isSchedule, isSection, isStatement, isTaskGroup,
    type CareerLevel, type Competency, type CompetencyUse, type Document, type Role, type Duration, type Element, type Job,
    type Library, type Pay, type PayAlternative, type Period, type Requirement, type Schedule
} from '../generated/ast.js';
import { unescapeMarkdown } from '../jobstd-value-converter.js';
import { jobCompetency, parseQuantity } from '../model.js';
import { levelTitle, payTerms, taxonomyName } from '../career.js';
import type { ExportContext } from './json-export.js';

/**
 * schema.org JSON-LD: every job as an `Occupation` (the standard, what the job is), and each level
 * of a ladder as one of its own, or, in the `posting` view, as a `JobPosting` for the jobs that
 * carry what a posting needs. A library becomes a `DefinedTermSet` of its competencies, the
 * terms a job's `skills` point into. Only what schema.org defines is mapped; the rest (grades,
 * status, effective dates, duty shares and marks, working conditions) stays in the JSON export.
 */

export interface JsonLdContext extends ExportContext {
    /** `occupation` (the default) or `posting`. */
    view?: 'occupation' | 'posting';
    /** The employer's name, which a `.jobstd` file does not hold; a JobPosting requires it. */
    hiringOrganization?: string;
    /** ISO 4217 code for amounts written with "$"; "USD" when not given. */
    currency?: string;
}

export type JsonLdValue = string | number | boolean | JsonLdNode | JsonLdValue[];
export interface JsonLdNode {
    [key: string]: JsonLdValue;
}

export interface JsonLdDocument {
    '@context': 'https://schema.org';
    '@graph': JsonLdNode[];
}

/** Thrown by the `posting` view when a job lacks what a JobPosting requires; `missing` says what, per job. */
export class JobPostingError extends Error {
    constructor(readonly missing: Array<{ job: string; missing: string[] }>) {
        super(missing.length === 0
            ? 'No job in this document to post.'
            : missing.map(m => `Job "${m.job}" cannot be a JobPosting: it lacks ${m.missing.join(', ')}.`).join(' '));
        this.name = 'JobPostingError';
    }
}

/** An O*NET-SOC code ("43-4051.00"); the grammar has one `code` line, so its form decides. */
const ONET_SOC = /^\d{2}-\d{4}(\.\d{2})?$/;

export function exportJsonLd(document: Document, context: JsonLdContext): JsonLdDocument {
    if (context.view === 'posting') {
        const gaps = document.jobs.map(job => ({ job: job.title ?? '', missing: jobPostingGaps(job, context) }));
        if (gaps.length === 0 || gaps.some(g => g.missing.length > 0)) throw new JobPostingError(gaps.filter(g => g.missing.length > 0));
        return { '@context': 'https://schema.org', '@graph': document.jobs.map(job => jobPosting(job, context)) };
    }
    return {
        '@context': 'https://schema.org',
        '@graph': [
            ...document.jobs.flatMap(job => [
                occupation(job, context),
                ...job.levels.map(level => levelOccupation(level, context)),
                ...describedRoles(job).map(role => roleOccupation(role, context)),
            ]),
            ...document.libraries.map(definedTermSet),
        ],
    };
}

/** What a job lacks to be posted (schema.org JobPosting as search engines require it); empty when it can be. */
export function jobPostingGaps(job: Job, context: JsonLdContext): string[] {
    const missing: string[] = [];
    if (!job.title?.trim()) missing.push('a title');
    if (!job.summary?.trim()) missing.push('a summary (description)');
    if (datePosted(job) === undefined) missing.push('a created date (datePosted)');
    if (!context.hiringOrganization?.trim()) missing.push('a hiring organization (given by the caller, not the file)');
    return missing;
}

function occupation(job: Job, context: JsonLdContext): JsonLdNode {
    return compact({
        '@type': 'Occupation',
        name: job.title ?? '',
        ...facts(job, context),
    });
}

/**
 * A role with a body (duties, hours, scope) is a described position of its own, such as the
 * role description in a letter of expectations; a bare `role Manager "Service Manager"` only
 * names a reporting line and is left out.
 */
function describedRoles(job: Job): Role[] {
    return AstUtils.streamAllContents(job).filter(isRole)
        .filter(role => role.elements.length > 0 || role.summary !== undefined || role.scope !== undefined).toArray();
}

/** A level is a position of its own: its title, scope and what is written in it, in the ladder's occupational category. */
function levelOccupation(level: CareerLevel, context: JsonLdContext): JsonLdNode {
    return compact({
        '@type': 'Occupation',
        name: levelTitle(level),
        ...facts(level, context),
    });
}

function roleOccupation(role: Role, context: JsonLdContext): JsonLdNode {
    return compact({
        '@type': 'Occupation',
        name: role.title ?? role.name,
        ...facts(role, context),
    });
}

function jobPosting(job: Job, context: JsonLdContext): JsonLdNode {
    return compact({
        '@type': 'JobPosting',
        title: job.title ?? '',
        datePosted: datePosted(job),
        hiringOrganization: { '@type': 'Organization', name: context.hiringOrganization ?? '' },
        jobLocation: job.location !== undefined ? { '@type': 'Place', address: job.location } : undefined,
        ...facts(job, context, 'posting'),
        relevantOccupation: compact({ '@type': 'Occupation', name: job.title ?? '', occupationalCategory: category(job) }),
    });
}

/**
 * What an Occupation and a JobPosting say alike, in this order. What a role or a level inside a
 * job holds is the role's or the level's. Pay is a posting's `baseSalary` (what the employer
 * offers) and an Occupation's `estimatedSalary` (the only pay an Occupation has); physical
 * demands are a posting's `physicalRequirement`, which an Occupation does not have.
 */
function facts(owner: Job | Role | CareerLevel, context: JsonLdContext, view: 'occupation' | 'posting' = 'occupation'): Record<string, JsonLdValue | undefined> {
    const own = <T extends AstNode>(guard: (n: AstNode) => n is T): T[] =>
        AstUtils.streamAllContents(owner).filter(guard).filter(n => ownerOf(n) === owner).toArray();
    const requirements = own(isRequirement);
    const pay = own(isPay).flatMap(p => payTerms(p)).map(term => salary(term, context));
    const job = isJob(owner) ? owner : undefined;
    const code = job?.code;
    const education = requirements.filter(r => r.kind === 'education').map(r => credential(r, r.text));
    const credentials = requirements.filter(r => r.kind === 'certification' || r.kind === 'license' || r.kind === 'licence')
        .map(r => credential(r, r.kind === 'certification' ? 'certificate' : 'license'));
    const skillLines = requirements.filter(r => r.kind === 'skill').map(r => r.text ?? '');
    const competencies = own((n): n is Competency | CompetencyUse => isCompetency(n) || isCompetencyUse(n)).map(jobCompetency);
    // A competency a level requires (`requires Troubleshooting 2`) is a skill of that level; one it also declares is named once.
    const required = own(isProficiencyRequirement)
        .map(r => ({ name: r.competency?.$refText ?? '', declaration: isCompetency(r.competency?.ref) ? r.competency.ref : undefined }))
        .filter((r, i, all) => r.name !== '' && !competencies.some(c => c.name === r.name) && all.findIndex(o => o.name === r.name) === i);
    const demands = own(isConditions).filter(c => c.kind === 'physical demands').flatMap(c => c.items)
        .map(d => d.frequency ? `${d.text ?? ''} (${d.frequency})` : d.text ?? '');
    return {
        description: isRole(owner) ? owner.summary ?? owner.scope : isCareerLevel(owner) ? owner.summary ?? owner.scope : owner.summary,
        // A job that names its occupation keeps its own code as an identifier, whatever its form.
        identifier: code !== undefined && (job?.occupation !== undefined || !ONET_SOC.test(code)) ? code : undefined,
        occupationalCategory: job ? category(job) : isCareerLevel(owner) ? category(owner.$container) : undefined,
        responsibilities: nonEmpty(responsibilities(owner.elements)),
        skills: nonEmpty([
            ...competencies.map(c => skill(c.declaration, c.name, c.title)),
            ...required.map(r => skill(r.declaration, r.name, r.declaration?.title ?? r.declaration?.name ?? r.name)),
            ...skillLines,
        ]),
        educationRequirements: nonEmpty(education),
        qualifications: nonEmpty(credentials),
        experienceRequirements: nonEmpty(requirements.filter(r => r.kind === 'experience').map(experience)),
        estimatedSalary: view === 'occupation' ? nonEmpty(pay) : undefined,
        baseSalary: view === 'posting' ? nonEmpty(pay) : undefined,
        physicalRequirement: view === 'posting' ? nonEmpty(demands) : undefined,
        workHours: workHours(own(isSchedule)),
    };
}

/**
 * The occupation the job names (`occupation soc "43-4031" "…"`), in its taxonomy's code set;
 * else a `code` of O*NET-SOC form, as before occupations could be named.
 */
function category(job: Job): JsonLdNode | undefined {
    const occupation = job.occupation;
    if (occupation?.code) {
        return compact({
            '@type': 'CategoryCode',
            codeValue: occupation.code,
            name: occupation.title,
            inCodeSet: { '@type': 'CategoryCodeSet', name: taxonomyName(occupation.taxonomy) },
        });
    }
    if (job.code === undefined || !ONET_SOC.test(job.code)) return undefined;
    return { '@type': 'CategoryCode', codeValue: job.code, inCodeSet: { '@type': 'CategoryCodeSet', name: 'O*NET-SOC' } };
}

/** Only a full date can be a posting date: "2003-09-23T03:35:00" gives "2003-09-23"; "2012" and "20XX" give nothing. */
function datePosted(job: Job): string | undefined {
    return /^\d{4}-\d{2}-\d{2}/.exec(job.created ?? '')?.[0];
}

/** The job's tasks and its own statements, as written, in order: sections are opened, roles are other jobs. */
function responsibilities(elements: Element[]): string[] {
    return elements.flatMap(element => {
        if (isTaskGroup(element)) return element.tasks.map(t => t.text ?? '');
        if (isStatement(element)) return [element.text ?? ''];
        if (isSection(element)) return responsibilities(element.elements);
        return [];
    });
}

function skill(declaration: Competency | undefined, name: string, title: string): JsonLdNode {
    const library = declaration ? AstUtils.getContainerOfType(declaration, isLibrary) : undefined;
    return compact({
        '@type': 'DefinedTerm',
        name: title,
        description: declaration?.definition,
        termCode: name,
        inDefinedTermSet: library ? termSetReference(library) : undefined,
    });
}

function termSetReference(library: Library): JsonLdNode {
    return { '@type': 'DefinedTermSet', name: library.title ?? library.name };
}

function definedTermSet(library: Library): JsonLdNode {
    return compact({
        '@type': 'DefinedTermSet',
        name: library.title ?? library.name,
        identifier: library.name,
        hasDefinedTerm: nonEmpty(library.members.filter((m): m is Competency => m.$type === 'Competency').map(c => compact({
            '@type': 'DefinedTerm',
            name: c.title ?? c.name,
            description: c.definition,
            termCode: c.name,
        }))),
    });
}

function credential(requirement: Requirement, category: string): JsonLdNode {
    return compact({
        '@type': 'EducationalOccupationalCredential',
        credentialCategory: category,
        name: requirement.kind === 'education' ? undefined : requirement.text,
        // schema.org has no word for "preferred"; the description keeps it.
        description: necessity(requirement),
        // The body that awards it ("issued by DVLA") recognises it.
        recognizedBy: requirement.issuer !== undefined ? { '@type': 'Organization', name: requirement.issuer } : undefined,
    });
}

/** "Required", "Preferred", "Essential", "Desirable": the word written, capitalised. */
function necessity(requirement: Requirement): string | undefined {
    const word = requirement.necessity;
    return word ? word.charAt(0).toUpperCase() + word.slice(1) : undefined;
}

function experience(requirement: Requirement): JsonLdNode {
    const duration = requirement.duration;
    const months = duration ? monthsOf(duration) : undefined;
    const written = duration ? ` (${durationText(duration)})` : '';
    return compact({
        '@type': 'OccupationalExperienceRequirements',
        description: `${requirement.text ?? ''}${written}${requirement.necessity ? `, ${requirement.necessity}` : ''}`,
        monthsOfExperience: months,
    });
}

/** The duration as written: "at least 3 years", "three (3) years", "2+ years", "3–5 years". */
function durationText(duration: Duration): string {
    const cst = duration.$cstNode;
    if (cst) return unescapeMarkdown(cst.text).replace(/\s+/g, ' ').trim();
    return [duration.comparator, unescapeMarkdown(duration.value ?? ''), duration.unit].filter(Boolean).join(' ');
}

/**
 * "3 years" → 36, "18 months" → 18; "2+ years" and "3–5 years" give the least, as
 * `monthsOfExperience` is the minimum. A blank or an unknown unit gives nothing rather than a guess.
 */
function monthsOf(duration: Duration): number | undefined {
    const value = parseQuantity(duration.value).value;
    if (value === undefined) return undefined;
    const unit = (duration.unit ?? '').toLowerCase();
    if (/^(year|yr)s?$/.test(unit)) return value * 12;
    if (/^months?$/.test(unit)) return value;
    return undefined;
}

const UNIT_TEXT: Record<string, string> = {
    hour: 'HOUR', day: 'DAY', week: 'WEEK', month: 'MONTH', year: 'YEAR',
    hourly: 'HOUR', daily: 'DAY', weekly: 'WEEK', monthly: 'MONTH', annually: 'YEAR', yearly: 'YEAR',
};

function unitText(period: Period | undefined): string | undefined {
    if (!period) return undefined;
    const word = (period.every ?? period.frequency ?? '').toLowerCase().replace(/s$/, '');
    return UNIT_TEXT[word];
}

/**
 * One term of pay (a line, or an alternative written after "or"): an amount, or a range as
 * `minValue` and `maxValue`. A blank amount ("$ XX", "$52,000–$XX") keeps no value and says so,
 * never a made-up number.
 */
function salary(pay: Pay | PayAlternative, context: JsonLdContext): JsonLdNode {
    const amount = parseQuantity(pay.amount);
    const maximum = pay.maximum !== undefined ? parseQuantity(pay.maximum) : undefined;
    const known = amount.value !== undefined && (maximum === undefined || maximum.value !== undefined);
    const written = unescapeMarkdown(maximum ? joined(pay.amount ?? '', pay.separator, pay.maximum ?? '') : pay.amount ?? '');
    const value = !known ? undefined : maximum
        ? compact({ '@type': 'QuantitativeValue', minValue: amount.value, maxValue: maximum.value, unitText: unitText(pay.period) })
        : compact({ '@type': 'QuantitativeValue', value: amount.value, unitText: unitText(pay.period) });
    return compact({
        '@type': 'MonetaryAmount',
        name: pay.label ?? '',
        currency: amount.unit === '$' || maximum?.unit === '$' ? context.currency ?? 'USD' : undefined,
        value,
        description: !known ? `Amount not filled in: the template has "${written}".` : undefined,
    });
}

/** "Shift 1: Monday through Friday 7:00am to 4:00pm; Shift 2: …", the spans as written. */
function workHours(schedules: Schedule[]): string | undefined {
    const lines = schedules.flatMap(schedule => schedule.shifts.map(shift => {
        const spans = shift.spans.map(span => {
            const days = span.lastDay ? joined(span.firstDay, span.daySeparator, span.lastDay) : span.firstDay;
            return `${days} ${joined(span.start, span.timeSeparator, span.end)}`;
        });
        return `Shift ${shift.name}: ${spans.join(', ')}`;
    }));
    return lines.length > 0 ? lines.join('; ') : undefined;
}

function joined(a: string, separator: string | undefined, b: string): string {
    return /^[a-z]/i.test(separator ?? '') ? `${a} ${separator} ${b}` : `${a}${separator ?? '–'}${b}`;
}

/** The nearest job, level or role a node is written in. */
function ownerOf(node: AstNode): AstNode | undefined {
    for (let n = node.$container; n; n = n.$container) if (isRole(n) || isJob(n) || isCareerLevel(n)) return n;
    return undefined;
}

function nonEmpty<T>(items: T[]): T[] | undefined {
    return items.length > 0 ? items : undefined;
}

/** Drops undefined properties; the order of the rest is the order written above. */
function compact<T extends Record<string, unknown>>(value: T): JsonLdNode {
    const out: JsonLdNode = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = item as JsonLdValue;
    return out;
}

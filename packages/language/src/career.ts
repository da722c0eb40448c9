import type { AstNode } from 'langium';
import {
    isCompetency, isRequirements, isSection,
    type CareerLevel, type Competency, type Conditions, type DemandFrequency, type Duration, type Job, type Occupation,
    type Pay, type PayAlternative, type ProficiencyDescriptor, type Section, type Statement, type Task, type TimeRange
} from './generated/ast.js';
import { parseQuantity } from './model.js';

/**
 * What the HR constructs of a job mean, read once for the checks, the editor and every export:
 * duty marks, ladders and their levels, proficiency, ranges, demands and occupation codes.
 */

// ----- duties ----------------------------------------------------------------------------

export type DutyFunction = 'essential' | 'marginal';
export type Necessity = 'required' | 'preferred' | 'essential' | 'desirable';

/** What a statement's or task's mark says where it stands: a function among duties, a necessity among requirements. */
export interface DutyMarks {
    /** Essential or marginal (the ADA distinction), from the duty itself or the section it stands in. */
    function?: DutyFunction;
    /** How much a criterion counts, for a statement inside `requirements`. */
    necessity?: Necessity;
}

export function dutyMarks(node: Statement | Task): DutyMarks {
    if (isRequirements(node.$container)) {
        return node.mark ? { necessity: node.mark as Necessity } : {};
    }
    if (node.mark === 'essential' || node.mark === 'marginal') return { function: node.mark };
    for (let c: AstNode | undefined = node.$container; c; c = c.$container) {
        if (isSection(c) && (c.mark === 'essential' || c.mark === 'marginal')) return { function: c.mark };
    }
    return {};
}

/** The function a section gives the duties inside it, if its header marks one. */
export function sectionFunction(section: Section): DutyFunction | undefined {
    return section.mark === 'essential' || section.mark === 'marginal' ? section.mark : undefined;
}

// ----- ranges ----------------------------------------------------------------------------

/** A range as written: "$52,000–$68,000", "1–2 years", "3–5 years", with its ends as numbers where known. */
export interface ParsedRange {
    low?: number;
    high?: number;
    /** True when both ends are known and the low end exceeds the high end. */
    reversed: boolean;
}

export function parseRange(low: string | undefined, high: string | undefined): ParsedRange {
    const lowValue = parseQuantity(low).value;
    const highValue = high === undefined ? undefined : parseQuantity(high).value;
    return { low: lowValue, high: highValue, reversed: lowValue !== undefined && highValue !== undefined && lowValue > highValue };
}

export function payRange(pay: Pay | PayAlternative): ParsedRange | undefined {
    return pay.maximum === undefined ? undefined : parseRange(pay.amount, pay.maximum);
}

/** Every term of a pay line: the first, then each alternative written after "or". */
export function payTerms(pay: Pay): Array<Pay | PayAlternative> {
    return [pay, ...pay.alternatives];
}

export function durationRange(duration: Duration): ParsedRange | undefined {
    return duration.maximum === undefined ? undefined : parseRange(duration.value, duration.maximum);
}

export function timeRange(time: TimeRange): ParsedRange {
    return parseRange(time.low, time.high);
}

// ----- ladders -----------------------------------------------------------------------------

/** The levels of a job or ladder, lowest first: the order they are written in. */
export function levelsOf(job: Job): CareerLevel[] {
    return job.levels;
}

export function levelTitle(level: CareerLevel): string {
    return level.title ?? level.name;
}

/** The proficiency each competency requires at a level, by the competency's name, in text order. */
export function requiredProficiencies(level: CareerLevel | Job): Map<string, { value?: number; text: string; node: AstNode }> {
    const found = new Map<string, { value?: number; text: string; node: AstNode }>();
    const visit = (elements: readonly AstNode[]): void => {
        for (const element of elements) {
            if (element.$type === 'ProficiencyRequirement') {
                const requirement = element as unknown as { competency?: { $refText: string }; value?: string };
                const name = requirement.competency?.$refText;
                if (name && !found.has(name)) found.set(name, { value: parseQuantity(requirement.value).value, text: requirement.value ?? '', node: element });
            } else if (isSection(element)) {
                visit(element.elements);
            }
        }
    };
    visit(level.elements);
    return found;
}

/** The descriptor of a competency at one proficiency value: what that cell of the matrix says. */
export function proficiencyDescriptor(competency: Competency | undefined, value: number | undefined): ProficiencyDescriptor | undefined {
    if (!competency || value === undefined || !isCompetency(competency)) return undefined;
    return competency.descriptors.find(d => parseQuantity(d.value).value === value);
}

/** A proficiency's label: the descriptor's own, else the label of that level on the competency's scale. */
export function proficiencyLabel(competency: Competency | undefined, value: number | undefined): string | undefined {
    const descriptor = proficiencyDescriptor(competency, value);
    if (descriptor?.label) return descriptor.label;
    const scale = competency?.proficiencyScale?.ref;
    return scale?.levels.find(l => parseQuantity(l.value).value === value)?.label;
}

// ----- physical demands and working conditions ---------------------------------------------------

/** The frequency scale of job analysis, in order, with the share of the working day each word means. */
export const DemandFrequencies: ReadonlyArray<{ word: DemandFrequency; rank: number; share: string }> = [
    { word: 'never', rank: 0, share: 'not at all' },
    { word: 'rarely', rank: 1, share: 'less than 5% of the time' },
    { word: 'occasionally', rank: 2, share: 'up to a third of the time' },
    { word: 'frequently', rank: 3, share: 'a third to two thirds of the time' },
    { word: 'constantly', rank: 4, share: 'more than two thirds of the time' },
];

export function demandFrequency(word: string | undefined): { word: DemandFrequency; rank: number; share: string } | undefined {
    return DemandFrequencies.find(f => f.word === word);
}

export function conditionsTitle(conditions: Conditions): string {
    return conditions.kind === 'physical demands' ? 'Physical demands' : 'Working conditions';
}

// ----- occupation codes --------------------------------------------------------------------------

export const Taxonomies: Record<string, { name: string; shape: RegExp; example: string }> = {
    onet: { name: 'O*NET-SOC 2019', shape: /^\d{2}-\d{4}\.\d{2}$/, example: '43-4051.00' },
    soc: { name: 'SOC 2018', shape: /^\d{2}-\d{4}$/, example: '43-4051' },
    isco: { name: 'ISCO-08', shape: /^\d{1,4}$/, example: '4222' },
};

export function taxonomyName(taxonomy: string): string {
    return Taxonomies[taxonomy]?.name ?? taxonomy;
}

/** Why an occupation code does not have its taxonomy's shape, or undefined when it does. */
export function occupationCodeProblem(occupation: Occupation): string | undefined {
    const taxonomy = Taxonomies[occupation.taxonomy];
    const code = occupation.code?.trim() ?? '';
    if (!taxonomy || code === '') return undefined;
    if (taxonomy.shape.test(code)) return undefined;
    return `they are written like ${taxonomy.example}`;
}

// ----- status -----------------------------------------------------------------------------------

export const StatusWords: Record<string, string> = {
    draft: 'Draft', 'in review': 'In review', approved: 'Approved', retired: 'Retired',
};

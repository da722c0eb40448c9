import type { AstNode } from 'langium';
import {
    isCompetency, isSection, isJob, isStatement, isTaskGroup, isCareerLevel,
    type CareerLevel, type Competency, type CompetencyUse, type Element, type Job, type Section, type Statement, type Task,
    type TaskGroup, type Weight
} from './generated/ast.js';
import { shown } from './lexer/tokens.js';
import { contentsOf } from './validation/document-index.js';

/** A number as people write it: "7.4%", "100", "$1,000", or an unfilled "00%" / "$ xxx,000". */
export interface ParsedQuantity {
    text: string;
    value?: number;
    unit?: '%' | '$';
    /** Digits after the decimal point, for the rounding a total may carry. */
    decimals: number;
    /** True when the value is a template blank (x's, all zeros, underscores). */
    placeholder: boolean;
}

/** Tolerates a missing value: while someone types, the parser recovers with holes in the tree. */
export function parseQuantity(text: string | undefined): ParsedQuantity {
    if (text === undefined) return { text: '', decimals: 0, placeholder: false };
    const clean = text.replace(/\\/g, '').trim();
    const unit = clean.startsWith('$') ? '$' : clean.endsWith('%') ? '%' : undefined;
    const digits = clean.replace(/^\$\s?/, '').replace(/%$/, '').replace(/,/g, '');
    const placeholder = /[xX_]/.test(digits) || (/^0{2,}(\.0+)?$/.test(digits));
    const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
    const value = !placeholder && /^[0-9]+(\.[0-9]+)?$/.test(digits) ? Number(digits) : undefined;
    return { text, value, unit, decimals, placeholder };
}

export type WeightUnit = '%' | 'points';

export interface ParsedWeight extends ParsedQuantity {
    weightUnit?: WeightUnit;
}

export function parseWeight(weight: Weight | undefined): ParsedWeight | undefined {
    if (!weight) return undefined;
    const quantity = parseQuantity(weight.value);
    const weightUnit: WeightUnit | undefined = quantity.unit === '%' ? '%' : weight.unit ? 'points' : undefined;
    return { ...quantity, weightUnit };
}

/** A competency as a job has it: declared in the job, or used from a library. */
export interface JobCompetency {
    node: Competency | CompetencyUse;
    /** The declaration (the library's one for a use), when it resolves. */
    declaration?: Competency;
    name: string;
    title: string;
    weight?: Weight;
}

export function jobCompetency(node: Competency | CompetencyUse): JobCompetency {
    if (isCompetency(node)) {
        return { node, declaration: node, name: node.name, title: node.title ?? node.name, weight: node.weight };
    }
    const declaration = node.competency?.ref;
    const name = node.competency?.$refText ?? '';
    return {
        node,
        declaration,
        name,
        title: declaration?.title ?? declaration?.name ?? name,
        weight: node.weight ?? declaration?.weight,
    };
}

/** Read from the document's index: one walk serves every job, check, hover and export. */
export function competenciesOf(job: Job): JobCompetency[] {
    return contentsOf(job).competencies.map(jobCompetency);
}

export function taskGroupsOf(job: Job): TaskGroup[] {
    return contentsOf(job).taskGroups.slice();
}

export interface WeightMember {
    node: AstNode;
    name: string;
    weight?: ParsedWeight;
    /** This member's part of the set's total, 0..1, when every weight is known. */
    share?: number;
}

/**
 * A set of weights that belong together: a job's competencies, its task groups, or its duties'
 * shares of time (a job's, a level's, or those inside a section that has a share of its own).
 */
export interface WeightSet {
    kind: 'competency' | 'task group' | 'duty';
    owner: Job;
    /** Where the set lives when it is not the whole job: a level of a ladder, or a weighted section. */
    scope?: CareerLevel | Section;
    /** The percent the set must total: 100, or a weighted section's own share. */
    expected: number;
    members: WeightMember[];
    /** The unit most members use; members in the other unit are mixed in. */
    unit?: WeightUnit;
    total?: number;
    /** Decimals of the most precise weight, for rounding the total. */
    decimals: number;
    /** How far a percent total may drift from 100 through the weights' own rounding. */
    roundingAllowance: number;
}

export function weightSetsOf(job: Job): WeightSet[] {
    const competencies = competenciesOf(job).map(c => ({ node: c.node, name: c.name, weight: parseWeight(c.weight) }));
    const taskGroups = taskGroupsOf(job).map(t => ({ node: t, name: t.name, weight: parseWeight(t.weight) }));
    return [
        buildWeightSet('task group', job, taskGroups),
        buildWeightSet('competency', job, competencies),
        ...dutyWeightSets(job),
    ].filter(set => set.members.some(m => m.weight));
}

/** Duties are statements and tasks: "Processes weekly payroll" 35%. */
export type Duty = Statement | Task;

/**
 * The duty sets of a job: one for the job's own duties and one for each level's. A section with
 * a share of its own ("Essential duties" 60%) counts as one member, and its weighted duties form
 * a set that totals that share. In a section or task group where some duties have a share, a duty
 * without one is a member with no weight, so the check can say it is missing. Roles are other
 * jobs, and requirements, letters and incentives hold no duties.
 */
export function dutyWeightSets(job: Job): WeightSet[] {
    const sets: WeightSet[] = [];
    const collect = (elements: readonly Element[], members: WeightMember[], nested: Array<{ section: Section }>): void => {
        const here: Duty[] = [];
        for (const element of elements) {
            if (isStatement(element)) here.push(element);
            else if (isTaskGroup(element)) collectTasks(element, members);
            else if (isSection(element)) {
                if (element.weight) {
                    members.push({ node: element, name: shown(element.title), weight: parseWeight(element.weight) });
                    nested.push({ section: element });
                } else {
                    collect(element.elements, members, nested);
                }
            }
        }
        addDuties(here, members);
    };
    const collectTasks = (group: TaskGroup, members: WeightMember[]): void => addDuties(group.tasks, members);
    const addDuties = (duties: readonly Duty[], members: WeightMember[]): void => {
        if (!duties.some(d => d.weight)) return;
        for (const duty of duties) members.push({ node: duty, name: shown(duty.text ?? ''), weight: parseWeight(duty.weight) });
    };
    const build = (elements: readonly Element[], scope: CareerLevel | Section | undefined, expected: number): void => {
        const members: WeightMember[] = [];
        const nested: Array<{ section: Section }> = [];
        collect(elements, members, nested);
        if (members.length > 0) sets.push(buildWeightSet('duty', job, members, scope, expected));
        for (const { section } of nested) {
            const share = parseWeight(section.weight);
            const inner = share?.weightUnit === '%' && share.value !== undefined ? share.value : 100;
            build(section.elements, section, inner);
        }
    };
    build(job.elements, undefined, 100);
    for (const level of job.levels) build(level.elements, level, 100);
    return sets;
}

/** The level a node belongs to, if it stands inside one. */
export function levelOf(node: AstNode): CareerLevel | undefined {
    for (let c: AstNode | undefined = node; c; c = c.$container) if (isCareerLevel(c)) return c;
    return undefined;
}

function buildWeightSet(kind: WeightSet['kind'], owner: Job, members: WeightMember[], scope?: CareerLevel | Section, expected = 100): WeightSet {
    const weighted = members.filter(m => m.weight);
    const percent = weighted.filter(m => m.weight!.weightUnit === '%').length;
    const points = weighted.filter(m => m.weight!.weightUnit === 'points').length;
    const unit: WeightUnit | undefined = percent === 0 && points === 0 ? undefined : percent >= points ? '%' : 'points';
    const decimals = Math.max(0, ...weighted.map(m => m.weight!.decimals));
    const complete = weighted.length === members.length
        && weighted.every(m => m.weight!.value !== undefined && m.weight!.weightUnit === unit);
    let total: number | undefined;
    if (complete && unit) {
        total = roundTo(weighted.reduce((sum, m) => sum + m.weight!.value!, 0), decimals);
        if (total > 0) {
            for (const m of members) m.share = m.weight!.value! / total;
        }
    }
    const roundingAllowance = roundTo(weighted.length * 0.5 * Math.pow(10, -decimals), decimals + 2);
    return { kind, owner, scope, expected, members, unit, total, decimals, roundingAllowance };
}

export function roundTo(value: number, decimals: number): number {
    const factor = Math.pow(10, decimals);
    return Math.round(value * factor) / factor;
}

/** Formats a number without float noise: 100.1, not 100.10000000000001. */
export function formatNumber(value: number, maxDecimals = 2): string {
    return String(roundTo(value, maxDecimals));
}

/** The section or job that holds every member of a set: where a finding about the set belongs. */
export function commonContainer(nodes: AstNode[], job: Job): Section | Job {
    if (nodes.length === 0) return job;
    // Each other node climbs until it meets an ancestor of the first: one climb per node, not
    // one per candidate and node, which made a large set quadratic.
    const chain: AstNode[] = [];
    const position = new Map<AstNode, number>();
    for (let c = nodes[0].$container; c; c = c.$container) {
        position.set(c, chain.length);
        chain.push(c);
    }
    let lowest = 0;
    for (let i = 1; i < nodes.length; i++) {
        let met: number | undefined;
        for (let c: AstNode | undefined = nodes[i]; c && met === undefined; c = c.$container) met = position.get(c);
        if (met === undefined) return job;
        if (met > lowest) lowest = met;
    }
    for (let k = lowest; k < chain.length; k++) {
        const candidate = chain[k];
        if (isSection(candidate) || isJob(candidate)) return candidate;
    }
    return job;
}

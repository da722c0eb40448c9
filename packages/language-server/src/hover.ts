import { AstUtils, type AstNode, type LangiumDocument, type LeafCstNode, type References } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    compilePlaceholderPatterns, isSigningLine, competenciesOf, describePlaceholder, findPlaceholders, formatNumber, isAuthority,
    isBonusAmount, isCharacteristic, isCompetency, isCompetencyUse, isDuration, isLevel, isLibrary, isPay, isRate, isRole,
    isScale, isScaleLevel, isTarget, isTaskGroup, isThreshold, isWeight, jobCompetency, parseQuantity,
    parseWeight, placeholderKind, weightSetsOf, isCareerLevel, isDemand, isOccupation, isProficiencyRequirement, isTimeRange,
    demandFrequency, dutyMarks, levelTitle, proficiencyDescriptor, proficiencyLabel, requiredProficiencies, taxonomyName,
    isSection, isStatement, isTask, type CareerLevel, type Demand, type Occupation, type ProficiencyRequirement, type Characteristic, type Competency, type CompetencyUse,
    type JobStdConfigProvider, type Level, type Period, type Role, type Scale, type TaskGroup, type Weight, type WeightSet
} from 'jobstd-language';
import { jobOf, leafAt, percent, propertyNode } from './syntax.js';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

/** Tokens in which a placeholder can hide: prose and values. */
const PLACEHOLDER_TOKENS: ReadonlySet<string> = new Set(['PLACEHOLDER', 'STRING', 'TEXT', 'MONEY', 'PERCENT', 'NUMBER', 'DATE', 'ID']);

/** Tokens that are prose: hovering them says nothing about the numbers around them. */
const PROSE_TOKENS: ReadonlySet<string> = new Set(['STRING', 'TEXT']);

/**
 * What a name stands for in this job: a competency's weight, share, level and linked
 * task groups; a task group's points and share; a scale's levels; a role's line; and,
 * on a template blank, what is still to be filled in. On a number: a weight's share of
 * its set, a level's scale, a target's comparator, number, unit and period.
 */
export class JobStdHoverProvider implements HoverProvider {
    private readonly references: References;
    private readonly config: JobStdConfigProvider;

    constructor(services: JobStdLspServices) {
        this.references = services.references.References;
        this.config = services.config.ConfigProvider;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = leafAt(document, offset);
        if (!leaf || leaf.hidden) return undefined;
        const placeholder = this.placeholderHover(document, leaf, offset);
        if (placeholder) return placeholder;
        const text = this.nameHover(leaf) ?? numberHover(leaf);
        return text ? { contents: { kind: 'markdown', value: text }, range: leaf.range } : undefined;
    }

    private placeholderHover(document: LangiumDocument, leaf: LeafCstNode, offset: number): Hover | undefined {
        if (!PLACEHOLDER_TOKENS.has(leaf.tokenType.name)) return undefined;
        if (isSigningLine(leaf)) {
            return { contents: { kind: 'markdown', value: `**Signature line** \`${leaf.text}\`: left blank, to be signed and dated on the page.` }, range: leaf.range };
        }
        const config = this.config.get().placeholders;
        const matches = leaf.tokenType.name === 'PLACEHOLDER'
            ? [{ text: leaf.text, offset: 0 }]
            : findPlaceholders(leaf.text, compilePlaceholderPatterns(config?.patterns, config?.replaceDefaults));
        const match = matches.find(m => offset >= leaf.offset + m.offset && offset <= leaf.offset + m.offset + m.text.length);
        if (!match) return undefined;
        const start = leaf.offset + match.offset;
        return {
            contents: { kind: 'markdown', value: `**Placeholder** \`${match.text}\`: ${describePlaceholder(placeholderKind(match.text))} still to be filled in.` },
            range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(start + match.text.length) },
        };
    }

    private nameHover(leaf: LeafCstNode): string | undefined {
        const owner = leaf.astNode;
        // On `uses X` the use is what the job says about X: its weight, level and links.
        const used = isCompetencyUse(owner) ? owner.competency?.$refNode : undefined;
        if (isCompetencyUse(owner) && used && leaf.offset >= used.offset && leaf.end <= used.end) {
            return competencyHover(owner);
        }
        const target = this.references.findDeclarations(leaf)[0];
        if (!target) return undefined;
        if (isCompetency(target)) return competencyHover(target);
        if (isTaskGroup(target)) return taskGroupHover(target);
        if (isScale(target)) return scaleHover(target);
        if (isRole(target)) return roleHover(target);
        if (isCareerLevel(target)) return careerLevelHover(target);
        return undefined;
    }
}

function competencyHover(node: Competency | CompetencyUse): string {
    const competency = jobCompetency(node);
    const declaration = competency.declaration;
    const lines = [`**Competency ${competency.name}**${competency.title !== competency.name ? ` — ${competency.title}` : ''}`];
    const job = jobOf(node);
    const library = declaration && AstUtils.getContainerOfType(declaration, isLibrary);
    if (!job && library) lines.push(`In library ${library.title ?? library.name}.`);
    const weight = parseWeight(competency.weight);
    if (weight) {
        let line = `Weight **${weightText(weight.text, weight.weightUnit)}**`;
        if (job) line += shareText(weightSetsOf(job).find(s => s.kind === 'competency'), node, 'competency');
        lines.push(line);
    }
    const level = node.level ?? declaration?.level;
    if (level) lines.push(`Level ${levelText(level)}`);
    const links = node.links.length > 0 ? node.links : declaration?.links ?? [];
    if (links.length > 0) {
        lines.push(`Linked to task groups ${links.map(l => l.ref ? named(l.ref.name, l.ref.title) : `${l.$refText} (unresolved)`).join(', ')}`);
    }
    if (declaration?.definition) lines.push(declaration.definition);
    return lines.join('\n\n');
}

function taskGroupHover(group: TaskGroup): string {
    const lines = [`**Task group ${group.name}**${group.title ? ` — ${group.title}` : ''}`];
    const weight = parseWeight(group.weight);
    const job = jobOf(group);
    if (weight) {
        let line = `Weight **${weightText(weight.text, weight.weightUnit)}**`;
        if (job) line += shareText(weightSetsOf(job).find(s => s.kind === 'task group'), group, 'task group');
        lines.push(line);
    }
    lines.push(`${group.tasks.length} ${group.tasks.length === 1 ? 'task' : 'tasks'}`);
    if (job) {
        const linkedFrom = competenciesOf(job).filter(c => (c.node.links.length > 0 ? c.node.links : c.declaration?.links ?? []).some(l => l.ref === group));
        if (linkedFrom.length > 0) lines.push(`Linked from competencies ${linkedFrom.map(c => c.name).join(', ')}`);
    }
    return lines.join('\n\n');
}

function scaleHover(scale: Scale): string {
    const lines = [`**Scale ${scale.name}**${scale.title ? ` — ${scale.title}` : ''}`];
    if (scale.min !== undefined && scale.max !== undefined) lines.push(`Levels ${scale.min} to ${scale.max}`);
    if (scale.levels.length > 0) lines.push(scale.levels.map(l => `${l.value} "${l.label}"`).join(' · '));
    return lines.join('\n\n');
}

/** A level of a ladder: its title, grade, scope, time in level, what it inherits and requires. */
function careerLevelHover(level: CareerLevel): string {
    const lines = [`**Level ${level.name}**${levelTitle(level) !== level.name ? ` — ${levelTitle(level)}` : ''}`];
    const facts = [level.grade && `grade ${level.grade}`, level.band && `band ${level.band}`, level.timeInLevel?.$cstNode && `time in level ${level.timeInLevel.$cstNode.text}`];
    if (facts.some(Boolean)) lines.push(facts.filter(Boolean).join(' · '));
    if (level.scope) lines.push(`Scope: ${level.scope}`);
    if (level.inherits) lines.push(`Inherits ${level.inherits.$refText}${level.inherits.ref ? ` (${levelTitle(level.inherits.ref)})` : ' (unresolved)'}`);
    const required = [...requiredProficiencies(level).entries()];
    if (required.length > 0) lines.push(`Requires ${required.map(([name, r]) => `${name} ${r.text}`).join(', ')}`);
    return lines.join('\n\n');
}

function roleHover(role: Role): string {
    const lines = [`**Role ${role.name}**${role.title ? ` — ${role.title}` : ''}`];
    const reportsTo = role.reportsTo?.ref ? named(role.reportsTo.ref.name, role.reportsTo.ref.title) : role.reportsToText;
    if (reportsTo) lines.push(`Reports to ${reportsTo}`);
    if (role.summary) lines.push(role.summary);
    return lines.join('\n\n');
}

/** The hover of a token in a weight, a level or rating, or a measurable value; prose and names are left to the others. */
function numberHover(leaf: LeafCstNode): string | undefined {
    if (PROSE_TOKENS.has(leaf.tokenType.name)) return undefined;
    const node = leaf.astNode;
    if (isWeight(node)) return weightHover(node);
    if (isProficiencyRequirement(node)) return proficiencyHover(node);
    if (isDemand(node)) return demandHover(node);
    if (isOccupation(node)) return occupationHover(node);
    if (isTimeRange(node)) return `**Time in level**: ${node.$cstNode?.text ?? ''}`;
    if (isLevel(node) || isCharacteristic(node)) return ratingHover(node);
    if (isScaleLevel(node) && isScale(node.$container)) {
        return `Level **${node.value} "${node.label}"** of scale ${named(node.$container.name, node.$container.title)}\n\n${rangeText(node.$container, node.value)}`;
    }
    const measured = AstUtils.getContainerOfType(node, n => isTarget(n) || isAuthority(n)
        || isThreshold(n) || isDuration(n) || isPay(n) || isRate(n) || isBonusAmount(n));
    return measured ? quantityHover(measured, leaf) : undefined;
}

/** "Adaptability: 7.4% · share 7.4% of a 100.1% total", with the share the weight-sum check uses. */
function weightHover(weight: Weight): string | undefined {
    const owner = weight.$container;
    const parsed = parseWeight(weight);
    if (!parsed) return undefined;
    const name = isCompetencyUse(owner) ? owner.competency?.$refText : 'name' in owner ? owner.name : undefined;
    const written = `**${name}**: ${weightText(parsed.text, parsed.weightUnit)}`;
    const job = jobOf(owner);
    if (isStatement(owner) || isTask(owner) || isSection(owner)) return job ? dutyWeightHover(owner, job) : undefined;
    if (!job) return `${written} · the library's weight, for each job that uses ${name} without a weight of its own`;
    const kind = isTaskGroup(owner) ? 'task group' : 'competency';
    const set = weightSetsOf(job).find(s => s.kind === kind);
    const member = set?.members.find(m => m.node === owner);
    if (!set || !member || member.share === undefined || set.total === undefined) {
        return `${written} · share unknown until every ${kind} weight is filled in, in one unit`;
    }
    const total = set.unit === '%' ? `a ${formatNumber(set.total, 4)}% total` : `${formatNumber(set.total, 4)} points`;
    return `${written} · share **${percent(member.share)}** of ${total}`;
}

/** A duty's share of time, with its mark and the total of the set it belongs to (the job's, a level's, a section's). */
function dutyWeightHover(owner: AstNode & { weight?: Weight }, job: NonNullable<ReturnType<typeof jobOf>>): string | undefined {
    const parsed = parseWeight(owner.weight);
    if (!parsed) return undefined;
    const set = weightSetsOf(job).find(s => s.kind === 'duty' && s.members.some(m => m.node === owner));
    const what = isSection(owner) ? `Section "${owner.title}"` : 'Duty';
    const mark = isSection(owner) ? owner.mark : dutyMarks(owner as Parameters<typeof dutyMarks>[0]).function;
    const lines = [`**${what}**: ${parsed.text} of the time${mark ? ` · ${mark}` : ''}`];
    if (set?.total !== undefined) {
        const where = set.scope && isSection(set.scope) ? `the section's ${formatNumber(set.expected)}%` : '100%';
        lines.push(`${set.members.length} ${set.members.length === 1 ? 'share' : 'shares'} here total **${formatNumber(set.total, 4)}%** of ${where}`);
    }
    return lines.join('\n\n');
}

/** `requires Troubleshooting 3`: one cell of the competency × level matrix, with what it looks like. */
function proficiencyHover(requirement: ProficiencyRequirement): string {
    const competency = requirement.competency?.ref;
    const value = parseQuantity(requirement.value).value;
    const label = proficiencyLabel(competency, value);
    const level = AstUtils.getContainerOfType(requirement, isCareerLevel);
    const lines = [`**${requirement.competency?.$refText ?? ''} ${requirement.value ?? ''}${label ? ` "${label}"` : ''}**${level ? ` at level ${level.name}` : ''}`];
    const descriptor = proficiencyDescriptor(competency, value);
    if (descriptor && descriptor.indicators.length > 0) lines.push(descriptor.indicators.map(i => `- ${i.text}`).join('\n'));
    else if (competency) lines.push(`${competency.name} describes no proficiency ${requirement.value ?? ''}.`);
    return lines.join('\n\n');
}

function demandHover(demand: Demand): string | undefined {
    const frequency = demandFrequency(demand.frequency);
    return frequency ? `**${frequency.word[0].toUpperCase()}${frequency.word.slice(1)}**: ${frequency.share}` : undefined;
}

function occupationHover(occupation: Occupation): string {
    return `**Occupation** ${occupation.code}${occupation.title ? ` — ${occupation.title}` : ''}\n\n${taxonomyName(occupation.taxonomy)}`;
}

/** `level DPL 5` or a characteristic `Pace 3`: the level's label and where it sits on its scale. */
function ratingHover(rating: Level | Characteristic): string {
    const scale = rating.scale?.ref;
    const first = `${isLevel(rating) ? 'Level' : 'Rating'} ${levelText(rating)}`;
    if (!scale) return `${first}\n\nScale ${rating.scale?.$refText ?? ''} is not declared in this job or in a library.`;
    return `${first}\n\n${rangeText(scale, rating.value)}`;
}

function rangeText(scale: Scale, value: string | undefined): string {
    const number = parseQuantity(value).value;
    if (scale.min !== undefined && scale.max !== undefined) {
        const [min, max] = [parseQuantity(scale.min).value, parseQuantity(scale.max).value];
        const outside = number !== undefined && min !== undefined && max !== undefined && (number < min || number > max);
        return `Scale ${scale.name} runs **${scale.min} to ${scale.max}**${outside ? ` — level ${value} is outside it` : ''}`;
    }
    if (scale.levels.length > 0) return `Scale ${scale.name} has levels ${scale.levels.map(l => l.value).join(', ')}`;
    return `Scale ${scale.name} gives no range`;
}

/** "Target: within 3 rings — comparator within, number 3, unit rings", as the checks read it. */
function quantityHover(node: AstNode, leaf: LeafCstNode): string | undefined {
    let label: string;
    let parts: { comparator?: string; value?: string; unit?: string; bound?: string; period?: Period };
    if (isTarget(node)) {
        if (!node.spec) return undefined;
        label = node.kind === 'kpi' ? 'KPI' : 'Target';
        parts = node.spec;
    } else if (isAuthority(node)) {
        label = 'Authority limit';
        parts = { comparator: node.comparator, value: node.limit };
    } else if (isThreshold(node)) {
        label = 'Threshold';
        parts = node;
    } else if (isDuration(node)) {
        label = 'Duration';
        parts = node;
    } else if (isPay(node)) {
        label = 'Pay';
        parts = { value: node.amount, period: node.period };
    } else if (isRate(node)) {
        // "10% of profit over $5,000": the comparator and the floor are the second quantity.
        const from = propertyNode(node, 'comparator') ?? propertyNode(node, 'floor');
        const onFloor = from !== undefined && leaf.offset >= from.offset && node.floor !== undefined;
        label = onFloor ? 'Rate applies' : 'Rate';
        parts = onFloor ? { comparator: node.comparator, value: node.floor } : { value: node.rate };
    } else if (isBonusAmount(node)) {
        label = 'Amount';
        parts = { value: node.amount };
    } else {
        return undefined;
    }
    const quantity = parseQuantity(parts.value);
    const unit = parts.unit ?? (quantity.unit === '%' ? 'percent' : quantity.unit === '$' ? 'dollars' : undefined);
    const period = periodText(parts.period);
    const written = [parts.comparator, parts.value, parts.unit, parts.bound, period].filter(Boolean).join(' ');
    const number = quantity.value !== undefined ? `number ${formatNumber(quantity.value, 6)}`
        : quantity.placeholder ? `number still to be filled in (${parts.value})` : 'no number';
    const read = [
        parts.comparator && `comparator ${parts.comparator}`, number, unit && `unit ${unit}`,
        parts.bound && `bound ${parts.bound}`, period && `period ${period}`,
    ].filter(Boolean).join(', ');
    return `**${label}**: ${written} — ${read}`;
}

function periodText(period: Period | undefined): string | undefined {
    if (!period) return undefined;
    if (period.year) return `in ${period.year}`;
    if (period.per) return `${period.per} ${period.every ?? ''}`.trim();
    return period.frequency;
}

function weightText(text: string, unit: string | undefined): string {
    return unit === 'points' ? `${text} points` : text;
}

/** " · 55.6% of 180 points", or why the share cannot be given yet. */
function shareText(set: WeightSet | undefined, node: AstNode, kind: string): string {
    const member = set?.members.find(m => m.node === node);
    if (!set || !member) return '';
    if (member.share === undefined || set.total === undefined) {
        return ` · share unknown until every ${kind} weight is filled in, in one unit`;
    }
    const total = set.unit === '%' ? `${formatNumber(set.total, 4)}%` : `${formatNumber(set.total, 4)} points`;
    return ` · share **${percent(member.share)}** of ${total}`;
}

function levelText(level: Level | Characteristic): string {
    const scale = level.scale?.ref;
    const declared = scale?.levels.find(l => parseQuantity(l.value).value === parseQuantity(level.value).value);
    const label = level.label ?? declared?.label;
    const scaleName = scale?.title ? `${level.scale.$refText} (${scale.title})` : level.scale?.$refText ?? '';
    const differs = level.label && declared && declared.label.toLowerCase() !== level.label.toLowerCase();
    return `**${level.value}${label ? ` "${label}"` : ''}** on ${scaleName}${differs ? ` (the scale calls level ${declared.value} "${declared.label}")` : ''}`;
}

function named(name: string, title: string | undefined): string {
    return title && title !== name ? `${name} (${title})` : name;
}

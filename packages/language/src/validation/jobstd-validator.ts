import {
    AstUtils, GrammarAST, WorkspaceCache, MultiMap, isCompositeCstNode,
    type AstNode, type AstNodeDescription, type CstNode, type LeafCstNode, type ValidationAcceptor, type ValidationChecks, type Properties
} from 'langium';
import {
    isCompetencyUse, isTaskGroup,
    type Characteristic, type Characteristics, type Document, type Incentive, type Job, type JobStdAstType, type Level,
    type Library, type Requirements, type Role, type Scale, type Schedule, type Section, type Target, type TaskGroup,
    type Competency, type Letter
} from '../generated/ast.js';
import type { JobStdServices } from '../jobstd-module.js';
import { commonContainer, formatNumber, parseQuantity, roundTo, weightSetsOf, type WeightSet } from '../model.js';
import { contentsOf, documentIndex } from './document-index.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';
import { compilePlaceholderPatterns, findPlaceholders, placeholderKind, placeholderMessage } from './placeholders.js';

export function registerValidationChecks(services: JobStdServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.JobStdValidator;
    const checks: ValidationChecks<JobStdAstType> = {
        Document: [validator.checkPlaceholders, validator.checkLevelLabels, validator.checkLibraryNamesAcrossFiles],
        Job: [validator.checkWeights, validator.checkDuplicateNames, validator.checkDuplicateStatements, validator.checkReviewDate, validator.checkRepeatedFacts],
        Library: [validator.checkDuplicateNames],
        Role: [validator.checkRepeatedFacts],
        Competency: [validator.checkRepeatedFacts, validator.checkDuplicateBehaviours],
        Letter: [validator.checkRepeatedFacts],
        Level: [validator.checkLevelInScale],
        Characteristic: [validator.checkLevelInScale],
        Target: [validator.checkTargetComplete],
        Section: [validator.checkNotEmpty],
        TaskGroup: [validator.checkNotEmpty],
        Requirements: [validator.checkNotEmpty],
        Characteristics: [validator.checkNotEmpty],
        Schedule: [validator.checkNotEmpty],
        Incentive: [validator.checkNotEmpty],
    };
    registry.register(checks, validator);
}

/** Tokens that carry a value a placeholder can hide in; keywords and punctuation cannot. */
const VALUE_TOKENS: ReadonlySet<string> = new Set(['STRING', 'TEXT', 'MONEY', 'PERCENT', 'NUMBER', 'DATE', 'ID']);

const KIND_WORDS: Record<string, string> = {
    TaskGroup: 'task group', Competency: 'competency', CompetencyUse: 'competency', Scale: 'scale', Role: 'role',
};

/** Each rule is one method; each finding carries its code and the data a quick fix needs. */
export class JobStdValidator {
    private readonly services: JobStdServices;
    /** Library members of the whole workspace by type and name, rebuilt whenever any file changes. */
    private readonly workspaceNames: WorkspaceCache<string, MultiMap<string, AstNodeDescription>>;

    constructor(services: JobStdServices) {
        this.services = services;
        this.workspaceNames = new WorkspaceCache(services.shared);
    }

    // ----- placeholder ------------------------------------------------------

    checkPlaceholders(document: Document, accept: ValidationAcceptor): void {
        const root = document.$cstNode;
        if (!root) return;
        const config = this.services.config.ConfigProvider.get();
        const pattern = compilePlaceholderPatterns(config.placeholders?.patterns, config.placeholders?.replaceDefaults);
        const textDocument = AstUtils.getDocument(document).textDocument;
        // The leaves in text order, walked by hand: Langium's flattenCst streams them through
        // iterators, a cost per node that showed in profiles of large documents.
        const stack: CstNode[] = [root];
        while (stack.length > 0) {
            const node = stack.pop()!;
            if (isCompositeCstNode(node)) {
                for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
                continue;
            }
            if (node.hidden) continue;
            const tokenName = (node as LeafCstNode).tokenType.name;
            const found = tokenName === 'PLACEHOLDER'
                ? [{ text: node.text, offset: 0 }]
                : VALUE_TOKENS.has(tokenName) ? findPlaceholders(node.text, pattern, tokenName) : [];
            for (const match of found) {
                const start = node.offset + match.offset;
                const kind = placeholderKind(match.text);
                accept('warning', placeholderMessage(match.text, kind), {
                    node: node.astNode,
                    range: { start: textDocument.positionAt(start), end: textDocument.positionAt(start + match.text.length) },
                    code: IssueCodes.Placeholder,
                    data: { code: IssueCodes.Placeholder, placeholder: match.text, kind },
                });
            }
        }
    }

    // ----- weight-sum, weight-range, weight-unit ----------------------------

    checkWeights(job: Job, accept: ValidationAcceptor): void {
        for (const set of weightSetsOf(job)) {
            const badMembers = this.checkWeightMembers(set, accept);
            if (!badMembers && set.unit === '%' && set.total !== undefined) {
                this.checkPercentTotal(set, accept);
            }
        }
    }

    /** Reports unit and range problems of single weights; true when the total cannot be judged. */
    private checkWeightMembers(set: WeightSet, accept: ValidationAcceptor): boolean {
        let bad = false;
        // Asked once, not per unweighted member: per member it made the check quadratic in the set's size.
        const othersWeighted = set.members.some(m => m.weight);
        for (const member of set.members) {
            const weight = member.weight;
            const weightNode = (member.node as { weight?: AstNode }).weight ?? member.node;
            if (!weight) {
                if (othersWeighted) {
                    accept('error', `${capitalise(set.kind)} '${member.name}' has no weight, but the other ${set.kind === 'competency' ? 'competencies' : 'task groups'} of this job do.`, {
                        node: member.node, property: 'name', code: IssueCodes.WeightUnit,
                        data: { code: IssueCodes.WeightUnit, set: set.kind, name: member.name },
                    });
                }
                bad = true;
                continue;
            }
            if (weight.placeholder) {
                bad = true;
                continue;
            }
            if (!weight.weightUnit) {
                accept('error', `Weight ${weight.text} of ${set.kind} '${member.name}' has no unit: write ${weight.text} points or ${weight.text}%.`, {
                    node: weightNode, code: IssueCodes.WeightUnit,
                    data: { code: IssueCodes.WeightUnit, set: set.kind, name: member.name, expected: set.unit },
                });
                bad = true;
            } else if (set.unit && weight.weightUnit !== set.unit) {
                accept('error', `${capitalise(set.kind)} '${member.name}' is weighted in ${weight.weightUnit === '%' ? 'percent' : 'points'} (${weight.text}${weight.weightUnit === 'points' ? ' points' : ''}), but its set is weighted in ${set.unit === '%' ? 'percent' : 'points'}: one set uses one unit.`, {
                    node: weightNode, code: IssueCodes.WeightUnit,
                    data: { code: IssueCodes.WeightUnit, set: set.kind, name: member.name, expected: set.unit, found: weight.weightUnit },
                });
                bad = true;
            }
            if (weight.value !== undefined && (weight.value <= 0 || (weight.weightUnit === '%' && weight.value > 100))) {
                const why = weight.value <= 0 ? 'must be more than zero' : 'cannot be more than 100%';
                accept('error', `Weight ${weight.text} of ${set.kind} '${member.name}' ${why}.`, {
                    node: weightNode, code: IssueCodes.WeightRange,
                    data: { code: IssueCodes.WeightRange, set: set.kind, name: member.name, value: weight.value },
                });
                bad = true;
            }
        }
        return bad;
    }

    private checkPercentTotal(set: WeightSet, accept: ValidationAcceptor): void {
        const total = set.total!;
        const difference = roundTo(total - 100, set.decimals + 2);
        if (difference === 0) return;
        const configured = this.services.config.ConfigProvider.get().weights?.tolerance;
        const allowance = configured ?? set.roundingAllowance;
        const within = Math.abs(difference) <= allowance + 1e-9;
        const plural = set.kind === 'competency' ? 'competency' : 'task group';
        const detail = configured !== undefined
            ? (within ? `within the configured tolerance of ±${formatNumber(allowance)}%` : `beyond the configured tolerance of ±${formatNumber(allowance)}%`)
            : (within
                ? `within the ±${formatNumber(allowance, 4)}% that rounding ${set.members.length} weights to ${formatNumber(Math.pow(10, -set.decimals), 6)}% can explain`
                : `more than the ±${formatNumber(allowance, 4)}% that rounding ${set.members.length} weights to ${formatNumber(Math.pow(10, -set.decimals), 6)}% can explain`);
        const where = commonContainer(set.members.map(m => m.node), set.owner);
        accept(within ? 'warning' : 'error', `${capitalise(plural)} weights total ${formatNumber(total, 4)}%, expected 100% (${difference > 0 ? '+' : ''}${formatNumber(difference, 4)}%, ${detail}).`, {
            node: where, property: 'title',
            code: IssueCodes.WeightSum,
            data: {
                code: IssueCodes.WeightSum, set: set.kind, total, difference, allowance,
                weights: set.members.map(m => ({ name: m.name, value: m.weight?.value, text: m.weight?.text })),
            },
        });
    }

    // ----- duplicate-name ---------------------------------------------------

    checkDuplicateNames(owner: Job | Library, accept: ValidationAcceptor): void {
        const seen = new Map<string, AstNode>();
        for (const node of contentsOf(owner).named) {
            const kind = node.$type === 'CompetencyUse' ? 'Competency' : node.$type;
            const name = isCompetencyUse(node) ? node.competency?.$refText : node.name;
            if (!name) continue;
            const key = `${kind}:${name}`;
            const first = seen.get(key);
            if (first) {
                const line = (first.$cstNode?.range.start.line ?? 0) + 1;
                accept('error', `Duplicate ${KIND_WORDS[kind]} '${name}': it is already declared on line ${line}.`, {
                    node, property: (isCompetencyUse(node) ? 'competency' : 'name'), code: IssueCodes.DuplicateName,
                    data: { code: IssueCodes.DuplicateName, kind: KIND_WORDS[kind], name, firstLine: line },
                });
            } else {
                seen.set(key, node);
            }
        }
    }

    /** Libraries share one namespace: the same competency in two library files is ambiguous. */
    checkLibraryNamesAcrossFiles(document: Document, accept: ValidationAcceptor): void {
        if (document.libraries.length === 0) return;
        const thisUri = AstUtils.getDocument(document).uri.toString();
        for (const library of document.libraries) {
            for (const member of library.members) {
                const names = this.workspaceNames.get(member.$type, () => {
                    const map = new MultiMap<string, AstNodeDescription>();
                    for (const d of this.services.shared.workspace.IndexManager.allElements(member.$type)) map.add(d.name, d);
                    return map;
                });
                const elsewhere = names.get(member.name).find(d => d.documentUri.toString() !== thisUri);
                if (elsewhere) {
                    accept('error', `Duplicate ${KIND_WORDS[member.$type]} '${member.name}': another library declares it in ${elsewhere.documentUri.path.split('/').pop()}.`, {
                        node: member, property: 'name', code: IssueCodes.DuplicateName,
                        data: { code: IssueCodes.DuplicateName, kind: KIND_WORDS[member.$type], name: member.name, otherFile: elsewhere.documentUri.toString() },
                    });
                }
            }
        }
    }

    // ----- duplicate-statement ----------------------------------------------

    checkDuplicateStatements(job: Job, accept: ValidationAcceptor): void {
        const seen = new Map<string, AstNode>();
        for (const node of contentsOf(job).statements) {
            this.reportIfRepeated(node, node.text, seen, accept);
        }
    }

    checkDuplicateBehaviours(competency: Competency, accept: ValidationAcceptor): void {
        const seen = new Map<string, AstNode>();
        for (const behaviour of competency.behaviours) {
            this.reportIfRepeated(behaviour, behaviour.text, seen, accept);
        }
    }

    private reportIfRepeated(node: AstNode, text: string | undefined, seen: Map<string, AstNode>, accept: ValidationAcceptor): void {
        const key = (text ?? '').toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
        if (!key) return;
        const first = seen.get(key);
        if (first) {
            const line = (first.$cstNode?.range.start.line ?? 0) + 1;
            accept('warning', `Duplicate statement: the same text is already on line ${line}.`, {
                node, property: 'text', code: IssueCodes.DuplicateStatement,
                data: { code: IssueCodes.DuplicateStatement, firstLine: line },
            });
        } else {
            seen.set(key, node);
        }
    }

    // ----- level-out-of-scale, level-label-conflict --------------------------

    checkLevelInScale(level: Level | Characteristic, accept: ValidationAcceptor): void {
        const scale = level.scale?.ref;
        const value = parseQuantity(level.value).value;
        if (!scale || value === undefined) return;
        const min = scale.min !== undefined ? parseQuantity(scale.min).value : undefined;
        const max = scale.max !== undefined ? parseQuantity(scale.max).value : undefined;
        const defined = scale.levels.map(l => parseQuantity(l.value).value);
        let outside: string | undefined;
        if (min !== undefined && max !== undefined) {
            if (value < min || value > max || !Number.isInteger(value)) outside = `${min} to ${max}`;
        } else if (defined.length > 0 && !defined.includes(value)) {
            outside = `levels ${defined.join(', ')}`;
        }
        if (outside) {
            accept('error', `Level ${level.value} is outside the ${scale.title ?? scale.name} scale (${outside}).`, {
                node: level, property: 'value', code: IssueCodes.LevelOutOfScale,
                data: { code: IssueCodes.LevelOutOfScale, scale: scale.name, value, min, max },
            });
        }
    }

    /** One level of one scale has one label: in the scale itself and everywhere it is used. */
    checkLevelLabels(document: Document, accept: ValidationAcceptor): void {
        const firstUse = new Map<string, { label: string; node: AstNode }>();
        for (const node of documentIndex(document).ratings) {
            if (node.label === undefined || node.value === undefined) continue;
            const scale = node.scale?.ref;
            const scaleName = node.scale?.$refText ?? '';
            const key = `${scaleName}:${parseQuantity(node.value).value ?? node.value}`;
            const declared = scale?.levels.find(l => l.value === node.value);
            const reference = declared
                ? { label: declared.label, where: `the ${scale!.title ?? scale!.name} scale` }
                : firstUse.has(key) ? { label: firstUse.get(key)!.label, where: `line ${(firstUse.get(key)!.node.$cstNode?.range.start.line ?? 0) + 1}` } : undefined;
            if (reference && reference.label.toLowerCase() !== node.label.toLowerCase()) {
                accept('warning', `Level ${node.value} of ${scaleName} is labelled '${node.label}' here but '${reference.label}' in ${reference.where}.`, {
                    node, property: 'label', code: IssueCodes.LevelLabelConflict,
                    data: { code: IssueCodes.LevelLabelConflict, scale: scaleName, value: node.value, label: node.label, expected: reference.label },
                });
            }
            if (!firstUse.has(key)) firstUse.set(key, { label: declared?.label ?? node.label, node });
        }
    }

    // ----- target-incomplete --------------------------------------------------

    checkTargetComplete(target: Target, accept: ValidationAcceptor): void {
        const spec = target.spec;
        const what = target.kind === 'kpi' ? 'KPI' : 'Target';
        if (target.measure === undefined) return;
        if (!spec || spec.value === undefined) {
            accept('warning', `${what} '${target.measure}' has no number: say how much, for example 'at least 85%' or 'within 24 hours'.`, {
                node: spec ?? target, property: spec ? undefined : 'measure', code: IssueCodes.TargetIncomplete,
                data: { code: IssueCodes.TargetIncomplete, missing: 'number' },
            });
            return;
        }
        const quantity = parseQuantity(spec.value);
        const needsUnit = spec.comparator === 'within' || (!quantity.unit && !spec.bound && !spec.comparator && !quantity.placeholder && !spec.period);
        if (!quantity.unit && !spec.unit && needsUnit) {
            accept('warning', `${what} '${target.measure}' has no unit: ${spec.comparator ? spec.comparator + ' ' : ''}${spec.value} what (hours, days, rings, %)?`, {
                node: spec, property: 'value', code: IssueCodes.TargetIncomplete,
                data: { code: IssueCodes.TargetIncomplete, missing: 'unit' },
            });
        }
    }

    // ----- empty-section --------------------------------------------------------

    checkNotEmpty(node: Section | TaskGroup | Requirements | Characteristics | Schedule | Incentive, accept: ValidationAcceptor): void {
        const contents = 'elements' in node ? node.elements : 'tasks' in node ? node.tasks : 'items' in node ? node.items
            : 'ratings' in node ? node.ratings : 'shifts' in node ? node.shifts : node.clauses;
        if (contents.length > 0) return;
        const title = 'title' in node && node.title ? `'${node.title}'` : '';
        const kind = isTaskGroup(node) ? 'Task group' : node.$type === 'Section' ? 'Section' : capitalise(node.$type.toLowerCase());
        accept('warning', `${kind} ${title}${title ? ' ' : ''}is empty.`.replace('  ', ' '), {
            node, property: ('title' in node ? 'title' : undefined), code: IssueCodes.EmptySection,
            data: { code: IssueCodes.EmptySection },
        });
    }

    // ----- review-overdue ---------------------------------------------------------

    checkReviewDate(job: Job, accept: ValidationAcceptor): void {
        if (!job.nextReview) return;
        const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(job.nextReview);
        if (!match) return;
        const due = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? 1)));
        const today = this.services.config.Clock.today();
        const todayUtc = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
        if (due < todayUtc) {
            const iso = todayUtc.toISOString().slice(0, 10);
            accept('warning', `Review overdue: the next review was due on ${job.nextReview.slice(0, 10)} (today is ${iso}).`, {
                node: job, property: 'nextReview', code: IssueCodes.ReviewOverdue,
                data: { code: IssueCodes.ReviewOverdue, due: job.nextReview, today: iso },
            });
        }
    }

    // ----- duplicate-fact ---------------------------------------------------------

    /** A fact given twice would silently keep only the last: say so instead. */
    checkRepeatedFacts(node: Job | Role | Competency | Letter, accept: ValidationAcceptor): void {
        if (!node.$cstNode) return;
        const properties = SINGLE_FACTS[node.$type];
        const given = factNodes(node.$cstNode, new Set(properties));
        for (const property of properties) {
            const nodes = (given.get(property) ?? []).filter(cst => cst.astNode === node || cst.astNode.$container === node);
            if (nodes.length > 1) {
                const first = nodes[0].range.start.line + 1;
                for (const repeated of nodes.slice(1)) {
                    accept('warning', `'${property}' is given more than once (first on line ${first}); only the last one is kept.`, {
                        node, range: repeated.range, code: IssueCodes.DuplicateFact,
                        data: { code: IssueCodes.DuplicateFact, property, firstLine: first },
                    });
                }
            }
        }
    }
}

/** The facts a job, role, competency or letter has at most once. */
const SINGLE_FACTS: Record<string, string[]> = {
    Job: ['subtitle', 'code', 'level', 'family', 'reportsTo', 'reportsToText', 'flsa', 'location', 'created', 'updated', 'nextReview', 'summary', 'disclaimer'],
    Role: ['reportsTo', 'reportsToText', 'location', 'flsa', 'summary', 'scope'],
    Competency: ['definition', 'lastUpdated', 'level'],
    Letter: ['to', 'from', 'subject', 'signedBy'],
};

/**
 * The CST nodes that assign each of `properties` of the root's node, in text order: what
 * GrammarUtils.findNodesForProperty finds for each, in one pass over the node's own CST
 * children instead of one pass per property. (A datatype rule holds no assignment, so
 * nothing is looked for inside an assigned value.)
 */
function factNodes(root: CstNode, properties: ReadonlySet<string>): Map<string, CstNode[]> {
    const found = new Map<string, CstNode[]>();
    const element = root.astNode;
    const visit = (cst: CstNode): void => {
        const feature = assignedFeature(cst);
        if (feature !== undefined && properties.has(feature)) {
            const list = found.get(feature);
            if (list) list.push(cst); else found.set(feature, [cst]);
            return;
        }
        if (isCompositeCstNode(cst) && cst.astNode === element) for (const child of cst.content) visit(child);
    };
    if (isCompositeCstNode(root)) for (const child of root.content) visit(child);
    return found;
}

/** Grammar elements are few and CST nodes many: each element's assignment is looked up once. */
const assignments = new WeakMap<AstNode, string | null>();

function assignedFeature(cst: CstNode): string | undefined {
    const source = cst.grammarSource;
    if (!source) return undefined;
    let feature = assignments.get(source);
    if (feature === undefined) {
        feature = AstUtils.getContainerOfType(source, GrammarAST.isAssignment)?.feature ?? null;
        assignments.set(source, feature);
    }
    return feature ?? undefined;
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

export type { Properties, IssueCode, Scale };

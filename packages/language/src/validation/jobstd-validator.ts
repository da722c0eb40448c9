import {
    AstUtils, GrammarAST, GrammarUtils, WorkspaceCache, MultiMap, isCompositeCstNode,
    type AstNode, type AstNodeDescription, type CstNode, type LeafCstNode, type ValidationAcceptor, type ValidationChecks, type Properties
} from 'langium';
import type { Range } from 'vscode-languageserver-types';
import {
    isCareerLevel, isCompetencyUse, isConditions, isSection, isStatement, isTask, isTaskGroup,
    type CareerLevel, type Characteristic, type Characteristics, type Conditions, type Document, type Duration, type Incentive, type Job,
    type JobStdAstType, type Level, type Library, type Occupation, type Pay, type ProficiencyRequirement, type Requirements, type Role,
    type Scale, type Schedule, type Section, type Target, type TaskGroup, type TimeRange, type Competency, type Letter
} from '../generated/ast.js';
import {
    conditionsTitle, durationRange, dutyMarks, occupationCodeProblem, payRange, payTerms, requiredProficiencies, sectionFunction,
    taxonomyName, timeRange
} from '../career.js';
import { shown } from '../lexer/tokens.js';
import type { JobStdServices } from '../jobstd-module.js';
import { commonContainer, formatNumber, levelOf, parseQuantity, roundTo, weightSetsOf, type WeightSet } from '../model.js';
import { contentsOf, documentIndex, forEachContent } from './document-index.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';
import { compilePlaceholderPatterns, findPlaceholders, isSigningLine, placeholderKind, placeholderMessage } from './placeholders.js';
import { capitalise, plural } from '../words.js';

export function registerValidationChecks(services: JobStdServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.JobStdValidator;
    const checks: ValidationChecks<JobStdAstType> = {
        Document: [validator.checkPlaceholders, validator.checkLevelLabels, validator.checkLibraryNamesAcrossFiles],
        Job: [
            validator.checkWeights, validator.checkDuplicateNames, validator.checkDuplicateStatements, validator.checkReviewDate,
            validator.checkRepeatedFacts, validator.checkEssentialFunctions, validator.checkLevelCount, validator.checkLevelTitles,
            validator.checkProficiencyByLevel,
        ],
        CareerLevel: [validator.checkRepeatedFacts],
        Pay: [validator.checkPayRanges],
        Duration: [validator.checkDurationRange],
        TimeRange: [validator.checkTimeInLevel],
        Occupation: [validator.checkOccupationCode],
        ProficiencyRequirement: [validator.checkProficiencyInScale],
        Conditions: [validator.checkNotEmpty],
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
    TaskGroup: 'task group', Competency: 'competency', CompetencyUse: 'competency', Scale: 'scale', Role: 'role', CareerLevel: 'level',
};

/** How a weight set is spoken of in findings: "task group", "duties of section 'Other duties'". */
function setWords(set: WeightSet): { one: string; many: string; where: string } {
    if (set.kind === 'competency') return { one: 'competency', many: 'competencies', where: 'of this job' };
    if (set.kind === 'task group') return { one: 'task group', many: 'task groups', where: 'of this job' };
    const where = !set.scope ? 'of this job'
        : isCareerLevel(set.scope) ? `of level ${set.scope.name}`
        : `of section '${shown(set.scope.title)}'`;
    return { one: 'duty', many: 'duties', where };
}

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
                // A term a sentence states repeats the sentence's blanks: they are reported once, in the sentence.
                if (node.astNode.$containerProperty === 'terms' && node.astNode.$cstNode === node) continue;
                for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
                continue;
            }
            if (node.hidden) continue;
            const tokenName = (node as LeafCstNode).tokenType.name;
            if (tokenName === 'PLACEHOLDER' && isSigningLine(node)) continue;
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
                    const words = setWords(set);
                    accept('error', `${capitalise(words.one)} '${member.name}' has no ${set.kind === 'duty' ? 'share of time' : 'weight'}, but the other ${words.many} ${words.where} do.`, {
                        node: member.node, property: memberProperty(member.node), code: IssueCodes.WeightUnit,
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
            if (weight.value !== undefined && (weight.value <= 0 || (weight.weightUnit === '%' && weight.value > set.expected))) {
                const why = weight.value <= 0 ? 'must be more than zero'
                    : set.expected === 100 ? 'cannot be more than 100%' : `cannot be more than its section's ${formatNumber(set.expected)}%`;
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
        const difference = roundTo(total - set.expected, set.decimals + 2);
        if (difference === 0) return;
        const configured = this.services.config.ConfigProvider.get().weights?.tolerance;
        const allowance = configured ?? set.roundingAllowance;
        const within = Math.abs(difference) <= allowance + 1e-9;
        const words = setWords(set);
        const detail = configured !== undefined
            ? (within ? `within the configured tolerance of ±${formatNumber(allowance)}%` : `beyond the configured tolerance of ±${formatNumber(allowance)}%`)
            : (within
                ? `within the ±${formatNumber(allowance, 4)}% that rounding ${set.members.length} weights to ${formatNumber(Math.pow(10, -set.decimals), 6)}% can explain`
                : `more than the ±${formatNumber(allowance, 4)}% that rounding ${set.members.length} weights to ${formatNumber(Math.pow(10, -set.decimals), 6)}% can explain`);
        const where: AstNode = set.scope ?? commonContainer(set.members.map(m => m.node), set.owner);
        const what = set.kind === 'duty'
            ? `The shares of time of the duties ${words.where} total`
            : `${capitalise(words.one)} weights total`;
        const expected = set.expected === 100 ? '100%' : `the section's ${formatNumber(set.expected)}%`;
        accept(within ? 'warning' : 'error', `${what} ${formatNumber(total, 4)}%, expected ${expected} (${difference > 0 ? '+' : ''}${formatNumber(difference, 4)}%, ${detail}).`, {
            node: where, property: isCareerLevel(where) ? 'name' : 'title',
            code: IssueCodes.WeightSum,
            data: {
                code: IssueCodes.WeightSum, set: set.kind, index: weightSetsOf(set.owner).findIndex(s => s.scope === set.scope && s.kind === set.kind),
                expected: set.expected, total, difference, allowance,
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

    /** Levels of a ladder repeat duties on purpose: a statement repeats only within its level (or the job outside levels). */
    checkDuplicateStatements(job: Job, accept: ValidationAcceptor): void {
        const seen = new Map<AstNode | undefined, Map<string, AstNode>>();
        for (const node of contentsOf(job).statements) {
            const level = job.levels.length > 0 ? levelOf(node) : undefined;
            let texts = seen.get(level);
            if (!texts) seen.set(level, texts = new Map<string, AstNode>());
            this.reportIfRepeated(node, node.text, texts, accept);
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
        const { outside, min, max } = outsideOf(scale, scale.levels.map(l => parseQuantity(l.value).value), value);
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

    checkNotEmpty(node: Section | TaskGroup | Requirements | Characteristics | Schedule | Incentive | Conditions, accept: ValidationAcceptor): void {
        const contents = 'elements' in node ? node.elements : 'tasks' in node ? node.tasks : 'items' in node ? node.items
            : 'ratings' in node ? node.ratings : 'shifts' in node ? node.shifts : node.clauses;
        if (contents.length > 0) return;
        const title = 'title' in node && node.title ? `'${node.title}'` : '';
        const kind = isTaskGroup(node) ? 'Task group' : node.$type === 'Section' ? 'Section'
            : isConditions(node) ? conditionsTitle(node) : capitalise(node.$type.toLowerCase());
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
            // The message names the due date only: an export that carries it stays the same from day to day.
            accept('warning', `Review overdue: the next review was due on ${job.nextReview.slice(0, 10)}.`, {
                node: job, property: 'nextReview', code: IssueCodes.ReviewOverdue,
                data: { code: IssueCodes.ReviewOverdue, due: job.nextReview, asOf: todayUtc.toISOString().slice(0, 10) },
            });
        }
    }

    // ----- no-essential-function ----------------------------------------------------

    /** Marking functions at all means the ADA distinction is being made: then some duty must be essential. */
    checkEssentialFunctions(job: Job, accept: ValidationAcceptor): void {
        let firstMarked: AstNode | undefined;
        let essential = false;
        const consider = (node: AstNode, fn: string | undefined) => {
            if (fn !== 'essential' && fn !== 'marginal') return;
            firstMarked ??= node;
            if (fn === 'essential') essential = true;
        };
        forEachContent(job, node => {
            if (isSection(node)) consider(node, sectionFunction(node));
            else if (isStatement(node) || isTask(node)) consider(node, dutyMarks(node).function);
        });
        if (firstMarked && !essential) {
            accept('warning', 'Duties are marked essential or marginal, but none is essential: say which duties are the essential functions of the job.', {
                node: firstMarked, property: 'mark', code: IssueCodes.NoEssentialFunction,
                data: { code: IssueCodes.NoEssentialFunction },
            });
        }
    }

    // ----- level-count, duplicate-level-title -------------------------------------------

    checkLevelCount(job: Job, accept: ValidationAcceptor): void {
        if (job.declaredLevels === undefined) return;
        const declared = parseQuantity(job.declaredLevels).value;
        const described = job.levels.length;
        if (declared === undefined || declared === described) return;
        const property = GrammarUtils.findNodeForProperty(job.$cstNode, 'declaredLevels');
        accept('warning', `The ${job.kind === 'ladder' ? 'ladder' : 'job'} declares ${plural(declared, 'level')} but describes ${described === 0 ? 'none' : described}.`, {
            node: job, property: 'declaredLevels', code: IssueCodes.LevelCount,
            data: {
                code: IssueCodes.LevelCount, declared, described,
                fix: property && described > 0 ? { title: `Declare ${plural(described, 'level')}`, range: property.range, newText: String(described) } : undefined,
            },
        });
    }

    checkLevelTitles(job: Job, accept: ValidationAcceptor): void {
        const seen = new Map<string, CareerLevel>();
        for (const level of job.levels) {
            if (!level.title) continue;
            const key = level.title.toLowerCase().replace(/\s+/g, ' ').trim();
            const first = seen.get(key);
            if (first) {
                accept('warning', `Levels ${first.name} and ${level.name} have the same title '${shown(level.title)}': each level of a ladder has its own.`, {
                    node: level, property: 'title', code: IssueCodes.DuplicateLevelTitle,
                    data: { code: IssueCodes.DuplicateLevelTitle, title: level.title, firstLevel: first.name },
                });
            } else {
                seen.set(key, level);
            }
        }
    }

    // ----- proficiency-falls, level-competency-missing ------------------------------------

    /**
     * Read up the ladder, lowest level first: what a level requires is what it says, over what it
     * inherits, over what the ladder says for every level. A level may ask for as much or more.
     */
    checkProficiencyByLevel(job: Job, accept: ValidationAcceptor): void {
        if (job.levels.length < 2) return;
        const effective = effectiveProficiencies(job);
        for (let i = 1; i < job.levels.length; i++) {
            const below = job.levels[i - 1];
            const level = job.levels[i];
            const lower = effective.get(below)!;
            const here = effective.get(level)!;
            for (const [name, required] of lower) {
                const now = here.get(name);
                if (!now) {
                    accept('warning', `Level ${level.name} does not require ${name}, which level ${below.name} requires at ${required.text}.`, {
                        node: level, property: 'name', code: IssueCodes.LevelCompetencyMissing,
                        data: { code: IssueCodes.LevelCompetencyMissing, competency: name, level: level.name, below: below.name, value: required.text, fix: this.addRequirementFix(level, name, required.text) },
                    });
                } else if (now.value !== undefined && required.value !== undefined && now.value < required.value) {
                    const valueNode = GrammarUtils.findNodeForProperty(now.node.$cstNode, 'value');
                    const own = now.node.$container === level || AstUtils.getContainerOfType(now.node, isCareerLevel) === level;
                    accept('warning', `Level ${level.name} requires ${name} at ${now.text}, less than the ${required.text} that level ${below.name} requires: proficiency should not fall as the level rises.`, {
                        node: own ? now.node : level, property: own ? 'value' : 'name', code: IssueCodes.ProficiencyFalls,
                        data: {
                            code: IssueCodes.ProficiencyFalls, competency: name, level: level.name, value: now.value, below: below.name, expected: required.value,
                            fix: own && valueNode ? { title: `Require ${name} at ${required.text}`, range: valueNode.range, newText: required.text } : undefined,
                        },
                    });
                }
            }
        }
    }

    /** `requires Name value` as the level's last line, indented as its other lines are. */
    private addRequirementFix(level: CareerLevel, name: string, value: string): { title: string; range: Range; newText: string } | undefined {
        const cst = level.$cstNode;
        if (!cst || !isCompositeCstNode(cst)) return undefined;
        const close = cst.content[cst.content.length - 1];
        if (close?.text !== '}') return undefined;
        const text = AstUtils.getDocument(level).textDocument.getText();
        const lineStart = text.lastIndexOf('\n', close.offset - 1) + 1;
        const before = text.slice(lineStart, close.offset);
        const headerStart = text.lastIndexOf('\n', cst.offset - 1) + 1;
        const headerIndent = /^[ \t]*/.exec(text.slice(headerStart, cst.offset))![0];
        const inner = headerIndent + '  ';
        const position = AstUtils.getDocument(level).textDocument.positionAt(/\S/.test(before) ? close.offset : lineStart);
        const newText = /\S/.test(before) ? `\n${inner}requires ${name} ${value}\n${headerIndent}` : `${inner}requires ${name} ${value}\n`;
        return { title: `Require ${name} at ${value} here`, range: { start: position, end: position }, newText };
    }

    checkProficiencyInScale(requirement: ProficiencyRequirement, accept: ValidationAcceptor): void {
        const competency = requirement.competency?.ref;
        const value = parseQuantity(requirement.value).value;
        if (!competency || value === undefined) return;
        const scale = competency.proficiencyScale?.ref;
        const known = [...new Set([...(scale?.levels ?? []).map(l => parseQuantity(l.value).value), ...competency.descriptors.map(d => parseQuantity(d.value).value)])]
            .filter((v): v is number => v !== undefined).sort((a, b) => a - b);
        const { outside, min, max } = outsideOf(scale, known, value);
        if (outside) {
            accept('error', `Proficiency ${requirement.value} is outside the levels ${competency.title ?? competency.name} describes (${outside}).`, {
                node: requirement, property: 'value', code: IssueCodes.LevelOutOfScale,
                data: { code: IssueCodes.LevelOutOfScale, competency: competency.name, value, min, max },
            });
        }
    }

    // ----- range-reversed -------------------------------------------------------------

    checkPayRanges(pay: Pay, accept: ValidationAcceptor): void {
        for (const term of payTerms(pay)) {
            const range = payRange(term);
            if (range?.reversed) this.reportReversed(term, 'amount', 'maximum', `The pay range ${term.amount}–${term.maximum} of '${shown(term.label)}' runs from high to low`, accept);
        }
    }

    checkDurationRange(duration: Duration, accept: ValidationAcceptor): void {
        if (durationRange(duration)?.reversed) {
            this.reportReversed(duration, 'value', 'maximum', `The range ${duration.value}–${duration.maximum} ${duration.unit} runs from high to low`, accept);
        }
    }

    checkTimeInLevel(time: TimeRange, accept: ValidationAcceptor): void {
        if (timeRange(time).reversed) {
            this.reportReversed(time, 'low', 'high', `The time in level ${time.low}–${time.high} ${time.unit} runs from high to low`, accept);
        }
    }

    /** One finding for a range written backwards, with the fix that swaps its ends as written. */
    private reportReversed(node: AstNode, lowProperty: string, highProperty: string, what: string, accept: ValidationAcceptor): void {
        const low = GrammarUtils.findNodeForProperty(node.$cstNode, lowProperty);
        const high = GrammarUtils.findNodeForProperty(node.$cstNode, highProperty);
        const text = AstUtils.getDocument(node).textDocument.getText();
        const fix = low && high ? {
            title: 'Swap the ends of the range',
            range: { start: low.range.start, end: high.range.end },
            newText: high.text + text.slice(low.end, high.offset) + low.text,
        } : undefined;
        accept('error', `${what}: its minimum is more than its maximum.`, {
            node, range: low && high ? { start: low.range.start, end: high.range.end } : undefined, code: IssueCodes.RangeReversed,
            data: { code: IssueCodes.RangeReversed, low: low?.text, high: high?.text, fix },
        });
    }

    // ----- occupation-code ------------------------------------------------------------

    checkOccupationCode(occupation: Occupation, accept: ValidationAcceptor): void {
        const problem = occupationCodeProblem(occupation);
        if (!problem) return;
        accept('error', `'${occupation.code}' does not have the shape of an ${taxonomyName(occupation.taxonomy)} code: ${problem}.`, {
            node: occupation, property: 'code', code: IssueCodes.OccupationCode,
            data: { code: IssueCodes.OccupationCode, taxonomy: occupation.taxonomy, value: occupation.code },
        });
    }

    // ----- duplicate-fact ---------------------------------------------------------

    /** A fact given twice would silently keep only the last: say so instead. */
    checkRepeatedFacts(node: Job | Role | Competency | Letter | CareerLevel, accept: ValidationAcceptor): void {
        if (!node.$cstNode) return;
        const properties = SINGLE_FACTS[node.$type];
        const given = factNodes(node.$cstNode, new Set(properties));
        for (const property of properties) {
            // A fact that is a node of its own (status, time in level) given twice leaves the first
            // node out of the tree: it has no container, but its text is still there.
            const nodes = (given.get(property) ?? []).filter(cst => cst.astNode === node || cst.astNode.$container === node || cst.astNode.$container === undefined);
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
    Job: [
        'subtitle', 'code', 'level', 'family', 'reportsTo', 'reportsToText', 'flsa', 'location', 'created', 'updated', 'nextReview',
        'summary', 'disclaimer', 'grade', 'band', 'declaredLevels', 'occupation', 'status', 'effective',
    ],
    CareerLevel: ['grade', 'band', 'scope', 'summary', 'timeInLevel', 'inherits'],
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

/** What each level requires: the ladder's own requirements, then what it inherits, then its own. */
function effectiveProficiencies(job: Job): Map<CareerLevel, Map<string, { value?: number; text: string; node: AstNode }>> {
    const family = requiredProficiencies(job);
    const result = new Map<CareerLevel, Map<string, { value?: number; text: string; node: AstNode }>>();
    const resolve = (level: CareerLevel, visiting: Set<CareerLevel>): Map<string, { value?: number; text: string; node: AstNode }> => {
        const done = result.get(level);
        if (done) return done;
        const merged = new Map(family);
        const parent = level.inherits?.ref;
        if (parent && parent !== level && !visiting.has(parent) && parent.$container === job) {
            visiting.add(level);
            for (const [name, required] of resolve(parent, visiting)) merged.set(name, required);
        }
        for (const [name, required] of requiredProficiencies(level)) merged.set(name, required);
        result.set(level, merged);
        return merged;
    };
    for (const level of job.levels) resolve(level, new Set());
    return result;
}


/** The property a member of a weight set is named by, for where its finding goes. */
function memberProperty(node: AstNode): string {
    if (isStatement(node) || isTask(node)) return 'text';
    if (isSection(node)) return 'title';
    return 'name';
}


export type { Properties, IssueCode, Scale };


/**
 * Where a level falls outside its scale, said as the scale says it ("1 to 5", or "levels 1, 3, 5"
 * when the scale only names its levels), with the scale's ends for the finding's data.
 */
function outsideOf(scale: Scale | undefined, known: ReadonlyArray<number | undefined>, value: number): { outside?: string; min?: number; max?: number } {
    const min = scale?.min !== undefined ? parseQuantity(scale.min).value : undefined;
    const max = scale?.max !== undefined ? parseQuantity(scale.max).value : undefined;
    if (min !== undefined && max !== undefined) {
        return { outside: value < min || value > max || !Number.isInteger(value) ? `${min} to ${max}` : undefined, min, max };
    }
    return { outside: known.length > 0 && !known.includes(value) ? `levels ${known.join(', ')}` : undefined, min, max };
}

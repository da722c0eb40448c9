import { AstUtils, GrammarUtils, UriUtils, type AstNode, type Reference } from 'langium';
import {
    isAuthority, isBenefit, isBonusAmount, isCareerLevel, isCharacteristics, isCompetency, isCompetencyUse, isCondition,
    isConditions, isIncentive, isLetter, isLibrary, isPay, isPayout, isProficiencyRequirement, isRate, isRequirement,
    isRequirements, isRole, isScale, isSchedule, isSection, isSignature, isStatement, isTarget, isTaskGroup, isThreshold,
    type Authority, type CareerLevel, type Characteristic, type Characteristics, type Competency, type CompetencyUse,
    type Conditions, type Demand, type DemandFrequency, type Document, type Duration, type Element, type Incentive, type IncentiveClause,
    type Job, type Letter, type Level, type Library, type LibraryMember, type Occupation, type Pay, type PayAlternative,
    type Period, type ProficiencyDescriptor, type ProficiencyRequirement, type Rate, type Requirement, type Requirements,
    type Role, type Scale, type Schedule, type Section, type ShiftSpan, type Signature, type Statement, type StatedTerm, type Status,
    type Target, type Task, type TaskGroup, type Threshold, type TimeRange, type Weight
} from '../generated/ast.js';
import { sentenceOf } from './sentence.js';
import { sortFindings, toFindingJson, type Finding, type FindingJson } from '../findings.js';
import type { JobStdConfig } from '../config.js';
import { unescapeMarkdown } from '../jobstd-value-converter.js';
import { competenciesOf, levelOf, parseQuantity, parseWeight, taskGroupsOf, weightSetsOf, type WeightUnit } from '../model.js';
import {
    demandFrequency, dutyMarks, parseRange, proficiencyLabel, sectionFunction, taxonomyName,
    type DutyFunction, type Necessity
} from '../career.js';

/**
 * Version of the JSON shape below (semver): a new optional property or element kind
 * bumps the minor version; renaming, removing or retyping anything bumps the major.
 */
export const JSON_EXPORT_VERSION = '1.3.0';

/**
 * The `$id` of `schema/jobstd.schema.json` (shipped as `jobstd-language/schema/jobstd.schema.json`).
 * A URN rather than a web address: nothing has to be fetched to know the shape, and a validator
 * finds the schema by registering the shipped file under this id. It names the major version only,
 * as minor versions are additive.
 */
export const JSON_SCHEMA_ID = 'urn:jobstd:schema:json-export:1';

export interface ExportContext {
    /** The source path as the user gave it (relative), copied into `source`. */
    file: string;
    /** Findings of this file, as the validator reported them. */
    findings: Finding[];
    /** What `$schema` in the output points to (a relative path to the schema file, say); the schema's URN by default. */
    schema?: string;
    /** Placeholder patterns in force (from jobstd.config.json); the HTML export marks what they match. */
    placeholders?: JobStdConfig['placeholders'];
    /** When true, every element carries `sourceLocation`: where it stands in the source (1-based, end exclusive). */
    locations?: boolean;
    /**
     * HTML and Word: add the findings for reviewers, as an appendix after the document. A
     * document handed to an employee carries none by default; JSON always keeps its findings.
     */
    findingsAppendix?: boolean;
}

// ---------------------------------------------------------------------------
// The shape. Conventions: a property the writer left out is omitted; a value the
// exporter derives but cannot work out (a number from a placeholder, a share of an
// incomplete set) is null. Prose keeps paragraph breaks as "\n\n".

export interface JobStdJson {
    $schema: string;
    version: string;
    /** The source file as the user named it. */
    source: string;
    findings: FindingsJson;
    jobs: JobJson[];
    libraries: LibraryJson[];
}

/** Where a part of the export was written: 1-based lines and columns, the end exclusive (as in findings). */
export interface LocationJson {
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

/**
 * Anything written in the source: with `locations` on, it says where. Always the last key.
 * Not `location`, which jobs and roles already use for the workplace.
 */
export interface Located {
    sourceLocation?: LocationJson;
}

export interface FindingsJson {
    errors: number;
    warnings: number;
    items: FindingJson[];
}

export interface JobJson extends Located {
    /** `"ladder"` for a job written `ladder` (a family with levels); absent for a `job`. */
    kind?: 'ladder';
    title: string;
    subtitle?: string;
    code?: string;
    level?: string;
    family?: string;
    /** The grade or band as the pay structure names it, as written: "P3", "24", "GS-12", "[Grade]". */
    grade?: string;
    band?: string;
    /** The number of levels the job says it has (`levels 5`). */
    levelCount?: number;
    occupation?: OccupationJson;
    status?: StatusJson;
    /** The date the standard takes effect, as written. */
    effective?: string;
    reportsTo?: ReportsToJson;
    flsa?: string;
    location?: string;
    /** Dates as written: "2003-09-23T03:35:00", "2012", or a blank such as "20XX". */
    created?: string;
    updated?: string;
    nextReview?: string;
    smes: string[];
    summary?: string;
    disclaimer?: string;
    weights: { taskGroups: WeightSetJson; competencies: WeightSetJson; duties?: DutySetJson[] };
    elements: ElementJson[];
    /** The levels, lowest first as written; present when the job has levels (always for a ladder). */
    levels?: CareerLevelJson[];
}

/** "occupation onet "15-1232.00" "Computer User Support Specialists"" */
export interface OccupationJson {
    /** As written: `onet`, `soc` or `isco`. */
    taxonomy: string;
    /** The taxonomy's name: "O*NET-SOC 2019", "SOC 2018", "ISCO-08". */
    taxonomyName: string;
    code: string;
    title?: string;
}

/** "status approved by "Dana Whitfield" on 2026-03-14" */
export interface StatusJson {
    value: 'draft' | 'in review' | 'approved' | 'retired';
    by?: string;
    date?: string;
}

/** One level of a ladder or family, with what is written in it; what the job says outside its levels holds for every level. */
export interface CareerLevelJson extends Located {
    id: string;
    /** As written, or the id when the level has no title. */
    title: string;
    grade?: string;
    band?: string;
    scope?: string;
    summary?: string;
    timeInLevel?: TimeInLevelJson;
    /** The level this one builds on (`inherits L1`). */
    inherits?: LinkJson;
    elements: ElementJson[];
}

/** "1–2 years", "typically 18 months", "3+ years". */
export interface TimeInLevelJson {
    approximate?: 'typically' | 'about';
    low: number | null;
    /** True for "3+ years": at least `low`. */
    plus?: true;
    high?: number | null;
    unit: string;
    /** As written. */
    text: string;
}

/** The duties' shares of time of one part of the job: the job itself, a level, or a section with a share of its own. */
export interface DutySetJson {
    /** The level the set belongs to, when it is a level's. */
    level?: string;
    /** The title of the section with a share of its own whose duties form the set. */
    section?: string;
    unit: WeightUnit | null;
    total: number | null;
    /** The percent the set should total: 100, or the section's own share. */
    expected: number;
    count: number;
}

/** A range as written, "$52,000–$68,000" or "3–5", with its ends as numbers (null for a blank). */
export interface RangeJson {
    text: string;
    minimum: number | null;
    maximum: number | null;
    /** True when either end is a blank; that end's number is then null. */
    placeholder: boolean;
}
export interface ReportsToJson {
    /** The role's name when the line points at a declared role. */
    role?: string;
    /** The role's title (its name when it has none), or the text written instead of a role. */
    title: string;
    /** Present with `role`: whether a role of that name was found. */
    resolved?: boolean;
}

/** Totals of one set of weights in a job: its task groups, or its competencies. */
export interface WeightSetJson {
    /** The unit most weights of the set use; null when no member has a weight. */
    unit: WeightUnit | null;
    /** Sum of the weights; null unless every member has a numeric weight in that unit. */
    total: number | null;
    /** How many members the set has, weighted or not. */
    count: number;
}

export interface WeightJson {
    /** The number written; null for a placeholder. */
    value: number | null;
    /** "%" for "7.4%", "points" for "100 points" / "pts"; null for a bare number. */
    unit: WeightUnit | null;
    /** As written: "100 points", "7.4%". */
    text: string;
    /** This weight's fraction (0..1) of its set's total; null when the total is unknown. */
    share: number | null;
    placeholder: boolean;
}

/** An amount as written ("$ 1,000", "10%", "$ xxx,000") and what it says. */
export interface QuantityJson {
    text: string;
    value: number | null;
    unit?: '%' | '$';
    placeholder: boolean;
}

export interface PeriodJson {
    /** As written: "in 2025", "per hour", "each month", "quarterly". */
    text: string;
    year?: string;
    every?: string;
    frequency?: string;
}

export interface LevelJson extends Located {
    scale: string;
    /** The scale's title (its name when it has none); absent when the scale is not found. */
    scaleTitle?: string;
    value: number | null;
    /** The level as written: "5", or a placeholder. */
    text: string;
    /** The label written here, or else the scale's label for this value. */
    label?: string;
    /** The scale's own label for this value, when it has one. */
    scaleLabel?: string;
    resolved: boolean;
    /** True when the level is a blank ("x", "xx"); `value` is then null. */
    placeholder: boolean;
}

export interface LinkJson {
    id: string;
    /** The task group's title (its id when it has none); absent when unresolved. */
    title?: string;
    resolved: boolean;
}

export interface TextItemJson extends Located {
    text: string;
}

export type ElementJson =
    | SectionJson | StatementJson | TargetJson | AuthorityJson | RequirementsJson | TaskGroupJson | CompetencyJson
    | CharacteristicsJson | RoleJson | ScheduleJson | LetterJson | SignatureJson | IncentiveJson | PayJson
    | BenefitJson | ScaleJson | ProficiencyRequirementJson | ConditionsJson;

/** The word written after a duty or a section title: `essential`, `marginal`, `desirable`, `required`, `preferred`. */
export type DutyMarkJson = 'essential' | 'marginal' | 'desirable' | 'required' | 'preferred';

export interface SectionJson extends Located {
    kind: 'section';
    /** `section` or `training plan`. */
    variant: 'section' | 'trainingPlan';
    title: string;
    /** The section's own share of the duties' time ("Other duties" 40%). */
    weight?: WeightJson;
    mark?: DutyMarkJson;
    /** Essential or marginal, when the section's mark says so: it applies to the duties inside. */
    function?: DutyFunction;
    style?: 'numbered' | 'lettered' | 'bulleted';
    /** Lead-in prose before the section's elements. */
    intro?: string;
    elements: ElementJson[];
}

export interface StatementJson extends Located {
    kind: 'statement';
    text: string;
    /** A duty's share of time. */
    weight?: WeightJson;
    /** The mark as written. */
    mark?: DutyMarkJson;
    /** Essential or marginal: the duty's own mark, or else its section's. Not inside requirements. */
    function?: DutyFunction;
    /** Inside requirements: how much the criterion counts. */
    necessity?: Necessity;
    /** The terms the sentence states, written in its block: the sentence is what people read. */
    terms?: StatedTermJson[];
}

export type StatedTermJson = ThresholdJson | RateJson | BonusAmountJson | ConditionJson | PayoutJson | TargetJson | PayJson | AuthorityJson | BenefitJson;

/** A task of a task group: its text, and like a duty its share of time and mark. */
export interface TaskJson extends Located {
    text: string;
    weight?: WeightJson;
    mark?: DutyMarkJson;
    function?: DutyFunction;
}

/** A target or KPI: "within 3 rings", "85% in 2025", "9.0 or higher". */
/**
 * A term written as one line: `sentence` is that line in the analyst's words and order, without the
 * keyword that only names the kind ("Answering the main phones within 3 rings"). The human
 * documents show it; the other fields are its structure.
 */
export interface Worded {
    sentence: string;
}

export interface TargetJson extends Located, Worded {
    kind: 'target' | 'kpi';
    measure: string;
    comparator?: string;
    /** The number of the quantity; null when none was written or it is a placeholder. */
    value: number | null;
    /** The quantity as written ("85%", "xx"); absent when none was written. */
    text?: string;
    /** The unit word written ("rings"), or else the quantity's own "%" or "$". */
    unit?: string;
    bound?: string;
    period?: PeriodJson;
    placeholder: boolean;
}

export interface AuthorityJson extends Located, Worded {
    kind: 'authority';
    action: string;
    comparator?: string;
    limit: QuantityJson;
    condition?: string;
}

export interface RequirementsJson extends Located {
    kind: 'requirements';
    items: Array<RequirementJson | StatementJson>;
}

export interface RequirementJson extends Located {
    kind: 'requirement';
    category: 'education' | 'experience' | 'certification' | 'license' | 'skill';
    /** The keyword as written when it is not the category's own: `licence` (category `license`). */
    keyword?: 'licence';
    text: string;
    /** Who awards it: `from "CompTIA"`, `issued by "DVLA"`. */
    issuer?: string;
    duration?: DurationJson;
    necessity?: Necessity;
}

export interface DurationJson {
    comparator?: string;
    /** The number as spelled out before it: "three" in "three (3) years". */
    spelled?: string;
    /** The number (the low end of a range); null for a blank. */
    value: number | null;
    /** The number as written: "3", "xx". */
    text: string;
    /** True for "2+ years": at least `value`. */
    plus?: true;
    /** For "3–5 years": both ends. */
    range?: RangeJson;
    unit: string;
    placeholder: boolean;
}

export interface TaskGroupJson extends Located {
    kind: 'taskGroup';
    id: string;
    /** As written, or the id when the group has no title. */
    title: string;
    weight?: WeightJson;
    tasks: TaskJson[];
}

/** A competency declared in a job or library, or used from a library (`uses`), with the library's facts merged in. */
export interface CompetencyJson extends Located {
    kind: 'competency';
    id: string;
    title: string;
    source: 'job' | 'library';
    /** The name of the library it comes from, when known. */
    library?: string;
    /** That library's title as written ("Customer Service Competency Toolkit"), when it has one. */
    libraryTitle?: string;
    /** The file that declares that library, named like `source` (relative to the same folder). */
    libraryFile?: string;
    /** False for a `uses` whose competency was not found. */
    resolved: boolean;
    /** The weight written here; for a use without one, the library's. */
    weight?: WeightJson;
    definition?: string;
    behaviours: TextItemJson[];
    smes: string[];
    lastUpdated?: string;
    /** The level written here; for a use without one, the library's. */
    level?: LevelJson;
    linkedTo: LinkJson[];
    /** What the competency looks like at each level of its proficiency scale; for a use, the library's. */
    proficiency?: ProficiencyJson;
}

export interface ProficiencyJson {
    /** The scale's name, when one is written. */
    scale?: string;
    scaleTitle?: string;
    /** Present with `scale`: whether a scale of that name was found. */
    resolved?: boolean;
    levels: ProficiencyDescriptorJson[];
}

export interface ProficiencyDescriptorJson extends Located {
    value: number | null;
    /** The label written here, or else the scale's label for this value. */
    label?: string;
    /** The behavioural indicators of this level. */
    indicators: TextItemJson[];
}

/** "requires Troubleshooting 2": one cell of the competency × level matrix. */
export interface ProficiencyRequirementJson extends Located {
    kind: 'proficiencyRequirement';
    /** The competency's name. */
    competency: string;
    /** Its title, when the competency is found. */
    title?: string;
    value: number | null;
    /** The value as written. */
    text: string;
    /** The competency's label for that value (its descriptor's, or its scale's). */
    label?: string;
    resolved: boolean;
    placeholder: boolean;
}

/** `physical demands { … }` or `working conditions { … }`. */
export interface ConditionsJson extends Located {
    kind: 'conditions';
    variant: 'physicalDemands' | 'workingConditions';
    items: DemandJson[];
}

export interface DemandJson extends Located {
    text: string;
    frequency?: DemandFrequencyJson;
}

/** A word of the frequency scale of job analysis, its rank (never 0 … constantly 4) and the share of the day it means. */
export interface DemandFrequencyJson {
    word: DemandFrequency;
    rank: number;
    share: string;
}

export interface CharacteristicsJson extends Located {
    kind: 'characteristics';
    ratings: LevelJson[];
}

export interface RoleJson extends Located {
    kind: 'role';
    id: string;
    title: string;
    reportsTo?: ReportsToJson;
    location?: string;
    flsa?: string;
    summary?: string;
    scope?: string;
    elements: ElementJson[];
}

export interface ScheduleJson extends Located {
    kind: 'schedule';
    title?: string;
    shifts: ShiftJson[];
}

export interface ShiftJson extends Located {
    name: string;
    spans: ShiftSpanJson[];
}

export interface ShiftSpanJson extends Located {
    /** The span as written: "Mon–Fri 7:00am–4:00pm", "Monday through Friday 7:00am to 4:00pm". */
    text: string;
    /** Days as written. */
    firstDay: string;
    lastDay?: string;
    /** Every day the span covers, as Mon…Sun, in order from the first day. */
    days: DayJson[];
    /** Times as written: "7:00am", "7:00 AM". */
    start: string;
    end: string;
    /** The same times on a 24-hour clock ("07:00"); null when not a time of day. */
    startTime: string | null;
    endTime: string | null;
}

export type DayJson = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

export interface LetterJson extends Located {
    kind: 'letter';
    to?: string;
    from?: string;
    subject?: string;
    signedBy?: string;
    paragraphs: TextItemJson[];
}

export interface SignatureJson extends Located {
    kind: 'signature';
    label: string;
    /** The blank written for the signature, such as "_______". */
    line?: string;
    /** Whether the signature has a date line. */
    dated: boolean;
    /** What was written on the date line (a date or a blank). */
    date?: string;
}

export interface IncentiveJson extends Located {
    kind: 'incentive';
    /** Written as `incentive` or `bonus`. */
    variant: 'incentive' | 'bonus';
    title: string;
    clauses: IncentiveClauseJson[];
}

export type IncentiveClauseJson =
    | ThresholdJson | RateJson | BonusAmountJson | ConditionJson | PayoutJson | TargetJson | PayJson | BenefitJson
    | IncentiveJson | SectionJson | StatementJson;

/** "when gross sales reach or exceed $ xxx,000" */
export interface ThresholdJson extends Located, Worded {
    kind: 'threshold';
    measure: string;
    comparator?: string;
    value: number | null;
    text: string;
    unit?: string;
    placeholder: boolean;
}

/** "10% of all incremental profit dollars over $ xxx,000" */
export interface RateJson extends Located, Worded {
    kind: 'rate';
    rate: QuantityJson;
    base: string;
    comparator?: string;
    floor?: QuantityJson;
    /** Who shares the amount: "shared among all CSRs". */
    sharedAmong?: string;
}

export interface BonusAmountJson extends Located, Worded {
    kind: 'bonusAmount';
    amount: QuantityJson;
    oneTime: boolean;
}

export interface ConditionJson extends Located {
    kind: 'condition';
    text: string;
}

export interface PayoutJson extends Located, Worded {
    kind: 'payout';
    frequency: string;
}

export interface PayJson extends Located, PayTermJson {
    kind: 'pay';
    /** The other terms of the same pay, written after `or` ("or "Hourly pay" $25.00–$32.50 per hour"). */
    alternatives?: PayTermJson[];
}

/** One term of pay: a label, an amount or a range, and its period. */
export interface PayTermJson extends Located {
    label: string;
    /** The amount; for a range, its low end. */
    amount: QuantityJson;
    /** For a range ("$52,000–$68,000"): both ends. */
    range?: RangeJson;
    period?: PeriodJson;
}

export interface BenefitJson extends Located {
    kind: 'benefit';
    text: string;
}

export interface ScaleJson extends Located {
    kind: 'scale';
    id: string;
    title: string;
    min?: number;
    max?: number;
    levels: Array<{ value: number; label: string; sourceLocation?: LocationJson }>;
}

export type LibraryMemberJson = CompetencyJson | ScaleJson | RoleJson;

export interface LibraryJson extends Located {
    id: string;
    title: string;
    members: LibraryMemberJson[];
}

// ---------------------------------------------------------------------------
// The exporter. A document with syntax errors still exports: where the parser
// recovered with a hole, a required text is "" and a missing quantity a blank.

/** The whole document as JSON: every job and library, every element in the order written. */
export function exportJson(document: Document, context: ExportContext): JobStdJson {
    const outer = current;
    current = { document, file: context.file, locations: context.locations === true };
    try {
        return documentJson(document, context);
    } finally {
        current = outer;
    }
}

/**
 * What the mapping functions below need besides the node: set for the length of one export,
 * which runs synchronously, so that every small function need not pass it on.
 */
interface Run {
    document: Document;
    file: string;
    locations: boolean;
}
let current: Run = { document: undefined!, file: '', locations: false };

function documentJson(document: Document, context: ExportContext): JobStdJson {
    const findings = context.findings;
    return {
        $schema: context.schema ?? JSON_SCHEMA_ID,
        version: JSON_EXPORT_VERSION,
        source: context.file,
        findings: {
            errors: findings.filter(f => f.severity === 'error').length,
            warnings: findings.filter(f => f.severity === 'warning').length,
            items: sortFindings(findings).map(f => toFindingJson(f)),
        },
        jobs: document.jobs.map(j => located(j, jobJson(j))),
        libraries: document.libraries.map(l => located(l, libraryJson(l))),
    };
}

/** Adds `sourceLocation` last, when asked for and when the node is written in the exported file. */
function located<T extends object>(node: AstNode, json: T): T {
    const range = node.$cstNode?.range;
    if (!current.locations || !range || AstUtils.findRootNode(node) !== current.document) return json;
    (json as Located).sourceLocation = {
        line: range.start.line + 1,
        column: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
    };
    return json;
}

/** The file a node is written in, named the way the user named the exported file (same folder, `/` separators). */
function fileOf(node: AstNode): string | undefined {
    const root = AstUtils.findRootNode(node);
    if (root === current.document) return current.file;
    const here = current.document.$document?.uri;
    const there = root.$document?.uri;
    if (!here || !there) return undefined;
    const folder = current.file.includes('/') ? current.file.slice(0, current.file.lastIndexOf('/') + 1) : '';
    return normalisePath(folder + UriUtils.relative(UriUtils.dirname(here), there));
}

/** "examples/../lib/a.jobstd" → "lib/a.jobstd"; leading "../" stay. */
function normalisePath(path: string): string {
    const parts: string[] = [];
    for (const part of path.split('/')) {
        if (part === '.' || part === '') continue;
        if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
        else parts.push(part);
    }
    return parts.join('/');
}

function textItem(node: AstNode & { text?: string }): TextItemJson {
    return located(node, { text: text(node.text) });
}

/** Shares are worked out per job, once, and looked up by node while its elements are written out. */
type Shares = ReadonlyMap<AstNode, number | undefined>;

function jobJson(job: Job): JobJson {
    const sets = weightSetsOf(job);
    const shares = new Map<AstNode, number | undefined>();
    for (const set of sets) for (const member of set.members) shares.set(member.node, member.share);
    const setJson = (kind: 'task group' | 'competency', count: number): WeightSetJson => {
        const set = sets.find(s => s.kind === kind);
        return { unit: set?.unit ?? null, total: set?.total ?? null, count };
    };
    const duties = sets.filter(s => s.kind === 'duty').map((set): DutySetJson => compact({
        level: set.scope ? levelOf(set.scope)?.name : undefined,
        section: isSection(set.scope) ? text(set.scope.title) : undefined,
        unit: set.unit ?? null,
        total: set.total ?? null,
        expected: set.expected,
        count: set.members.length,
    }));
    return compact({
        kind: job.kind === 'ladder' ? 'ladder' as const : undefined,
        title: text(job.title),
        subtitle: job.subtitle,
        code: job.code,
        level: job.level,
        family: job.family,
        grade: gradeText(job.grade),
        band: gradeText(job.band),
        levelCount: parseNumber(job.declaredLevels) ?? undefined,
        occupation: occupationJson(job.occupation),
        status: statusJson(job.status),
        effective: job.effective,
        reportsTo: reportsToJson(job),
        flsa: job.flsa,
        location: job.location,
        created: job.created,
        updated: job.updated,
        nextReview: job.nextReview,
        smes: [...job.smes],
        summary: job.summary,
        disclaimer: job.disclaimer,
        weights: compact({
            taskGroups: setJson('task group', taskGroupsOf(job).length),
            competencies: setJson('competency', competenciesOf(job).length),
            duties: duties.length > 0 ? duties : undefined,
        }),
        elements: job.elements.map(e => elementJson(e, shares)),
        // Left out of a job without levels, so that the shape of such a job is what it was before levels.
        levels: job.levels.length > 0 || job.kind === 'ladder' ? job.levels.map(l => located(l, careerLevelJson(l, shares))) : undefined,
    });
}

/** A grade or band as written; a Markdown backslash dropped, as in every quantity. */
function gradeText(grade: string | undefined): string | undefined {
    return grade === undefined ? undefined : unescapeMarkdown(grade);
}

function occupationJson(occupation: Occupation | undefined): OccupationJson | undefined {
    if (!occupation) return undefined;
    return compact({
        taxonomy: text(occupation.taxonomy),
        taxonomyName: taxonomyName(text(occupation.taxonomy)),
        code: text(occupation.code),
        title: occupation.title,
    });
}

function statusJson(status: Status | undefined): StatusJson | undefined {
    if (!status) return undefined;
    return compact({ value: text(status.value) as StatusJson['value'], by: status.by, date: status.date });
}

function careerLevelJson(level: CareerLevel, shares: Shares): CareerLevelJson {
    return compact({
        id: text(level.name),
        title: level.title ?? text(level.name),
        grade: gradeText(level.grade),
        band: gradeText(level.band),
        scope: level.scope,
        summary: level.summary,
        timeInLevel: timeInLevelJson(level.timeInLevel),
        inherits: level.inherits ? levelLinkJson(level.inherits) : undefined,
        elements: level.elements.map(e => elementJson(e, shares)),
    });
}

function levelLinkJson(link: Reference<CareerLevel>): LinkJson {
    const level = link.ref;
    return compact({ id: text(link.$refText), title: level ? level.title ?? level.name : undefined, resolved: isCareerLevel(level) });
}

function timeInLevelJson(time: TimeRange | undefined): TimeInLevelJson | undefined {
    if (!time) return undefined;
    const range = parseRange(time.low, time.high);
    return compact({
        approximate: time.approximate,
        low: range.low ?? null,
        plus: time.plus ? true as const : undefined,
        high: time.high !== undefined ? range.high ?? null : undefined,
        unit: text(time.unit),
        text: writtenText(time) ?? '',
    });
}

function libraryJson(library: Library): LibraryJson {
    const none: Shares = new Map();
    return {
        id: text(library.name),
        title: library.title ?? text(library.name),
        members: library.members.map(m => memberJson(m, none)),
    };
}

function memberJson(member: LibraryMember, shares: Shares): LibraryMemberJson {
    if (isCompetency(member)) return located(member, competencyJson(member, shares));
    if (isScale(member)) return located(member, scaleJson(member));
    return located(member, roleJson(member, shares));
}

function elementJson(element: Element, shares: Shares): ElementJson {
    return located(element, elementContentJson(element, shares));
}

function elementContentJson(element: Element, shares: Shares): ElementJson {
    if (isSection(element)) return sectionJson(element, shares);
    if (isStatement(element)) return statementJson(element, shares);
    if (isTarget(element)) return targetJson(element);
    if (isAuthority(element)) return authorityJson(element);
    if (isRequirements(element)) return requirementsJson(element);
    if (isTaskGroup(element)) return taskGroupJson(element, shares);
    if (isCompetency(element)) return competencyJson(element, shares);
    if (isCompetencyUse(element)) return competencyUseJson(element, shares);
    if (isScale(element)) return scaleJson(element);
    if (isCharacteristics(element)) return characteristicsJson(element);
    if (isRole(element)) return roleJson(element, shares);
    if (isSchedule(element)) return scheduleJson(element);
    if (isLetter(element)) return letterJson(element);
    if (isSignature(element)) return signatureJson(element);
    if (isIncentive(element)) return incentiveJson(element, shares);
    if (isPay(element)) return payJson(element);
    if (isBenefit(element)) return { kind: 'benefit', text: text(element.text) };
    if (isProficiencyRequirement(element)) return proficiencyRequirementJson(element);
    if (isConditions(element)) return conditionsJson(element);
    // The grammar and this list must change together; a new element must not vanish silently.
    throw new Error(`JSON export: no mapping for element type ${(element as AstNode).$type}`);
}

function sectionJson(section: Section, shares: Shares): SectionJson {
    return compact({
        kind: 'section',
        variant: section.kind === 'training plan' ? 'trainingPlan' : 'section',
        title: text(section.title),
        weight: weightJson(section.weight, shares.get(section)),
        mark: section.mark,
        function: sectionFunction(section),
        style: section.style,
        intro: section.intro,
        elements: section.elements.map(e => elementJson(e, shares)),
    });
}

/** A statement, or a duty with its share of time and mark; inside requirements, a criterion with its necessity. */
function statementJson(statement: Statement, shares: Shares): StatementJson {
    const marks = dutyMarks(statement);
    return compact({
        kind: 'statement',
        text: text(statement.text),
        weight: weightJson(statement.weight, shares.get(statement)),
        mark: statement.mark,
        function: marks.function,
        necessity: marks.necessity,
        terms: statement.terms.length > 0 ? statement.terms.map(term => located(term, statedTermJson(term))) : undefined,
    });
}

function statedTermJson(term: StatedTerm): StatedTermJson {
    if (isTarget(term)) return targetJson(term);
    if (isAuthority(term)) return authorityJson(term);
    if (isBenefit(term)) return { kind: 'benefit', text: text(term.text) };
    return clauseJson(term, new Map()) as StatedTermJson;
}

function taskJson(task: Task, shares: Shares): TaskJson {
    return located(task, compact({
        text: text(task.text),
        weight: weightJson(task.weight, shares.get(task)),
        mark: task.mark,
        function: dutyMarks(task).function,
    }));
}

function targetJson(target: Target): TargetJson {
    const spec = target.spec;
    const quantity = spec?.value !== undefined ? quantityJson(spec.value) : undefined;
    return compact({
        kind: target.kind ?? 'target',
        measure: text(target.measure),
        comparator: spec?.comparator,
        value: quantity?.value ?? null,
        text: quantity?.text,
        unit: spec?.unit ?? quantity?.unit,
        bound: spec?.bound,
        period: periodJson(spec?.period),
        placeholder: quantity?.placeholder ?? false,
        sentence: sentenceOf(target, true),
    });
}

function authorityJson(authority: Authority): AuthorityJson {
    return compact({
        kind: 'authority',
        action: text(authority.action),
        comparator: authority.comparator,
        limit: quantityJson(authority.limit),
        condition: authority.condition,
        sentence: sentenceOf(authority, true),
    });
}

function requirementsJson(requirements: Requirements): RequirementsJson {
    const none: Shares = new Map();
    return {
        kind: 'requirements',
        items: requirements.items.map(item => located(item, isRequirement(item) ? requirementJson(item) : statementJson(item, none))),
    };
}

function requirementJson(requirement: Requirement): RequirementJson {
    return compact({
        kind: 'requirement',
        // One category whichever spelling: "licence" is the UK's "license".
        category: requirement.kind === 'licence' ? 'license' : requirement.kind,
        keyword: requirement.kind === 'licence' ? 'licence' as const : undefined,
        text: text(requirement.text),
        issuer: requirement.issuer,
        duration: durationJson(requirement.duration),
        necessity: requirement.necessity,
    });
}

function durationJson(duration: Duration | undefined): DurationJson | undefined {
    if (!duration) return undefined;
    const quantity = quantityJson(duration.value);
    return compact({
        comparator: duration.comparator,
        spelled: duration.spelled,
        value: quantity.value,
        text: quantity.text,
        plus: duration.plus ? true as const : undefined,
        range: rangeJson(duration, 'value', duration.value, duration.maximum),
        unit: text(duration.unit),
        placeholder: quantity.placeholder,
    });
}

/** Both ends of a range, as numbers and as written from the first end to the last; undefined when no high end is written. */
function rangeJson(node: AstNode, lowProperty: string, low: string | undefined, high: string | undefined): RangeJson | undefined {
    if (high === undefined) return undefined;
    const range = parseRange(low, high);
    const lowNode = node.$cstNode && GrammarUtils.findNodeForProperty(node.$cstNode, lowProperty);
    const highNode = node.$cstNode && GrammarUtils.findNodeForProperty(node.$cstNode, 'maximum');
    const written = lowNode && highNode ? lowNode.root.fullText.slice(lowNode.offset, highNode.end) : `${low ?? ''}–${high}`;
    return {
        text: normaliseSpaces(unescapeMarkdown(written)),
        minimum: range.low ?? null,
        maximum: range.high ?? null,
        placeholder: parseQuantity(low).placeholder || parseQuantity(high).placeholder,
    };
}

/** A node's text as written, its spacing normalised: "typically 18 months". */
function writtenText(node: AstNode): string | undefined {
    const cst = node.$cstNode;
    return cst ? normaliseSpaces(unescapeMarkdown(cst.text)) : undefined;
}

function normaliseSpaces(value: string): string {
    return value.replace(/\s+/g, ' ').trim();
}

function taskGroupJson(group: TaskGroup, shares: Shares): TaskGroupJson {
    return compact({
        kind: 'taskGroup',
        id: text(group.name),
        title: group.title ?? text(group.name),
        weight: weightJson(group.weight, shares.get(group)),
        tasks: group.tasks.map(t => taskJson(t, shares)),
    });
}

function competencyJson(competency: Competency, shares: Shares): CompetencyJson {
    const library = AstUtils.getContainerOfType(competency, isLibrary);
    return compact({
        kind: 'competency',
        id: text(competency.name),
        title: competency.title ?? text(competency.name),
        source: library ? 'library' : 'job',
        library: library?.name,
        libraryTitle: library?.title,
        libraryFile: library ? fileOf(library) : undefined,
        resolved: true,
        weight: weightJson(competency.weight, shares.get(competency)),
        definition: competency.definition,
        behaviours: competency.behaviours.map(textItem),
        smes: [...competency.smes],
        lastUpdated: competency.lastUpdated,
        level: levelJson(competency.level),
        linkedTo: competency.links.map(linkJson),
        proficiency: proficiencyJson(competency),
    });
}

function proficiencyJson(competency: Competency): ProficiencyJson | undefined {
    const scale = competency.proficiencyScale;
    if (!scale && competency.descriptors.length === 0) return undefined;
    const found = scale?.ref;
    return compact({
        scale: scale ? text(scale.$refText) : undefined,
        scaleTitle: found ? found.title ?? found.name : undefined,
        resolved: scale ? found !== undefined : undefined,
        levels: competency.descriptors.map(d => located(d, descriptorJson(competency, d))),
    });
}

function descriptorJson(competency: Competency, descriptor: ProficiencyDescriptor): ProficiencyDescriptorJson {
    const value = parseNumber(descriptor.value);
    return compact({
        value,
        label: descriptor.label ?? proficiencyLabel(competency, value ?? undefined),
        indicators: descriptor.indicators.map(textItem),
    });
}

function proficiencyRequirementJson(requirement: ProficiencyRequirement): ProficiencyRequirementJson {
    const competency = requirement.competency?.ref;
    const found = isCompetency(competency) ? competency : undefined;
    const value = parseNumber(requirement.value);
    return compact({
        kind: 'proficiencyRequirement',
        competency: text(requirement.competency?.$refText),
        title: found ? found.title ?? found.name : undefined,
        value,
        text: unescapeMarkdown(text(requirement.value)),
        label: proficiencyLabel(found, value ?? undefined),
        resolved: found !== undefined,
        placeholder: parseQuantity(requirement.value).placeholder,
    });
}

function conditionsJson(conditions: Conditions): ConditionsJson {
    return {
        kind: 'conditions',
        variant: conditions.kind === 'physical demands' ? 'physicalDemands' : 'workingConditions',
        items: conditions.items.map(item => located(item, demandJson(item))),
    };
}

function demandJson(demand: Demand): DemandJson {
    const frequency = demandFrequency(demand.frequency);
    return compact({
        text: text(demand.text),
        frequency: frequency ? { word: frequency.word, rank: frequency.rank, share: frequency.share } : undefined,
    });
}

/** A use shows the competency as the job has it: the library's facts, with the job's weight, level and links. */
function competencyUseJson(use: CompetencyUse, shares: Shares): CompetencyJson {
    const declaration = use.competency?.ref;
    const id = text(use.competency?.$refText);
    const library = declaration ? AstUtils.getContainerOfType(declaration, isLibrary) : undefined;
    return compact({
        kind: 'competency',
        id,
        title: declaration?.title ?? declaration?.name ?? id,
        source: 'library',
        library: library?.name,
        libraryTitle: library?.title,
        libraryFile: library ? fileOf(library) : undefined,
        resolved: declaration !== undefined,
        weight: weightJson(use.weight ?? declaration?.weight, shares.get(use)),
        definition: declaration?.definition,
        behaviours: declaration?.behaviours.map(textItem) ?? [],
        smes: declaration ? [...declaration.smes] : [],
        lastUpdated: declaration?.lastUpdated,
        level: levelJson(use.level ?? declaration?.level),
        linkedTo: use.links.map(linkJson),
        proficiency: declaration ? proficiencyJson(declaration) : undefined,
    });
}

function linkJson(link: Reference<TaskGroup>): LinkJson {
    const group = link.ref;
    return compact({ id: text(link.$refText), title: group ? group.title ?? group.name : undefined, resolved: group !== undefined });
}

function weightJson(weight: Weight | undefined, share: number | undefined): WeightJson | undefined {
    const parsed = parseWeight(weight);
    if (!weight || !parsed) return undefined;
    const written = text(weight.value);
    return {
        value: parsed.value ?? null,
        unit: parsed.weightUnit ?? null,
        text: unescapeMarkdown(weight.unit ? `${written} ${weight.unit}` : written),
        share: share ?? null,
        placeholder: parsed.placeholder,
    };
}

function levelJson(level: Level | Characteristic | undefined): LevelJson | undefined {
    if (!level) return undefined;
    const scale = level.scale?.ref;
    const value = parseNumber(level.value);
    const scaleLabel = value === null ? undefined : scale?.levels.find(l => parseNumber(l.value) === value)?.label;
    return located(level, compact({
        scale: text(level.scale?.$refText),
        scaleTitle: scale ? scale.title ?? scale.name : undefined,
        value,
        text: unescapeMarkdown(text(level.value)),
        label: level.label ?? scaleLabel,
        scaleLabel,
        resolved: scale !== undefined,
        placeholder: parseQuantity(level.value).placeholder,
    }));
}

function characteristicsJson(characteristics: Characteristics): CharacteristicsJson {
    return { kind: 'characteristics', ratings: characteristics.ratings.map(r => levelJson(r)!) };
}

function roleJson(role: Role, shares: Shares): RoleJson {
    return compact({
        kind: 'role',
        id: text(role.name),
        title: role.title ?? text(role.name),
        reportsTo: reportsToJson(role),
        location: role.location,
        flsa: role.flsa,
        summary: role.summary,
        scope: role.scope,
        elements: role.elements.map(e => elementJson(e, shares)),
    });
}

function reportsToJson(owner: Job | Role): ReportsToJson | undefined {
    if (owner.reportsTo) {
        const role = owner.reportsTo.ref;
        const name = text(owner.reportsTo.$refText);
        return { role: name, title: role ? role.title ?? role.name : name, resolved: role !== undefined };
    }
    return owner.reportsToText !== undefined ? { title: owner.reportsToText } : undefined;
}

function scaleJson(scale: Scale): ScaleJson {
    return compact({
        kind: 'scale',
        id: text(scale.name),
        title: scale.title ?? text(scale.name),
        min: parseNumber(scale.min) ?? undefined,
        max: parseNumber(scale.max) ?? undefined,
        levels: scale.levels.map(l => located(l, { value: parseNumber(l.value) ?? 0, label: text(l.label) })),
    });
}

function scheduleJson(schedule: Schedule): ScheduleJson {
    return compact({
        kind: 'schedule',
        title: schedule.title,
        shifts: schedule.shifts.map(shift => located(shift, { name: text(shift.name), spans: shift.spans.map(s => located(s, shiftSpanJson(s))) })),
    });
}

const WEEK: readonly DayJson[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function shiftSpanJson(span: ShiftSpan): ShiftSpanJson {
    const firstDay = text(span.firstDay);
    const lastDay = span.lastDay;
    const first = WEEK.indexOf(firstDay.slice(0, 3) as DayJson);
    const last = lastDay ? WEEK.indexOf(lastDay.slice(0, 3) as DayJson) : first;
    const days: DayJson[] = [];
    // "Fri–Mon" runs over the weekend.
    for (let i = first; i >= 0; i = (i + 1) % 7) {
        days.push(WEEK[i]);
        if (i === last || last < 0 || days.length === 7) break;
    }
    const start = text(span.start);
    const end = text(span.end);
    const join = (a: string, separator: string | undefined, b: string) => /^[a-z]/i.test(separator ?? '') ? `${a} ${separator} ${b}` : `${a}${separator ?? '–'}${b}`;
    const written = `${lastDay ? join(firstDay, span.daySeparator, lastDay) : firstDay} ${join(start, span.timeSeparator, end)}`;
    return compact({ text: written, firstDay, lastDay, days, start, end, startTime: to24Hour(start), endTime: to24Hour(end) });
}

/** "7:00am" → "07:00", "12:30 p.m." → "12:30", "16:00" → "16:00"; null when it is no time of day. */
function to24Hour(time: string): string | null {
    const match = /^(\d{1,2}):(\d{2})\s*(?:([aApP])\.?[mM]\.?)?$/.exec(time.trim());
    if (!match) return null;
    let hours = Number(match[1]);
    const minutes = Number(match[2]);
    const meridiem = match[3]?.toLowerCase();
    if (meridiem) {
        if (hours < 1 || hours > 12) return null;
        hours = hours % 12 + (meridiem === 'p' ? 12 : 0);
    }
    if (hours > 23 || minutes > 59) return null;
    return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function letterJson(letter: Letter): LetterJson {
    return compact({
        kind: 'letter',
        to: letter.to,
        from: letter.from,
        subject: letter.subject,
        signedBy: letter.signedBy,
        paragraphs: letter.paragraphs.map(textItem),
    });
}

function signatureJson(signature: Signature): SignatureJson {
    return compact({
        kind: 'signature',
        label: text(signature.label),
        line: signature.line !== undefined ? unescapeMarkdown(signature.line) : undefined,
        // A bare `date` keyword leaves no property behind: the syntax tree is the only witness.
        dated: signature.dated,
        date: signature.date !== undefined ? unescapeMarkdown(signature.date) : undefined,
    });
}

function incentiveJson(incentive: Incentive, shares: Shares): IncentiveJson {
    return {
        kind: 'incentive',
        variant: incentive.variant,
        title: text(incentive.title),
        clauses: incentive.clauses.map(c => located(c, clauseJson(c, shares))),
    };
}

function clauseJson(clause: IncentiveClause, shares: Shares): IncentiveClauseJson {
    if (isThreshold(clause)) return thresholdJson(clause);
    if (isRate(clause)) return rateJson(clause);
    if (isBonusAmount(clause)) return { kind: 'bonusAmount', amount: quantityJson(clause.amount), oneTime: clause.oneTime === true, sentence: sentenceOf(clause, true) };
    if (isCondition(clause)) return { kind: 'condition', text: text(clause.text) };
    if (isPayout(clause)) return { kind: 'payout', frequency: text(clause.frequency), sentence: sentenceOf(clause, false) };
    if (isTarget(clause)) return targetJson(clause);
    if (isPay(clause)) return payJson(clause);
    if (isBenefit(clause)) return { kind: 'benefit', text: text(clause.text) };
    if (isIncentive(clause)) return incentiveJson(clause, shares);
    if (isSection(clause)) return sectionJson(clause, shares);
    if (isStatement(clause)) return statementJson(clause, shares);
    throw new Error(`JSON export: no mapping for incentive clause type ${(clause as AstNode).$type}`);
}

function thresholdJson(threshold: Threshold): ThresholdJson {
    const quantity = quantityJson(threshold.value);
    return compact({
        kind: 'threshold',
        measure: text(threshold.measure),
        comparator: threshold.comparator,
        value: quantity.value,
        text: quantity.text,
        unit: threshold.unit ?? quantity.unit,
        placeholder: quantity.placeholder,
        sentence: sentenceOf(threshold, false),
    });
}

function rateJson(rate: Rate): RateJson {
    return compact({
        kind: 'rate',
        rate: quantityJson(rate.rate),
        base: text(rate.base),
        comparator: rate.comparator,
        floor: rate.floor !== undefined ? quantityJson(rate.floor) : undefined,
        sharedAmong: rate.sharedAmong,
        sentence: sentenceOf(rate, true),
    });
}

/** One pay line: its first term, and the others written after `or` as alternatives of the same pay, never as pay lines of their own. */
function payJson(pay: Pay): PayJson {
    return compact({
        kind: 'pay' as const,
        ...payTermJson(pay),
        alternatives: pay.alternatives.length > 0 ? pay.alternatives.map(a => located(a, payTermJson(a))) : undefined,
    });
}

function payTermJson(term: Pay | PayAlternative): PayTermJson {
    return compact({
        label: text(term.label),
        amount: quantityJson(term.amount),
        range: rangeJson(term, 'amount', term.amount, term.maximum),
        period: periodJson(term.period),
    });
}

function periodJson(period: Period | undefined): PeriodJson | undefined {
    if (!period) return undefined;
    const text = period.year !== undefined ? `in ${period.year}` : period.every !== undefined ? `${period.per ?? 'per'} ${period.every}` : period.frequency ?? '';
    return compact({ text, year: period.year, every: period.every, frequency: period.frequency });
}

function quantityJson(written: string | undefined): QuantityJson {
    const parsed = parseQuantity(written);
    return compact({
        text: unescapeMarkdown(written ?? ''),
        value: parsed.value ?? null,
        unit: parsed.unit,
        placeholder: parsed.placeholder,
    });
}

// ---------------------------------------------------------------------------
// Helpers

/** A required text; "" where a recovering parser left a hole. */
function text(value: string | undefined): string {
    return value ?? '';
}

function parseNumber(written: string | undefined): number | null {
    if (written === undefined) return null;
    const parsed = parseQuantity(written);
    return parsed.unit === undefined ? parsed.value ?? null : null;
}

/** Drops properties that are undefined, so that what was not written is not in the JSON. */
function compact<T extends object>(value: T): T {
    for (const key of Object.keys(value) as Array<keyof T>) {
        if (value[key] === undefined) delete value[key];
    }
    return value;
}

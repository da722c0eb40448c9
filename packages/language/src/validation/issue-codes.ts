/**
 * Stable codes of every finding. They appear in CLI output, in `jobstd.config.json`
 * (to change a severity or turn a rule off) and in the data that quick fixes read.
 */
export const IssueCodes = {
    SyntaxError: 'syntax-error',
    WeightSum: 'weight-sum',
    WeightRange: 'weight-range',
    WeightUnit: 'weight-unit',
    Placeholder: 'placeholder',
    UnresolvedReference: 'unresolved-reference',
    DuplicateName: 'duplicate-name',
    DuplicateFact: 'duplicate-fact',
    LevelOutOfScale: 'level-out-of-scale',
    LevelLabelConflict: 'level-label-conflict',
    TargetIncomplete: 'target-incomplete',
    EmptySection: 'empty-section',
    DuplicateStatement: 'duplicate-statement',
    ReviewOverdue: 'review-overdue',
    NoEssentialFunction: 'no-essential-function',
    ProficiencyFalls: 'proficiency-falls',
    LevelCompetencyMissing: 'level-competency-missing',
    LevelCount: 'level-count',
    DuplicateLevelTitle: 'duplicate-level-title',
    RangeReversed: 'range-reversed',
    OccupationCode: 'occupation-code',
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type ConfiguredSeverity = Severity | 'off';

/** A rule: how it reports when the configuration says nothing, what it finds, and its quick fix. */
export interface Rule {
    severity: Severity;
    /** What the rule finds, in one line (SARIF, `--help`, the README's table). */
    description: string;
    /** The quick fix the editor offers, and the fields of the finding's `data` it reads. */
    fix?: { does: string; reads: readonly string[] };
}

/** Every rule in one table: code, default severity, description and fix data. */
export const Rules: Record<IssueCode, Rule> = {
    'syntax-error': {
        severity: 'error', description: 'The text does not follow the .jobstd syntax.',
        fix: { does: 'Repairs the slip: closes a quote or a block, adds quotes or triple quotes, corrects a keyword, removes stray punctuation.', reads: ['slip', 'fix'] },
    },
    'weight-sum': {
        severity: 'error', description: 'The weights of a job\'s task groups or competencies do not add up to 100%.',
        fix: { does: 'Rebalances the weights to exactly 100%, proportionally or evenly.', reads: ['set', 'total', 'weights'] },
    },
    'weight-range': { severity: 'error', description: 'A weight is negative, zero or more than the whole.' },
    'weight-unit': { severity: 'error', description: 'A weight has no unit, or its unit differs from the rest of its set.' },
    'placeholder': { severity: 'warning', description: 'A template blank (xx, 00%, 20XX, ____) is still to be filled in.' },
    'unresolved-reference': {
        severity: 'error', description: 'A name refers to a task group, competency, scale or role that does not exist.',
        fix: { does: 'Creates the missing task group.', reads: ['property', 'refText'] },
    },
    'duplicate-name': { severity: 'error', description: 'Two task groups, competencies, scales or roles have the same name.' },
    'duplicate-fact': { severity: 'warning', description: 'A job fact (summary, location, ...) is given more than once.' },
    'level-out-of-scale': { severity: 'error', description: 'A level lies outside the range of its scale.' },
    'level-label-conflict': {
        severity: 'warning', description: 'A level is labelled differently from its scale.',
        fix: { does: "Uses the scale's label, or the label given first.", reads: ['expected'] },
    },
    'target-incomplete': { severity: 'warning', description: 'A target or KPI lacks a number or a unit.' },
    'empty-section': { severity: 'warning', description: 'A section has nothing in it.' },
    'duplicate-statement': {
        severity: 'warning', description: 'The same statement appears twice.',
        fix: { does: 'Removes the repeated statement.', reads: ['firstLine'] },
    },
    'review-overdue': { severity: 'warning', description: 'The job\'s next review date has passed.' },
    'no-essential-function': {
        severity: 'warning', description: 'Duties are marked essential or marginal, but none is essential.',
    },
    'proficiency-falls': {
        severity: 'warning', description: 'A level of a ladder requires less of a competency than the level below it.',
        fix: { does: 'Raises the requirement to the level below\'s.', reads: ['fix'] },
    },
    'level-competency-missing': {
        severity: 'warning', description: 'A level of a ladder does not require a competency that the level below it requires.',
        fix: { does: 'Adds the requirement at the level below\'s proficiency.', reads: ['fix'] },
    },
    'level-count': {
        severity: 'warning', description: 'A ladder declares more or fewer levels than it describes.',
        fix: { does: 'Declares the number of levels described.', reads: ['fix'] },
    },
    'duplicate-level-title': { severity: 'warning', description: 'Two levels of a ladder have the same title.' },
    'range-reversed': {
        severity: 'error', description: 'A range (pay, time in level, experience) has its minimum above its maximum.',
        fix: { does: 'Swaps the two ends of the range.', reads: ['fix'] },
    },
    'occupation-code': { severity: 'error', description: 'An occupation code does not have the shape of its taxonomy (O*NET-SOC 2019, SOC 2018, ISCO-08).' },
};

/** What each rule reports as when the configuration says nothing. */
export const DefaultSeverities = Object.fromEntries(
    Object.entries(Rules).map(([code, rule]) => [code, rule.severity])) as Record<IssueCode, Severity>;

export const AllIssueCodes = Object.values(IssueCodes) as IssueCode[];

export function isIssueCode(code: unknown): code is IssueCode {
    return typeof code === 'string' && (AllIssueCodes as string[]).includes(code);
}

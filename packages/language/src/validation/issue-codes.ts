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
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type ConfiguredSeverity = Severity | 'off';

/** What each rule reports as when the configuration says nothing. */
export const DefaultSeverities: Record<IssueCode, Severity> = {
    'syntax-error': 'error',
    'weight-sum': 'error',
    'weight-range': 'error',
    'weight-unit': 'error',
    'placeholder': 'warning',
    'unresolved-reference': 'error',
    'duplicate-name': 'error',
    'duplicate-fact': 'warning',
    'level-out-of-scale': 'error',
    'level-label-conflict': 'warning',
    'target-incomplete': 'warning',
    'empty-section': 'warning',
    'duplicate-statement': 'warning',
    'review-overdue': 'warning',
};

export const AllIssueCodes = Object.values(IssueCodes) as IssueCode[];

export function isIssueCode(code: unknown): code is IssueCode {
    return typeof code === 'string' && (AllIssueCodes as string[]).includes(code);
}

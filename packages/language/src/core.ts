// The language without its exporters and importer: what an editor needs from the start.
// The exporters (docx) and the importer (parse5, mammoth) are large and are their own entry
// points ('jobstd-language/export', 'jobstd-language/import'), for hosts that load them on use.
export * from './generated/ast.js';
export { JobStdLanguageMetaData } from './generated/module.js';
export * from './jobstd-module.js';
export * from './config.js';
export * from './model.js';
export * from './validation/issue-codes.js';
export * from './validation/placeholders.js';
export { JobStdValidator } from './validation/jobstd-validator.js';
export * from './findings.js';
export * from './layout.js';
export { quote, isName, NameMaker, render, type OutLine } from './jobstd-writer.js';
export { capitalise, plural } from './words.js';
export { MAX_NESTING } from './lexer/brace-repair.js';
export type { SlipKind } from './lexer/tokens.js';
// What the HR constructs mean (duty marks, ladders, proficiency, ranges, demands, occupations);
// its Necessity is the grammar's own, exported above.
export {
    dutyMarks, sectionFunction, parseRange, payRange, payTerms, durationRange, timeRange, levelsOf, levelTitle,
    requiredProficiencies, proficiencyDescriptor, proficiencyLabel, DemandFrequencies, demandFrequency, conditionsTitle,
    Taxonomies, taxonomyName, occupationCodeProblem, StatusWords, type DutyFunction, type DutyMarks, type ParsedRange
} from './career.js';

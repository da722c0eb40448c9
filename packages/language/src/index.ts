export * from './generated/ast.js';
export { JobStdLanguageMetaData } from './generated/module.js';
export * from './jobstd-module.js';
export * from './config.js';
export * from './model.js';
export * from './validation/issue-codes.js';
export * from './validation/placeholders.js';
export { JobStdValidator } from './validation/jobstd-validator.js';
export * from './findings.js';

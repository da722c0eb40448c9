/**
 * jobstd-language/node: validate and export .jobstd files from build scripts and the CLI.
 * Everything that touches the file system lives here; the language itself stays browser-safe.
 */
export { findJobStdFiles, JobStdInputError, type FindOptions } from './files.js';
export { loadConfig, loadConfigFile, findConfigFile, type LoadedConfig } from './config-file.js';
export {
    validate, parseText, validateText,
    type ValidateOptions, type ValidatedDocument, type ValidationResult, type TextOptions, type TextResult
} from './workspace.js';
export {
    exportFiles, outputName, renderExport, ExportFormats, HTML_INDEX_FILE, JobStdOutputError,
    type ExportFormat, type ExportOptions, type ExportReport, type WrittenOutput, type RefusedDocument
} from './export-files.js';
export { writeAtomically } from './export-files.js';
export {
    importFiles, importOutputName, ImportFilesError,
    type ImportFilesOptions, type ImportFilesReport, type ImportedFile
} from './import-files.js';
export {
    ImportError, type ImportErrorReason, type ImportReport, type ImportCounts, type ImportCoverage, type RemovedNoise
} from '../import/types.js';
export {
    formatFinding, formatSummary, countBySeverity, plural, toJsonFindings, toSarif, RuleDescriptions, escapeControls, toPrintableJson,
    type SarifOptions
} from './format.js';
export { ConfigError, type JobStdConfig } from '../config.js';
export type { Finding, FindingJson } from '../findings.js';

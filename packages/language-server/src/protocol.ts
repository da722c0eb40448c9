/**
 * Requests between the jobstd language server and its editor client, beyond the LSP.
 * This file imports nothing, so the extension can bundle it without the server.
 */

/** Client → server: render one document with the CLI's exporters. */
export const ExportRequest = 'jobstd/export';
export type ExportFormat = 'html' | 'json' | 'jsonld' | 'docx';
export const ExportFormats: readonly ExportFormat[] = ['html', 'json', 'jsonld', 'docx'];
export interface ExportParams {
    uri: string;
    format: ExportFormat;
    /** HTML and Word: add the findings as an appendix for reviewers (the preview does; a file for an employee does not). */
    findingsAppendix?: boolean;
}
export interface ExportResult {
    /** The file's content: text for html, json and jsonld; base64 of the bytes for docx (see `encoding`). */
    content: string;
    /** How `content` is written: 'utf8' text, or 'base64' for a binary file. Absent means 'utf8'. */
    encoding?: 'utf8' | 'base64';
}

/** Client → server: what the status bar shows for a document. */
export const StatusRequest = 'jobstd/status';
export interface StatusParams {
    uri: string;
}
export interface WeightTotal {
    set: 'competency' | 'task group' | 'duty';
    /** '%' or 'points'; undefined when no member has a usable unit yet. */
    unit?: '%' | 'points';
    /** Undefined while a weight is a placeholder, missing or in another unit. */
    total?: number;
}
export interface StatusResult {
    findings: { errors: number; warnings: number };
    weights: WeightTotal[];
}

/** Server → client: the text of a workspace file (UTF-8), through the editor's file system. */
export const ReadFileRequest = 'jobstd/readFile';
export interface ReadFileParams {
    uri: string;
}
export type ReadFileResult = string;

/** Server → client: the entries of a workspace folder. */
export const ReadDirectoryRequest = 'jobstd/readDirectory';
export interface ReadDirectoryParams {
    uri: string;
}
export type ReadDirectoryResult = Array<{ uri: string; isFile: boolean; isDirectory: boolean }>;

/**
 * Client → server: turn an existing job standard (text, Markdown, HTML or Word) into .jobstd.
 * The client reads the file and writes the result, so it works on any file system.
 */
export const ImportRequest = 'jobstd/import';
export interface ImportParams {
    /** The file name; its extension says the format (.txt, .md, .html, .docx). */
    name: string;
    /** The file's bytes, base64. */
    contentBase64: string;
}
/** What the importer recognised; the whole report is the Node API's ImportReport. */
export interface ImportSummary {
    /** "3 task groups, 13 tasks, 21 competencies, 157 behaviours" */
    found: string;
    /** "coverage 100%, 8 page headers removed" */
    summary: string;
    recognised: Record<string, number>;
    removed: Array<{ kind: string; count: number; examples: string[] }>;
    coverage: { sentences: number; covered: number; ratio: number; missing: string[] };
    unrecognised: string[];
    warnings: string[];
}
export interface ImportResult {
    /** The .jobstd text, formatted. */
    text: string;
    report: ImportSummary;
}
/** The `data` of the error answered for input that cannot be imported (empty, binary, …). */
export interface ImportFailure {
    reason: string;
}

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument, type Module } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { Clock, type JobStdConfig } from '../config.js';
import { sortFindings, toFinding, type Finding } from '../findings.js';
import type { Document } from '../generated/ast.js';
import { createJobStdServices, type JobStdServices } from '../jobstd-module.js';
import { IssueCodes } from '../validation/issue-codes.js';
import { findConfigFile, loadConfigFile } from './config-file.js';
import { collectInputs, commonFolder, compareText, describeError, JobStdInputError, problemHandler, searchFolder, type JobStdInput } from './files.js';

export interface ValidateOptions {
    /** The configuration in force; without it, the nearest jobstd.config.json above the inputs is read. */
    config?: JobStdConfig;
    /** The date that date checks (review-overdue) compare with; today by default. */
    today?: Date;
    /** Relative input paths are taken from here, and Finding.file is relative to it. process.cwd() by default. */
    cwd?: string;
    /**
     * The folder whose other .jobstd files are loaded so that links into them resolve.
     * By default the folder of the nearest jobstd.config.json, else the common folder of the inputs.
     */
    root?: string;
    /**
     * Given, a path or file that cannot be read as a job standard is passed here and left out,
     * and the other files are still checked; without it, the first one throws a JobStdInputError.
     */
    onProblem?: (problem: JobStdInputError) => void;
}

/** One requested document after the build: its AST and what the checks found in it. */
export interface ValidatedDocument {
    /** The path as findings show it: relative to cwd. */
    file: string;
    /** Absolute path. */
    path: string;
    /** The folder argument it was found in, when it was not named directly. */
    folder?: string;
    document: LangiumDocument<Document>;
    findings: Finding[];
}

export interface ValidationResult {
    /** The requested files, relative to cwd, sorted. */
    files: string[];
    /** Findings of the requested files only, sorted by file, line and column. */
    findings: Finding[];
    documents: ValidatedDocument[];
    /** The configuration in force. */
    config: JobStdConfig;
    /** The jobstd.config.json found above the inputs, if any. */
    configFile?: string;
}

/**
 * Checks the .jobstd files that `paths` stand for, all in one workspace so that a job's
 * `uses` finds a competency declared in a library file. The other .jobstd files of the
 * workspace root are loaded too, for linking only: their findings are not reported.
 */
export async function validate(paths: string[], options: ValidateOptions = {}): Promise<ValidationResult> {
    const cwd = path.resolve(options.cwd ?? process.cwd());
    // Only .jobstd files can be parsed: the language is registered for that extension alone.
    const inputs = await collectInputs(paths, { cwd, onProblem: options.onProblem, jobstdOnly: true });
    return validateInputs(inputs, { ...options, cwd });
}

/** validate() for inputs already collected (the exporter needs their folders too). */
export async function validateInputs(inputs: JobStdInput[], options: ValidateOptions & { cwd: string }): Promise<ValidationResult> {
    const cwd = options.cwd;
    const common = commonFolder(inputs.map(input => input.path));
    const configFile = inputs.length > 0 ? await findConfigFile(common) : undefined;
    const config = options.config ?? (configFile ? await loadConfigFile(configFile, path.relative(cwd, configFile) || configFile) : {});
    const root = options.root ? path.resolve(cwd, options.root) : configFile ? path.dirname(configFile) : common;

    const { shared, JobStd } = createServices(NodeFileSystem, config, options.today);
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = shared.workspace.LangiumDocuments;

    const requested: Array<{ input: JobStdInput; document: LangiumDocument<Document> }> = [];
    const seen = new Set<string>();
    const problem = problemHandler(options.onProblem);
    for (const input of inputs) {
        const shownAs = path.relative(cwd, input.path) || input.path;
        const text = await readText(input.path, shownAs).catch((error: JobStdInputError) => { problem(error); });
        if (text === undefined) continue;
        const document = factory.fromString<Document>(text, URI.file(input.path));
        documents.addDocument(document);
        requested.push({ input, document });
        seen.add(await fs.realpath(input.path).catch(() => input.path));
    }
    for (const file of await workspaceFiles(root, inputs.length > 0)) {
        const real = await fs.realpath(file).catch(() => file);
        if (seen.has(real)) continue;
        seen.add(real);
        // A workspace file that cannot be read only means fewer links resolve; it is not an error.
        const text = await fs.readFile(file, 'utf8').catch(() => undefined);
        if (text === undefined) continue;
        documents.addDocument(factory.fromString<Document>(stripBom(text), URI.file(file)));
    }

    await shared.workspace.DocumentBuilder.build([...documents.all], { validation: false });

    const validated: ValidatedDocument[] = [];
    for (const { input, document } of requested) {
        const diagnostics = await JobStd.validation.DocumentValidator.validateDocument(document);
        document.diagnostics = diagnostics;
        const file = path.relative(cwd, input.path) || path.basename(input.path);
        validated.push({ file, path: input.path, folder: input.folder, document, findings: sortFindings(diagnostics.map(d => toFinding(file, d))) });
    }
    validated.sort((a, b) => compareText(a.file, b.file));
    return {
        files: validated.map(v => v.file),
        findings: validated.flatMap(v => v.findings),
        documents: validated,
        config,
        configFile,
    };
}

/**
 * The .jobstd files of the workspace root. The file system root and the home folder are
 * never searched as a whole: inputs from unrelated places would otherwise load a whole disk.
 */
async function workspaceFiles(root: string, wanted: boolean): Promise<string[]> {
    if (!wanted || root === path.parse(root).root || root === os.homedir()) return [];
    const found: string[] = [];
    await searchFolder(root, root, found, false);
    return found.sort(compareText);
}

export interface TextOptions {
    config?: JobStdConfig;
    today?: Date;
    /** The name findings carry; "document.jobstd" by default. */
    file?: string;
}

export interface TextResult {
    document: LangiumDocument<Document>;
    findings: Finding[];
}

/** Parses one in-memory document. Findings are syntax errors only: nothing is linked or checked. */
export async function parseText(text: string, options: Pick<TextOptions, 'file'> = {}): Promise<TextResult> {
    const file = options.file ?? 'document.jobstd';
    const { shared, JobStd } = createServices(EmptyFileSystem, {});
    const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(stripBom(text), textUri(file));
    const diagnostics = await JobStd.validation.DocumentValidator.validateDocument(document, { categories: ['built-in'] });
    const syntax = diagnostics.filter(d => d.code === IssueCodes.SyntaxError);
    return { document, findings: sortFindings(syntax.map(d => toFinding(file, d))) };
}

/** Checks one in-memory document on its own (links reach only what it declares itself). */
export async function validateText(text: string, options: TextOptions = {}): Promise<TextResult> {
    const file = options.file ?? 'document.jobstd';
    const { shared, JobStd } = createServices(EmptyFileSystem, options.config ?? {}, options.today);
    const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(stripBom(text), textUri(file));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    const diagnostics = await JobStd.validation.DocumentValidator.validateDocument(document);
    document.diagnostics = diagnostics;
    return { document, findings: sortFindings(diagnostics.map(d => toFinding(file, d))) };
}

function createServices(fileSystem: typeof NodeFileSystem | typeof EmptyFileSystem, config: JobStdConfig, today?: Date) {
    const modules: Array<Module<JobStdServices, Partial<JobStdServices>>> = [];
    if (today) {
        // Only the clock is replaced: inject() merges modules deeply, so the config provider stays
        // the language's own, though the context's type asks for whole service groups.
        const fixedClock: Module<JobStdServices, { config: Pick<JobStdServices['config'], 'Clock'> }> = { config: { Clock: () => new Clock(today) } };
        modules.push(fixedClock as unknown as Module<JobStdServices, Partial<JobStdServices>>);
    }
    const services = createJobStdServices({ ...fileSystem, modules });
    services.JobStd.config.ConfigProvider.set(config);
    return services;
}

function textUri(file: string): URI {
    return URI.from({ scheme: 'inmemory', path: '/' + file.replace(/\\/g, '/').replace(/^\/+/, '') });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A requested file as text. One that is not UTF-8, or holds NUL bytes (a Word file or a
 * binary renamed), is refused rather than checked as mojibake that reports nonsense.
 */
async function readText(file: string, shownAs: string): Promise<string> {
    let bytes: Buffer;
    try {
        bytes = await fs.readFile(file);
    } catch (error) {
        throw new JobStdInputError(shownAs, describeError(error as NodeJS.ErrnoException));
    }
    let text: string;
    try {
        text = utf8.decode(bytes);
    } catch {
        text = '\0';
    }
    if (text.includes('\0')) throw new JobStdInputError(shownAs, 'not UTF-8 text (save it as plain text in UTF-8)');
    return stripBom(text);
}

/** Editors hide a byte-order mark; dropping it keeps columns on line 1 the same as theirs. */
function stripBom(text: string): string {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

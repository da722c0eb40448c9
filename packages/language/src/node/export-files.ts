import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from '../generated/ast.js';
import type { ExportContext, HtmlIndexEntry } from '../export/index.js';
import type { Finding } from '../findings.js';
import { collectInputs, describeError, isInside, JOBSTD_EXTENSION, type JobStdInput } from './files.js';
import { validateInputs, type ValidateOptions } from './workspace.js';

export type ExportFormat = 'json' | 'html' | 'jsonld' | 'docx';
export const ExportFormats: readonly ExportFormat[] = ['json', 'html', 'jsonld', 'docx'];

/** The file name every HTML export writes into the output folder, listing the documents exported. */
export const HTML_INDEX_FILE = 'index.html';

export interface ExportOptions extends ValidateOptions {
    format: ExportFormat;
    /** Every output goes into this folder (created when missing) and nowhere else. */
    outDir: string;
    /** Export documents that have errors too. */
    force?: boolean;
    /** JSON only: give every element its place in the source (line and column). */
    locations?: boolean;
    /** HTML and Word: add the findings as an appendix for reviewers (none by default). */
    findingsAppendix?: boolean;
    /** Word: the date of a document that gives none of its own (a build's SOURCE_DATE_EPOCH). */
    sourceDate?: Date;
    /** Called after each document, written or not. */
    onProgress?: (done: number, total: number, file: string) => void;
}

export interface WrittenOutput {
    /** The input, relative to cwd. */
    file: string;
    /** The output, relative to cwd. */
    output: string;
    /** Absolute path of the output. */
    path: string;
    /** Errors it was exported with (only with force). */
    errors: number;
    /** Warnings it was exported with. */
    warnings: number;
    /** Bytes written. */
    bytes: number;
}

export interface RefusedDocument {
    file: string;
    /** Its error findings: the reason it was not exported. */
    errors: Finding[];
}

export interface ExportReport {
    format: ExportFormat;
    /** Absolute output folder. */
    outDir: string;
    /** The requested inputs, relative to cwd. */
    files: string[];
    written: WrittenOutput[];
    refused: RefusedDocument[];
    /** HTML only: the index.html listing the documents written, relative to cwd. */
    index?: string;
    /**
     * HTML only, when no document was exported: the index.html left as it was (relative to cwd),
     * and whether there is one, from an earlier run.
     */
    indexKept?: { file: string; exists: boolean };
    /** All findings of the requested documents. */
    findings: Finding[];
}

/** An output that cannot or must not be written: a clash, a path leading out of outDir, a failed write. */
export class JobStdOutputError extends Error {
    constructor(readonly path: string, readonly reason: string) {
        super(`${path}: ${reason}`);
        this.name = 'JobStdOutputError';
    }
}

interface PlannedOutput {
    input: JobStdInput;
    /** Relative to outDir, as mirrored from the input. */
    relative: string;
    target: string;
}

/**
 * Writes one file per document into outDir: JSON, HTML (with an index.html listing them),
 * JSON-LD or Word. A document with errors is
 * refused (and reported) unless `force`. Outputs are planned and checked before anything
 * is written: two inputs mapping to one output, or an output that would leave outDir
 * (through its name or a symbolic link already in outDir), stop the export at once.
 * Each file is written atomically, so an output is either the old file or the whole new one.
 */
export async function exportFiles(paths: string[], options: ExportOptions): Promise<ExportReport> {
    if (!ExportFormats.includes(options.format)) {
        throw new JobStdOutputError(String(options.format), `unknown export format (expected ${ExportFormats.join(' or ')})`);
    }
    const cwd = path.resolve(options.cwd ?? process.cwd());
    const outDir = path.resolve(cwd, options.outDir);
    const inputs = await collectInputs(paths, { cwd, onProblem: options.onProblem, jobstdOnly: true });
    const plan = await planOutputs(inputs, outDir, options.format, cwd);
    const result = await validateInputs(inputs, { ...options, cwd });

    const report: ExportReport = { format: options.format, outDir, files: result.files, written: [], refused: [], findings: result.findings };
    // Loaded here, not at the top: validating never needs the exporters.
    const exporters = await import('../export/index.js');
    const byPath = new Map(result.documents.map(d => [d.path, d]));
    const indexEntries: HtmlIndexEntry[] = [];
    let done = 0;
    let realOut: string | undefined;
    for (const planned of plan) {
        const validated = byPath.get(planned.input.path);
        if (!validated) continue; // it could not be read: onProblem has been told
        const errors = validated.findings.filter(f => f.severity === 'error');
        if (errors.length > 0 && !options.force) {
            report.refused.push({ file: validated.file, errors });
        } else {
            const document = validated.document.parseResult.value;
            const context = {
                file: validated.file.replace(/\\/g, '/'),
                findings: validated.findings,
                placeholders: result.config.placeholders,
                ...(options.locations ? { locations: true } : {}),
                ...(options.findingsAppendix ? { findingsAppendix: true } : {}),
                ...(options.sourceDate ? { date: options.sourceDate } : {}),
            };
            const content = await render(exporters, options.format, document, context);
            realOut ??= await ensureOutDir(outDir);
            const folder = await ensureFolder(realOut, path.dirname(planned.relative), outDir);
            await writeAtomically(path.join(folder, path.basename(planned.target)), content, planned.target);
            const warnings = validated.findings.filter(f => f.severity === 'warning').length;
            const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
            report.written.push({ file: validated.file, output: path.relative(cwd, planned.target), path: planned.target, errors: errors.length, warnings, bytes });
            if (options.format === 'html') {
                // A URL path, relative to the index: forward slashes, each segment encoded.
                const href = planned.relative.split(path.sep).map(encodeURIComponent).join('/');
                indexEntries.push(exporters.htmlIndexEntry(document, { file: validated.file, href, findings: validated.findings }));
            }
        }
        options.onProgress?.(++done, plan.length, validated.file);
    }
    const indexTarget = path.join(outDir, HTML_INDEX_FILE);
    if (options.format === 'html' && indexEntries.length > 0) {
        realOut ??= await ensureOutDir(outDir);
        await writeAtomically(path.join(realOut, HTML_INDEX_FILE), exporters.exportHtmlIndex(indexEntries), indexTarget);
        report.index = path.relative(cwd, indexTarget);
    } else if (options.format === 'html') {
        // Nothing exported (every document refused): an index of nothing would destroy the last good one.
        const exists = await fs.lstat(indexTarget).then(() => true, () => false);
        report.indexKept = { file: path.relative(cwd, indexTarget), exists };
    }
    return report;
}

type Exporters = typeof import('../export/index.js');

/** The exported content of one document: text for JSON, HTML and JSON-LD, bytes for Word. */
export async function renderExport(format: ExportFormat, document: Document, context: ExportContext): Promise<string | Uint8Array> {
    return render(await import('../export/index.js'), format, document, context);
}

async function render(exporters: Exporters, format: ExportFormat, document: Document, context: ExportContext): Promise<string | Uint8Array> {
    try {
        switch (format) {
            case 'json': return JSON.stringify(exporters.exportJson(document, context), null, 2) + '\n';
            case 'html': return exporters.exportHtml(document, context);
            case 'jsonld': return JSON.stringify(exporters.exportJsonLd(document, context), null, 2) + '\n';
            case 'docx': return await exporters.exportDocx(document, context);
        }
    } catch (error) {
        // A failing exporter is a bug; the file name is what a bug report needs first.
        throw new Error(`exporting ${context.file} as ${format.toUpperCase()} failed: ${(error as Error).message}`, { cause: error });
    }
}

/** x.jobstd → x.json; a file found in a folder argument keeps its place below that folder. */
export function outputName(input: JobStdInput, format: ExportFormat): string {
    const relative = input.folder ? path.relative(input.folder, input.path) : path.basename(input.path);
    const base = path.basename(relative);
    const stem = base.endsWith(JOBSTD_EXTENSION) && base.length > JOBSTD_EXTENSION.length
        ? base.slice(0, -JOBSTD_EXTENSION.length)
        : path.parse(base).name || base;
    return path.join(path.dirname(relative), `${stem}.${format}`);
}

async function planOutputs(inputs: JobStdInput[], outDir: string, format: ExportFormat, cwd: string): Promise<PlannedOutput[]> {
    const realOut = await realpathOfPossiblyMissing(outDir);
    // Case-insensitive file systems would let X.json overwrite x.json.
    const foldCase = process.platform === 'darwin' || process.platform === 'win32';
    const claimed = new Map<string, JobStdInput>();
    const plan: PlannedOutput[] = [];
    // The HTML export's index is an output too: no document may be exported over it.
    const indexFile = path.join(outDir, HTML_INDEX_FILE);
    const reserved = format === 'html' ? (foldCase ? indexFile.toLowerCase() : indexFile) : undefined;
    for (const input of inputs) {
        const relative = outputName(input, format);
        const target = path.resolve(outDir, relative);
        const shown = path.relative(cwd, target) || target;
        if (!isInside(outDir, target) || target === outDir) {
            throw new JobStdOutputError(shown, `the output for ${path.relative(cwd, input.path)} would lie outside ${path.relative(cwd, outDir) || '.'}`);
        }
        const key = foldCase ? target.toLowerCase() : target;
        if (key === reserved) {
            throw new JobStdOutputError(shown, `${path.relative(cwd, input.path)} would be exported over the index of the HTML export; export it to a subfolder or rename it`);
        }
        const earlier = claimed.get(key);
        if (earlier) {
            throw new JobStdOutputError(shown, `both ${path.relative(cwd, earlier.path)} and ${path.relative(cwd, input.path)} would be exported to this file; export them to different folders`);
        }
        claimed.set(key, input);
        await checkExistingPath(realOut, outDir, relative, shown);
        plan.push({ input, relative, target });
    }
    return plan;
}

/** Refuses, before anything is written, a folder on the way to an output that is a link out of outDir. */
async function checkExistingPath(realOut: string, outDir: string, relative: string, shown: string): Promise<void> {
    const segments = path.dirname(relative).split(path.sep).filter(s => s !== '' && s !== '.');
    let current = outDir;
    for (const segment of segments) {
        current = path.join(current, segment);
        const stat = await fs.lstat(current).catch(() => undefined);
        if (!stat) return;
        if (stat.isSymbolicLink()) {
            const real = await fs.realpath(current).catch(() => undefined);
            if (!real || !isInside(realOut, real)) {
                throw new JobStdOutputError(shown, `refusing to write through ${current}, a symbolic link that leads outside the output folder`);
            }
        } else if (!stat.isDirectory()) {
            throw new JobStdOutputError(shown, `${current} is not a folder`);
        }
    }
}

async function realpathOfPossiblyMissing(target: string): Promise<string> {
    const missing: string[] = [];
    let current = target;
    for (;;) {
        try {
            return path.join(await fs.realpath(current), ...missing.reverse());
        } catch {
            const parent = path.dirname(current);
            if (parent === current) return target;
            missing.push(path.basename(current));
            current = parent;
        }
    }
}

export async function ensureOutDir(outDir: string): Promise<string> {
    try {
        await fs.mkdir(outDir, { recursive: true });
        return await fs.realpath(outDir);
    } catch (error) {
        throw new JobStdOutputError(outDir, `cannot create the output folder: ${describeError(error as NodeJS.ErrnoException)}`);
    }
}

/**
 * Creates `relative` below realOut one folder at a time, never through a link that leaves
 * it (mkdir -p would create folders at the link's target first), and returns its real path.
 */
async function ensureFolder(realOut: string, relative: string, outDir: string): Promise<string> {
    let current = realOut;
    for (const segment of relative.split(path.sep).filter(s => s !== '' && s !== '.')) {
        const next = path.join(current, segment);
        let stat = await fs.lstat(next).catch(() => undefined);
        if (!stat) {
            await fs.mkdir(next).catch((error: NodeJS.ErrnoException) => {
                if (error.code !== 'EEXIST') throw new JobStdOutputError(next, `cannot create folder: ${describeError(error)}`);
            });
            stat = await fs.lstat(next);
        }
        if (stat.isSymbolicLink()) {
            const real = await fs.realpath(next).catch(() => undefined);
            if (!real || !isInside(realOut, real)) {
                throw new JobStdOutputError(next, `refusing to write through a symbolic link that leads outside ${outDir}`);
            }
            current = real;
        } else if (stat.isDirectory()) {
            current = next;
        } else {
            throw new JobStdOutputError(next, 'not a folder');
        }
    }
    // The proof: whatever happened on the way, the folder written into is inside the real outDir.
    const real = await fs.realpath(current);
    if (!isInside(realOut, real)) {
        throw new JobStdOutputError(current, `refusing to write outside ${outDir}`);
    }
    return real;
}

/**
 * Writes a temporary file next to the target, flushes it to disk and renames it over the
 * target, so readers never see a partial file. The temporary file is removed on failure.
 * Renaming replaces a symbolic link at the target itself rather than writing where it points.
 */
export async function writeAtomically(target: string, content: string | Uint8Array, shown = target): Promise<void> {
    const folder = path.dirname(target);
    const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    let handle: FileHandle | undefined;
    try {
        // 'wx' fails rather than follow anything already at the temporary name.
        handle = await fs.open(temporary, 'wx', 0o644);
        if (typeof content === 'string') await handle.writeFile(content, 'utf8');
        else await handle.writeFile(content);
        await handle.sync();
        await handle.close();
        handle = undefined;
        await fs.rename(temporary, target);
    } catch (error) {
        await handle?.close().catch(() => undefined);
        await fs.unlink(temporary).catch(() => undefined);
        throw new JobStdOutputError(shown, `cannot write: ${describeError(error as NodeJS.ErrnoException)}`);
    }
    await syncFolder(folder);
}

/** Makes the rename itself durable; some platforms cannot open folders, which is harmless. */
export async function syncFolder(folder: string): Promise<void> {
    const handle = await fs.open(folder, 'r').catch(() => undefined);
    if (!handle) return;
    await handle.sync().catch(() => undefined);
    await handle.close().catch(() => undefined);
}

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ImportError, type ImportReport } from '../import/types.js';
import { ensureOutDir, JobStdOutputError, syncFolder } from './export-files.js';
import { describeError, isInside, JobStdInputError, JOBSTD_EXTENSION } from './files.js';

export interface ImportFilesOptions {
    /**
     * Every .jobstd goes into this folder (created when missing) and nowhere else.
     * Without it, each one is written beside its input.
     */
    out?: string;
    /** Replace .jobstd files that already exist (they may have been edited by hand since). */
    force?: boolean;
    /** Inputs larger than this are refused (bytes; 10 MB by default). */
    maxBytes?: number;
    /** Relative paths are taken from here; process.cwd() by default. */
    cwd?: string;
}

/** What the importer recognised in one input, and where it wrote the result. */
export interface ImportedFile extends ImportReport {
    /** The .jobstd written: relative to cwd, or absolute when `out` (or the input, without `out`) was given so. */
    output: string;
    /** Absolute path of the .jobstd written. */
    path: string;
}

export interface ImportFilesReport {
    /** Absolute output folder; undefined when each .jobstd was written beside its input. */
    outDir?: string;
    /** One per input, in the order given. */
    files: ImportedFile[];
}

/**
 * The inputs that could not be imported, and why, one error each: an {@link ImportError}
 * (empty, binary, too large, not Word, not a format the importer reads), a
 * {@link JobStdInputError} (missing, a folder, unreadable) or a {@link JobStdOutputError}
 * (an output that exists, clashes with another, or cannot be written). Nothing was written.
 */
export class ImportFilesError extends Error {
    constructor(readonly failures: Error[]) {
        super(failures.map(failure => failure.message).join('\n'));
        this.name = 'ImportFilesError';
    }
}

interface Converted {
    /** Absolute path of the input, as given (not resolved through links). */
    input: string;
    /** The input as shown to the user: relative to cwd unless given as an absolute path. */
    shown: string;
    /** Absolute path of the output. */
    target: string;
    /** The output as shown to the user. */
    shownTarget: string;
    text: string;
    report: ImportReport;
}

/**
 * Imports text, Markdown, HTML and Word job standards as .jobstd files, `<name>.jobstd`
 * each, in `out` or beside the input.
 *
 * A batch is all or nothing: every input is read and converted, and every output checked,
 * before anything is written; one bad input (or an output that exists without `force`, or
 * two inputs that would write the same file) stops the batch with an
 * {@link ImportFilesError} naming each file and why, and nothing is written. The files are
 * then written to temporary files beside their targets, flushed, and renamed into place
 * only when all of them are on disk, so no reader ever sees a partial .jobstd.
 */
export async function importFiles(paths: string[], options: ImportFilesOptions = {}): Promise<ImportFilesReport> {
    const cwd = path.resolve(options.cwd ?? process.cwd());
    const outDir = options.out === undefined ? undefined : path.resolve(cwd, options.out);
    // Loaded here, not at the top: validating and exporting never need the importer.
    const engine = await import('../import/index.js');
    const maxBytes = options.maxBytes ?? engine.DEFAULT_MAX_BYTES;

    const failures: Error[] = [];
    const converted: Converted[] = [];
    const seen = new Set<string>();
    for (const given of paths) {
        const input = path.resolve(cwd, given);
        if (seen.has(input)) continue;
        seen.add(input);
        const shown = displayed(given, input, cwd);
        try {
            const content = await readInput(input, shown, maxBytes);
            const result = await engine.importDocument({ name: shown, content }, { maxBytes }).catch((error: unknown) => {
                if (error instanceof ImportError) throw error;
                // Not the input's fault: a bug of the importer; the file name is what a report needs first.
                throw new Error(`importing ${shown} failed: ${(error as Error).message}`, { cause: error });
            });
            const folder = outDir ?? path.dirname(input);
            const target = path.join(folder, importOutputName(input));
            const shownTarget = displayed(outDir === undefined ? given : options.out!, target, cwd);
            converted.push({ input, shown, target, shownTarget, ...result });
        } catch (error) {
            if (!(error instanceof ImportError || error instanceof JobStdInputError)) throw error;
            failures.push(error);
        }
    }
    failures.push(...await checkOutputs(converted, outDir, options.out, options.force === true, cwd));
    if (failures.length > 0) throw new ImportFilesError(failures);

    await writeAll(converted, outDir, options.force === true);
    return {
        ...(outDir !== undefined ? { outDir } : {}),
        files: converted.map(({ target, shownTarget, report }) => ({ ...report, output: shownTarget, path: target })),
    };
}

/** A path as the user gave it: absolute when they wrote it so, else relative to cwd. */
function displayed(given: string, absolute: string, cwd: string): string {
    return path.isAbsolute(given) ? absolute : path.relative(cwd, absolute) || given;
}

/** cv.txt → cv.jobstd; the name a user sees beside the input, whatever folder it goes to. */
export function importOutputName(input: string): string {
    const base = path.basename(input);
    return `${path.parse(base).name || base}${JOBSTD_EXTENSION}`;
}

/** The bytes of one input; a folder, a missing or unreadable file, or one over the size limit is refused here. */
async function readInput(input: string, shown: string, maxBytes: number): Promise<Uint8Array> {
    const stat = await fs.stat(input).catch((error: NodeJS.ErrnoException) => {
        throw new JobStdInputError(shown, describeError(error));
    });
    if (stat.isDirectory()) {
        throw new JobStdInputError(shown, 'is a folder; import takes files (.txt, .md, .html or .docx)');
    }
    if (!stat.isFile()) throw new JobStdInputError(shown, 'not a file');
    if (stat.size > maxBytes) {
        // Checked before reading: a multi-gigabyte file given by mistake is not read into memory.
        throw new ImportError(shown, 'too-large',
            `${megabytes(stat.size)} is more than the ${megabytes(maxBytes)} a job standard can be; is this the right file?`);
    }
    return fs.readFile(input).catch((error: NodeJS.ErrnoException) => {
        throw new JobStdInputError(shown, describeError(error));
    });
}

function megabytes(bytes: number): string {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Every reason an output must not be written, found before anything is: clashes, existing files, a file in the way of `out`. */
async function checkOutputs(converted: Converted[], outDir: string | undefined, outGiven: string | undefined, force: boolean, cwd: string): Promise<Error[]> {
    const failures: Error[] = [];
    if (outDir !== undefined) {
        const stat = await fs.stat(outDir).catch(() => undefined);
        if (stat && !stat.isDirectory()) {
            return [new JobStdOutputError(displayed(outGiven!, outDir, cwd), 'is not a folder')];
        }
    }
    // Case-insensitive file systems would let X.jobstd overwrite x.jobstd.
    const foldCase = process.platform === 'darwin' || process.platform === 'win32';
    const claimed = new Map<string, Converted>();
    for (const item of converted) {
        const shownTarget = item.shownTarget;
        const key = foldCase ? item.target.toLowerCase() : item.target;
        const earlier = claimed.get(key);
        if (earlier) {
            failures.push(new JobStdOutputError(shownTarget,
                `both ${earlier.shown} and ${item.shown} would be imported to this file; import them to different folders or rename one`));
            continue;
        }
        claimed.set(key, item);
        const existing = await fs.lstat(item.target).catch(() => undefined);
        if (existing?.isDirectory()) {
            failures.push(new JobStdOutputError(shownTarget, `a folder is in the way of the import of ${item.shown}`));
        } else if (existing && !force) {
            failures.push(new JobStdOutputError(shownTarget,
                `already exists (it may have been edited since); not replaced by the import of ${item.shown} without --force`));
        }
    }
    return failures;
}

interface Staged {
    item: Converted;
    temporary: string;
    /** The real path the temporary file is renamed to. */
    target: string;
    /** Whether a file was there before (only with force). */
    replaces: boolean;
}

/**
 * Writes every output to a temporary file in its folder, flushes them, and only then renames
 * them into place. A failure while writing removes the temporary files; a failure while
 * renaming also removes the new files already renamed, so the batch leaves nothing behind.
 * (A file replaced with force cannot be brought back; renames do not fail in practice.)
 */
async function writeAll(converted: Converted[], outDir: string | undefined, force: boolean): Promise<void> {
    const staged: Staged[] = [];
    const folders = new Set<string>();
    const cleanUp = async () => {
        await Promise.all(staged.map(s => fs.unlink(s.temporary).catch(() => undefined)));
    };
    try {
        const realOut = outDir === undefined ? undefined : await ensureOutDir(outDir);
        for (const item of converted) {
            // Folders are resolved once, through their links, and the file is named inside the result: it cannot leave.
            const folder = realOut ?? await fs.realpath(path.dirname(item.input));
            const target = path.join(folder, path.basename(item.target));
            if (!isInside(folder, target)) throw new JobStdOutputError(item.shownTarget, 'would lie outside its folder');
            const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
            staged.push({ item, temporary, target, replaces: false });
            await writeTemporary(temporary, item.text).catch((error: NodeJS.ErrnoException) => {
                throw new JobStdOutputError(item.shownTarget, `cannot write: ${describeError(error)}`);
            });
            folders.add(folder);
        }
        // Looked at again just before renaming: a file that appeared meanwhile is not overwritten either.
        for (const entry of staged) {
            const existing = await fs.lstat(entry.target).catch(() => undefined);
            if (existing && (!force || existing.isDirectory())) {
                throw new JobStdOutputError(entry.item.shownTarget, 'appeared while importing; not replaced');
            }
            entry.replaces = existing !== undefined;
        }
    } catch (error) {
        await cleanUp();
        throw error;
    }
    const renamed: Staged[] = [];
    for (const entry of staged) {
        try {
            // Renaming replaces a symbolic link at the target itself rather than writing where it points.
            await fs.rename(entry.temporary, entry.target);
            renamed.push(entry);
        } catch (error) {
            await cleanUp();
            await Promise.all(renamed.filter(r => !r.replaces).map(r => fs.unlink(r.target).catch(() => undefined)));
            throw new JobStdOutputError(entry.item.shownTarget, `cannot write: ${describeError(error as NodeJS.ErrnoException)}`);
        }
    }
    for (const folder of folders) await syncFolder(folder);
}

async function writeTemporary(temporary: string, text: string): Promise<void> {
    let handle: FileHandle | undefined;
    try {
        // 'wx' fails rather than follow anything already at the temporary name.
        handle = await fs.open(temporary, 'wx', 0o644);
        await handle.writeFile(text, 'utf8');
        await handle.sync();
    } finally {
        await handle?.close().catch(() => undefined);
    }
}

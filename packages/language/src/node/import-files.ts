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
    /** What was done about imports interrupted earlier (killed midway) in the output folders: finished, or removed. */
    recovered: string[];
}

/**
 * The inputs that could not be imported, and why, one error each: an {@link ImportError}
 * (empty, binary, too large, not Word, not a format the importer reads), a
 * {@link JobStdInputError} (missing, a folder, unreadable) or a {@link JobStdOutputError}
 * (an output that exists, clashes with another, or cannot be written). Nothing was written.
 */
export class ImportFilesError extends Error {
    /** What was done about imports interrupted earlier, as in {@link ImportFilesReport.recovered}. */
    recovered: string[] = [];

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
 * then staged in a hidden folder inside each output folder, flushed, committed with a
 * manifest and renamed into place, so no reader ever sees a partial .jobstd and a batch
 * killed midway is finished or undone by the next import into that folder.
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
    // An earlier import killed midway is finished or undone first, so the checks below see the folder as it is meant to be.
    const recovered: string[] = [];
    const folders = outDir !== undefined ? [outDir] : [...new Set(converted.map(item => path.dirname(item.target)))];
    for (const folder of folders) {
        recovered.push(...await recoverInterrupted(folder, displayed(outDir === undefined ? folder : options.out!, folder, cwd) || '.'));
    }
    failures.push(...await checkOutputs(converted, outDir, options.out, options.force === true, cwd));
    if (failures.length > 0) throw Object.assign(new ImportFilesError(failures), { recovered });

    await writeAll(converted, outDir, options.force === true);
    return {
        recovered,
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

/** The hidden folder, inside each output folder, where a batch is staged before it is moved into place. */
export const STAGING_PREFIX = '.jobstd-import-';
const MANIFEST = 'manifest.json';

interface Manifest {
    /** The staged files, each to be renamed to its target in the folder that holds the staging folder. */
    files: { staged: string; target: string; replaces: boolean }[];
}

interface Staging {
    folder: string;
    /** The staging folder inside it. */
    dir: string;
    entries: { item: Converted; staged: string; target: string; replaces: boolean }[];
}

/**
 * Writes the batch so that it lands whole or not at all, even if the process is killed:
 * 1. every output is written and flushed into a staging folder (`.jobstd-import-<pid>-<id>/`)
 *    inside its output folder;
 * 2. a manifest listing them is written, flushed and renamed into place: from then on the
 *    batch is committed;
 * 3. the files are renamed into place, then the manifest and the staging folder are removed.
 * A run killed before 2 leaves a staging folder without a manifest, which the next import into
 * that folder removes; one killed after 2 leaves one with a manifest, which the next import
 * finishes ({@link recoverInterrupted}). An error (not a kill) undoes what was done.
 */
async function writeAll(converted: Converted[], outDir: string | undefined, force: boolean): Promise<void> {
    const stagings = new Map<string, Staging>();
    const id = `${process.pid}-${randomBytes(6).toString('hex')}`;
    const removeStagings = async () => {
        await Promise.all([...stagings.values()].map(s => fs.rm(s.dir, { recursive: true, force: true }).catch(() => undefined)));
    };
    try {
        const realOut = outDir === undefined ? undefined : await ensureOutDir(outDir);
        for (const item of converted) {
            // Folders are resolved once, through their links, and the file is named inside the result: it cannot leave.
            const folder = realOut ?? await fs.realpath(path.dirname(item.input));
            const target = path.join(folder, path.basename(item.target));
            if (!isInside(folder, target)) throw new JobStdOutputError(item.shownTarget, 'would lie outside its folder');
            let staging = stagings.get(folder);
            if (!staging) {
                staging = { folder, dir: path.join(folder, `${STAGING_PREFIX}${id}`), entries: [] };
                await fs.mkdir(staging.dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
                    throw new JobStdOutputError(item.shownTarget, `cannot write: ${describeError(error)}`);
                });
                stagings.set(folder, staging);
            }
            const staged = `${staging.entries.length}${JOBSTD_EXTENSION}`;
            staging.entries.push({ item, staged, target: path.basename(target), replaces: false });
            await writeTemporary(path.join(staging.dir, staged), item.text).catch((error: NodeJS.ErrnoException) => {
                throw new JobStdOutputError(item.shownTarget, `cannot write: ${describeError(error)}`);
            });
            await testPause('staged');
        }
        // Looked at again just before committing: a file that appeared meanwhile is not overwritten either.
        for (const staging of stagings.values()) {
            for (const entry of staging.entries) {
                const existing = await fs.lstat(path.join(staging.folder, entry.target)).catch(() => undefined);
                if (existing && (!force || existing.isDirectory())) {
                    throw new JobStdOutputError(entry.item.shownTarget, 'appeared while importing; not replaced');
                }
                entry.replaces = existing !== undefined;
            }
        }
        for (const staging of stagings.values()) {
            await syncFolder(staging.dir);
            const manifest: Manifest = { files: staging.entries.map(({ staged, target, replaces }) => ({ staged, target, replaces })) };
            await writeTemporary(path.join(staging.dir, `${MANIFEST}.tmp`), JSON.stringify(manifest));
            await fs.rename(path.join(staging.dir, `${MANIFEST}.tmp`), path.join(staging.dir, MANIFEST));
            await syncFolder(staging.dir);
        }
    } catch (error) {
        await removeStagings();
        throw error instanceof JobStdOutputError ? error : new JobStdOutputError(outDir ?? '.', `cannot write: ${describeError(error as NodeJS.ErrnoException)}`);
    }
    await testPause('committed');
    const renamed: { path: string; replaces: boolean }[] = [];
    for (const staging of stagings.values()) {
        for (const entry of staging.entries) {
            const target = path.join(staging.folder, entry.target);
            try {
                // Renaming replaces a symbolic link at the target itself rather than writing where it points.
                await fs.rename(path.join(staging.dir, entry.staged), target);
                renamed.push({ path: target, replaces: entry.replaces });
            } catch (error) {
                await removeStagings();
                await Promise.all(renamed.filter(r => !r.replaces).map(r => fs.unlink(r.path).catch(() => undefined)));
                throw new JobStdOutputError(entry.item.shownTarget, `cannot write: ${describeError(error as NodeJS.ErrnoException)}`);
            }
            await testPause('renamed');
        }
    }
    for (const staging of stagings.values()) {
        await fs.rm(staging.dir, { recursive: true, force: true });
        await syncFolder(staging.folder);
    }
}

/**
 * Finishes or undoes what an import killed midway left in `folder`: a staging folder whose
 * manifest was written is moved into place (the batch had been committed); one without is
 * removed (nothing of it had been written); temporary files of older versions are removed.
 * A staging folder of a process still running is left alone. Returns what was done, in words.
 */
export async function recoverInterrupted(folder: string, shownFolder: string): Promise<string[]> {
    const notes: string[] = [];
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
        const pid = Number((name.startsWith(STAGING_PREFIX) ? /^\.jobstd-import-(\d+)-[0-9a-f]+$/ : /^\..+\.jobstd\.(\d+)\.[0-9a-f]+\.tmp$/).exec(name)?.[1]);
        if (!pid || isRunning(pid)) continue;
        const where = path.join(folder, name);
        if (!name.startsWith(STAGING_PREFIX)) {
            await fs.unlink(where).catch(() => undefined);
            notes.push(`removed ${path.join(shownFolder, name)}, a temporary file an interrupted import left`);
            continue;
        }
        const manifest = await fs.readFile(path.join(where, MANIFEST), 'utf8').then(text => JSON.parse(text) as Manifest).catch(() => undefined);
        if (!manifest) {
            const left = (await fs.readdir(where).catch(() => [] as string[])).filter(file => file.endsWith(JOBSTD_EXTENSION)).length;
            await fs.rm(where, { recursive: true, force: true });
            notes.push(`removed an import that was interrupted before it was complete (${left} of its files staged, none written to ${shownFolder})`);
            continue;
        }
        let moved = 0;
        const kept: string[] = [];
        for (const file of manifest.files) {
            const staged = path.join(where, path.basename(file.staged));
            const target = path.join(folder, path.basename(file.target));
            if (!(await fs.lstat(staged).catch(() => undefined))) continue; // renamed before the interruption
            const existing = await fs.lstat(target).catch(() => undefined);
            if (existing && !file.replaces) {
                kept.push(file.target);
                continue;
            }
            await fs.rename(staged, target);
            moved++;
        }
        if (kept.length === 0) {
            await fs.rm(where, { recursive: true, force: true });
            notes.push(`finished an import that was interrupted while moving its files into place: ${moved} of its ${manifest.files.length} files moved into ${shownFolder} now`);
        } else {
            notes.push(`an interrupted import in ${path.join(shownFolder, name)} could not be finished: ${kept.join(', ')} appeared since; `
                + 'compare them with the staged copies there, then delete that folder');
        }
    }
    if (notes.length > 0) await syncFolder(folder);
    return notes;
}

function isRunning(pid: number): boolean {
    if (pid === process.pid) return true;
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** Only for tests: JOBSTD_TEST_IMPORT_PAUSE=<ms> waits after each step of the write, so a test can kill the process between them. */
async function testPause(step: string): Promise<void> {
    const ms = Number(process.env.JOBSTD_TEST_IMPORT_PAUSE);
    if (!(ms > 0)) return;
    process.stderr.write(`jobstd-test: ${step}\n`);
    await new Promise(resolve => setTimeout(resolve, ms));
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

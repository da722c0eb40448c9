import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

/** A path the caller asked for that cannot be used: missing, unreadable, not a file or folder. */
export class JobStdInputError extends Error {
    constructor(readonly path: string, readonly reason: string) {
        super(`${path}: ${reason}`);
        this.name = 'JobStdInputError';
    }
}

export const JOBSTD_EXTENSION = '.jobstd';

/** Folders that never hold job standards a user means to check: dependencies, build output, tool state. */
export function isSkippedFolder(name: string): boolean {
    return name === 'node_modules' || name === 'out' || name.startsWith('.');
}

/** One .jobstd file to read, with the argument it came from (a folder's files are mirrored when exported). */
export interface JobStdInput {
    /** Absolute path of the file. */
    path: string;
    /** The folder argument that contained it; undefined when the file was named directly. */
    folder?: string;
}

export interface FindOptions {
    /** Relative paths are taken from here; process.cwd() by default. */
    cwd?: string;
    /**
     * Given, a path that cannot be used is passed here and left out, and the rest are still
     * found (the CLI names each one and checks the others); without it, the first one throws.
     */
    onProblem?: (problem: JobStdInputError) => void;
    /**
     * A file named directly must end in .jobstd, and a folder must not: what validate and export
     * need, since only .jobstd is parsed. findJobStdFiles alone lists a file of any extension.
     */
    jobstdOnly?: boolean;
}

export const NOT_JOBSTD = 'not a .jobstd file (give .jobstd files or folders)';

/**
 * The .jobstd files that `paths` stand for: a file as given (whatever its extension),
 * a folder searched recursively. Sorted, each file once, absolute paths.
 * Throws JobStdInputError for a path that does not exist or cannot be read.
 */
export async function findJobStdFiles(paths: string[], options: FindOptions = {}): Promise<string[]> {
    return (await collectInputs(paths, options)).map(input => input.path);
}

export async function collectInputs(paths: string[], options: FindOptions = {}): Promise<JobStdInput[]> {
    const cwd = path.resolve(options.cwd ?? process.cwd());
    const problem = problemHandler(options.onProblem);
    const inputs = new Map<string, JobStdInput>();
    for (const given of paths) {
        const absolute = path.resolve(cwd, given);
        const stat = await fs.stat(absolute).catch((error: NodeJS.ErrnoException) => {
            problem(new JobStdInputError(given, describeError(error)));
        });
        if (!stat) continue;
        if (stat.isDirectory()) {
            // Judged by the name as typed: "validate ." inside a folder named x.jobstd still works.
            if (options.jobstdOnly && given.endsWith(JOBSTD_EXTENSION)) {
                problem(new JobStdInputError(given, `is a folder, not a .jobstd file (give it as ${given}${path.sep} to check the files in it)`));
                continue;
            }
            const found: string[] = [];
            await searchFolder(absolute, given, found, true, options.onProblem);
            for (const file of found.sort(compareText)) {
                if (!inputs.has(file)) inputs.set(file, { path: file, folder: absolute });
            }
        } else if (stat.isFile()) {
            if (options.jobstdOnly && !absolute.endsWith(JOBSTD_EXTENSION)) {
                problem(new JobStdInputError(given, NOT_JOBSTD));
                continue;
            }
            // Opening proves the file can be read now rather than half-way through a build.
            const readable = await fs.access(absolute, constants.R_OK).then(() => true, (error: NodeJS.ErrnoException) => {
                problem(new JobStdInputError(given, describeError(error)));
                return false;
            });
            if (readable && !inputs.has(absolute)) inputs.set(absolute, { path: absolute });
        } else {
            problem(new JobStdInputError(given, 'not a file or folder'));
        }
    }
    return [...inputs.values()].sort((a, b) => compareText(a.path, b.path));
}

/** Throws the problem, or hands it to the caller's handler and carries on. */
export function problemHandler(onProblem?: (problem: JobStdInputError) => void): (problem: JobStdInputError) => void {
    return problem => {
        if (!onProblem) throw problem;
        onProblem(problem);
    };
}

/**
 * Every .jobstd file below `folder`. Symbolic links to folders are not followed (they can loop);
 * links to files are. With `strict`, an unreadable folder is an error; without, it is skipped
 * (used for the workspace files that are only loaded so that links resolve).
 */
export async function searchFolder(
    folder: string, shownAs: string, found: string[], strict: boolean, onProblem?: (problem: JobStdInputError) => void
): Promise<void> {
    const problem = problemHandler(onProblem);
    let entries;
    try {
        entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
        if (strict) problem(new JobStdInputError(shownAs, describeError(error as NodeJS.ErrnoException)));
        return;
    }
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        const shown = path.join(shownAs, entry.name);
        if (entry.isDirectory()) {
            if (!isSkippedFolder(entry.name)) await searchFolder(full, shown, found, strict, onProblem);
        } else if (entry.name.endsWith(JOBSTD_EXTENSION)) {
            if (entry.isFile()) {
                found.push(full);
            } else if (entry.isSymbolicLink()) {
                const target = await fs.stat(full).catch(() => undefined);
                if (target?.isFile()) found.push(full);
                else if (strict && !target) problem(new JobStdInputError(shown, 'broken symbolic link'));
            }
        }
    }
}

/** The deepest folder that contains every one of `files` (absolute paths). */
export function commonFolder(files: string[]): string {
    if (files.length === 0) return process.cwd();
    let common = path.dirname(files[0]);
    for (const file of files.slice(1)) {
        while (!isInside(common, file)) {
            const parent = path.dirname(common);
            if (parent === common) return common;
            common = parent;
        }
    }
    return common;
}

/** True when `candidate` is `folder` itself or lies below it (both absolute). */
export function isInside(folder: string, candidate: string): boolean {
    const relative = path.relative(folder, candidate);
    return relative === '' || (!relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative));
}

/** Code-point order, the same on every machine (localeCompare depends on the locale). */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

export function describeError(error: NodeJS.ErrnoException): string {
    switch (error.code) {
        case 'ENOENT': return 'no such file or folder';
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'ENOTDIR': return 'a part of the path is not a folder';
        case 'EISDIR': return 'is a folder, expected a file';
        case 'ELOOP': return 'too many symbolic links';
        case 'ENAMETOOLONG': return 'path too long';
        default: return error.message;
    }
}

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
}

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
    const inputs = new Map<string, JobStdInput>();
    for (const given of paths) {
        const absolute = path.resolve(cwd, given);
        const stat = await fs.stat(absolute).catch((error: NodeJS.ErrnoException) => {
            throw new JobStdInputError(given, describeError(error));
        });
        if (stat.isDirectory()) {
            const found: string[] = [];
            await searchFolder(absolute, given, found, true);
            for (const file of found.sort(compareText)) {
                if (!inputs.has(file)) inputs.set(file, { path: file, folder: absolute });
            }
        } else if (stat.isFile()) {
            // Opening proves the file can be read now rather than half-way through a build.
            await fs.access(absolute, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
                throw new JobStdInputError(given, describeError(error));
            });
            if (!inputs.has(absolute)) inputs.set(absolute, { path: absolute });
        } else {
            throw new JobStdInputError(given, 'not a file or folder');
        }
    }
    return [...inputs.values()].sort((a, b) => compareText(a.path, b.path));
}

/**
 * Every .jobstd file below `folder`. Symbolic links to folders are not followed (they can loop);
 * links to files are. With `strict`, an unreadable folder is an error; without, it is skipped
 * (used for the workspace files that are only loaded so that links resolve).
 */
export async function searchFolder(folder: string, shownAs: string, found: string[], strict: boolean): Promise<void> {
    let entries;
    try {
        entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
        if (strict) throw new JobStdInputError(shownAs, describeError(error as NodeJS.ErrnoException));
        return;
    }
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        const shown = path.join(shownAs, entry.name);
        if (entry.isDirectory()) {
            if (!isSkippedFolder(entry.name)) await searchFolder(full, shown, found, strict);
        } else if (entry.name.endsWith(JOBSTD_EXTENSION)) {
            if (entry.isFile()) {
                found.push(full);
            } else if (entry.isSymbolicLink()) {
                const target = await fs.stat(full).catch(() => undefined);
                if (target?.isFile()) found.push(full);
                else if (strict && !target) throw new JobStdInputError(shown, 'broken symbolic link');
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

import { mkdirSync, mkdtempSync, promises as fsPromises, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
    ImportError, importFiles, ImportFilesError, importOutputName, JobStdInputError, JobStdOutputError
} from '../src/node/index.js';

const CLERK = `Records Clerk

Job Family: Administration

DUTIES
1. Files the daily reports.
2. Answers the phone.
`;

let dir: string;

function put(relative: string, content: string | Uint8Array): string {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
}

/** Every file below `folder`, relative, sorted (temporary files included: none may be left). */
function listAll(folder = dir): string[] {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(entry => !entry.isDirectory())
        .map(entry => path.relative(folder, path.join(entry.parentPath, entry.name)))
        .sort();
}

async function failuresOf(promise: Promise<unknown>): Promise<Error[]> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFilesError);
    return (error as ImportFilesError).failures;
}

beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'jobstd-import-api-'));
});
afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
});

describe('importFiles', () => {
    it('writes NAME.jobstd beside each input by default, and reports what it recognised', async () => {
        put('old/clerk.txt', CLERK);
        const report = await importFiles(['old/clerk.txt'], { cwd: dir });
        expect(report.outDir).toBeUndefined();
        expect(report.files).toHaveLength(1);
        expect(report.files[0]).toMatchObject({
            source: 'old/clerk.txt',
            output: 'old/clerk.jobstd',
            path: path.join(dir, 'old/clerk.jobstd'),
            title: 'Records Clerk',
            format: 'text',
            summary: 'coverage 100%',
        });
        expect(listAll()).toEqual(['old/clerk.jobstd', 'old/clerk.txt']);
        expect(readFileSync(path.join(dir, 'old/clerk.jobstd'), 'utf8')).toContain('job "Records Clerk" {');
    });

    it('writes into out, created when missing, and nowhere else', async () => {
        put('a/clerk.txt', CLERK);
        put('b/porter.md', '# Porter\n\n## Duties\n\n- Carries bags\n');
        const report = await importFiles(['a/clerk.txt', 'b/porter.md'], { cwd: dir, out: 'build/jobs' });
        expect(report.outDir).toBe(path.join(dir, 'build/jobs'));
        expect(report.files.map(file => file.output)).toEqual(['build/jobs/clerk.jobstd', 'build/jobs/porter.jobstd']);
        expect(listAll()).toEqual(['a/clerk.txt', 'b/porter.md', 'build/jobs/clerk.jobstd', 'build/jobs/porter.jobstd']);
    });

    it('shows paths given as absolute as absolute', async () => {
        const input = put('clerk.txt', CLERK);
        const report = await importFiles([input], { cwd: os.tmpdir(), out: path.join(dir, 'out') });
        expect(report.files[0].source).toBe(input);
        expect(report.files[0].output).toBe(path.join(dir, 'out/clerk.jobstd'));
    });

    it('names the output after the input, whatever its extension', () => {
        expect(importOutputName('/x/Cashier 2012.docx')).toBe('Cashier 2012.jobstd');
        expect(importOutputName('notes.v2.md')).toBe('notes.v2.jobstd');
    });

    it('is all or nothing: one bad input, and nothing is written, not even the out folder', async () => {
        put('clerk.txt', CLERK);
        put('empty.txt', '');
        const failures = await failuresOf(importFiles(['clerk.txt', 'empty.txt'], { cwd: dir, out: 'out' }));
        expect(failures).toHaveLength(1);
        expect(failures[0]).toBeInstanceOf(ImportError);
        expect(failures[0]).toMatchObject({ source: 'empty.txt', reason: 'empty' });
        expect(failures[0].message).toMatch(/^empty\.txt: /);
        expect(listAll()).toEqual(['clerk.txt', 'empty.txt']);
    });

    it('lists every bad input, in the order given, each with its reason', async () => {
        put('empty.md', '  \n');
        put('binary.txt', Buffer.from([0x4a, 0x6f, 0x00, 0x01, 0x02, 0xff, 0x00]));
        put('scan.pdf', '%PDF-1.4');
        put('letter.docx', 'plain text');
        put('big.txt', 'x'.repeat(2000));
        mkdirSync(path.join(dir, 'folder.txt'));
        const failures = await failuresOf(importFiles(['empty.md', 'binary.txt', 'scan.pdf', 'letter.docx', 'big.txt', 'missing.txt', 'folder.txt'],
            { cwd: dir, out: 'out', maxBytes: 1000 }));
        expect(failures.map(f => f instanceof ImportError ? f.reason : f.constructor.name)).toEqual([
            'empty', 'binary', 'unsupported', 'not-docx', 'too-large', 'JobStdInputError', 'JobStdInputError',
        ]);
        expect(failures.map(f => f.message.split(':')[0])).toEqual([
            'empty.md', 'binary.txt', 'scan.pdf', 'letter.docx', 'big.txt', 'missing.txt', 'folder.txt',
        ]);
        expect(failures[5]).toBeInstanceOf(JobStdInputError);
        expect(listAll().some(file => file.startsWith('out'))).toBe(false);
    });

    it('does not replace an existing .jobstd without force', async () => {
        put('clerk.txt', CLERK);
        put('porter.txt', 'Porter\n\nCarries the bags of the guests.\n');
        const edited = put('out/clerk.jobstd', '// edited by hand\n');
        const failures = await failuresOf(importFiles(['clerk.txt', 'porter.txt'], { cwd: dir, out: 'out' }));
        expect(failures).toHaveLength(1);
        expect(failures[0]).toBeInstanceOf(JobStdOutputError);
        expect(failures[0].message).toMatch(/^out\/clerk\.jobstd: already exists/);
        expect(readFileSync(edited, 'utf8')).toBe('// edited by hand\n');
        expect(listAll(path.join(dir, 'out'))).toEqual(['clerk.jobstd']);

        await importFiles(['clerk.txt', 'porter.txt'], { cwd: dir, out: 'out', force: true });
        expect(readFileSync(edited, 'utf8')).toContain('Files the daily reports.');
        expect(listAll(path.join(dir, 'out'))).toEqual(['clerk.jobstd', 'porter.jobstd']);
    });

    it('refuses two inputs that would write the same file', async () => {
        put('a/clerk.txt', CLERK);
        put('b/clerk.txt', CLERK);
        const failures = await failuresOf(importFiles(['a/clerk.txt', 'b/clerk.txt'], { cwd: dir, out: 'out' }));
        expect(failures.map(f => f.message)).toEqual([
            'out/clerk.jobstd: both a/clerk.txt and b/clerk.txt would be imported to this file; import them to different folders or rename one',
        ]);
        // Without out they go beside their inputs, in different folders: no clash.
        await importFiles(['a/clerk.txt', 'b/clerk.txt'], { cwd: dir });
        expect(listAll()).toEqual(['a/clerk.jobstd', 'a/clerk.txt', 'b/clerk.jobstd', 'b/clerk.txt']);
    });

    it('imports a file named twice once', async () => {
        put('clerk.txt', CLERK);
        const report = await importFiles(['clerk.txt', './clerk.txt'], { cwd: dir, out: 'out' });
        expect(report.files).toHaveLength(1);
    });

    it('refuses an out that is a file', async () => {
        put('clerk.txt', CLERK);
        put('out', 'a file');
        const failures = await failuresOf(importFiles(['clerk.txt'], { cwd: dir, out: 'out' }));
        expect(failures.map(f => f.message)).toEqual(['out: is not a folder']);
    });

    it('leaves nothing behind when a write fails part-way: no output, no temporary file', async () => {
        put('a.txt', CLERK);
        put('b.txt', CLERK);
        const open = fsPromises.open.bind(fsPromises);
        let temporaries = 0;
        vi.spyOn(fsPromises, 'open').mockImplementation(async (file, ...rest) => {
            // The second output staged (the staging folder is .jobstd-import-…/ inside out).
            if (/\.jobstd-import-[^/\\]+[/\\]\d+\.jobstd$/.test(String(file)) && ++temporaries === 2) {
                throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
            }
            return open(file, ...rest);
        });
        await expect(importFiles(['a.txt', 'b.txt'], { cwd: dir, out: 'out' }))
            .rejects.toThrow(new JobStdOutputError('out/b.jobstd', 'cannot write: no space left on device'));
        expect(temporaries).toBe(2);
        expect(listAll()).toEqual(['a.txt', 'b.txt']);
    });

    it('takes back the files it created when a rename fails part-way', async () => {
        put('a.txt', CLERK);
        put('b.txt', CLERK);
        const rename = fsPromises.rename.bind(fsPromises);
        let renames = 0;
        vi.spyOn(fsPromises, 'rename').mockImplementation(async (from, to) => {
            if (++renames === 2) throw Object.assign(new Error('input/output error'), { code: 'EIO' });
            return rename(from, to);
        });
        await expect(importFiles(['a.txt', 'b.txt'], { cwd: dir, out: 'out' })).rejects.toBeInstanceOf(JobStdOutputError);
        expect(renames).toBe(2);
        expect(listAll()).toEqual(['a.txt', 'b.txt']);
    });

    it('writes each file whole: the text is on disk before it takes the output\'s name', async () => {
        put('clerk.txt', CLERK);
        const rename = fsPromises.rename.bind(fsPromises);
        const seen: string[] = [];
        vi.spyOn(fsPromises, 'rename').mockImplementation(async (from, to) => {
            if (String(to).endsWith('clerk.jobstd')) seen.push(readFileSync(from, 'utf8'));
            return rename(from, to);
        });
        await importFiles(['clerk.txt'], { cwd: dir, out: 'out' });
        expect(seen).toEqual([readFileSync(path.join(dir, 'out/clerk.jobstd'), 'utf8')]);
        // Staged in a hidden folder inside out, committed by its manifest, then renamed into place.
        const renames = vi.mocked(fsPromises.rename).mock.calls.map(([from, to]) => [path.relative(dir, String(from)), path.relative(dir, String(to))]);
        expect(renames).toEqual([
            [expect.stringMatching(/^out\/\.jobstd-import-\d+-[0-9a-f]+\/manifest\.json\.tmp$/), expect.stringMatching(/manifest\.json$/)],
            [expect.stringMatching(/^out\/\.jobstd-import-\d+-[0-9a-f]+\/0\.jobstd$/), 'out/clerk.jobstd'],
        ]);
        expect(listAll()).toEqual(['clerk.txt', 'out/clerk.jobstd']);
    });
});

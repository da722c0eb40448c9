import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportFiles, JobStdInputError, validate } from '../src/node/index.js';

const CLEAN = 'job "Records Clerk" {\n  summary "Keeps the records in order."\n}\n';

let root: string;

function put(relative: string, content: string | Buffer): void {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
}

beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'jobstd-inputs-'));
});
afterEach(() => {
    rmSync(root, { recursive: true, force: true });
});

describe('inputs that cannot be read as job standards', () => {
    it('go to onProblem, named as given, and the other files are still validated', async () => {
        put('clerk.jobstd', CLEAN);
        put('notes.txt', CLEAN);
        put('latin1.jobstd', Buffer.from('job "Caf\xe9" {}\n', 'latin1'));
        const problems: JobStdInputError[] = [];
        const result = await validate(['notes.txt', 'clerk.jobstd', 'gone.jobstd', 'latin1.jobstd'], {
            cwd: root, onProblem: problem => problems.push(problem),
        });
        expect(result.files).toEqual(['clerk.jobstd']);
        expect(problems.map(p => [p.path, p.reason])).toEqual([
            ['notes.txt', 'not a .jobstd file (give .jobstd files or folders)'],
            ['gone.jobstd', 'no such file or folder'],
            ['latin1.jobstd', 'not UTF-8 text (save it as plain text in UTF-8)'],
        ]);
    });

    it('still throw without onProblem, the first one stopping the call', async () => {
        put('latin1.jobstd', Buffer.from('job "Caf\xe9" {}\n', 'latin1'));
        const error: unknown = await validate(['latin1.jobstd'], { cwd: root }).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(JobStdInputError);
        expect((error as JobStdInputError).message).toBe('latin1.jobstd: not UTF-8 text (save it as plain text in UTF-8)');
        // Only .jobstd is parsed, so another file is refused before it can fail inside the parser.
        put('draft.txt', CLEAN);
        await expect(validate(['draft.txt'], { cwd: root })).rejects.toThrow(new JobStdInputError('draft.txt', 'not a .jobstd file (give .jobstd files or folders)'));
    });

    it('are left out of an export, which writes the rest', async () => {
        put('jobs/clerk.jobstd', CLEAN);
        put('jobs/latin1.jobstd', Buffer.from('job "Caf\xe9" {}\n', 'latin1'));
        const problems: string[] = [];
        const report = await exportFiles(['jobs'], {
            cwd: root, format: 'json', outDir: 'out', onProblem: problem => problems.push(problem.message),
        });
        expect(report.written.map(w => w.output)).toEqual([path.join('out', 'clerk.json')]);
        expect(problems).toEqual([`${path.join('jobs', 'latin1.jobstd')}: not UTF-8 text (save it as plain text in UTF-8)`]);
    });
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/jobstd.js', import.meta.url));
let dir: string;

beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'jobstd-import-safety-'));
});
afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
});

function jobstd(...args: string[]) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every entry below `folder` (hidden ones too), relative, sorted. */
function listAll(folder: string): string[] {
    if (!existsSync(folder)) return [];
    return readdirSync(folder, { recursive: true }).map(String).sort();
}

describe('jobstd import: coverage below 100% fails the command', () => {
    it('writes the file, names the missing sentences and exits 1', () => {
        // The header row's labels have no column of their own in the row below: a sentence the importer loses.
        writeFileSync(path.join(dir, 'lossy.html'), '<h1>Clerk</h1><table><tr><td>Duty</td><td>Time</td></tr>'
            + '<tr><td>Files reports daily.</td><td>Answers phones.</td><td>Greets.</td></tr></table>');
        const run = jobstd('import', 'lossy.html', '--out', 'out');
        expect(run.status).toBe(1);
        expect(existsSync(path.join(dir, 'out/lossy.jobstd'))).toBe(true);
        expect(run.stderr).toMatch(/jobstd: error: lossy\.html: coverage 80\.0%: 1 sentence of the input is not in out\/lossy\.jobstd; check by hand:\n {2}Duty\\tTime\n/);
        expect(run.stderr).toMatch(/1 file of 1 lacks sentences of the input \(out\/lossy\.jobstd\); written/);
    });

    it('exits 0 when every sentence is kept', () => {
        writeFileSync(path.join(dir, 'clerk.txt'), 'Records Clerk\n\nDUTIES\n1. Files the daily reports.\n');
        expect(jobstd('import', 'clerk.txt', '--out', 'out').status).toBe(0);
    });
});

describe('jobstd import: a batch killed midway is finished or undone by the next import', () => {
    const COUNT = 40;
    const inputs = () => Array.from({ length: COUNT }, (_, i) => {
        const name = `job-${String(i).padStart(2, '0')}.txt`;
        writeFileSync(path.join(dir, name), `Clerk ${i}\n\nDUTIES\n1. Files report number ${i}.\n`);
        return name;
    });
    const expected = (names: string[]) => names.map(name => name.replace(/\.txt$/, '.jobstd'));

    /** Runs the import with a pause after each step of writing, and kills it (SIGKILL) once `step` has been reported `times` times. */
    function importKilled(names: string[], step: string, times: number): Promise<void> {
        return new Promise((resolve, reject) => {
            const child = spawn(process.execPath, [BIN, 'import', ...names, '--out', 'out'], {
                cwd: dir, env: { ...process.env, JOBSTD_TEST_IMPORT_PAUSE: '40' }, stdio: ['ignore', 'ignore', 'pipe'],
            });
            let seen = 0;
            let stderr = '';
            child.stderr.setEncoding('utf8');
            child.stderr.on('data', (data: string) => {
                stderr += data;
                seen += data.split('\n').filter(line => line === `jobstd-test: ${step}`).length;
                if (seen >= times) child.kill('SIGKILL');
            });
            child.on('exit', (_code, signal) => signal === 'SIGKILL' ? resolve() : reject(new Error(`not killed: ${stderr}`)));
        });
    }

    it.each([
        ['while staging, after 1 file', 'staged', 1, 'untouched'],
        ['while staging, after 25 files', 'staged', 25, 'untouched'],
        ['once committed, before any rename', 'committed', 1, 'complete'],
        ['after 1 rename', 'renamed', 1, 'complete'],
        ['after 20 renames', 'renamed', 20, 'complete'],
        ['after 39 renames', 'renamed', 39, 'complete'],
    ])('killed %s (at "%s" × %i): the folder ends %s, with nothing left behind', async (_, step, times, outcome) => {
        const names = inputs();
        await importKilled(names, step, times);
        const left = listAll(path.join(dir, 'out'));
        expect(left.some(entry => entry.startsWith('.jobstd-import-'))).toBe(true);

        // Any later import into the folder finishes or undoes the interrupted one first, and says so.
        writeFileSync(path.join(dir, 'other.txt'), 'Other Clerk\n\nFiles the other reports.\n');
        const next = jobstd('import', 'other.txt', '--out', 'out');
        expect(next.status).toBe(0);
        const after = listAll(path.join(dir, 'out'));
        if (outcome === 'untouched') {
            expect(next.stderr).toMatch(/jobstd: note: removed an import that was interrupted before it was complete \(\d+ of its files staged, none written to out\)/);
            expect(after).toEqual(['other.jobstd']);
            // And the batch, run again, is written whole.
            expect(jobstd('import', ...names, '--out', 'out').status).toBe(0);
            expect(listAll(path.join(dir, 'out'))).toEqual([...expected(names), 'other.jobstd'].sort());
        } else {
            expect(next.stderr).toMatch(new RegExp(`jobstd: note: finished an import that was interrupted while moving its files into place: \\d+ of its ${COUNT} files moved into out now`));
            expect(after).toEqual([...expected(names), 'other.jobstd'].sort());
            for (const [i, name] of expected(names).entries()) expect(readFileSync(path.join(dir, 'out', name), 'utf8')).toContain(`Files report number ${i}.`);
        }
    });

    it('removes temporary files an older import left', () => {
        mkdirSync(path.join(dir, 'out'));
        // A pid no process has (above the kernel's largest).
        writeFileSync(path.join(dir, 'out/.a.jobstd.99999999.0a1b2c3d4e5f.tmp'), 'partial');
        writeFileSync(path.join(dir, 'clerk.txt'), 'Records Clerk\n\nFiles the reports.\n');
        const run = jobstd('import', 'clerk.txt', '--out', 'out');
        expect(run.status).toBe(0);
        expect(run.stderr).toContain('jobstd: note: removed out/.a.jobstd.99999999.0a1b2c3d4e5f.tmp, a temporary file an interrupted import left');
        expect(listAll(path.join(dir, 'out'))).toEqual(['clerk.jobstd']);
    });
});

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/jobstd.js', import.meta.url));
const FAKE_CLOCK = fileURLToPath(new URL('./fake-clock.mjs', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));
const FORMATS = ['json', 'html', 'jsonld', 'docx'] as const;

let dir: string;
beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'jobstd-reproducible-'));
});
afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
});

/** The CLI as a machine with its clock at `now`, in time zone `zone`, runs it. */
function jobstdAt(now: string, zone: string, args: string[], env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, ['--import', pathToFileURL(FAKE_CLOCK).href, BIN, ...args], {
        cwd: dir, encoding: 'utf8', env: { ...process.env, FAKE_NOW: now, TZ: zone, ...env },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file below a folder, by its path there, as bytes. */
function filesOf(folder: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.set(path.relative(folder, path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name)));
    }
    return files;
}

describe('the same source gives the same bytes on any day', () => {
    it('exports every example in every format to identical files on two days in two time zones', () => {
        cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true });
        const runs = [['2031-03-09T23:30:00Z', 'Pacific/Kiritimati'], ['2034-11-20T04:15:00Z', 'America/Los_Angeles']] as const;
        const outputs = runs.map(([now, zone], run) => {
            for (const format of FORMATS) {
                const exported = jobstdAt(now, zone, ['export', 'examples', '--format', format, '--out', `out${run}/${format}`]);
                expect(exported.stderr).toBe('');
                expect(exported.status).toBe(0);
            }
            return filesOf(path.join(dir, `out${run}`));
        });
        // Four formats of nine examples, and the HTML index.
        expect(outputs[0].size).toBe(4 * readdirSync(EXAMPLES).filter(f => f.endsWith('.jobstd')).length + 1);
        expect([...outputs[1].keys()].sort()).toEqual([...outputs[0].keys()].sort());
        for (const [name, bytes] of outputs[0]) expect(bytes.equals(outputs[1].get(name)!), name).toBe(true);
    });

    const REVIEW = 'job "Teller" {\n  next review 2027-06-30\n  "Balances the drawer."\n}\n';

    it('compares a review date with --as-of, or SOURCE_DATE_EPOCH, instead of the clock', () => {
        writeFileSync(path.join(dir, 'teller.jobstd'), REVIEW);
        const overdue = 'teller.jobstd:2:15 warning Review overdue: the next review was due on 2027-06-30. [review-overdue]';
        // The clock says 2031: overdue. --as-of and SOURCE_DATE_EPOCH both say a day before it.
        expect(jobstdAt('2031-01-01T00:00:00Z', 'UTC', ['validate', 'teller.jobstd']).stdout).toContain(overdue);
        expect(jobstdAt('2031-01-01T00:00:00Z', 'UTC', ['validate', 'teller.jobstd', '--as-of', '2027-06-01']).stdout).toBe('No findings in 1 file\n');
        const epoch = String(Date.UTC(2027, 5, 1) / 1000);
        expect(jobstdAt('2031-01-01T00:00:00Z', 'UTC', ['validate', 'teller.jobstd'], { SOURCE_DATE_EPOCH: epoch }).stdout).toBe('No findings in 1 file\n');
        // --as-of wins over SOURCE_DATE_EPOCH.
        expect(jobstdAt('2026-01-01T00:00:00Z', 'UTC', ['validate', 'teller.jobstd', '--as-of', '2028-01-01'], { SOURCE_DATE_EPOCH: epoch }).stdout).toContain(overdue);
    });

    it('refuses a day it cannot read, saying what it expects, and exits 2', () => {
        writeFileSync(path.join(dir, 'teller.jobstd'), REVIEW);
        const badDay = jobstdAt('2031-01-01T00:00:00Z', 'UTC', ['validate', 'teller.jobstd', '--as-of', '2027-02-30']);
        expect(badDay.status).toBe(2);
        expect(badDay.stderr).toContain('Expected a calendar date as YYYY-MM-DD, such as 2026-12-01.');
        const badEpoch = jobstdAt('2031-01-01T00:00:00Z', 'UTC', ['export', 'teller.jobstd', '--format', 'json', '--out', 'out'], { SOURCE_DATE_EPOCH: 'yesterday' });
        expect(badEpoch.status).toBe(2);
        expect(badEpoch.stderr).toBe("jobstd: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not 'yesterday'\n");
    });

    it('puts the findings in a reviewers\' appendix only with --findings appendix', () => {
        writeFileSync(path.join(dir, 'teller.jobstd'), REVIEW);
        const args = ['export', 'teller.jobstd', '--format', 'html', '--as-of', '2030-01-01'];
        expect(jobstdAt('2031-01-01T00:00:00Z', 'UTC', [...args, '--out', 'plain']).status).toBe(0);
        expect(readFileSync(path.join(dir, 'plain/teller.html'), 'utf8')).not.toContain('review-overdue');
        expect(jobstdAt('2031-01-01T00:00:00Z', 'UTC', [...args, '--out', 'review', '--findings', 'appendix']).status).toBe(0);
        expect(readFileSync(path.join(dir, 'review/teller.html'), 'utf8')).toContain('review-overdue');
        const json = jobstdAt('2031-01-01T00:00:00Z', 'UTC', ['export', 'teller.jobstd', '--format', 'json', '--out', 'j', '--findings', 'appendix']);
        expect(json.status).toBe(2);
        expect(json.stderr).toBe('jobstd: --findings applies to --format html and docx only: json always carries its findings\n');
    });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * `jobstd export --format html` and its index.html, run as a user runs it: a process in a
 * folder of .jobstd files, read through its output, its exit code and the files it leaves.
 */

const BIN = fileURLToPath(new URL('../bin/jobstd.js', import.meta.url));

const OFFICE_CLERK = `job "Records Clerk" {
  family "Office"
  summary "Keeps the records in order."
}
`;
// One warning, at line 4, column 15: the placeholder "xx".
const RETAIL_CLERK = `job "Records Clerk" {
  family "Retail"
  section "Duties" {
    "Balances xx drawers a day"
  }
}
`;
// One error: a competency that does not exist.
const BROKEN_CLERK = `job "Records Clerk" {
  section "Competencies" {
    uses Nothing
  }
}
`;

let dir: string;

function put(relative: string, text: string): void {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
}

function jobstd(...args: string[]): { status: number | null; stderr: string; lines: string[] } {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
    return { status: result.status, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean) };
}

const index = () => readFileSync(path.join(dir, 'site/index.html'), 'utf8');

beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'jobstd-cli-index-'));
});
afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
});

describe('jobstd export --format html: the index', () => {
    it('tells two documents of one title apart, leaves out empty columns and links a count to its findings', () => {
        put('jobs/office/clerk.jobstd', OFFICE_CLERK);
        put('jobs/retail/clerk.jobstd', RETAIL_CLERK);
        const run = jobstd('export', 'jobs', '--format', 'html', '--out', 'site');
        expect(run.status).toBe(0);
        expect(run.lines).toContain('Index of the exported documents: site/index.html');
        const html = index();
        expect(html).toContain('<a href="office/clerk.html">Records Clerk <span class="variant">(job family Office)</span></a>');
        expect(html).toContain('<a href="retail/clerk.html">Records Clerk <span class="variant">(job family Retail)</span></a>');
        // No document has a code or a level.
        expect(html).not.toContain('<th scope="col">Code</th>');
        expect(html).not.toContain('<th scope="col">Level</th>');
        expect(html).toContain('<a href="#findings-jobs-retail-clerk">1 warning</a>');
        expect(html).toContain('<section class="document-findings" id="findings-jobs-retail-clerk">');
        expect(html).toContain('<td class="num">4:15</td><td>warning</td><td><code>placeholder</code></td>');
    });

    it('keeps the last index when every document is refused, says so, and exits 1', () => {
        put('clerk.jobstd', OFFICE_CLERK);
        expect(jobstd('export', 'clerk.jobstd', '--format', 'html', '--out', 'site').status).toBe(0);
        const before = index();
        put('clerk.jobstd', BROKEN_CLERK);
        const run = jobstd('export', 'clerk.jobstd', '--format', 'html', '--out', 'site');
        expect(run.status).toBe(1);
        expect(run.lines.slice(-2)).toEqual([
            'No index written: no document was exported, so site/index.html is left as it was',
            'Exported 0 documents of 1 to site as HTML; 1 document not exported because of errors',
        ]);
        expect(run.lines).not.toContain('Index of the exported documents: site/index.html');
        expect(index()).toBe(before);
        expect(before).toContain('href="clerk.html"');
        expect(run.stderr).toBe('');
    });

    it('writes no index into a new folder when every document is refused, and says so', () => {
        put('clerk.jobstd', BROKEN_CLERK);
        const run = jobstd('export', 'clerk.jobstd', '--format', 'html', '--out', 'site');
        expect(run.status).toBe(1);
        expect(run.lines.slice(-2)).toEqual([
            'No index written: no document was exported',
            'Exported 0 documents of 1 to site as HTML; 1 document not exported because of errors',
        ]);
        expect(existsSync(path.join(dir, 'site/index.html'))).toBe(false);
    });

    it('writes the index when the refused documents are exported with --force, exiting 0', () => {
        put('clerk.jobstd', BROKEN_CLERK);
        const run = jobstd('export', 'clerk.jobstd', '--format', 'html', '--out', 'site', '--force');
        expect(run.status).toBe(0);
        expect(run.lines).toContain('Index of the exported documents: site/index.html');
        expect(index()).toContain('<a href="#findings-clerk">1 error</a>');
    });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asUser, unreadablePathsTestable, unreadableTitle } from './as-another-user.js';

const BIN = fileURLToPath(new URL('../bin/jobstd.js', import.meta.url));

const CLEAN = `job "Records Clerk" {
  summary "Keeps the records in order."
}
`;
// One warning, line 2, column 11.
const EMPTY_SECTION = `job "Teller" {
  section "Empty" {}
}
`;

let dir: string;

function put(relative: string, content: string | Buffer): string {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
}

function runAs(command: string[]) {
    const result = spawnSync(command[0], command.slice(1), { cwd: dir, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jobstd(...args: string[]) {
    return runAs([process.execPath, BIN, ...args]);
}

const UNREADABLE_TESTABLE = unreadablePathsTestable(BIN);

/** Nothing a terminal acts on: no C0 control but the line feeds that end lines, no DEL, no C1. */
function expectPrintable(text: string): void {
    expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
}

beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'jobstd-inputs-'));
});
afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
});

describe('paths the CLI cannot read as job standards', () => {
    it('are named one a line, the other files are still checked, and the exit code is 2', () => {
        put('teller.jobstd', EMPTY_SECTION);
        put('notes.txt', 'Meeting notes, not a job standard');
        mkdirSync(path.join(dir, 'folder.jobstd'));
        // "\xff\xfe" starts no UTF-8 character: a file saved as UTF-16, say.
        put('utf16.jobstd', Buffer.from('\xff\xfej\x00o\x00b\x00', 'latin1'));
        put('binary.jobstd', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
        const run = jobstd('validate', 'notes.txt', 'teller.jobstd', 'missing.jobstd', 'folder.jobstd', 'utf16.jobstd', 'binary.jobstd');
        expect(run.status).toBe(2);
        expect(run.stderr.split('\n').filter(Boolean).sort()).toEqual([
            'jobstd: binary.jobstd: not UTF-8 text (save it as plain text in UTF-8)',
            `jobstd: folder.jobstd: is a folder, not a .jobstd file (give it as folder.jobstd${path.sep} to check the files in it)`,
            'jobstd: missing.jobstd: no such file or folder',
            'jobstd: notes.txt: not a .jobstd file (give .jobstd files or folders)',
            'jobstd: utf16.jobstd: not UTF-8 text (save it as plain text in UTF-8)',
        ]);
        expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
        expect(run.stdout).toBe([
            "teller.jobstd:2:11 warning Section 'Empty' is empty. [empty-section]",
            '0 errors, 1 warning in 1 file; 5 paths could not be read',
            '',
        ].join('\n'));
    });

    it('are reported for JSON output on stderr, and stdout stays one JSON array of the rest', () => {
        put('teller.jobstd', EMPTY_SECTION);
        const run = jobstd('validate', 'teller.jobstd', 'notes.txt', '--format', 'json');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: notes.txt: no such file or folder\n');
        expect((JSON.parse(run.stdout) as Array<{ file: string; code: string }>).map(f => `${f.file} ${f.code}`)).toEqual(['teller.jobstd empty-section']);
    });

    it('alone give only their lines and exit 2', () => {
        put('notes.txt', CLEAN);
        const run = jobstd('validate', 'notes.txt');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: notes.txt: not a .jobstd file (give .jobstd files or folders)\n');
        expect(run.stdout).toBe('');
    });

    it('do not stop an export: the readable documents are written, the others named', () => {
        put('jobs/clerk.jobstd', CLEAN);
        put('jobs/broken.jobstd', Buffer.from([0xc3, 0x28, 0x0a]));
        put('notes.txt', CLEAN);
        const run = jobstd('export', 'jobs', 'notes.txt', '--format', 'json', '--out', 'out');
        expect(run.status).toBe(2);
        expect(run.stderr.split('\n').filter(Boolean).sort()).toEqual([
            'jobstd: jobs/broken.jobstd: not UTF-8 text (save it as plain text in UTF-8)',
            'jobstd: notes.txt: not a .jobstd file (give .jobstd files or folders)',
        ]);
        expect(run.stdout).toBe([
            `${path.join('jobs', 'clerk.jobstd')} -> ${path.join('out', 'clerk.json')}`,
            'Exported 1 document of 1 to out as JSON; 2 paths could not be read',
            '',
        ].join('\n'));
        expect(readdirSync(path.join(dir, 'out'))).toEqual(['clerk.json']);
    });

    it.skipIf(!UNREADABLE_TESTABLE)(unreadableTitle('skip a folder inside a given folder that cannot be entered, and check the rest', UNREADABLE_TESTABLE), () => {
        put('jobs/clerk.jobstd', CLEAN);
        put('jobs/locked/teller.jobstd', EMPTY_SECTION);
        chmodSync(dir, 0o755);
        chmodSync(path.join(dir, 'jobs'), 0o755);
        chmodSync(path.join(dir, 'jobs/locked'), 0o000);
        try {
            const run = runAs(asUser(BIN, ['validate', 'jobs']));
            expect(run.status).toBe(2);
            expect(run.stderr).toBe(`jobstd: ${path.join('jobs', 'locked')}: permission denied\n`);
            expect(run.stdout).toBe('No findings in 1 file; 1 path could not be read\n');
        } finally {
            chmodSync(path.join(dir, 'jobs/locked'), 0o755);
        }
    });
});

describe('what the CLI prints', () => {
    // A name that, printed raw, turns the terminal red and returns to the start of the line.
    const EVIL = 'evil\x1b[31m\r.jobstd';
    // A statement that, printed raw, would start a new line forging a clean finding.
    const FORGED = 'job "Cashier" {\n  section "Till\x1b[2K\rok.jobstd:1:1 info all good [x]\x07" {}\n}\n';

    it.skipIf(process.platform === 'win32')('escapes control characters in file names and quoted text, one finding a line', () => {
        put(EVIL, FORGED);
        const run = jobstd('validate', EVIL);
        expect(run.status).toBe(0);
        expectPrintable(run.stdout);
        expect(run.stdout).toBe([
            // The title's carriage return is white space to the language, so it reads as a space.
            "evil\\x1b[31m\\r.jobstd:2:11 warning Section 'Till\\x1b[2K ok.jobstd:1:1 info all good [x]\\x07' is empty. [empty-section]",
            '0 errors, 1 warning in 1 file',
            '',
        ].join('\n'));
    });

    it.skipIf(process.platform === 'win32')('escapes them in export lines, error lines and import lines', () => {
        put(EVIL, FORGED);
        const exported = jobstd('export', EVIL, '--format', 'json', '--out', 'out');
        expect(exported.status).toBe(0);
        expectPrintable(exported.stdout);
        expect(exported.stdout.split('\n')[0]).toBe(`evil\\x1b[31m\\r.jobstd -> ${path.join('out', 'evil\\x1b[31m\\r.json')}`);

        const missing = jobstd('validate', 'gone\n\x1b[1Amissing.jobstd', EVIL);
        expect(missing.status).toBe(2);
        expect(missing.stderr).toBe('jobstd: gone\\n\\x1b[1Amissing.jobstd: no such file or folder\n');

        put('old/clerk\x1b]0;title\x07.txt', 'Records Clerk\n\nDuties\n\nFiles the daily reports.\n');
        const imported = jobstd('import', 'old/clerk\x1b]0;title\x07.txt', '--out', 'jobs');
        expect(imported.status).toBe(0);
        expectPrintable(imported.stdout);
        expect(imported.stdout).toMatch(/^imported old\/clerk\\x1b\]0;title\\x07\.txt → jobs\/clerk\\x1b\]0;title\\x07\.jobstd: /);
    });

    it('escapes them in commander\'s own errors and writes bidirectional overrides out', () => {
        const misused = jobstd('validate', '--format', 'text\x1b[2J');
        expect(misused.status).toBe(2);
        expect(misused.stderr).toMatch(/^jobstd: option '-f, --format <format>' argument 'text\\x1b\[2J' is invalid\./);
        expect(misused.stderr.split('\n')).toHaveLength(2);
        // U+202E shows the rest of a line reversed: "[ok]" could be made to read as another code.
        put('teller.jobstd', 'job "Teller" {\n  section "Till\u202e]ko[" {}\n}\n');
        const run = jobstd('validate', 'teller.jobstd');
        expect(run.stdout.split('\n')[0]).toBe("teller.jobstd:2:11 warning Section 'Till\\u202e]ko[' is empty. [empty-section]");
    });

    it('keeps JSON and SARIF parseable with DEL and C1 characters written as \\u escapes', () => {
        put('teller.jobstd', 'job "Teller" {\n  section "Till\u009b31m\u007f" {}\n}\n');
        for (const format of ['json', 'sarif']) {
            const run = jobstd('validate', 'teller.jobstd', '--format', format);
            expect(run.status).toBe(0);
            expectPrintable(run.stdout);
            expect(run.stdout).toContain('Till\\u009b31m\\u007f');
            expect(JSON.stringify(JSON.parse(run.stdout))).toContain("Section 'Till\u009b31m\u007f' is empty.");
        }
    });

    it('refuses a configured pattern RE2 cannot run with one line and exit 2', () => {
        put('teller.jobstd', EMPTY_SECTION);
        put('jobstd.config.json', JSON.stringify({ placeholders: { patterns: ['\\bTBD\\b', '(?<=\\$)\\d+'] } }));
        const run = jobstd('validate', 'teller.jobstd');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: jobstd.config.json: placeholder pattern "(?<=\\\\$)\\\\d+" uses a look-behind, '
            + 'which jobstd does not support in configured patterns; rewrite it without one\n');
        expect(run.stdout).toBe('');
    });

    it('checks a long statement against a pattern that backtracks forever in JavaScript', () => {
        // In a JavaScript RegExp, "(a+)+$" against 3,000 a's and a "!" would not finish in a lifetime.
        put('teller.jobstd', `job "Teller" {\n  summary "${'a'.repeat(3000)}!"\n}\n`);
        put('jobstd.config.json', JSON.stringify({ placeholders: { patterns: ['(a+)+$', '\\bTBD\\b'] } }));
        const run = jobstd('validate', 'teller.jobstd');
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('No findings in 1 file\n');
    });
});

import { spawnSync } from 'node:child_process';
import {
    chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FindingJson } from 'jobstd-language/node';
import { asUser, unreadablePathsTestable, unreadableTitle } from './as-another-user.js';

const BIN = fileURLToPath(new URL('../bin/jobstd.js', import.meta.url));
const CLI_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The part of a SARIF log these tests read. */
interface SarifLog {
    version: string;
    $schema: string;
    runs: Array<{
        tool: { driver: { name: string; version: string; rules: SarifRule[] } };
        results: unknown[];
    }>;
}
interface SarifRule {
    id: string;
    shortDescription: { text: string };
    defaultConfiguration: { level: string };
}

const CLEAN = `job "Records Clerk" {
  summary "Keeps the records in order."
  section "Duties" {
    "Files the daily reports"
  }
}
`;
// Line 3, column 10: the name after "uses".
const BROKEN = `job "Cashier" {
  section "Competencies" {
    uses Nothing
  }
}
`;
// Two warnings: a placeholder and an empty section.
const WARNINGS = `job "Teller" {
  section "Duties" {
    "Balances xx drawers a day"
  }
  section "Empty" {}
}
`;
const LIBRARY = `library CTK "Competency Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5 { 5 "Expert" }
  competency Communication { definition "Speaks and writes clearly" }
}
`;
const JOB_USING_LIBRARY = `job "Call Center Representative" {
  section "Competencies" {
    uses Communication level DPL 5 "Expert"
  }
}
`;

const UNRESOLVED_LINE = "broken.jobstd:3:10 error Unresolved reference: no competency named 'Nothing' in this file or the workspace. [unresolved-reference]";

let dir: string;

function put(relative: string, text: string): string {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
}

function jobstd(...args: string[]): { status: number | null; stdout: string; stderr: string; lines: string[] } {
    return runAs([process.execPath, BIN, ...args]);
}

function runAs(command: string[]): { status: number | null; stdout: string; stderr: string; lines: string[] } {
    const result = spawnSync(command[0], command.slice(1), { cwd: dir, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean) };
}

const UNREADABLE_TESTABLE = unreadablePathsTestable(BIN);

/** Every file and link below `folder`, relative, sorted. */
function listAll(folder: string): string[] {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(entry => !entry.isDirectory())
        .map(entry => path.relative(folder, path.join(entry.parentPath, entry.name)))
        .sort();
}

beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'jobstd-cli-'));
});
afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
});

describe('jobstd validate', () => {
    it('exits 0 and says so for a clean file', () => {
        put('clean.jobstd', CLEAN);
        const run = jobstd('validate', 'clean.jobstd');
        expect(run.status).toBe(0);
        expect(run.lines).toEqual(['No findings in 1 file']);
        expect(run.stderr).toBe('');
    });

    it('exits 1 and prints file:line:column for an unresolved link', () => {
        put('broken.jobstd', BROKEN);
        const run = jobstd('validate', 'broken.jobstd');
        expect(run.status).toBe(1);
        expect(run.lines).toEqual([UNRESOLVED_LINE, '1 error, 0 warnings in 1 file']);
    });

    it('exits 0 with warnings only, and 1 when they exceed --max-warnings', () => {
        put('teller.jobstd', WARNINGS);
        const plain = jobstd('validate', 'teller.jobstd');
        expect(plain.status).toBe(0);
        expect(plain.lines).toEqual([
            "teller.jobstd:3:15 warning Unfilled placeholder 'xx' (a number still to be filled in). [placeholder]",
            "teller.jobstd:5:11 warning Section 'Empty' is empty. [empty-section]",
            '0 errors, 2 warnings in 1 file',
        ]);
        expect(jobstd('validate', 'teller.jobstd', '--max-warnings', '2').status).toBe(0);
        const strict = jobstd('validate', 'teller.jobstd', '--max-warnings', '0');
        expect(strict.status).toBe(1);
        expect(strict.stderr).toBe('jobstd: 2 warnings, more than --max-warnings 0 allows\n');
    });

    it('validates the current folder by default, sorted across files', () => {
        put('teller.jobstd', WARNINGS);
        put('broken.jobstd', BROKEN);
        const run = jobstd('validate');
        expect(run.status).toBe(1);
        expect(run.lines[0]).toBe(UNRESOLVED_LINE);
        expect(run.lines[1]).toMatch(/^teller\.jobstd:3:15 /);
        expect(run.lines.at(-1)).toBe('1 error, 2 warnings in 2 files');
    });

    it('searches folders recursively and skips node_modules, out and dot-folders', () => {
        put('jobs/retail/deep/teller.jobstd', WARNINGS);
        put('jobs/clean.jobstd', CLEAN);
        put('node_modules/some-package/broken.jobstd', BROKEN);
        put('out/broken.jobstd', BROKEN);
        put('.cache/broken.jobstd', BROKEN);
        const run = jobstd('validate', '.');
        expect(run.status).toBe(0);
        expect(run.lines.filter(line => line.includes('.jobstd:')).map(line => line.split(':')[0]))
            .toEqual(['jobs/retail/deep/teller.jobstd', 'jobs/retail/deep/teller.jobstd']);
        expect(run.lines.at(-1)).toBe('0 errors, 2 warnings in 2 files');
    });

    it('prints one JSON array with 1-based positions for --format json', () => {
        put('broken.jobstd', BROKEN);
        put('teller.jobstd', WARNINGS);
        const run = jobstd('validate', '--format', 'json');
        expect(run.status).toBe(1);
        const findings = JSON.parse(run.stdout) as FindingJson[];
        expect(findings).toHaveLength(3);
        expect(findings[0]).toEqual({
            file: 'broken.jobstd', line: 3, column: 10, endLine: 3, endColumn: 17, severity: 'error',
            code: 'unresolved-reference', message: "Unresolved reference: no competency named 'Nothing' in this file or the workspace.",
        });
        expect(findings.map(f => f.code)).toEqual(['unresolved-reference', 'placeholder', 'empty-section']);
    });

    it('prints SARIF 2.1.0 for --format sarif', () => {
        put('jobs/broken.jobstd', BROKEN);
        const run = jobstd('validate', 'jobs', '--format', 'sarif');
        expect(run.status).toBe(1);
        const sarif = JSON.parse(run.stdout) as SarifLog;
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
        const driver = sarif.runs[0].tool.driver;
        expect(driver.name).toBe('jobstd');
        expect(driver.version).toBe(CLI_VERSION);
        const rule = driver.rules.find(r => r.id === 'unresolved-reference')!;
        expect(rule.defaultConfiguration.level).toBe('error');
        expect(rule.shortDescription.text).toBeTruthy();
        expect(driver.rules.find(r => r.id === 'placeholder')!.defaultConfiguration.level).toBe('warning');
        expect(sarif.runs[0].results).toEqual([expect.objectContaining({
            ruleId: 'unresolved-reference',
            level: 'error',
            message: { text: "Unresolved reference: no competency named 'Nothing' in this file or the workspace." },
            locations: [{
                physicalLocation: {
                    artifactLocation: expect.objectContaining({ uri: 'jobs/broken.jobstd' }),
                    region: { startLine: 3, startColumn: 10, endLine: 3, endColumn: 17 },
                },
            }],
        })]);
    });

    it('resolves a job\'s uses of a library competency in another file of the folder', () => {
        put('library.jobstd', LIBRARY);
        put('call-center.jobstd', JOB_USING_LIBRARY);
        const alone = jobstd('validate', 'call-center.jobstd');
        expect(alone.status).toBe(0);
        expect(alone.lines).toEqual(['No findings in 1 file']);
        const both = jobstd('validate', '.');
        expect(both.status).toBe(0);
        expect(both.lines).toEqual(['No findings in 2 files']);
    });

    it('reports the link as unresolved when no file declares the competency', () => {
        put('call-center.jobstd', JOB_USING_LIBRARY);
        const run = jobstd('validate', 'call-center.jobstd');
        expect(run.status).toBe(1);
        expect(run.lines[0]).toContain("no competency named 'Communication'");
    });

    it('follows jobstd.config.json: a rule turned off, another made an error', () => {
        put('teller.jobstd', WARNINGS);
        put('jobstd.config.json', JSON.stringify({ rules: { placeholder: 'off', 'empty-section': 'error' } }));
        const run = jobstd('validate', 'teller.jobstd');
        expect(run.status).toBe(1);
        expect(run.lines).toEqual([
            "teller.jobstd:5:11 error Section 'Empty' is empty. [empty-section]",
            '1 error, 0 warnings in 1 file',
        ]);
    });

    it('uses the file given with --config instead', () => {
        put('teller.jobstd', WARNINGS);
        put('ci/strict.json', JSON.stringify({ rules: { placeholder: 'error' } }));
        const run = jobstd('validate', 'teller.jobstd', '--config', 'ci/strict.json');
        expect(run.status).toBe(1);
        expect(run.lines[0]).toMatch(/^teller\.jobstd:3:15 error Unfilled placeholder/);
    });

    it('exits 2 with the place of the mistake for a bad configuration', () => {
        put('teller.jobstd', WARNINGS);
        put('jobstd.config.json', '{\n  "rules": {\n    "placeholder": "of"\n  }\n}\n');
        const badValue = jobstd('validate', 'teller.jobstd');
        expect(badValue.status).toBe(2);
        expect(badValue.stderr).toBe('jobstd: jobstd.config.json: rule "placeholder" has severity "of" (expected error, warning, info, hint or off)\n');
        put('jobstd.config.json', '{\n  "rules": {\n    "placeholder": "off",\n  }\n}\n');
        const badJson = jobstd('validate', 'teller.jobstd');
        expect(badJson.status).toBe(2);
        expect(badJson.stderr).toMatch(/^jobstd: jobstd\.config\.json:4:3: invalid JSON/);
        expect(jobstd('validate', 'teller.jobstd', '--config', 'missing.json').status).toBe(2);
    });

    it('exits 2 for a missing path, naming it', () => {
        const run = jobstd('validate', 'no-such-file.jobstd');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: no-such-file.jobstd: no such file or folder\n');
        expect(run.stdout).toBe('');
    });

    it('exits 2 for a path that cannot be a file or folder', () => {
        put('clean.jobstd', CLEAN);
        const run = jobstd('validate', 'clean.jobstd/inside');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: clean.jobstd/inside: a part of the path is not a folder\n');
    });

    // Root reads any file whatever its mode, so as root the command runs as "nobody".
    it.skipIf(!UNREADABLE_TESTABLE)(unreadableTitle('exits 2 for a file or folder that cannot be read', UNREADABLE_TESTABLE), () => {
        put('secret.jobstd', CLEAN);
        put('locked/clerk.jobstd', CLEAN);
        chmodSync(dir, 0o755);
        chmodSync(path.join(dir, 'secret.jobstd'), 0o000);
        chmodSync(path.join(dir, 'locked'), 0o000);
        try {
            const file = runAs(asUser(BIN, ['validate', 'secret.jobstd']));
            expect(file.status).toBe(2);
            expect(file.stderr).toBe('jobstd: secret.jobstd: permission denied\n');
            const folder = runAs(asUser(BIN, ['validate', 'locked']));
            expect(folder.status).toBe(2);
            expect(folder.stderr).toBe('jobstd: locked: permission denied\n');
        } finally {
            chmodSync(path.join(dir, 'locked'), 0o755);
        }
    });

    it('exits 2 when a folder holds no .jobstd files', () => {
        mkdirSync(path.join(dir, 'empty'));
        const run = jobstd('validate', 'empty');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: no .jobstd files found in empty\n');
    });

    it('exits 2 with one line on stderr when misused', () => {
        put('clean.jobstd', CLEAN);
        const unknown = jobstd('validate', '--frobnicate');
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toBe("jobstd: unknown option '--frobnicate'\n");
        const format = jobstd('validate', '--format', 'xml');
        expect(format.status).toBe(2);
        expect(format.stderr).toMatch(/^jobstd: .*'xml' is invalid\. Allowed choices are text, json, sarif, human\.\n$/);
        const count = jobstd('validate', '--max-warnings', 'many');
        expect(count.status).toBe(2);
        expect(count.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(jobstd('validate', '--max-warnings', '-1').status).toBe(2);
        expect(jobstd('frobnicate').status).toBe(2);
    });
});

describe('jobstd --version and --help', () => {
    it('prints the version', () => {
        const run = jobstd('--version');
        expect(run.status).toBe(0);
        expect(run.stdout.trim()).toBe(CLI_VERSION);
    });

    it('prints help with examples', () => {
        const main = jobstd('--help');
        expect(main.status).toBe(0);
        expect(main.stdout).toContain('Examples:');
        expect(main.stdout).toContain('jobstd validate');
        const exportHelp = jobstd('export', '--help');
        expect(exportHelp.status).toBe(0);
        expect(exportHelp.stdout).toContain('--format <format>');
        expect(exportHelp.stdout).toContain('jobstd export examples --format json --out out/json');
    });
});

describe('jobstd export', () => {
    it('writes one file per document into --out, mirroring folders', () => {
        put('jobs/library.jobstd', LIBRARY);
        put('jobs/call-center/representative.jobstd', JOB_USING_LIBRARY);
        put('jobs/clerk.jobstd', CLEAN);
        const run = jobstd('export', 'jobs', '--format', 'json', '--out', 'build/json');
        expect(run.status).toBe(0);
        expect(listAll(path.join(dir, 'build/json'))).toEqual(['call-center/representative.json', 'clerk.json', 'library.json']);
        expect(run.lines).toEqual([
            'jobs/call-center/representative.jobstd -> build/json/call-center/representative.json',
            'jobs/clerk.jobstd -> build/json/clerk.json',
            'jobs/library.jobstd -> build/json/library.json',
            'Exported 3 documents of 3 to build/json as JSON',
        ]);
        const exported = JSON.parse(readFileSync(path.join(dir, 'build/json/clerk.json'), 'utf8'));
        expect(JSON.stringify(exported)).toContain('Records Clerk');
        expect(run.stderr).toBe('');
    });

    it('writes HTML, and an index.html listing every document exported', () => {
        put('clerk.jobstd', CLEAN);
        put('retail/teller.jobstd', WARNINGS);
        const run = jobstd('export', 'clerk.jobstd', 'retail', '--format', 'html', '--out', 'site');
        expect(run.status).toBe(0);
        expect(listAll(path.join(dir, 'site'))).toEqual(['clerk.html', 'index.html', 'teller.html']);
        const html = readFileSync(path.join(dir, 'site/clerk.html'), 'utf8');
        expect(html).toMatch(/^<!DOCTYPE html>/i);
        expect(html).toContain('Records Clerk');
        const index = readFileSync(path.join(dir, 'site/index.html'), 'utf8');
        expect(index).toMatch(/^<!DOCTYPE html>/i);
        expect(index).toContain('href="clerk.html"');
        expect(index).toContain('href="teller.html"');
        expect(index).toContain('Records Clerk');
        expect(index).toContain('2 warnings');
        expect(run.lines).toContain('Index of the exported documents: site/index.html');
        expect(run.lines.at(-1)).toBe('Exported 2 documents of 2 to site as HTML');
    });

    it('refuses to export a document over the HTML index', () => {
        put('index.jobstd', CLEAN);
        const run = jobstd('export', 'index.jobstd', '--format', 'html', '--out', 'site');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: site/index.html: index.jobstd would be exported over the index of the HTML export; export it to a subfolder or rename it\n');
        expect(existsSync(path.join(dir, 'site'))).toBe(false);
    });

    it('writes Word files: zip archives holding the document', () => {
        put('jobs/clerk.jobstd', CLEAN);
        put('jobs/library.jobstd', LIBRARY);
        const run = jobstd('export', 'jobs', '--format', 'docx', '--out', 'word');
        expect(run.status).toBe(0);
        expect(listAll(path.join(dir, 'word'))).toEqual(['clerk.docx', 'library.docx']);
        const bytes = readFileSync(path.join(dir, 'word/clerk.docx'));
        // A zip's local file header, and the parts a Word file cannot do without.
        expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        expect(bytes.includes('word/document.xml')).toBe(true);
        expect(bytes.includes('[Content_Types].xml')).toBe(true);
        expect(run.lines.at(-1)).toBe('Exported 2 documents of 2 to word as Word');
    });

    it('writes JSON-LD', () => {
        put('clerk.jobstd', CLEAN);
        const run = jobstd('export', 'clerk.jobstd', '--format', 'jsonld', '--out', 'ld');
        expect(run.status).toBe(0);
        expect(listAll(path.join(dir, 'ld'))).toEqual(['clerk.jsonld']);
        const exported = JSON.parse(readFileSync(path.join(dir, 'ld/clerk.jsonld'), 'utf8'));
        expect(JSON.stringify(exported)).toContain('"@context"');
        expect(JSON.stringify(exported)).toContain('Records Clerk');
        expect(run.lines.at(-1)).toBe('Exported 1 document of 1 to ld as JSON-LD');
    });

    it('adds source locations to JSON with --locations, and only to JSON', () => {
        put('clerk.jobstd', CLEAN);
        expect(jobstd('export', 'clerk.jobstd', '--format', 'json', '--out', 'plain').status).toBe(0);
        const located = jobstd('export', 'clerk.jobstd', '--format', 'json', '--out', 'located', '--locations');
        expect(located.status).toBe(0);
        const plain = readFileSync(path.join(dir, 'plain/clerk.json'), 'utf8');
        const withLocations = readFileSync(path.join(dir, 'located/clerk.json'), 'utf8');
        expect(plain).not.toMatch(/"line": 4/);
        expect(withLocations).toMatch(/"line": 4/);
        const misused = jobstd('export', 'clerk.jobstd', '--format', 'html', '--out', 'site', '--locations');
        expect(misused.status).toBe(2);
        expect(misused.stderr).toBe('jobstd: --locations applies to --format json only, not html\n');
        expect(existsSync(path.join(dir, 'site'))).toBe(false);
    });

    it('refuses documents with errors unless --force, listing their errors', () => {
        put('broken.jobstd', BROKEN);
        put('clerk.jobstd', CLEAN);
        const refused = jobstd('export', '.', '--format', 'json', '--out', 'out');
        expect(refused.status).toBe(1);
        expect(refused.lines).toContain(UNRESOLVED_LINE);
        expect(refused.lines.at(-1)).toBe('Exported 1 document of 2 to out as JSON; 1 document not exported because of errors');
        expect(listAll(path.join(dir, 'out'))).toEqual(['clerk.json']);

        const forced = jobstd('export', '.', '--format', 'json', '--out', 'out', '--force');
        expect(forced.status).toBe(0);
        expect(forced.lines).toContain('broken.jobstd -> out/broken.json (exported with 1 error)');
        expect(listAll(path.join(dir, 'out'))).toEqual(['broken.json', 'clerk.json']);
    });

    it('keeps outputs inside --out whatever the input is called', () => {
        put('in/..jobstd', CLEAN);
        put('in/...jobstd', CLEAN);
        put('in/..\\..\\escape.jobstd', CLEAN);
        const before = readdirSync(dir).sort();
        const run = jobstd('export', 'in', '--format', 'json', '--out', 'out/json');
        expect(run.status).toBe(0);
        expect(listAll(path.join(dir, 'out/json'))).toEqual(['...json', '..\\..\\escape.json', '..json']);
        expect(readdirSync(dir).sort()).toEqual([...before, 'out'].sort());
        expect(readdirSync(path.join(dir, 'out'))).toEqual(['json']);
    });

    it('refuses to write through a link in --out that leads outside it, writing nothing', () => {
        put('jobs/clerk.jobstd', CLEAN);
        put('jobs/retail/teller.jobstd', CLEAN);
        mkdirSync(path.join(dir, 'outside'));
        mkdirSync(path.join(dir, 'out'));
        symlinkSync(path.join(dir, 'outside'), path.join(dir, 'out/retail'));
        const run = jobstd('export', 'jobs', '--format', 'json', '--out', 'out');
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/^jobstd: out\/retail\/teller\.json: refusing to write through .*out\/retail, a symbolic link that leads outside the output folder\n$/);
        expect(readdirSync(path.join(dir, 'outside'))).toEqual([]);
        expect(listAll(path.join(dir, 'out'))).toEqual(['retail']);
    });

    it('replaces a link at an output\'s own name instead of writing where it points', () => {
        put('clerk.jobstd', CLEAN);
        const outsideFile = put('outside/clerk.json', 'untouched');
        mkdirSync(path.join(dir, 'out'));
        symlinkSync(outsideFile, path.join(dir, 'out/clerk.json'));
        const run = jobstd('export', 'clerk.jobstd', '--format', 'json', '--out', 'out');
        expect(run.status).toBe(0);
        expect(readFileSync(outsideFile, 'utf8')).toBe('untouched');
        expect(lstatSync(path.join(dir, 'out/clerk.json')).isFile()).toBe(true);
    });

    it('stops before writing when two inputs would share an output', () => {
        put('a/clerk.jobstd', CLEAN);
        put('b/clerk.jobstd', CLEAN);
        const run = jobstd('export', 'a/clerk.jobstd', 'b/clerk.jobstd', '--format', 'json', '--out', 'out');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: out/clerk.json: both a/clerk.jobstd and b/clerk.jobstd would be exported to this file; export them to different folders\n');
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
    });

    it('leaves no temporary files behind, and overwrites earlier outputs whole', () => {
        for (let i = 0; i < 12; i++) put(`jobs/clerk-${String(i).padStart(2, '0')}.jobstd`, CLEAN);
        expect(jobstd('export', 'jobs', '--format', 'html', '--out', 'out').status).toBe(0);
        const again = jobstd('export', 'jobs', '--format', 'html', '--out', 'out');
        expect(again.status).toBe(0);
        const files = listAll(path.join(dir, 'out'));
        expect(files).toHaveLength(13);
        expect(files.filter(file => file !== 'index.html').every(file => /^clerk-\d\d\.html$/.test(file))).toBe(true);
        // Not a terminal: no progress bar, even for 12 files.
        expect(again.stderr).toBe('');
    });

    it('exits 2 when misused or given a missing path', () => {
        put('clerk.jobstd', CLEAN);
        expect(jobstd('export', 'clerk.jobstd', '--out', 'out').status).toBe(2);
        expect(jobstd('export', 'clerk.jobstd', '--format', 'json').status).toBe(2);
        const format = jobstd('export', 'clerk.jobstd', '--format', 'pdf', '--out', 'out');
        expect(format.status).toBe(2);
        expect(format.stderr).toMatch(/^jobstd: .*'pdf' is invalid\. Allowed choices are json, html, jsonld, docx\.\n$/);
        const missing = jobstd('export', 'missing', '--format', 'json', '--out', 'out');
        expect(missing.status).toBe(2);
        expect(missing.stderr).toBe('jobstd: missing: no such file or folder\n');
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
    });
});

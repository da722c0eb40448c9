import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
    ConfigError, exportFiles, findJobStdFiles, formatFinding, formatSummary, JobStdInputError, JobStdOutputError,
    loadConfig, parseText, toSarif, validate, validateText
} from '../src/node/index.js';

/** The error a promise rejects with; any other outcome fails the test. */
async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof type) return error;
        throw error;
    }
    throw new Error(`expected a ${type.name}, but it succeeded`);
}

/** The part of a SARIF log these tests read. */
interface SarifLog {
    runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleIndex: number }> }>;
}

const LIBRARY = `library CTK "Competency Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5 { 5 "Expert" }
  competency Communication { definition "Speaks and writes clearly" }
}
`;
const JOB_USING_LIBRARY = `job "Records Clerk" {
  section "Competencies" {
    uses Communication level DPL 5 "Expert"
  }
}
`;
const CLEAN = `job "Porter" {
  section "Duties" { "Carries bags" }
}
`;
const BROKEN = `job "Cashier" {
  section "Competencies" {
    uses Nothing
  }
}
`;

let root: string;

function put(relative: string, text: string): string {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
}

function filesBelow(folder: string): string[] {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(entry => !entry.isDirectory())
        .map(entry => path.relative(folder, path.join(entry.parentPath, entry.name)))
        .sort();
}

beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'jobstd-api-'));
});
afterEach(() => {
    rmSync(root, { recursive: true, force: true });
});

describe('findJobStdFiles', () => {
    it('searches folders recursively, sorted, skipping node_modules, out and dot-folders', async () => {
        put('b.jobstd', CLEAN);
        put('a/deep/c.jobstd', CLEAN);
        put('a/notes.txt', 'not a job standard');
        put('node_modules/pkg/d.jobstd', CLEAN);
        put('out/e.jobstd', CLEAN);
        put('.git/f.jobstd', CLEAN);
        const files = await findJobStdFiles([root]);
        expect(files).toEqual([path.join(root, 'a/deep/c.jobstd'), path.join(root, 'b.jobstd')]);
    });

    it('takes a file named directly whatever its extension, once', async () => {
        const text = put('draft.txt', CLEAN);
        put('b.jobstd', CLEAN);
        const files = await findJobStdFiles(['draft.txt', 'b.jobstd', '.'], { cwd: root });
        expect(files).toEqual([path.join(root, 'b.jobstd'), text]);
    });

    it('throws a JobStdInputError naming a missing path and why', async () => {
        const error = await rejectionOf(findJobStdFiles([path.join(root, 'missing')]), JobStdInputError);
        expect(error).toBeInstanceOf(JobStdInputError);
        expect(error.path).toBe(path.join(root, 'missing'));
        expect(error.message).toContain('no such file or folder');
    });

    it('reports a path through a file as unreadable', async () => {
        put('a.jobstd', CLEAN);
        const error = await rejectionOf(findJobStdFiles(['a.jobstd/inside'], { cwd: root }), JobStdInputError);
        expect(error).toBeInstanceOf(JobStdInputError);
        expect(error.message).toBe('a.jobstd/inside: a part of the path is not a folder');
    });
});

describe('loadConfig', () => {
    it('finds the nearest jobstd.config.json at or above the folder', async () => {
        put('jobstd.config.json', JSON.stringify({ rules: { placeholder: 'off' } }));
        mkdirSync(path.join(root, 'jobs/retail'), { recursive: true });
        const loaded = await loadConfig(path.join(root, 'jobs/retail'));
        expect(loaded.file).toBe(path.join(root, 'jobstd.config.json'));
        expect(loaded.config.rules).toEqual({ placeholder: 'off' });
    });

    it('gives the defaults when there is no configuration file', async () => {
        const isolated = mkdtempSync(path.join(os.tmpdir(), 'jobstd-noconfig-'));
        try {
            const loaded = await loadConfig(isolated);
            expect(loaded.config).toEqual({});
        } finally {
            rmSync(isolated, { recursive: true, force: true });
        }
    });

    it('says where a JSON syntax error is', async () => {
        put('jobstd.config.json', '{\n  "rules": {\n    "placeholder": "off",\n  }\n}\n');
        const error = await rejectionOf(loadConfig(root), ConfigError);
        expect(error).toBeInstanceOf(ConfigError);
        expect(error.message).toMatch(new RegExp(`^${escape(path.join(root, 'jobstd.config.json'))}:4:3: invalid JSON`));
    });

    it('locates errors that Node reports without a position', async () => {
        put('jobstd.config.json', '{\n  "rules": }\n');
        const error = await rejectionOf(loadConfig(root), ConfigError);
        expect(error.message).toContain('jobstd.config.json:2:12: invalid JSON');
    });

    it('names the file and the setting that is wrong', async () => {
        put('jobstd.config.json', JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
        const error = await rejectionOf(loadConfig(root), ConfigError);
        expect(error).toBeInstanceOf(ConfigError);
        expect(error.message).toContain('jobstd.config.json: unknown rule "no-such-rule"');
    });
});

describe('validate', () => {
    it('resolves a job\'s uses of a competency in a library file given with it', async () => {
        put('lib/ctk.jobstd', LIBRARY);
        put('jobs/clerk.jobstd', JOB_USING_LIBRARY);
        const result = await validate(['jobs/clerk.jobstd', 'lib/ctk.jobstd'], { cwd: root });
        expect(result.files).toEqual(['jobs/clerk.jobstd', 'lib/ctk.jobstd']);
        expect(result.findings).toEqual([]);
    });

    it('loads the other files of the workspace for links but reports only the requested ones', async () => {
        put('lib/ctk.jobstd', LIBRARY);
        put('lib/broken.jobstd', BROKEN);
        put('jobs/clerk.jobstd', JOB_USING_LIBRARY);
        const result = await validate(['jobs/clerk.jobstd'], { cwd: root, root });
        expect(result.files).toEqual(['jobs/clerk.jobstd']);
        expect(result.findings).toEqual([]);
    });

    it('takes the folder of jobstd.config.json as the workspace root', async () => {
        put('jobstd.config.json', '{}');
        put('lib/ctk.jobstd', LIBRARY);
        put('jobs/clerk.jobstd', JOB_USING_LIBRARY);
        const result = await validate([path.join(root, 'jobs')]);
        expect(result.findings).toEqual([]);
    });

    it('reports an unresolved link with the path relative to cwd, 1-based', async () => {
        put('jobs/cashier.jobstd', BROKEN);
        const result = await validate(['jobs'], { cwd: root });
        expect(result.findings.map(formatFinding)).toEqual([
            "jobs/cashier.jobstd:3:10 error Unresolved reference: no competency named 'Nothing' in this file or the workspace. [unresolved-reference]",
        ]);
        expect(result.findings[0]).toMatchObject({ endLine: 3, endColumn: 17 });
    });

    it('applies the configuration passed in', async () => {
        put('teller.jobstd', 'job "Teller" {\n  section "Duties" { "Balances xx drawers" }\n  section "Empty" {}\n}\n');
        const defaults = await validate(['teller.jobstd'], { cwd: root });
        expect(defaults.findings.map(f => `${f.code}:${f.severity}`)).toEqual(['placeholder:warning', 'empty-section:warning']);
        const configured = await validate(['teller.jobstd'], { cwd: root, config: { rules: { placeholder: 'off', 'empty-section': 'error' } } });
        expect(configured.findings.map(f => `${f.code}:${f.severity}`)).toEqual(['empty-section:error']);
    });

    it('compares review dates with the given today', async () => {
        put('porter.jobstd', 'job "Porter" {\n  next review 2030-01-01\n  section "Duties" { "Carries bags" }\n}\n');
        const before = await validate(['porter.jobstd'], { cwd: root, today: new Date('2029-12-31T12:00:00Z') });
        expect(before.findings).toEqual([]);
        const after = await validate(['porter.jobstd'], { cwd: root, today: new Date('2030-06-01T12:00:00Z') });
        expect(after.findings.map(f => f.code)).toEqual(['review-overdue']);
    });

    it('gives each requested document its AST and findings', async () => {
        put('cashier.jobstd', BROKEN);
        const result = await validate(['cashier.jobstd'], { cwd: root });
        expect(result.documents).toHaveLength(1);
        expect(result.documents[0].document.parseResult.value.jobs[0].title).toBe('Cashier');
        expect(result.documents[0].findings).toEqual(result.findings);
    });
});

describe('parseText and validateText', () => {
    it('parseText reports syntax errors only', async () => {
        const parsed = await parseText(BROKEN);
        expect(parsed.findings).toEqual([]);
        expect(parsed.document.parseResult.value.jobs[0].title).toBe('Cashier');
        const bad = await parseText('job "Cashier" {\n  section\n}\n', { file: 'bad.jobstd' });
        expect(bad.findings.length).toBeGreaterThan(0);
        expect(bad.findings.every(f => f.code === 'syntax-error' && f.file === 'bad.jobstd' && f.severity === 'error')).toBe(true);
    });

    it('validateText runs every check on one document', async () => {
        const result = await validateText(BROKEN);
        expect(result.findings.map(f => `${f.file}:${f.line}:${f.column} ${f.code}`)).toEqual(['document.jobstd:3:10 unresolved-reference']);
        const linked = await validateText(LIBRARY + JOB_USING_LIBRARY);
        expect(linked.findings).toEqual([]);
    });
});

describe('exportFiles', () => {
    it('writes one file per document, mirroring a folder argument, and reports progress', async () => {
        put('jobs/porter.jobstd', CLEAN);
        put('jobs/retail/clerk.jobstd', JOB_USING_LIBRARY);
        put('jobs/lib.jobstd', LIBRARY);
        const progress: string[] = [];
        const report = await exportFiles(['jobs'], {
            cwd: root, format: 'json', outDir: 'exported',
            onProgress: (done, total, file) => progress.push(`${done}/${total} ${file}`),
        });
        expect(filesBelow(path.join(root, 'exported'))).toEqual(['lib.json', 'porter.json', 'retail/clerk.json']);
        expect(report.written.map(w => w.output)).toEqual(['exported/lib.json', 'exported/porter.json', 'exported/retail/clerk.json']);
        expect(progress).toEqual(['1/3 jobs/lib.jobstd', '2/3 jobs/porter.jobstd', '3/3 jobs/retail/clerk.jobstd']);
        expect(() => { JSON.parse(readFileSync(path.join(root, 'exported/retail/clerk.json'), 'utf8')); }).not.toThrow();
    });

    it('refuses documents with errors unless forced', async () => {
        put('cashier.jobstd', BROKEN);
        put('porter.jobstd', CLEAN);
        const refused = await exportFiles(['cashier.jobstd', 'porter.jobstd'], { cwd: root, format: 'html', outDir: 'html' });
        expect(refused.refused.map(r => r.file)).toEqual(['cashier.jobstd']);
        expect(refused.refused[0].errors.map(f => f.code)).toEqual(['unresolved-reference']);
        expect(filesBelow(path.join(root, 'html'))).toEqual(['index.html', 'porter.html']);
        // The index lists what this run wrote: the refused document has no page to link to.
        expect(refused.index).toBe(path.join('html', 'index.html'));
        const index = readFileSync(path.join(root, 'html/index.html'), 'utf8');
        expect(index).toContain('href="porter.html"');
        expect(index).not.toContain('cashier');
        const forced = await exportFiles(['cashier.jobstd', 'porter.jobstd'], { cwd: root, format: 'html', outDir: 'html', force: true });
        expect(forced.written).toMatchObject([{ file: 'cashier.jobstd', errors: 1 }, { file: 'porter.jobstd', errors: 0 }]);
        expect(filesBelow(path.join(root, 'html'))).toEqual(['cashier.html', 'index.html', 'porter.html']);
        expect(readFileSync(path.join(root, 'html/index.html'), 'utf8')).toContain('href="cashier.html"');
    });

    it('writes Word files as bytes and JSON-LD as text, with the sizes written', async () => {
        put('porter.jobstd', CLEAN);
        const word = await exportFiles(['porter.jobstd'], { cwd: root, format: 'docx', outDir: 'word' });
        const bytes = readFileSync(path.join(root, 'word/porter.docx'));
        expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
        expect(word.written[0].bytes).toBe(bytes.length);
        const ld = await exportFiles(['porter.jobstd'], { cwd: root, format: 'jsonld', outDir: 'ld' });
        expect(JSON.parse(readFileSync(path.join(root, 'ld/porter.jsonld'), 'utf8'))).toMatchObject({ '@context': 'https://schema.org' });
        expect(ld.index).toBeUndefined();
    });

    it('stops before writing anything when two inputs map to one output', async () => {
        put('a/clerk.jobstd', CLEAN);
        put('b/clerk.jobstd', CLEAN);
        const error = await rejectionOf(exportFiles(['a/clerk.jobstd', 'b/clerk.jobstd'], { cwd: root, format: 'json', outDir: 'out' }), JobStdOutputError);
        expect(error).toBeInstanceOf(JobStdOutputError);
        expect(error.message).toContain('both a/clerk.jobstd and b/clerk.jobstd');
        expect(readdirSync(root)).not.toContain('out');
    });

    it('refuses to write through a link that leads out of the output folder', async () => {
        put('jobs/sub/clerk.jobstd', CLEAN);
        const outside = path.join(root, 'outside');
        mkdirSync(outside);
        mkdirSync(path.join(root, 'out'));
        symlinkSync(outside, path.join(root, 'out/sub'));
        const error = await rejectionOf(exportFiles(['jobs'], { cwd: root, format: 'json', outDir: 'out' }), JobStdOutputError);
        expect(error).toBeInstanceOf(JobStdOutputError);
        expect(error.message).toContain('symbolic link');
        expect(readdirSync(outside)).toEqual([]);
    });
});

describe('formats', () => {
    it('summarises findings and files', () => {
        expect(formatSummary([], 6)).toBe('No findings in 6 files');
        const finding = { file: 'a.jobstd', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'warning' as const, code: 'placeholder', message: 'm' };
        expect(formatSummary([finding, { ...finding, severity: 'error' }], 1)).toBe('1 error, 1 warning in 1 file');
    });

    it('writes SARIF with relative, forward-slash locations', () => {
        const finding = { file: 'jobs/a b.jobstd', line: 2, column: 3, endLine: 2, endColumn: 9, severity: 'info' as const, code: 'placeholder', message: 'm' };
        const sarif = toSarif([finding], { version: '1.2.3' }) as SarifLog;
        expect(sarif.runs[0].results[0]).toMatchObject({
            ruleId: 'placeholder', level: 'note', message: { text: 'm' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'jobs/a%20b.jobstd' }, region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 } } }],
        });
        expect(sarif.runs[0].tool.driver.rules[sarif.runs[0].results[0].ruleIndex].id).toBe('placeholder');
    });
});

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

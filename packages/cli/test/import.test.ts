import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
    copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document as WordDocument, HeadingLevel, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportCounts, ImportedFile } from 'jobstd-language/node';
import { describeRecognised } from 'jobstd-language';
import { describeImport, importWarnings } from '../src/main.js';

const BIN = fileURLToPath(new URL('../bin/jobstd.js', import.meta.url));
/** The five real documents of the issue, beside the repository. */
const SEEDS = fileURLToPath(new URL('../../language/test/fixtures/seeds/', import.meta.url));
const SEED_FILES = readdirSync(SEEDS).filter(file => file.endsWith('.txt')).sort();

const CLERK = `Records Clerk

Job Family: Administration

Summary: Keeps the records of the office in order.

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

function jobstd(...args: string[]): { status: number | null; stdout: string; stderr: string; lines: string[] } {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean) };
}

/** Every file and link below `folder`, relative, sorted; [] when the folder does not exist. */
function listAll(folder: string): string[] {
    if (!existsSync(folder)) return [];
    return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(entry => !entry.isDirectory())
        .map(entry => path.relative(folder, path.join(entry.parentPath, entry.name)))
        .sort();
}

interface JsonFinding { file: string; line: number; severity: string; code: string; message: string }

function findingsOf(file: string): JsonFinding[] {
    const run = jobstd('validate', file, '--format', 'json');
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as JsonFinding[];
}

async function wordFile(paragraphs: Paragraph[]): Promise<Buffer> {
    return Packer.toBuffer(new WordDocument({ sections: [{ children: paragraphs }] }));
}

beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'jobstd-import-'));
});
afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
});

describe('jobstd import: the seeds', () => {
    it('finds the five seeds', () => {
        expect(SEED_FILES).toHaveLength(5);
    });

    it.each(SEED_FILES)('%s: writes a .jobstd that validate reads with no syntax error, every sentence covered', (seed) => {
        copyFileSync(path.join(SEEDS, seed), path.join(dir, seed));
        const stem = seed.replace(/\.txt$/, '');
        const run = jobstd('import', seed, '--out', 'out');
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.lines).toHaveLength(1);
        expect(run.lines[0]).toMatch(new RegExp(`^imported ${stem}\\.txt → out/${stem}\\.jobstd: .+; coverage 100%`));
        expect(listAll(path.join(dir, 'out'))).toEqual([`${stem}.jobstd`]);
        const findings = findingsOf(`out/${stem}.jobstd`);
        expect(findings.filter(f => f.code === 'syntax-error')).toEqual([]);
        expect(findings.filter(f => f.severity === 'error').map(f => `${f.line}: ${f.message}`)).toEqual([]);
    });

    it('002: the report counts the structure, and validate shows the 100.1% total and the level label conflict', () => {
        const seed = SEED_FILES.find(file => file.startsWith('002'))!;
        copyFileSync(path.join(SEEDS, seed), path.join(dir, '002.txt'));
        const run = jobstd('import', '002.txt', '--out', 'out');
        expect(run.status).toBe(0);
        expect(run.lines[0]).toMatch(/^imported 002\.txt → out\/002\.jobstd: 3 task groups, .*21 competencies, .*16 characteristics.*; coverage 100%, \d+ page headers? removed/);
        const findings = findingsOf('out/002.jobstd');
        expect(findings.some(f => f.code === 'weight-sum' && f.message.includes('100.1%'))).toBe(true);
        expect(findings.some(f => f.code === 'level-label-conflict')).toBe(true);
    });

    it('imports all five at once, one line each', () => {
        for (const seed of SEED_FILES) copyFileSync(path.join(SEEDS, seed), path.join(dir, seed));
        const run = jobstd('import', ...SEED_FILES, '--out', 'jobs');
        expect(run.status).toBe(0);
        expect(run.lines.map(line => line.split(':')[0])).toEqual(
            SEED_FILES.map(seed => `imported ${seed} → jobs/${seed.replace(/\.txt$/, '.jobstd')}`));
        expect(listAll(path.join(dir, 'jobs'))).toEqual(SEED_FILES.map(seed => seed.replace(/\.txt$/, '.jobstd')));
    });
});

describe('jobstd import: where it writes', () => {
    it('writes beside the input without --out', () => {
        put('old/clerk.txt', CLERK);
        const run = jobstd('import', 'old/clerk.txt');
        expect(run.status).toBe(0);
        expect(run.lines).toEqual(['imported old/clerk.txt → old/clerk.jobstd: 1 section, 2 statements; coverage 100%']);
        expect(listAll(dir)).toEqual(['old/clerk.jobstd', 'old/clerk.txt']);
        const text = readFileSync(path.join(dir, 'old/clerk.jobstd'), 'utf8');
        expect(text).toContain('job "Records Clerk" {');
        expect(text).toContain('"Files the daily reports."');
    });

    it('writes only into --out, creating it, whatever the inputs are called', () => {
        put('in/..txt', CLERK);
        put('in/..\\..\\escape.txt', CLERK);
        put('in/a b.md', `# Porter\n\n## Duties\n\n- Carries bags\n`);
        const before = listAll(dir);
        const run = jobstd('import', 'in/..txt', 'in/..\\..\\escape.txt', 'in/a b.md', '--out', 'out/jobs');
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(listAll(path.join(dir, 'out/jobs'))).toEqual(['..\\..\\escape.jobstd', '..jobstd', 'a b.jobstd']);
        expect(listAll(dir)).toEqual([...before, ...listAll(path.join(dir, 'out/jobs')).map(file => `out/jobs/${file}`)].sort());
    });

    it('replaces a link at the output\'s name with --force instead of writing where it points', () => {
        put('clerk.txt', CLERK);
        const outside = put('outside/clerk.jobstd', 'untouched');
        mkdirSync(path.join(dir, 'out'));
        symlinkSync(outside, path.join(dir, 'out/clerk.jobstd'));
        expect(jobstd('import', 'clerk.txt', '--out', 'out').status).toBe(2);
        const forced = jobstd('import', 'clerk.txt', '--out', 'out', '--force');
        expect(forced.status).toBe(0);
        expect(readFileSync(outside, 'utf8')).toBe('untouched');
        expect(lstatSync(path.join(dir, 'out/clerk.jobstd')).isFile()).toBe(true);
    });

    it('does not replace an existing .jobstd without --force, and does with it', () => {
        put('clerk.txt', CLERK);
        const existing = put('out/clerk.jobstd', '// edited by hand\njob "Records Clerk" {}\n');
        const refused = jobstd('import', 'clerk.txt', '--out', 'out');
        expect(refused.status).toBe(2);
        expect(refused.stdout).toBe('');
        expect(refused.stderr).toMatch(/^jobstd: out\/clerk\.jobstd: already exists .*--force\njobstd: nothing written\n$/);
        expect(readFileSync(existing, 'utf8')).toBe('// edited by hand\njob "Records Clerk" {}\n');

        const forced = jobstd('import', 'clerk.txt', '--out', 'out', '--force');
        expect(forced.status).toBe(0);
        expect(readFileSync(existing, 'utf8')).toContain('"Files the daily reports."');
        expect(listAll(path.join(dir, 'out'))).toEqual(['clerk.jobstd']);
    });

    it('stops before writing when two inputs would write the same file', () => {
        put('clerk.txt', CLERK);
        put('clerk.md', `# Records Clerk\n\nFiles the daily reports.\n`);
        const run = jobstd('import', 'clerk.txt', 'clerk.md', '--out', 'out');
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('jobstd: out/clerk.jobstd: both clerk.txt and clerk.md would be imported to this file');
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
    });

    it('leaves no temporary files behind', () => {
        for (let i = 0; i < 5; i++) put(`old/clerk-${i}.txt`, CLERK);
        const inputs = readdirSync(path.join(dir, 'old')).map(file => `old/${file}`);
        expect(jobstd('import', ...inputs, '--out', 'out').status).toBe(0);
        expect(jobstd('import', ...inputs, '--out', 'out', '--force').status).toBe(0);
        expect(listAll(path.join(dir, 'out'))).toEqual([0, 1, 2, 3, 4].map(i => `clerk-${i}.jobstd`));
    });
});

describe('jobstd import: other formats', () => {
    it('imports Markdown with headings, HTML with lists, and a Word file', async () => {
        put('porter.md', `# Porter\n\nJob Family: Hospitality\n\n## Duties\n\n1. Carries bags to the rooms.\n2. Keeps the lobby tidy.\n`);
        put('cook.html', `<!doctype html><html><head><title>Cook</title></head><body><h1>Line Cook</h1>
<h2>Duties</h2><ul><li>Prepares the dishes of the menu.</li><li>Keeps the station clean.</li></ul></body></html>`);
        put('driver.docx', await wordFile([
            new Paragraph({ text: 'Delivery Driver', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Duties', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Delivers the parcels of the day on time.' }),
        ]));
        const run = jobstd('import', 'porter.md', 'cook.html', 'driver.docx', '--out', 'out');
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.lines.map(line => line.split(':')[0])).toEqual([
            'imported porter.md → out/porter.jobstd', 'imported cook.html → out/cook.jobstd', 'imported driver.docx → out/driver.jobstd',
        ]);
        expect(run.lines.every(line => line.includes('coverage 100%'))).toBe(true);
        for (const file of ['porter', 'cook', 'driver']) {
            expect(findingsOf(`out/${file}.jobstd`).filter(f => f.severity === 'error')).toEqual([]);
        }
        expect(readFileSync(path.join(dir, 'out/driver.jobstd'), 'utf8')).toContain('Delivers the parcels of the day on time.');
    });
});

describe('jobstd import: reports', () => {
    const REPORT_KEYS = ['coverage', 'format', 'found', 'output', 'path', 'recognised', 'removed', 'source', 'summary', 'title', 'unrecognised', 'warnings'];

    it('prints the reports as a JSON array with --json, and nothing else on stdout', () => {
        put('clerk.txt', CLERK);
        put('porter.md', `# Porter\n\n## Duties\n\n- Carries bags\n`);
        const run = jobstd('import', 'clerk.txt', 'porter.md', '--out', 'out', '--json');
        expect(run.status).toBe(0);
        const reports = JSON.parse(run.stdout) as Record<string, unknown>[];
        expect(reports).toHaveLength(2);
        expect(Object.keys(reports[0]).sort()).toEqual(REPORT_KEYS);
        expect(reports[0]).toMatchObject({
            source: 'clerk.txt',
            format: 'text',
            title: 'Records Clerk',
            output: 'out/clerk.jobstd',
            path: path.join(dir, 'out/clerk.jobstd'),
            recognised: { sections: 1, statements: 2, competencies: 0 },
            coverage: { covered: expect.any(Number), sentences: expect.any(Number), ratio: 1, missing: [] },
            unrecognised: [],
            summary: 'coverage 100%',
        });
        expect(reports[1]).toMatchObject({ source: 'porter.md', format: 'markdown', title: 'Porter', output: 'out/porter.jobstd' });
    });

    it('writes the same reports to --report, besides the usual lines', () => {
        put('clerk.txt', CLERK);
        const run = jobstd('import', 'clerk.txt', '--out', 'out', '--report', 'import-report.json');
        expect(run.status).toBe(0);
        expect(run.lines).toEqual(['imported clerk.txt → out/clerk.jobstd: 1 section, 2 statements; coverage 100%']);
        const reports = JSON.parse(readFileSync(path.join(dir, 'import-report.json'), 'utf8')) as Record<string, unknown>[];
        expect(reports.map(report => report.output)).toEqual(['out/clerk.jobstd']);
        expect(Object.keys(reports[0]).sort()).toEqual(REPORT_KEYS);
    });

    it('says what noise it removed', () => {
        put('escaped.md', '# Cashier\n\n## Pay\n\nEarns \\$15 an hour, paid \\_weekly\\_.\n');
        const run = jobstd('import', 'escaped.md', '--out', 'out');
        expect(run.status).toBe(0);
        expect(run.lines[0]).toMatch(/coverage 100%, 3 Markdown escapes removed/);
        expect(readFileSync(path.join(dir, 'out/escaped.jobstd'), 'utf8')).toContain('Earns $15 an hour, paid _weekly_.');
    });

    it('writes nothing when the --report folder does not exist', () => {
        put('clerk.txt', CLERK);
        const run = jobstd('import', 'clerk.txt', '--out', 'out', '--report', 'missing/report.json');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('jobstd: missing/report.json: cannot write the report: missing is not a folder\n');
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
    });
});

describe('jobstd import: bad input', () => {
    /** Imports one bad file next to a good one: exit 2, the bad one named with its reason, nothing written. */
    function refuses(file: string, reason: RegExp): void {
        put('good.txt', CLERK);
        const run = jobstd('import', 'good.txt', file, '--out', 'out');
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        const lines = run.stderr.split('\n').filter(Boolean);
        expect(lines).toHaveLength(2);
        expect(lines[0].startsWith(`jobstd: ${file}: `)).toBe(true);
        expect(lines[0]).toMatch(reason);
        expect(lines[1]).toBe('jobstd: nothing written: 1 file of 2 could not be imported; import is all or nothing');
        expect(listAll(path.join(dir, 'out'))).toEqual([]);
        expect(listAll(dir)).toEqual([file, 'good.txt'].sort());
    }

    it('an empty file', () => {
        put('empty.txt', '');
        refuses('empty.txt', /empty/);
    });

    it('a file of blank lines', () => {
        put('blank.md', '\n   \n\t\n');
        refuses('blank.md', /empty/);
    });

    it('a binary file', () => {
        const bytes = randomBytes(4096);
        bytes[10] = 0;
        bytes[2000] = 0;
        put('binary.txt', bytes);
        refuses('binary.txt', /binary|not a text file/);
    });

    it('a file over the 10 MB limit', () => {
        put('huge.txt', 'The clerk files the reports of the day.\n'.repeat(Math.ceil(10.5 * 1024 * 1024 / 40)));
        refuses('huge.txt', /10\.\d MB is more than the 10\.0 MB/);
    });

    it('a file over a smaller --max-bytes', () => {
        put('clerk.txt', CLERK);
        const run = jobstd('import', 'clerk.txt', '--out', 'out', '--max-bytes', '50');
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/^jobstd: clerk\.txt: .*more than the .* MB/);
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
        expect(jobstd('import', 'clerk.txt', '--out', 'out', '--max-bytes', '0').status).toBe(2);
    });

    it('a .docx that is not a zip', () => {
        put('letter.docx', 'Dear team, this is plain text named .docx.\n');
        refuses('letter.docx', /not a Word document/);
    });

    it('a .docx that is a zip but not a Word file', async () => {
        const zip = new JSZip();
        zip.file('readme.txt', 'not a Word document');
        put('archive.docx', await zip.generateAsync({ type: 'uint8array' }));
        refuses('archive.docx', /not a Word document/);
    });

    it('an extension the importer does not read', () => {
        put('scan.pdf', '%PDF-1.4 not really');
        refuses('scan.pdf', /\.txt, \.md, \.html or \.docx/);
    });

    it('a folder, and a file that does not exist', () => {
        mkdirSync(path.join(dir, 'old'));
        put('good.txt', CLERK);
        const run = jobstd('import', 'good.txt', 'old', 'missing.txt', '--out', 'out');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe([
            'jobstd: old: is a folder; import takes files (.txt, .md, .html or .docx)',
            'jobstd: missing.txt: no such file or folder',
            'jobstd: nothing written: 2 files of 3 could not be imported; import is all or nothing',
            '',
        ].join('\n'));
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
    });

    it('no file at all is a misuse', () => {
        const run = jobstd('import');
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/^jobstd: .*missing required argument 'files'\n$/);
    });
});

describe('jobstd import --help', () => {
    it('explains the command, all or nothing, coverage and exit codes, with examples', () => {
        const run = jobstd('import', '--help');
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('Usage: jobstd import [options] <files...>');
        expect(run.stdout).toContain('NOTHING');
        expect(run.stdout).toContain('$ jobstd import old/*.docx old/*.md --out jobs');
        expect(run.stdout).toContain('Exit codes: 0 imported, 1 imported but sentences are missing (coverage below 100%), 2 nothing\nwritten');
        expect(jobstd('--help').stdout).toContain('$ jobstd import');
    });
});

describe('jobstd import: the line and the warnings for one file', () => {
    const NONE: ImportCounts = {
        sections: 0, statements: 0, taskGroups: 0, tasks: 0, competencies: 0, behaviours: 0, characteristics: 0, requirements: 0,
        targets: 0, kpis: 0, authorities: 0, roles: 0, shifts: 0, signatures: 0, pay: 0, benefits: 0, incentives: 0,
    };
    function imported(changes: Partial<ImportedFile>): ImportedFile {
        const recognised = changes.recognised ?? NONE;
        return {
            source: 'old/cashier.txt', format: 'text', title: 'Cashier', recognised, removed: [],
            coverage: { sentences: 10, covered: 10, ratio: 1, missing: [] }, unrecognised: [], warnings: [],
            found: describeRecognised(recognised), summary: 'coverage 100%', output: 'jobs/cashier.jobstd', path: '/work/jobs/cashier.jobstd', ...changes,
        };
    }

    it('names what was recognised, one or many, and the lines kept as free text', () => {
        const line = describeImport(imported({
            recognised: { ...NONE, sections: 4, statements: 30, taskGroups: 1, competencies: 21, behaviours: 157, kpis: 1, signatures: 2 },
            unrecognised: ['Rev. 3', 'See attached', 'N/A', '---'],
            summary: 'coverage 100%, 9 page headers removed',
        }));
        expect(line).toBe('imported old/cashier.txt → jobs/cashier.jobstd: 1 task group, 21 competencies, 157 behaviours, 1 KPI, 2 signature lines, 4 sections, 30 statements; '
            + 'coverage 100%, 9 page headers removed; 4 lines kept as free text in “Other content”');
    });

    it('counts the sections and the statements left as prose, last', () => {
        expect(describeImport(imported({ recognised: { ...NONE, sections: 1, statements: 1 }, unrecognised: ['x'] })))
            .toBe('imported old/cashier.txt → jobs/cashier.jobstd: 1 section, 1 statement; coverage 100%; 1 line kept as free text in “Other content”');
        expect(describeImport(imported({}))).toBe('imported old/cashier.txt → jobs/cashier.jobstd: no structure recognised; coverage 100%');
    });

    it('warns, sentence by sentence, when coverage is below 100%, and passes on the reader\'s warnings', () => {
        expect(importWarnings(imported({}))).toEqual([]);
        expect(importWarnings(imported({
            coverage: { sentences: 40, covered: 38, ratio: 0.95, missing: ['Counts the till at noon.', 'Greets every guest.'] },
            warnings: ['Word: Unrecognised paragraph style: \'Title\''],
        }))).toEqual([
            "jobstd: warning: old/cashier.txt: Word: Unrecognised paragraph style: 'Title'",
            'jobstd: error: old/cashier.txt: coverage 95.0%: 2 sentences of the input are not in jobs/cashier.jobstd; check by hand:',
            '  Counts the till at noon.',
            '  Greets every guest.',
        ]);
    });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AstUtils, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJobStdServices, type Document } from '../src/index.js';
import { readExample } from './export-fixtures.js';

/**
 * Inputs that once crashed the language, each cut down to its core. Whatever they hold, the
 * writer must get findings (or one clear error), never an internal error, and the services
 * must read the next document as if nothing had happened: in an editor they live on.
 */

interface Crasher {
    name: string;
    text: () => string;
    /** Read in a worker that is stopped at the deadline: these once took minutes. */
    slow?: boolean;
}

const CRASHERS: Crasher[] = [
    { name: '108 unclosed `role R{` (764 bytes)', text: () => 'job "J"{' + 'role R{'.repeat(108) },
    { name: '168 unclosed `section "x" {`', text: () => 'job "J" {\n' + '  section "x" {\n'.repeat(168) },
    { name: '240 nested closed sections', text: () => 'job "J" {\n' + 'section "x" {\n'.repeat(240) + '}\n'.repeat(241) },
    { name: '200 nested roles', text: () => 'job "J" {\n' + 'role R {\n'.repeat(200) + '}\n'.repeat(201) },
    { name: '2,849 × `"a"b` on one line', text: () => 'job "J" {\n' + '"a"b'.repeat(2849) + '\n}\n' },
    {
        name: '2,000 statements like `"Answers the "main" phone line."` (70 KB)',
        text: () => 'job "Receptionist" {\n' + '  "Answers the "main" phone line."\n'.repeat(2000) + '}\n',
    },
    { name: 'an unterminated `"""` followed by 1 MB of `x"`', text: () => 'job "J" {\n  """' + 'x"'.repeat(524_288), slow: true },
    { name: '`/*` followed by 1 MB of `*`', text: () => 'job "J" {\n  /*' + '*'.repeat(1_048_576), slow: true },
    // Found by the fuzz test's long lines: time grows with the square of the line.
    { name: 'an unclosed `"` followed by 1 MB of spaces', text: () => 'job "J" {\n  "' + ' '.repeat(1_048_576), slow: true },
    { name: 'an unclosed `"""` followed by 1 MB of spaces', text: () => 'job "J" {\n  """' + ' '.repeat(1_048_576), slow: true },
];

/** A real job standard with findings of its own (warnings), read after each crasher. */
const NORMAL_FILE = 'coordinator-customer-services.jobstd';
const NORMAL = readExample(NORMAL_FILE);
const DEADLINE_MS = 20_000;

interface Shape { jobs: number; libraries: number; nodes: number }
interface Report {
    threw?: string;
    timedOut?: boolean;
    /** What reached console.error: Langium's "An error occurred …" when a check throws. */
    internal: string[];
    findings: Array<{ code: string; message: string }>;
    next?: { syntaxErrors?: number; shape?: Shape; threw?: string };
}

function shape(root: Document): Shape {
    return { jobs: root.jobs.length, libraries: root.libraries.length, nodes: AstUtils.streamAst(root).count() };
}

const expectedNext = shape(createJobStdServices({ ...EmptyFileSystem }).JobStd.parser.LangiumParser.parse<Document>(NORMAL).value);

/** Reads the crasher, then the normal job, on one set of fresh services, in this thread. */
async function readHere(crasher: string): Promise<Report> {
    const services = createJobStdServices({ ...EmptyFileSystem });
    let counter = 0;
    const read = async (text: string): Promise<LangiumDocument<Document>> => {
        await clearDocuments(services.shared);
        const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.parse(`file:///crashers/${++counter}.jobstd`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
        return document;
    };
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const report: Report = { internal: [], findings: [] };
    try {
        const document = await read(crasher);
        report.findings = (document.diagnostics ?? []).map(d => ({ code: String(d.code), message: d.message }));
    } catch (error) {
        report.threw = String((error as Error)?.stack ?? error).split('\n').slice(0, 4).join('\n');
    }
    try {
        const next = await read(NORMAL);
        report.next = {
            syntaxErrors: next.parseResult.lexerErrors.length + next.parseResult.parserErrors.length,
            shape: shape(next.parseResult.value),
        };
    } catch (error) {
        report.next = { threw: String(error).split('\n')[0] };
    } finally {
        report.internal = consoleError.mock.calls.map(args => args.map(String).join(' ').slice(0, 500));
        consoleError.mockRestore();
    }
    return report;
}

/** The same in a worker thread, stopped at the deadline: a parse that never ends fails the test instead of hanging it. */
function readInWorker(crasher: string): Promise<Report> {
    return new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./crasher-worker.mjs', import.meta.url), { workerData: { crasher, next: NORMAL } });
        const timer = setTimeout(() => {
            void worker.terminate();
            resolve({ timedOut: true, internal: [], findings: [] });
        }, DEADLINE_MS);
        worker.once('message', (report: Report) => { clearTimeout(timer); void worker.terminate(); resolve(report); });
        worker.once('error', error => { clearTimeout(timer); reject(error); });
    });
}

describe('minimised crashers: a finding, never an internal error, and the next document reads normally', () => {
    for (const crasher of CRASHERS) {
        it(crasher.name, async () => {
            const report = await (crasher.slow ? readInWorker : readHere)(crasher.text());
            expect(report.timedOut, `not read within ${DEADLINE_MS / 1000} s`).toBeUndefined();
            expect(report.threw, 'reading the document threw').toBeUndefined();
            expect(report.internal.filter(line => /An error occurred/.test(line)), 'internal errors on the console').toEqual([]);
            expect(report.findings.length, 'the writer is told something is wrong').toBeGreaterThan(0);
            // A message is read by an HR analyst: a sentence, not the document quoted back.
            for (const finding of report.findings) expect(finding.message.length).toBeLessThanOrEqual(300);
            expect(report.next, 'the next document on the same services').toEqual({ syntaxErrors: 0, shape: expectedNext });
        }, DEADLINE_MS + 10_000);
    }
});

/** The command on a folder holding a crasher beside a normal job (`npm run build` first). */
describe('minimised crashers through `jobstd validate`', () => {
    const BIN = join(__dirname, '../../cli/bin/jobstd.js');
    let root: string;
    let normalLines: string[];

    function validate(folder: string) {
        return spawnSync(process.execPath, [BIN, 'validate', '.'], { cwd: folder, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 << 20 });
    }

    beforeAll(() => {
        root = mkdtempSync(join(tmpdir(), 'jobstd-crashers-'));
        const alone = join(root, 'alone');
        mkdirSync(alone);
        writeFileSync(join(alone, NORMAL_FILE), NORMAL);
        const result = validate(alone);
        normalLines = result.stdout.split('\n').filter(line => line.startsWith(NORMAL_FILE));
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('the normal job alone has findings of its own to compare with', () => {
        expect(normalLines.length).toBeGreaterThan(0);
    });

    CRASHERS.forEach((crasher, i) => {
        it(crasher.name, () => {
            const folder = join(root, `crasher-${i}`);
            mkdirSync(folder);
            writeFileSync(join(folder, NORMAL_FILE), NORMAL);
            writeFileSync(join(folder, 'crasher.jobstd'), crasher.text());
            const result = validate(folder);
            expect(result.error, 'the command finished').toBeUndefined();
            const output = `${result.stdout}\n${result.stderr}`;
            expect(output, 'no stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
            expect(output).not.toMatch(/RangeError|TypeError|Maximum call stack|An error occurred/);
            expect(result.stdout.split('\n').filter(line => line.startsWith(NORMAL_FILE))).toEqual(normalLines);
            expect(result.stdout).toMatch(/^crasher\.jobstd:\d+:\d+ error /m);
            expect(result.status, 'errors found, the command was not misused').toBe(1);
        }, 40_000);
    });
});

import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import {
    ConfigError, countBySeverity, escapeControls, exportFiles, ExportFormats, formatFinding, formatSummary, ImportError, importFiles,
    ImportFilesError, JobStdInputError, JobStdOutputError, loadConfigFile, plural, toJsonFindings, toPrintableJson, toSarif, validate,
    writeAtomically,
    type ExportFormat, type ExportReport, type Finding, type ImportedFile, type JobStdConfig
} from 'jobstd-language/node';

/** Exit codes: the contract with build scripts and CI. */
export const ExitCode = {
    /** No errors (and no more warnings than --max-warnings). */
    Ok: 0,
    /** The documents have errors, too many warnings, or could not be exported because of errors. */
    Findings: 1,
    /** The command could not do its job: misuse, unreadable input, a bad configuration. */
    Failure: 2,
} as const;

/** A mistake in how the command was called, reported like commander's own. */
class UsageError extends Error {}

// "human" is accepted as another name for the plain-text format.
const VALIDATE_FORMATS = ['text', 'json', 'sarif', 'human'] as const;
type ValidateFormat = typeof VALIDATE_FORMATS[number];

const PROGRESS_THRESHOLD = 10;

const FORMAT_NAMES: Record<ExportFormat, string> = { json: 'JSON', html: 'HTML', jsonld: 'JSON-LD', docx: 'Word' };

export function version(): string {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return manifest.version;
}

/** Runs the command line and resolves to the exit code; never calls process.exit itself. */
export async function run(args: string[]): Promise<number> {
    let exitCode: number = ExitCode.Ok;
    const program = createProgram(code => { exitCode = code; });
    try {
        await program.parseAsync(args, { from: 'user' });
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version end with 0; every other commander error is a misuse.
            return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Failure;
        }
        for (const line of describeFailure(error)) printError(line);
        return ExitCode.Failure;
    }
    return exitCode;
}

function createProgram(setExitCode: (code: number) => void): Command {
    const program = new Command('jobstd');
    // Settings made before .command() are inherited by the subcommands.
    program
        .exitOverride()
        .configureOutput({
            writeOut: text => process.stdout.write(text),
            writeErr: text => process.stderr.write(text),
            // One line, in the same "jobstd: …" form as every other failure.
            outputError: (text, write) => write(`jobstd: ${escapeControls(text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' '))}\n`),
        })
        .showSuggestionAfterError(true)
        .description('Check .jobstd job standards, export them as JSON, HTML, JSON-LD or Word, and import existing ones from text, Markdown, HTML or Word.')
        .version(version(), '-V, --version', 'print the version')
        .helpOption('-h, --help', 'show help')
        .helpCommand('help [command]', 'show help for a command')
        .addHelpText('after', `
Examples:
  $ jobstd validate                              check every .jobstd file below this folder
  $ jobstd validate jobs/ libraries/ --max-warnings 0
  $ jobstd validate --format sarif > jobstd.sarif
  $ jobstd export jobs --format html --out site/jobs
  $ jobstd export jobs --format json --out build/json --force
  $ jobstd export jobs --format docx --out build/word
  $ jobstd import old/*.txt old/*.docx --out jobs      write one .jobstd per document

Exit codes: 0 no errors, 1 errors found (or too many warnings, or documents not exported),
2 the command could not run (bad option, unreadable file or folder, bad jobstd.config.json).

Settings are read from the nearest jobstd.config.json at or above the files.`);

    program.command('validate')
        .description('check .jobstd files and report what is wrong, one finding a line')
        .argument('[paths...]', 'files and folders (searched recursively, skipping node_modules, out and dot-folders)', ['.'])
        .addOption(new Option('-f, --format <format>', 'output format').choices(VALIDATE_FORMATS).default('text'))
        .option('--max-warnings <n>', 'exit with 1 when there are more than n warnings', parseCount)
        .option('-c, --config <file>', 'use this configuration file instead of the nearest jobstd.config.json')
        .option('--as-of <date>', 'compare dates (next review) with this day, YYYY-MM-DD, not today; default: SOURCE_DATE_EPOCH when set', parseDate)
        .addHelpText('after', `
Examples:
  $ jobstd validate
  $ jobstd validate examples/customer-service-representative.jobstd
  $ jobstd validate jobs --format json
  $ jobstd validate . --max-warnings 0 --config ci/jobstd.config.json
  $ jobstd validate jobs --as-of 2026-12-01

Text output: file:line:column severity message [code], one a line, then a summary line.`)
        .action(async (paths: string[], options: ValidateCommandOptions) => {
            setExitCode(await validateCommand(paths, options));
        });

    program.command('export')
        .description('write one JSON, HTML, JSON-LD or Word file per document into a folder')
        .argument('[paths...]', 'files and folders; a folder\'s layout is mirrored below --out', ['.'])
        .addOption(new Option('-f, --format <format>', 'what to write').choices(ExportFormats).makeOptionMandatory())
        .requiredOption('-o, --out <dir>', 'output folder (created if missing); nothing is written outside it')
        .option('--force', 'export documents that have errors too')
        .option('--locations', 'with --format json: give every element its line and column in the source')
        .addOption(new Option('--findings <where>', 'html and docx: where the findings go; a document handed to an employee carries none')
            .choices(FINDINGS_PLACES).default('none'))
        .option('--as-of <date>', 'compare dates (next review) with this day, YYYY-MM-DD, not today; default: SOURCE_DATE_EPOCH when set', parseDate)
        .option('-c, --config <file>', 'use this configuration file instead of the nearest jobstd.config.json')
        .addHelpText('after', `
Formats:
  json    one .json per document, in the shape of docs/json.md (its JSON Schema ships in the package)
  html    one self-contained, printable .html per document, and an index.html listing them all
  jsonld  one .jsonld per document: a schema.org Occupation (and JobPosting where the document has one)
  docx    one Word .docx per document: headings, weight and target tables, signature lines

Examples:
  $ jobstd export examples --format json --out out/json --locations
  $ jobstd export jobs/cashier.jobstd --format html --out site
  $ jobstd export jobs --format docx --out build/word
  $ jobstd export jobs --format html --out review --findings appendix

Documents with errors are listed and not exported unless --force is given. The same source gives
the same bytes on any day and in any time zone: the day that checks compare dates with comes from
--as-of or SOURCE_DATE_EPOCH, and a Word file's own date from the job (updated, created) or
SOURCE_DATE_EPOCH.`)
        .action(async (paths: string[], options: ExportCommandOptions) => {
            setExitCode(await exportCommand(paths, options));
        });

    program.command('import')
        .description('turn job standards in text, Markdown, HTML or Word into .jobstd files, and say what was recognised')
        .argument('<files...>', '.txt, .md, .html or .docx files')
        .option('-o, --out <dir>', 'write the .jobstd files into this folder (created if missing) and nowhere else; by default each goes beside its input')
        .option('--force', 'replace .jobstd files that already exist (they may have been edited by hand since)')
        .option('--json', 'print the import reports as JSON instead of one line per file')
        .option('--report <file>', 'also write the import reports as JSON to this file')
        .option('--max-bytes <n>', 'refuse inputs larger than n bytes (default 10 MB)', parsePositiveCount)
        .addHelpText('after', `
Each FILE becomes NAME.jobstd: the title, metadata, sections, task groups, competencies with
their behaviours and levels, characteristics, targets, shifts, roles and signature lines it
recognises, in the layout the editor formats. Noise (repeated page headers and footers, page
numbers, Word bookmarks, Markdown escapes) is taken out and counted; lines no structure fits
are kept word for word as free text in an "Other content" section. Run \`jobstd validate\` on
the result to see the original's defects: placeholders, totals that are not 100%, conflicting
level labels.

All or nothing: every file is read and converted first; if any one cannot be imported (empty,
binary, over the size limit, a .docx that is not a Word file, an unknown extension, missing,
a folder) or its .jobstd already exists without --force, each problem is listed and NOTHING
is written. Each .jobstd is written whole (a temporary file renamed into place).

Examples:
  $ jobstd import standards/cashier.txt
  $ jobstd import old/*.docx old/*.md --out jobs
  $ jobstd import old/clerk.html --out jobs --force --report import-report.json
  $ jobstd import old/*.txt --json > import-report.json

Output, one line per file:
  imported old/clerk.txt → jobs/clerk.jobstd: 3 task groups, 21 competencies, 157 behaviours, 4 sections; coverage 100%, 8 page headers removed
Coverage is the share of the input's sentences (noise aside) found word for word in the
.jobstd. Below 100% the file is still written, but stderr lists the sentences missing and the
exit code is 1: check them by hand.

Inputs are refused before they can exhaust memory: a .docx whose contents unzip to more than
10 times the size limit, or hold more than 5,000 parts, or nest deeper than 200 levels.
Files are staged in a hidden folder inside --out and moved into place together; a run that
was killed midway is finished (or undone) by the next import into the same folder.

Exit codes: 0 imported, 1 imported but sentences are missing (coverage below 100%), 2 nothing
written (a file could not be imported, or bad options).`)
        .action(async (files: string[], options: ImportCommandOptions) => {
            setExitCode(await importCommand(files, options));
        });

    return program;
}

function parsePositiveCount(value: string): number {
    if (!/^[0-9]+$/.test(value) || Number(value) === 0) {
        throw new InvalidArgumentError('Expected a whole number, 1 or more.');
    }
    return Number(value);
}

function parseCount(value: string): number {
    if (!/^[0-9]+$/.test(value)) {
        throw new InvalidArgumentError('Expected a whole number, 0 or more.');
    }
    return Number(value);
}

const FINDINGS_PLACES = ['none', 'appendix'] as const;
type FindingsPlace = typeof FINDINGS_PLACES[number];

/** `--as-of 2026-12-01`: one calendar day. */
function parseDate(value: string): Date {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
    if (!date || date.toISOString().slice(0, 10) !== value) {
        throw new InvalidArgumentError('Expected a calendar date as YYYY-MM-DD, such as 2026-12-01.');
    }
    return date;
}

/** SOURCE_DATE_EPOCH, the reproducible-builds convention: whole seconds since 1970-01-01 UTC. */
function sourceDateEpoch(): Date | undefined {
    const value = process.env.SOURCE_DATE_EPOCH;
    if (value === undefined || value === '') return undefined;
    if (!/^[0-9]+$/.test(value)) {
        throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not '${value}'`);
    }
    return new Date(Number(value) * 1000);
}

async function readConfig(file: string | undefined): Promise<JobStdConfig | undefined> {
    return file === undefined ? undefined : loadConfigFile(file);
}

interface ValidateCommandOptions {
    format: ValidateFormat;
    maxWarnings?: number;
    config?: string;
    asOf?: Date;
}

async function validateCommand(paths: string[], options: ValidateCommandOptions): Promise<number> {
    const unreadable = new UnreadablePaths();
    const today = options.asOf ?? sourceDateEpoch();
    const result = await validate(paths, { config: await readConfig(options.config), ...(today ? { today } : {}), ...unreadable.options });
    if (result.files.length === 0) {
        if (unreadable.count > 0) return ExitCode.Failure;
        throw new UsageError(`no .jobstd files found in ${paths.join(', ')}`);
    }
    const findings = result.findings;
    if (options.format === 'json') {
        writeJson(toJsonFindings(findings));
    } else if (options.format === 'sarif') {
        writeJson(toSarif(findings, { version: version(), root: process.cwd() }));
    } else {
        write([...findings.map(formatFinding), formatSummary(findings, result.files.length) + unreadable.note()].join('\n') + '\n');
    }
    // The files that were read are reported in full; the exit code still says some were not.
    if (unreadable.count > 0) return ExitCode.Failure;
    const counts = countBySeverity(findings);
    if (counts.error > 0) return ExitCode.Findings;
    if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
        // On stderr, so that JSON and SARIF on stdout stay parseable.
        process.stderr.write(`jobstd: ${plural(counts.warning, 'warning')}, more than --max-warnings ${options.maxWarnings} allows\n`);
        return ExitCode.Findings;
    }
    return ExitCode.Ok;
}

interface ExportCommandOptions {
    format: ExportFormat;
    out: string;
    force?: boolean;
    locations?: boolean;
    findings: FindingsPlace;
    asOf?: Date;
    config?: string;
}

async function exportCommand(paths: string[], options: ExportCommandOptions): Promise<number> {
    if (options.locations && options.format !== 'json') {
        throw new UsageError(`--locations applies to --format json only, not ${options.format}`);
    }
    if (options.findings === 'appendix' && (options.format === 'json' || options.format === 'jsonld')) {
        throw new UsageError(`--findings applies to --format html and docx only: ${options.format} ${options.format === 'json' ? 'always carries its findings' : 'carries none'}`);
    }
    const sourceDate = sourceDateEpoch();
    const today = options.asOf ?? sourceDate;
    const progress = new ProgressBar();
    const unreadable = new UnreadablePaths(() => progress.stop());
    let report: ExportReport;
    try {
        report = await exportFiles(paths, {
            format: options.format,
            outDir: options.out,
            force: options.force,
            locations: options.locations,
            ...(options.findings === 'appendix' ? { findingsAppendix: true } : {}),
            ...(today ? { today } : {}),
            ...(sourceDate ? { sourceDate } : {}),
            config: await readConfig(options.config),
            onProgress: (done, total, file) => progress.update(done, total, file),
            ...unreadable.options,
        });
    } finally {
        progress.stop();
    }
    if (report.files.length === 0) {
        if (unreadable.count > 0) return ExitCode.Failure;
        throw new UsageError(`no .jobstd files found in ${paths.join(', ')}`);
    }
    const lines: string[] = [];
    for (const written of report.written) {
        const note = written.errors > 0 ? ` (exported with ${plural(written.errors, 'error')})` : '';
        lines.push(`${written.file} -> ${written.output}${note}`);
    }
    if (report.refused.length > 0) {
        lines.push('', `Not exported because of errors (fix them, or export anyway with --force):`);
        for (const refused of report.refused) {
            lines.push(...refused.errors.map((finding: Finding) => formatFinding(finding)));
        }
        lines.push('');
    }
    const outDir = path.relative(process.cwd(), report.outDir) || '.';
    const refusedNote = report.refused.length > 0 ? `; ${plural(report.refused.length, 'document')} not exported because of errors` : '';
    if (report.index !== undefined) lines.push(`Index of the exported documents: ${report.index}`);
    if (report.indexKept !== undefined) {
        // Said plainly: whoever opens the folder should know the index is not from this run.
        lines.push(report.indexKept.exists
            ? `No index written: no document was exported, so ${report.indexKept.file} is left as it was`
            : 'No index written: no document was exported');
    }
    lines.push(`Exported ${plural(report.written.length, 'document')} of ${report.files.length} to ${outDir} as ${FORMAT_NAMES[options.format]}${refusedNote}${unreadable.note()}`);
    write(lines.join('\n') + '\n');
    if (unreadable.count > 0) return ExitCode.Failure;
    return report.refused.length > 0 ? ExitCode.Findings : ExitCode.Ok;
}

interface ImportCommandOptions {
    out?: string;
    force?: boolean;
    json?: boolean;
    report?: string;
    maxBytes?: number;
}

async function importCommand(files: string[], options: ImportCommandOptions): Promise<number> {
    // Checked first: a report that cannot be written must not be found out after the .jobstd files are.
    if (options.report !== undefined) await checkReportFile(options.report);
    let imported: ImportedFile[];
    try {
        let recovered: string[];
        ({ files: imported, recovered } = await importFiles(files, { out: options.out, force: options.force, maxBytes: options.maxBytes }));
        for (const note of recovered) printError(`note: ${note}`);
    } catch (error) {
        if (!(error instanceof ImportFilesError)) throw error;
        for (const note of error.recovered) printError(`note: ${note}`);
        for (const failure of error.failures) printError(failure.message);
        const bad = new Set(error.failures.map(failure => failureFile(failure)));
        const note = files.length > 1 ? `: ${plural(bad.size, 'file')} of ${files.length} could not be imported; import is all or nothing` : '';
        printError(`nothing written${note}`);
        return ExitCode.Failure;
    }
    if (options.report !== undefined) {
        await writeAtomically(path.resolve(options.report), JSON.stringify(imported, null, 2) + '\n', options.report);
    }
    if (options.json) {
        writeJson(imported);
    } else {
        write(imported.map(describeImport).join('\n') + '\n');
    }
    // On stderr, so that --json on stdout stays parseable, and loud: content may be missing.
    const warnings = imported.flatMap(importWarnings);
    if (warnings.length > 0) process.stderr.write(warnings.map(escapeControls).join('\n') + '\n');
    // Words lost fail the command: the files are written (they may be worth finishing by hand), but a script must not go on as if all was well.
    const incomplete = imported.filter(file => file.coverage.covered < file.coverage.sentences);
    if (incomplete.length > 0) {
        printError(`${plural(incomplete.length, 'file')} of ${imported.length} ${incomplete.length === 1 ? 'lacks' : 'lack'} sentences of the input `
            + `(${incomplete.map(file => file.output).join(', ')}); written, but check the sentences listed above by hand`);
        return ExitCode.Findings;
    }
    return ExitCode.Ok;
}

/** The reader's warnings, and the sentences the .jobstd lacks when coverage is below 100%: lines for stderr. */
export function importWarnings(file: ImportedFile): string[] {
    const lines = file.warnings.map(warning => `jobstd: warning: ${file.source}: ${warning}`);
    const { coverage } = file;
    if (coverage.covered < coverage.sentences) {
        const missing = coverage.sentences - coverage.covered;
        lines.push(`jobstd: error: ${file.source}: coverage ${percent(coverage.ratio)}: `
            + `${plural(missing, 'sentence')} of the input ${missing === 1 ? 'is' : 'are'} not in ${file.output}; check by hand:`);
        lines.push(...coverage.missing.map(sentence => `  ${sentence}`));
    }
    return lines;
}

async function checkReportFile(file: string): Promise<void> {
    const target = path.resolve(file);
    const folder = await stat(path.dirname(target)).catch(() => undefined);
    if (!folder?.isDirectory()) throw new UsageError(`${file}: cannot write the report: ${path.dirname(file)} is not a folder`);
    if ((await stat(target).catch(() => undefined))?.isDirectory()) throw new UsageError(`${file}: cannot write the report: it is a folder`);
}

/** The file a failure is about, for counting the inputs that failed. */
function failureFile(failure: Error): string {
    if (failure instanceof ImportError) return failure.source;
    if (failure instanceof JobStdInputError || failure instanceof JobStdOutputError) return failure.path;
    return failure.message;
}

/** "imported a.txt → out/a.jobstd: 3 task groups, 21 competencies; coverage 100%, 9 page headers removed" */
export function describeImport(file: ImportedFile): string {
    const unrecognised = file.unrecognised.length;
    const other = unrecognised > 0 ? `; ${unrecognised} ${unrecognised === 1 ? 'line' : 'lines'} kept as free text in “Other content”` : '';
    return `imported ${file.source} → ${file.output}: ${file.found}; ${file.summary}${other}`;
}

function percent(ratio: number): string {
    return ratio === 1 ? '100%' : `${(Math.floor(ratio * 1000) / 10).toFixed(1)}%`;
}

/** A bar on stderr, and only for a person watching a terminal and a run long enough to need it. */
class ProgressBar {
    private bar?: cliProgress.SingleBar;

    update(done: number, total: number, file: string): void {
        if (!process.stderr.isTTY || total < PROGRESS_THRESHOLD) return;
        if (!this.bar) {
            this.bar = new cliProgress.SingleBar({
                stream: process.stderr,
                format: 'Exporting [{bar}] {value}/{total} {file}',
                hideCursor: true,
                clearOnComplete: true,
            }, cliProgress.Presets.shades_classic);
            this.bar.start(total, 0, { file: '' });
        }
        this.bar.update(done, { file: escapeControls(file) });
    }

    stop(): void {
        this.bar?.stop();
        this.bar = undefined;
    }
}

/** Prints text lines on stdout, each escaped: a file name or a quoted statement may hold control characters. */
function write(text: string): void {
    process.stdout.write(text.split('\n').map(escapeControls).join('\n'));
}

function writeJson(value: unknown): void {
    process.stdout.write(toPrintableJson(value) + '\n');
}

/** One `jobstd: …` line on stderr: a newline in a file name it quotes is escaped like any control character. */
function printError(message: string): void {
    process.stderr.write(`jobstd: ${escapeControls(message)}\n`);
}

/**
 * The paths given that cannot be read as job standards: each is named on stderr as soon as it
 * is found, the other files are still checked, and the command ends with exit code 2.
 */
class UnreadablePaths {
    count = 0;
    /** Options for validate() and exportFiles(): carry on past a bad path. */
    readonly options = {
        onProblem: (problem: JobStdInputError) => {
            this.beforePrint?.();
            this.count++;
            printError(problem.message);
        },
    };

    constructor(private readonly beforePrint?: () => void) {}

    /** "; 1 path could not be read", for the summary line. */
    note(): string {
        return this.count > 0 ? `; ${plural(this.count, 'path')} could not be read` : '';
    }
}

/** The lines to print: one for a failure we expect, whatever its message holds; the stack's lines for an internal error. */
function describeFailure(error: unknown): string[] {
    if (error instanceof UsageError || error instanceof JobStdInputError || error instanceof JobStdOutputError || error instanceof ConfigError
        || error instanceof ImportError) {
        return [error.message];
    }
    // Not expected: say so, with enough to report it.
    const failure = error instanceof Error ? error : new Error(String(error));
    const cause = failure.cause instanceof Error ? `\nCaused by: ${failure.cause.stack ?? failure.cause.message}` : '';
    return `internal error: ${failure.stack ?? failure.message}${cause}`.split('\n');
}

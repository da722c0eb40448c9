import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import {
    ConfigError, countBySeverity, exportFiles, ExportFormats, formatFinding, formatSummary, JobStdInputError,
    JobStdOutputError, loadConfigFile, plural, toJsonFindings, toSarif, validate,
    type ExportFormat, type ExportReport, type Finding, type JobStdConfig
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
        process.stderr.write(`jobstd: ${describeFailure(error)}\n`);
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
            outputError: (text, write) => write(`jobstd: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
        })
        .showSuggestionAfterError(true)
        .description('Check .jobstd job standards and export them as JSON, HTML, JSON-LD or Word.')
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

Exit codes: 0 no errors, 1 errors found (or too many warnings, or documents not exported),
2 the command could not run (bad option, unreadable file or folder, bad jobstd.config.json).

Settings are read from the nearest jobstd.config.json at or above the files.`);

    program.command('validate')
        .description('check .jobstd files and report what is wrong, one finding a line')
        .argument('[paths...]', 'files and folders (searched recursively, skipping node_modules, out and dot-folders)', ['.'])
        .addOption(new Option('-f, --format <format>', 'output format').choices(VALIDATE_FORMATS).default('text'))
        .option('--max-warnings <n>', 'exit with 1 when there are more than n warnings', parseCount)
        .option('-c, --config <file>', 'use this configuration file instead of the nearest jobstd.config.json')
        .addHelpText('after', `
Examples:
  $ jobstd validate
  $ jobstd validate examples/customer-service-representative.jobstd
  $ jobstd validate jobs --format json
  $ jobstd validate . --max-warnings 0 --config ci/jobstd.config.json

Text output: file:line:column severity message [code], one a line, then a summary line.`)
        .action(async (paths: string[], options: { format: ValidateFormat; maxWarnings?: number; config?: string }) => {
            setExitCode(await validateCommand(paths, options));
        });

    program.command('export')
        .description('write one JSON, HTML, JSON-LD or Word file per document into a folder')
        .argument('[paths...]', 'files and folders; a folder\'s layout is mirrored below --out', ['.'])
        .addOption(new Option('-f, --format <format>', 'what to write').choices(ExportFormats).makeOptionMandatory())
        .requiredOption('-o, --out <dir>', 'output folder (created if missing); nothing is written outside it')
        .option('--force', 'export documents that have errors too')
        .option('--locations', 'with --format json: give every element its line and column in the source')
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

Documents with errors are listed and not exported unless --force is given.`)
        .action(async (paths: string[], options: ExportCommandOptions) => {
            setExitCode(await exportCommand(paths, options));
        });

    return program;
}

function parseCount(value: string): number {
    if (!/^[0-9]+$/.test(value)) {
        throw new InvalidArgumentError('Expected a whole number, 0 or more.');
    }
    return Number(value);
}

async function readConfig(file: string | undefined): Promise<JobStdConfig | undefined> {
    return file === undefined ? undefined : loadConfigFile(file);
}

async function validateCommand(paths: string[], options: { format: ValidateFormat; maxWarnings?: number; config?: string }): Promise<number> {
    const result = await validate(paths, { config: await readConfig(options.config) });
    if (result.files.length === 0) {
        throw new UsageError(`no .jobstd files found in ${paths.join(', ')}`);
    }
    const findings = result.findings;
    if (options.format === 'json') {
        write(JSON.stringify(toJsonFindings(findings), null, 2) + '\n');
    } else if (options.format === 'sarif') {
        write(JSON.stringify(toSarif(findings, { version: version(), root: process.cwd() }), null, 2) + '\n');
    } else {
        write([...findings.map(formatFinding), formatSummary(findings, result.files.length)].join('\n') + '\n');
    }
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
    config?: string;
}

async function exportCommand(paths: string[], options: ExportCommandOptions): Promise<number> {
    if (options.locations && options.format !== 'json') {
        throw new UsageError(`--locations applies to --format json only, not ${options.format}`);
    }
    const progress = new ProgressBar();
    let report: ExportReport;
    try {
        report = await exportFiles(paths, {
            format: options.format,
            outDir: options.out,
            force: options.force,
            locations: options.locations,
            config: await readConfig(options.config),
            onProgress: (done, total, file) => progress.update(done, total, file),
        });
    } finally {
        progress.stop();
    }
    if (report.files.length === 0) {
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
    lines.push(`Exported ${plural(report.written.length, 'document')} of ${report.files.length} to ${outDir} as ${FORMAT_NAMES[options.format]}${refusedNote}`);
    write(lines.join('\n') + '\n');
    return report.refused.length > 0 ? ExitCode.Findings : ExitCode.Ok;
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
        this.bar.update(done, { file });
    }

    stop(): void {
        this.bar?.stop();
        this.bar = undefined;
    }
}

function write(text: string): void {
    process.stdout.write(text);
}

function describeFailure(error: unknown): string {
    if (error instanceof UsageError || error instanceof JobStdInputError || error instanceof JobStdOutputError || error instanceof ConfigError) {
        return error.message;
    }
    // Not expected: say so, with enough to report it.
    const failure = error instanceof Error ? error : new Error(String(error));
    const cause = failure.cause instanceof Error ? `\nCaused by: ${failure.cause.stack ?? failure.cause.message}` : '';
    return `internal error: ${failure.stack ?? failure.message}${cause}`;
}

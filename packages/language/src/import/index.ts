import { AstUtils, EmptyFileSystem, GrammarAST, URI, type LangiumDocument } from 'langium';
import { createJobStdServices, type JobStdServices } from '../jobstd-module.js';
import { formattedText } from '../layout.js';
import type { Document } from '../generated/ast.js';
import { measureCoverage } from './coverage.js';
import { quote, render } from '../jobstd-writer.js';
import { NoiseLog, removeNoise } from './noise.js';
import { readSource, type SourceLine } from './read.js';
import { Recogniser } from './recognise.js';
import { ImportError, type ImportCounts, type ImportOptions, type ImportReport, type ImportResult, type ImportSource, type RemovedNoise } from './types.js';

export * from './types.js';
export { importFormatOf, DEFAULT_MAX_BYTES } from './read.js';

let services: JobStdServices | undefined;
let keywords: ReadonlySet<string> | undefined;

function languageServices(): JobStdServices {
    services ??= createJobStdServices(EmptyFileSystem).JobStd;
    return services;
}

/** Every keyword of the language: names the importer makes must not be one. */
function languageKeywords(): ReadonlySet<string> {
    keywords ??= new Set(AstUtils.streamAllContents(languageServices().Grammar).filter(GrammarAST.isKeyword).map(k => k.value));
    return keywords;
}

/**
 * Reads a job standard in plain text, Markdown, HTML or Word and writes it as .jobstd:
 * the structures it recognises become task groups, competencies, ratings, targets and
 * so on; noise (page headers, Word artefacts, Markdown escapes) is taken out and
 * reported; everything else stays as statements in its own words.
 *
 * @throws ImportError for input that is empty, binary, too large, or not the format its name says.
 */
export async function importDocument(source: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
    const read = await readSource(source, options.maxBytes);
    const log = new NoiseLog();
    for (const skipped of read.skipped) log.add(skipped.kind, skipped.text);
    const plain = read.format === 'text' || read.format === 'markdown';
    let lines = removeNoise(read.lines, plain, log);
    if (plain) lines = joinBrokenParagraphs(lines);
    if (lines.length === 0) throw new ImportError(source.name, 'empty', 'the file has no text once page headers and artefacts are taken out.');

    const recognised = new Recogniser(lines, languageKeywords(), log).recognise();
    const fileName = source.name.split(/[\\/]/).pop()!;
    const title = recognised.title || fileName.replace(/\.[^.]+$/, '');
    const removed = log.list();
    const headerNote = removed.filter(r => r.kind === 'page header').flatMap(r => r.examples);
    const comments = [`Imported from ${fileName} by jobstd import.`];
    if (headerNote.length > 0) comments.push(`Page headers removed: ${headerNote.map(h => `“${h}”`).join(', ')}.`);
    const raw = `${comments.map(c => `// ${c}`).join('\n')}\njob ${quote(title)} {\n${render(recognised.body, 1)}}\n`;

    // One parse: it proves the text is well formed and gives the formatter its tokens (the
    // layout changes only the whitespace between tokens, so the formatted text parses alike).
    const draft = languageServices().shared.workspace.LangiumDocumentFactory.fromString<Document>(raw, URI.parse('memory:///import.jobstd'));
    const errors = syntaxErrorsOf(draft);
    if (errors.length > 0) {
        // A bug of the importer, not of the input: say where, so it can be reported.
        throw Object.assign(new Error(`jobstd import wrote text that does not parse (${source.name}): ${errors[0]}`), { text: raw });
    }
    const text = formattedText(draft);
    const coverage = measureCoverage(lines.map(line => line.content ?? line.text), text);
    const report: ImportReport = {
        source: source.name,
        format: read.format,
        title,
        recognised: recognised.counts,
        removed,
        coverage,
        unrecognised: recognised.unrecognised,
        warnings: read.warnings,
        found: describeRecognised(recognised.counts),
        summary: summaryOf(coverage.ratio, removed),
    };
    return { text, report };
}

function syntaxErrorsOf({ parseResult }: LangiumDocument): string[] {
    return [
        ...parseResult.lexerErrors.map(e => `line ${e.line}, column ${e.column}: ${e.message}`),
        ...parseResult.parserErrors.map(e => `line ${e.token.startLine}, column ${e.token.startColumn}: ${e.message}`),
    ];
}

/** Structures in the order a job standard reads them; then the sections and the statements left as prose. */
const COUNTED: [keyof ImportCounts, string, string][] = [
    ['taskGroups', 'task group', 'task groups'],
    ['tasks', 'task', 'tasks'],
    ['competencies', 'competency', 'competencies'],
    ['behaviours', 'behaviour', 'behaviours'],
    ['characteristics', 'characteristic', 'characteristics'],
    ['requirements', 'requirement', 'requirements'],
    ['targets', 'target', 'targets'],
    ['kpis', 'KPI', 'KPIs'],
    ['authorities', 'authority limit', 'authority limits'],
    ['roles', 'role', 'roles'],
    ['shifts', 'shift', 'shifts'],
    ['signatures', 'signature line', 'signature lines'],
    ['pay', 'pay line', 'pay lines'],
    ['benefits', 'benefit', 'benefits'],
    ['incentives', 'incentive', 'incentives'],
    ['sections', 'section', 'sections'],
    ['statements', 'statement', 'statements'],
];

/** "3 task groups, 13 tasks, 21 competencies, …, 4 sections, 1 statement" */
export function describeRecognised(counts: ImportCounts): string {
    const found = COUNTED.filter(([key]) => counts[key] > 0).map(([key, one, many]) => `${counts[key]} ${counts[key] === 1 ? one : many}`);
    return found.length > 0 ? found.join(', ') : 'no structure recognised';
}

/** "coverage 100%, 3 page headers removed, 12 Markdown escapes removed" */
export function summaryOf(ratio: number, removed: readonly RemovedNoise[]): string {
    const percent = ratio === 1 ? '100' : (Math.floor(ratio * 1000) / 10).toFixed(1);
    const parts = [`coverage ${percent}%`];
    for (const { kind, count } of removed) {
        if (count === 0) continue;
        parts.push(`${count} ${count === 1 ? kind : pluralOf(kind)} removed`);
    }
    return parts.join(', ');
}

function pluralOf(kind: string): string {
    if (/field$|header$|artefact$|escape$|number$|line$|control$/.test(kind)) return `${kind}s`;
    return kind;
}

/**
 * Extracted text breaks paragraphs in mid-sentence ("… maintaining customer" / blank /
 * "relationships. You will …"): a line that does not end a sentence, followed by one
 * that starts in lower case, is one paragraph.
 */
function joinBrokenParagraphs(lines: SourceLine[]): SourceLine[] {
    const joined: SourceLine[] = [];
    for (const line of lines) {
        const previous = joined[joined.length - 1];
        if (previous && !previous.heading && !line.heading && !/[.!?:;)"”]$/.test(previous.text) && /^[a-z]/.test(line.text)
            && !/^[a-z][.)]\s/.test(line.text)) {
            previous.text = `${previous.text} ${line.text}`;
            previous.blankAfter = line.blankAfter;
            continue;
        }
        joined.push({ ...line });
    }
    return joined;
}

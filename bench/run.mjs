// Times every phase of building job standards of growing size and prints how each phase scales.
// Prints only: nothing here asserts a time (machines differ; the scaling test checks work, not time).
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { AstUtils, DocumentState, EmptyFileSystem, URI } from 'langium';
import * as language from '../packages/language/out/index.js';
import { countLines, generateStandard, generateWorkspace } from './generate.mjs';

const { createJobStdServices, toFinding } = language;

/** Runs per case: more for small inputs, where noise is large against the time measured. */
const CASES = [
    { label: '1k lines', files: () => [{ name: 'standard.jobstd', text: generateStandard(1_000) }], runs: 9 },
    { label: '10k lines', files: () => [{ name: 'standard.jobstd', text: generateStandard(10_000) }], runs: 5 },
    { label: '100k lines', files: () => [{ name: 'standard.jobstd', text: generateStandard(100_000) }], runs: 3 },
    { label: '100 files', files: () => generateWorkspace(100), runs: 3 },
    { label: '1,000 files', files: () => generateWorkspace(1_000), runs: 3 },
];
/** Pairs whose exponent is printed: single documents by lines, workspaces by lines (i.e. by files). */
const SCALING = [['1k lines', '10k lines'], ['10k lines', '100k lines'], ['100 files', '1,000 files']];

const exporters = findExporters();

/** One build of the given files in fresh services; milliseconds per phase. */
async function buildOnce(files) {
    const { shared, JobStd } = createJobStdServices({ ...EmptyFileSystem });
    // Services are created lazily; build the parser and the checks now, so that their
    // one-off set-up (tens of milliseconds) is not counted as parsing or validating.
    void JobStd.parser.LangiumParser;
    void JobStd.validation.DocumentValidator;
    const builder = shared.workspace.DocumentBuilder;
    const marks = {};
    for (const state of [DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked,
        DocumentState.IndexedReferences, DocumentState.Validated]) {
        builder.onBuildPhase(state, () => { marks[state] = performance.now(); });
    }
    const start = performance.now();
    // Creating a document parses it; the build then finds it parsed and goes on from there.
    const documents = files.map(f => shared.workspace.LangiumDocuments.createDocument(URI.parse(`file:///bench/${f.name}`), f.text));
    const parsed = performance.now();
    await builder.build(documents, { validation: true });
    const built = performance.now();

    // The plainest linear work there is, one visit per node: its exponent shows what memory
    // and garbage collection alone add at larger sizes, so a phase's exponent can be judged.
    let nodes = 0;
    for (const document of documents) for (const _ of AstUtils.streamAst(document.parseResult.value)) nodes++;
    const walked = performance.now();

    const exported = { json: undefined, html: undefined };
    for (const kind of ['json', 'html']) {
        const exporter = exporters[kind];
        if (!exporter) continue;
        const before = performance.now();
        let size = 0;
        for (const document of documents) {
            const file = document.uri.path.slice(1);
            const findings = (document.diagnostics ?? []).map(d => toFinding(file, d));
            size += exporter(document.parseResult.value, { file, findings }).length;
        }
        exported[kind] = performance.now() - before;
        exported[`${kind}Size`] = size;
    }
    const problems = documents.flatMap(d => (d.diagnostics ?? []).filter(x => x.code !== 'placeholder'));
    if (problems.length > 0) {
        throw new Error(`generated input has findings besides placeholders, e.g. ${problems[0].code}: ${problems[0].message}`);
    }
    return {
        parse: parsed - start,
        index: marks[DocumentState.IndexedContent] - parsed,
        scopes: marks[DocumentState.ComputedScopes] - marks[DocumentState.IndexedContent],
        resolve: marks[DocumentState.Linked] - marks[DocumentState.ComputedScopes],
        references: marks[DocumentState.IndexedReferences] - marks[DocumentState.Linked],
        link: marks[DocumentState.IndexedReferences] - parsed,
        validate: marks[DocumentState.Validated] - marks[DocumentState.IndexedReferences],
        build: built - start,
        walk: walked - built,
        nodes,
        ...exported,
    };
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The exporters, when the built package has them; a missing one is skipped with a note. */
function findExporters() {
    return {
        // JSON as the CLI writes it: the object, serialised with two-space indentation.
        json: typeof language.exportJson === 'function'
            ? (root, context) => JSON.stringify(language.exportJson(root, context), null, 2) + '\n' : undefined,
        html: typeof language.exportHtml === 'function' ? language.exportHtml : undefined,
    };
}

const ms = v => v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);

function table(header, rows) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)));
    const line = cells => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
    console.log(line(header));
    console.log(widths.map(w => '-'.repeat(w)).join('  '));
    for (const row of rows) console.log(line(row));
}

const started = performance.now();
console.log(`jobstd bench — Node ${process.version}, ${process.platform}/${process.arch}`);
if (!exporters.json || !exporters.html) {
    console.log(`note: ${[!exporters.json && 'exportJson', !exporters.html && 'exportHtml'].filter(Boolean).join(' and ')} not found in the built package; ${exporters.json || exporters.html ? 'that column is' : 'the export columns are'} skipped.`);
}

// Warm the JIT on a small input so the first timed case is not paying for compilation.
for (let i = 0; i < 3; i++) await buildOnce([{ name: 'warmup.jobstd', text: generateStandard(2_000) }]);

const PHASES = ['parse', 'index', 'scopes', 'resolve', 'references', 'link', 'validate', 'build', 'json', 'html', 'walk', 'nodes'];
const results = new Map();
for (const c of CASES) {
    const files = c.files();
    const lines = files.reduce((n, f) => n + countLines(f.text), 0);
    const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
    const runs = [];
    for (let r = 0; r < c.runs; r++) {
        globalThis.gc?.();
        runs.push(await buildOnce(files));
    }
    const result = { lines, bytes, files: files.length, runs: c.runs };
    for (const phase of [...PHASES, 'jsonSize', 'htmlSize']) {
        const values = runs.map(r => r[phase]).filter(v => v !== undefined);
        result[phase] = values.length ? median(values) : undefined;
    }
    results.set(c.label, result);
    process.stderr.write(`  measured ${c.label} (${c.runs} runs)\n`);
}

console.log('\nMedian milliseconds per phase (link = index + scopes + resolve + references; build = parse + link + validate):\n');
table(['case', 'files', 'lines', 'MB', 'runs', 'parse', 'link', 'validate', 'json', 'html', 'build', 'MB/s'],
    [...results].map(([label, r]) => {
        const mb = r.bytes / 1e6;
        return [label, r.files, r.lines.toLocaleString('en'), mb.toFixed(2), r.runs, ms(r.parse), ms(r.link), ms(r.validate),
            ms(r.json), ms(r.html), ms(r.build), (mb / (r.build / 1000)).toFixed(2)];
    }));

console.log('\nThe link phase in detail (exported symbols, local scopes, resolving links, indexing references),');
console.log('a bare walk over every AST node (the baseline for exponents), and the size of what the exporters wrote:\n');
const outputMb = bytes => bytes === undefined ? '—' : (bytes / 1e6).toFixed(2);
table(['case', 'AST nodes', 'index', 'scopes', 'resolve', 'references', 'walk', 'JSON MB', 'HTML MB'],
    [...results].map(([label, r]) => [label, r.nodes.toLocaleString('en'), ms(r.index), ms(r.scopes), ms(r.resolve), ms(r.references),
        ms(r.walk), outputMb(r.jsonSize), outputMb(r.htmlSize)]));

console.log('\nScaling exponent log(t2/t1) / log(lines2/lines1): 1 is linear, 2 quadratic. Fixed costs pull the');
console.log('first row below 1; memory and GC push large sizes a little above 1, as the bare walk shows.\n');
const SHOWN = ['parse', 'link', 'resolve', 'validate', 'json', 'html', 'build', 'walk'];
table(['from → to', ...SHOWN],
    SCALING.map(([a, b]) => {
        const r1 = results.get(a), r2 = results.get(b);
        const growth = Math.log(r2.lines / r1.lines);
        return [`${a} → ${b}`, ...SHOWN.map(p => r1[p] === undefined || r2[p] === undefined ? '—'
            : (Math.log(r2[p] / r1[p]) / growth).toFixed(2))];
    }));
// ---------------------------------------------------------------------------
// Export throughput per format, as `jobstd export` produces it: documents per second, and
// megabytes per second of source read and of output written. Each workload is built once;
// each format then exports every document of it, over and over for at least a second.

const FORMATS = [
    ['json', exporters.json],
    ['html', exporters.html],
    ['jsonld', typeof language.exportJsonLd === 'function'
        ? (root, context) => JSON.stringify(language.exportJsonLd(root, context), null, 2) + '\n' : undefined],
    ['docx', typeof language.exportDocx === 'function' ? language.exportDocx : undefined],
];

async function buildWorkload(files) {
    const { shared } = createJobStdServices({ ...EmptyFileSystem });
    const documents = files.map(f => shared.workspace.LangiumDocuments.createDocument(URI.parse(`file:///bench/${f.name}`), f.text));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents.map(document => {
        const file = document.uri.path.slice(1);
        return { root: document.parseResult.value, context: { file, findings: (document.diagnostics ?? []).map(d => toFinding(file, d)) } };
    });
}

async function throughput(workload, exporter) {
    let documents = 0;
    let bytes = 0;
    globalThis.gc?.();
    const start = performance.now();
    do {
        for (const { root, context } of workload) {
            const output = await exporter(root, context);
            bytes += typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength;
            documents++;
        }
    } while (performance.now() - start < 1000);
    return { documents, bytes, ms: performance.now() - start };
}

const examplesDir = new URL('../examples/', import.meta.url);
const WORKLOADS = [
    { label: 'examples', files: () => readdirSync(examplesDir).filter(f => f.endsWith('.jobstd')).sort()
        .map(name => ({ name, text: readFileSync(new URL(name, examplesDir), 'utf8') })) },
    { label: '1,000 files', files: () => generateWorkspace(1_000) },
    { label: '10k lines', files: () => [{ name: 'standard.jobstd', text: generateStandard(10_000) }] },
];

console.log('\nExport throughput per format (each format repeated for at least a second over the whole workload;');
console.log('in MB/s counts the source exported, out MB/s what was written):\n');
const throughputRows = [];
for (const w of WORKLOADS) {
    const files = w.files();
    const sourceBytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
    const workload = await buildWorkload(files);
    for (const [format, exporter] of FORMATS) {
        if (!exporter) {
            throughputRows.push([w.label, files.length, format, '—', '—', '—', '—', '—']);
            continue;
        }
        // One pass first, so the JIT and the exporter's one-off set-up are not timed.
        for (const { root, context } of workload.slice(0, 20)) await exporter(root, context);
        const r = await throughput(workload, exporter);
        const seconds = r.ms / 1000;
        const passes = r.documents / workload.length;
        throughputRows.push([w.label, files.length, format, r.documents, (r.documents / seconds).toFixed(1),
            (sourceBytes * passes / 1e6 / seconds).toFixed(2), (r.bytes / 1e6 / seconds).toFixed(2), (r.bytes / r.documents / 1e3).toFixed(1)]);
    }
    process.stderr.write(`  exported ${w.label}\n`);
}
table(['workload', 'files', 'format', 'documents', 'documents/s', 'in MB/s', 'out MB/s', 'kB/doc'], throughputRows);

// ---------------------------------------------------------------------------
// Import: documents and megabytes per second through `importDocument` (read, clean, recognise,
// write, format, parse again and check coverage), on the seeds and on seed 002 grown by repeating
// its competencies, so that the exponent shows whether import stays linear.

const seedsDir = new URL('../packages/language/test/fixtures/seeds/', import.meta.url);
const seeds = readdirSync(seedsDir).filter(f => f.endsWith('.txt')).sort().map(name => ({ name, text: readFileSync(new URL(name, seedsDir), 'utf8') }));
if (typeof language.importDocument === 'function') {
    const seed002 = seeds.find(s => s.name.startsWith('002'))?.text ?? seeds[0].text;
    const [head, rest = ''] = seed002.split(/\nCompetencies\n/);
    const [competencies, tail = ''] = rest.split(/\nJob Characteristics\n/);
    const grown = times => `${head}\nCompetencies\n${Array.from({ length: times }, () => competencies).join('\n')}\nJob Characteristics\n${tail}`;
    const asHtml = text => `<html><body>${text.split('\n').filter(l => l.trim()).map(l => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n')}</body></html>`;
    const IMPORTS = [
        { label: 'the 5 seeds (.txt)', inputs: seeds.map(s => ({ name: s.name, content: s.text })) },
        { label: '002 as HTML', inputs: [{ name: '002.html', content: asHtml(seed002) }] },
        { label: '002 × 10', inputs: [{ name: '002x10.txt', content: grown(10) }] },
        { label: '002 × 100', inputs: [{ name: '002x100.txt', content: grown(100) }] },
    ];
    console.log('\nImport throughput (each workload repeated for at least a second; coverage checked every time):\n');
    const rows = [];
    const perByte = new Map();
    for (const w of IMPORTS) {
        const bytes = w.inputs.reduce((n, i) => n + Buffer.byteLength(i.content), 0);
        for (const input of w.inputs) await language.importDocument(input);
        let documents = 0;
        let coverage = 1;
        const start = performance.now();
        do {
            for (const input of w.inputs) {
                const result = await language.importDocument(input);
                coverage = Math.min(coverage, result.report.coverage.ratio);
                documents++;
            }
        } while (performance.now() - start < 1000);
        const seconds = (performance.now() - start) / 1000;
        const passes = documents / w.inputs.length;
        perByte.set(w.label, { bytes, ms: seconds * 1000 / passes });
        rows.push([w.label, (bytes / 1e3).toFixed(1), ms(seconds * 1000 / passes), (documents / seconds).toFixed(1),
            (bytes * passes / 1e6 / seconds).toFixed(2), `${(coverage * 100).toFixed(1)}%`]);
    }
    table(['workload', 'kB', 'ms per pass', 'documents/s', 'MB/s', 'coverage'], rows);
    const a = perByte.get('002 × 10'), b = perByte.get('002 × 100');
    console.log(`\nImport scaling exponent 002 × 10 → × 100: ${(Math.log(b.ms / a.ms) / Math.log(b.bytes / a.bytes)).toFixed(2)} (1 is linear).`);
}

console.log(`\nTotal bench time ${((performance.now() - started) / 1000).toFixed(1)} s.`);

// Language server latency over stdio, against the bundled server (bench/lsp-latency.mjs).
const { runLspLatency } = await import('./lsp-latency.mjs');
await runLspLatency();

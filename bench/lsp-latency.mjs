// Language server latency as an editor feels it, over stdio against the bundled server
// (packages/extension/out/server.mjs, built by `npm run build`): start-up, first diagnostics,
// one keystroke and a burst of typing. Then a CPU profile of the server while it is typed into,
// to show where a keystroke's time goes. Prints only; nothing here asserts a time.
//
//   node bench/lsp-latency.mjs              the medians, against their bars
//   node bench/lsp-latency.mjs --no-profile without the profile
//   node bench/lsp-latency.mjs --profile-only only the profile
//   JOBSTD_LSP_NODE_ARGS="--max-semi-space-size=32" node bench/lsp-latency.mjs   the server under other node flags
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { generateStandard } from './generate.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const server = path.join(repo, 'packages/extension/out/server.mjs');
const INIT_RUNS = 7;
const KEYSTROKES = 15;
const BURSTS = 5;
const BURST_KEYS = 10;
const BURST_GAP_MS = 60;
/** Node flags for the server, to try settings (heap, GC) against the same measurements. */
const SERVER_NODE_ARGS = (process.env.JOBSTD_LSP_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Runs the bench and returns its rows, for bench/run.mjs to call at its end. */
export async function runLspLatency({ profile = true } = {}) {
    if (!existsSync(server)) throw new Error(`${server} is missing: run npm run build first`);
    const { StdioClient } = await loadClient();
    const uri = (name) => pathToFileURL(path.join(repo, 'bench', name)).href;

    if (profile === 'only') {
        await profileServer(StdioClient, uri('large.jobstd'), generateStandard(10_000));
        return [];
    }
    const nodeSpawn = median(await repeat(INIT_RUNS, spawnNode));

    // Start-up and first diagnostics: a fresh server each run.
    const small = generateStandard(500);
    const initialize = [];
    const firstDiagnostics = [];
    for (let i = 0; i < INIT_RUNS; i++) {
        const start = performance.now();
        const client = await StdioClient.start({ server, nodeArgs: SERVER_NODE_ARGS });
        initialize.push(performance.now() - start);
        const opened = performance.now();
        await client.open(uri('small.jobstd'), small, 1);
        await client.waitForDiagnostics(uri('small.jobstd'), p => p.version === 1, { timeoutMs: 60_000 });
        firstDiagnostics.push(performance.now() - opened);
        await client.stop();
    }

    // Typing into a large document.
    const large = generateStandard(10_000);
    const typing = await typeInto(StdioClient, uri('large.jobstd'), large, { nodeArgs: SERVER_NODE_ARGS });

    const rows = [
        ['spawn → initialize result', median(initialize), 300],
        [`didOpen ${lines(small)} lines → first diagnostics`, median(firstDiagnostics), 500],
        [`one-character edit, ${lines(large)} lines → its diagnostics`, median(typing.keystrokes), 150],
        [`burst of ${BURST_KEYS} keys ${BURST_GAP_MS} ms apart → last version's diagnostics`, median(typing.bursts), 300],
    ];
    console.log(`\nLanguage server latency over stdio (medians; node -e 0 spawns in ${ms(nodeSpawn)} on this machine${SERVER_NODE_ARGS.length ? `; server run with ${SERVER_NODE_ARGS.join(' ')}` : ''}):\n`);
    table(['step', 'median', 'bar', 'within', '× node -e 0'],
        rows.map(([label, value, bar]) => [label, ms(value), `≤ ${bar} ms`, value <= bar ? 'yes' : 'NO', (value / nodeSpawn).toFixed(1)]));
    console.log(`\n  keystrokes: ${typing.keystrokes.map(v => v.toFixed(0)).join(', ')} ms`);
    console.log(`  bursts: ${typing.bursts.map(v => v.toFixed(0)).join(', ')} ms; diagnostics published per burst: ${typing.publishedPerBurst.join(', ')}`);

    if (profile) await profileServer(StdioClient, uri('large.jobstd'), large);
    return rows;
}

/** Opens a document, then times single keystrokes and bursts of them; each change is one character. */
async function typeInto(StdioClient, uri, text, startOptions) {
    const client = await StdioClient.start({ server, ...startOptions });
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, p => p.version === 1, { timeoutMs: 120_000 });
    // Type inside the first statement's prose: every keystroke changes text, never structure.
    const at = positionOf(text, text.indexOf('"', text.indexOf('task group')) + 1);
    let version = 1;
    let inserted = 0;
    /** Types one character, or deletes the last one typed, so the text stays about the same. */
    const key = async () => {
        version++;
        const typing = inserted < 3;
        const position = { line: at.line, character: at.character + inserted - (typing ? 0 : 1) };
        const change = typing
            ? { range: { start: position, end: position }, text: 'x' }
            : { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: '' };
        inserted += typing ? 1 : -1;
        await client.change(uri, version, [change]);
        return version;
    };
    const keystrokes = [];
    for (let i = 0; i < KEYSTROKES; i++) {
        const from = client.published.length;
        const sent = performance.now();
        const v = await key();
        await client.waitForDiagnostics(uri, p => p.version === v, { from, timeoutMs: 60_000 });
        keystrokes.push(performance.now() - sent);
    }
    const bursts = [];
    const publishedPerBurst = [];
    for (let b = 0; b < BURSTS; b++) {
        const from = client.published.length;
        let last = 0;
        let lastSent = 0;
        for (let k = 0; k < BURST_KEYS; k++) {
            if (k > 0) await sleep(BURST_GAP_MS);
            lastSent = performance.now();
            last = await key();
        }
        await client.waitForDiagnostics(uri, p => p.version === last, { from, timeoutMs: 60_000 });
        bursts.push(performance.now() - lastSent);
        publishedPerBurst.push(client.published.slice(from).filter(p => p.uri === uri).length);
    }
    await client.stop();
    return { keystrokes, bursts, publishedPerBurst };
}

/**
 * Start-up and the same typing again, with the server under --cpu-prof. The server is bundled
 * here without minifying (the shipped one has mangled names), from the same sources.
 */
async function profileServer(StdioClient, uri, text) {
    const dir = mkdtempSync(path.join(tmpdir(), 'jobstd-lsp-prof-'));
    try {
        const readable = path.join(dir, 'server.cjs');
        await esbuild.build({
            entryPoints: [path.join(repo, 'packages/language-server/src/main-node.ts')], outfile: readable,
            bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error',
            define: { 'process.env.NODE_ENV': '"production"' },
        });
        const profiled = async (name, run) => {
            const profiles = path.join(dir, name);
            await run({ server: readable, nodeArgs: [...SERVER_NODE_ARGS, '--cpu-prof', `--cpu-prof-dir=${profiles}`] });
            const file = readdirSync(profiles).find(f => f.endsWith('.cpuprofile'));
            return file && JSON.parse(readFileSync(path.join(profiles, file), 'utf8'));
        };
        const startup = await profiled('startup', async (options) => (await StdioClient.start(options)).stop());
        if (startup) printProfile('Start-up, spawn to exit with nothing opened', startup, 8);
        const typing = await profiled('typing', (options) => typeInto(StdioClient, uri, text, options));
        if (typing) printProfile(`Typing: open ${lines(text)} lines, ${KEYSTROKES} keystrokes, ${BURSTS} bursts`, typing, 12);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** What a sample is spent on: the nearest caller that names a phase of the work. */
const PHASES = [
    [/^\((garbage collector|idle|program)\)$/, null],
    [/^(tokenize|tokenizeInternal)$/, 'lex'],
    [/^(parse|parseAsync)$/, 'parse'],
    [/^(collectExportedSymbols|updateContent)$/, 'index exports'],
    [/^(collectLocalSymbols|computeLocalScopes)$/, 'local scopes'],
    [/^(link|doLink)$/, 'link'],
    [/^updateReferences$/, 'index references'],
    [/^(validate|validateDocument|validateAstNodes|handleException)$/, 'validate'],
    [/^(sendDiagnostics|sendNotification)$/, 'send diagnostics'],
    [/^(performSelfAnalysis|createJobStdParser|createParser|buildTokens)$/, 'build the parser'],
    [/^(loadGrammarFromJson|createGrammarConfig)$/, 'load the grammar'],
    [/^(compileForInternalLoader|Module\._compile|wrapSafe)$/, 'load the code'],
    [/^(buildDocuments|update|write)$/, 'build (other)'],
];

function printProfile(title, { nodes, samples, timeDeltas, startTime, endTime }, top) {
    const byId = new Map(nodes.map(n => [n.id, n]));
    const parent = new Map();
    for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map();
    for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0) / 1000);
    const total = (endTime - startTime) / 1000;
    const idle = [...self].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((n, [, t]) => n + t, 0);
    const phases = new Map();
    const functions = new Map();
    for (const [id, time] of self) {
        const phase = phaseOf(id, byId, parent);
        if (phase !== '(idle)') phases.set(phase, (phases.get(phase) ?? 0) + time);
        const name = label(byId.get(id).callFrame);
        if (name !== '(idle)') functions.set(name, (functions.get(name) ?? 0) + time);
    }
    const busy = total - idle;
    console.log(`\n${title}: ${ms(total)} recorded, ${ms(busy)} busy. By phase (nearest caller that names one):\n`);
    table(['phase', 'ms', 'of busy'], [...phases].sort((a, b) => b[1] - a[1]).slice(0, 10)
        .map(([name, time]) => [name, time.toFixed(0), `${(time / busy * 100).toFixed(1)}%`]));
    console.log('');
    table(['function (self time)', 'ms', 'of busy'], [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)
        .map(([name, time]) => [name, time.toFixed(0), `${(time / busy * 100).toFixed(1)}%`]));
    // Inclusive time of named methods: each sample counts once for every method on its stack.
    const inclusive = new Map();
    for (const [id, time] of self) {
        const seen = new Set();
        for (let at = id; at !== undefined; at = parent.get(at)) {
            const name = byId.get(at).callFrame.functionName;
            if (/^[a-z]\w{3,}$/i.test(name) && !GENERIC.has(name)) seen.add(name);
        }
        for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    }
    console.log('');
    table(['method (with what it calls)', 'ms', 'of busy'], [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)
        .map(([name, time]) => [name, time.toFixed(0), `${(time / busy * 100).toFixed(1)}%`]));
}

/** Frames every sample passes through, which say nothing about where the time goes. */
const GENERIC = new Set(['processTicksAndRejections', 'runMicrotasks', 'listOnTimeout', 'processTimers', 'processImmediate',
    'performNextOperation', 'handleMessage', 'callback', 'emit', 'onData', 'next', 'iterator', 'forEach', 'action', 'then',
    'fire', 'invoke', 'update', 'build', 'buildDocuments', 'runCancelable', 'startCancelableOperation', 'onDidChangeContent',
    'didChangeContent', 'fireDocumentUpdate', 'write', 'enqueue', 'fulfilled', 'step', 'toArray', 'filter', 'some', 'find']);

function phaseOf(id, byId, parent) {
    for (let at = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at).callFrame.functionName;
        for (const [pattern, phase] of PHASES) {
            if (pattern.test(name)) return phase ?? name;
        }
    }
    return 'other';
}

function label({ functionName, url, lineNumber }) {
    const file = url ? url.split('/').pop() : '';
    return `${functionName || '(anonymous)'}${file && file !== 'server.cjs' ? ` ${file}` : ''}${file ? `:${lineNumber + 1}` : ''}`;
}

/** The stdio client the tests use, transpiled once for plain Node (it is TypeScript). */
async function loadClient() {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'jobstd-lsp-client-')), 'stdio-client.cjs');
    const source = path.join(repo, 'packages/language-server/test/stdio-client.ts');
    // CommonJS, as vscode-jsonrpc is; the client still finds the server from where its source is.
    await esbuild.build({
        entryPoints: [source],
        bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'error',
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(source).href) },
    });
    try {
        return createRequire(import.meta.url)(out);
    } finally {
        rmSync(path.dirname(out), { recursive: true, force: true });
    }
}

function spawnNode() {
    return new Promise((resolve, reject) => {
        const start = performance.now();
        const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
        child.on('exit', () => resolve(performance.now() - start));
        child.on('error', reject);
    });
}

async function repeat(times, run) {
    const results = [];
    for (let i = 0; i < times; i++) results.push(await run());
    return results;
}

function positionOf(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

function lines(text) {
    return (text.match(/\n/g) ?? []).length.toLocaleString('en-US');
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function ms(value) {
    return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function sleep(msToWait) {
    return new Promise(resolve => setTimeout(resolve, msToWait));
}

function table(header, rows) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)));
    const line = (cells) => '  ' + cells.map((c, i) => i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])).join('   ');
    console.log(line(header));
    console.log(line(widths.map(w => '-'.repeat(w))));
    for (const row of rows) console.log(line(row));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    await runLspLatency({ profile: process.argv.includes('--profile-only') ? 'only' : !process.argv.includes('--no-profile') });
}

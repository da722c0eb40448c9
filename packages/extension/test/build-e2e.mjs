// Bundles the end-to-end suite with esbuild, once for each extension host:
//   test/out/e2e-web.js   the web worker host (test-web): mocha's browser build inside, CommonJS
//   test/out/e2e-node.cjs the desktop host (test-electron): Node's mocha loaded from node_modules
// The bundles live under the extension folder because test-web only serves files from there.
import * as esbuild from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const testRoot = dirname(fileURLToPath(import.meta.url));
export const e2eWebBundle = join(testRoot, 'out', 'e2e-web.js');
export const e2eNodeBundle = join(testRoot, 'out', 'e2e-node.cjs');

const common = {
    bundle: true,
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode'],
    target: 'es2022',
    // Source documents for the import tests (the real seeds), bundled byte for byte: test-web serves no files outside the extension.
    loader: { '.txt': 'binary' },
};

/** @param {{ hookUrl?: string }} [options] hookUrl: where test-web's runner takes screenshots. */
export async function buildWebSuite(options = {}) {
    await esbuild.build({
        ...common,
        entryPoints: [join(testRoot, 'e2e', 'web-entry.ts')],
        outfile: e2eWebBundle,
        platform: 'browser',
        format: 'cjs',
        define: { JOBSTD_E2E_HOOK: JSON.stringify(options.hookUrl ?? '') },
    });
    return e2eWebBundle;
}

export async function buildNodeSuite() {
    await esbuild.build({
        ...common,
        entryPoints: [join(testRoot, 'e2e', 'node-entry.ts')],
        outfile: e2eNodeBundle,
        platform: 'node',
        format: 'cjs',
        external: [...common.external, 'mocha'],
        define: { JOBSTD_E2E_HOOK: '""' },
    });
    return e2eNodeBundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    await Promise.all([buildWebSuite(), buildNodeSuite()]);
    console.log(`Built ${e2eWebBundle} and ${e2eNodeBundle}`);
}

// Bundles the extension with esbuild: the desktop client and server (CommonJS, Node), the web
// client (CommonJS, loaded by VS Code's web extension host) and the web server (IIFE, a worker).
// Copies the TextMate grammar that the root build produces from the Langium grammar.
//
//   node scripts/build.mjs            minified bundles, no source maps (what the .vsix ships)
//   node scripts/build.mjs --dev      readable bundles with source maps
//   node scripts/build.mjs --dev --watch   rebuild on every change
import * as esbuild from 'esbuild';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const repo = join(root, '..', '..');
const serverSources = join(root, '..', 'language-server', 'src');
const dev = process.argv.includes('--dev');
const watch = process.argv.includes('--watch');

const common = {
    bundle: true,
    minify: !dev,
    sourcemap: dev ? 'linked' : false,
    sourcesContent: false,
    logLevel: 'warning',
    legalComments: 'none',
    // 'vscode' is provided by the extension host; it is never bundled.
    external: ['vscode'],
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
// The web extension host and its workers run in current browsers.
const webCommon = {
    ...common,
    platform: 'browser',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
};

const bundles = [
    { ...nodeCommon, entryPoints: [join(root, 'src/extension/main-node.ts')], outfile: join(root, 'out/extension.cjs') },
    { ...nodeCommon, entryPoints: [join(serverSources, 'main-node.ts')], outfile: join(root, 'out/server.cjs') },
    { ...webCommon, format: 'cjs', entryPoints: [join(root, 'src/extension/main-browser.ts')], outfile: join(root, 'out/extension-web.js') },
    { ...webCommon, format: 'iife', entryPoints: [join(serverSources, 'main-browser.ts')], outfile: join(root, 'out/server-web.js') },
];

async function copyGrammar() {
    const from = join(repo, 'syntaxes', 'jobstd.tmLanguage.json');
    try {
        await stat(from);
    } catch {
        throw new Error(`${relative(process.cwd(), from)} is missing: run \`npm run build\` at the repository root first (it generates the TextMate grammar from the Langium grammar).`);
    }
    await mkdir(join(root, 'syntaxes'), { recursive: true });
    await copyFile(from, join(root, 'syntaxes', 'jobstd.tmLanguage.json'));
}

try {
    await copyGrammar();
    if (watch) {
        const contexts = await Promise.all(bundles.map(options => esbuild.context(options)));
        await Promise.all(contexts.map(context => context.watch()));
        console.log('Watching the extension and server sources; Ctrl+C stops.');
    } else {
        // Old bundles (and maps from a --dev build) must not linger into the package.
        await rm(join(root, 'out'), { recursive: true, force: true });
        const started = Date.now();
        await Promise.all(bundles.map(options => esbuild.build(options)));
        for (const { outfile } of bundles) {
            const { size } = await stat(outfile);
            console.log(`${relative(root, outfile).padEnd(22)} ${(size / 1024).toFixed(0).padStart(6)} KiB`);
        }
        console.log(`Built in ${Date.now() - started} ms${dev ? ' (development: not minified, with source maps)' : ''}.`);
    }
} catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
}

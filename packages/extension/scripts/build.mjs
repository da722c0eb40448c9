// Bundles the extension with esbuild: the desktop client (CommonJS, Node), the desktop server (an
// ES module, split so that the exporters and the importer are chunks loaded on first use), the
// web client (CommonJS, loaded by VS Code's web extension host) and the web server (IIFE, a
// worker: one file, as a classic worker cannot load chunks; the exporters and the importer are
// in it but run only when first used).
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
    // Node, web workers and the web extension host read scripts as UTF-8: “ ” and × need no \u escapes.
    charset: 'utf8',
    // 'vscode' is provided by the extension host; it is never bundled.
    external: ['vscode'],
};

/**
 * The servers import the language's core: its root entry also re-exports the exporters and the
 * importer, which the servers load with import() on first use and so must not reach statically.
 * A static import of one of those from 'jobstd-language' then fails the build, as it should.
 */
const languageCore = {
    name: 'jobstd-language-core',
    setup(build) {
        build.onResolve({ filter: /^jobstd-language$/ }, ({ resolveDir, kind }) =>
            build.resolve('jobstd-language/core', { resolveDir, kind }));
    },
};

/**
 * vscode-languageserver requires the LSP types' CommonJS build and Langium imports their ES
 * build: one copy (the ES one, as in the web bundle) is enough.
 */
const oneCopyOfLspTypes = {
    name: 'one-copy-of-lsp-types',
    setup(build) {
        build.onResolve({ filter: /^vscode-languageserver-types$/ }, ({ path, resolveDir, kind, pluginData }) =>
            kind === 'require-call' && !pluginData?.esm ? build.resolve(path, { resolveDir, kind: 'import-statement', pluginData: { esm: true } }) : undefined);
    },
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
// The server's dependencies are CommonJS: they call require and read __filename, which an ES module lacks.
const nodeServer = {
    ...nodeCommon,
    plugins: [languageCore, oneCopyOfLspTypes],
    format: 'esm',
    splitting: true,
    outdir: join(root, 'out'),
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: 'server-chunks/[name]-[hash]',
    banner: {
        js: [
            "import { createRequire as __jobstdRequire } from 'node:module';",
            "import { dirname as __jobstdDirname } from 'node:path';",
            "import { fileURLToPath as __jobstdPath } from 'node:url';",
            'const require = __jobstdRequire(import.meta.url);',
            'const __filename = __jobstdPath(import.meta.url);',
            'const __dirname = __jobstdDirname(__filename);',
        ].join(' '),
    },
};
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
    { ...nodeServer, entryPoints: { server: join(serverSources, 'main-node.ts') } },
    { ...webCommon, format: 'cjs', entryPoints: [join(root, 'src/extension/main-browser.ts')], outfile: join(root, 'out/extension-web.js') },
    { ...webCommon, format: 'iife', plugins: [languageCore], entryPoints: [join(serverSources, 'main-browser.ts')], outfile: join(root, 'out/server-web.js') },
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

/** The output files the bundle's entry loads before it runs: itself and what it imports statically. */
function startupFiles(metafile) {
    const imported = new Set(Object.values(metafile.outputs).flatMap(output => output.imports.map(({ path }) => path)));
    const loaded = new Set();
    const visit = (file) => {
        if (loaded.has(file)) return;
        loaded.add(file);
        for (const { path, kind } of metafile.outputs[file]?.imports ?? []) {
            if (kind === 'import-statement' && path in metafile.outputs) visit(path);
        }
    };
    for (const file of Object.keys(metafile.outputs)) if (!imported.has(file)) visit(file);
    return loaded;
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
        const results = await Promise.all(bundles.map(options => esbuild.build({ ...options, metafile: true })));
        for (const { metafile } of results) {
            const startup = startupFiles(metafile);
            // What an export or an import needs is loaded by its first request, not at start.
            const files = Object.entries(metafile.outputs).filter(([file]) => !file.endsWith('.map'))
                .sort(([a], [b]) => Number(!startup.has(a)) - Number(!startup.has(b)) || a.localeCompare(b));
            for (const [file, { bytes }] of files) {
                console.log(`${relative(root, file).padEnd(40)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB${startup.has(file) ? '' : '  (loaded on first export or import)'}`);
            }
        }
        console.log(`Built in ${Date.now() - started} ms${dev ? ' (development: not minified, with source maps)' : ''}.`);
    }
} catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
}

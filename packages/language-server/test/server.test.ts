import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
    createConnection, createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type Hover, type ProtocolConnection,
    type PublishDiagnosticsParams
} from 'vscode-languageserver/node.js';
import {
    ClientFileSystemProvider, ExportRequest, ImportRequest, ReadDirectoryRequest, ReadFileRequest, startJobStdServer, StatusRequest,
    type ImportResult, type ReadDirectoryResult, type StatusResult
} from '../src/index.js';
import type { JobStdJson } from 'jobstd-language';
import { readExample } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverMain = path.resolve(here, '../out/main-node.js');

const JOB = readExample('customer-service-representative.jobstd');
const LIBRARY = readExample('ctk-competency-toolkit.jobstd');

interface Client {
    connection: ProtocolConnection;
    /** Diagnostics as the server publishes them, by URI: the last set wins. */
    diagnostics: Map<string, Diagnostic[]>;
    waitForDiagnostics(uri: string, until?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
    stop(): Promise<void>;
}

/** An editor's side of the protocol: initializes a workspace folder and answers the server's requests. */
async function connectClient(connection: ProtocolConnection, folder: string, settings: Record<string, unknown>,
    options: { exit: boolean; onStop: () => void }): Promise<Client> {
    const diagnostics = new Map<string, Diagnostic[]>();
    const waiters: Array<() => void> = [];
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        diagnostics.set(params.uri, params.diagnostics);
        waiters.splice(0).forEach(wake => wake());
    });
    connection.onRequest('workspace/configuration', () => [settings]);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: null,
        capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
        workspaceFolders: [{ uri: folder, name: 'workspace' }],
    });
    await connection.sendNotification('initialized', {});
    return {
        connection, diagnostics,
        async waitForDiagnostics(uri, until = () => true) {
            const deadline = Date.now() + 20_000;
            while (!(diagnostics.has(uri) && until(diagnostics.get(uri)!))) {
                if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}`);
                await new Promise<void>(resolve => { waiters.push(resolve); setTimeout(resolve, 200); });
            }
            return diagnostics.get(uri)!;
        },
        async stop() {
            await connection.sendRequest('shutdown');
            // In this process, 'exit' would end the test run: the server lives in a worker or a process of its own in an editor.
            if (options.exit) await connection.sendNotification('exit');
            connection.dispose();
            options.onStop();
        },
    };
}

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup = [];
});

function workspaceOnDisk(): { folder: string; job: string; library: string } {
    const root = mkdtempSync(path.join(tmpdir(), 'jobstd-server-'));
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(path.join(root, 'jobs'));
    mkdirSync(path.join(root, 'library'));
    writeFileSync(path.join(root, 'jobs', 'csr.jobstd'), JOB);
    writeFileSync(path.join(root, 'library', 'ctk.jobstd'), LIBRARY);
    writeFileSync(path.join(root, 'jobstd.config.json'), '{ "rules": { "review-overdue": "off" } }');
    return {
        folder: pathToFileURL(root).toString(),
        job: pathToFileURL(path.join(root, 'jobs', 'csr.jobstd')).toString(),
        library: pathToFileURL(path.join(root, 'library', 'ctk.jobstd')).toString(),
    };
}

describe('the Node server (out/main-node.js over stdio)', () => {
    it('checks every file of the workspace with its configuration, and answers jobstd/status and jobstd/export', async () => {
        const workspace = workspaceOnDisk();
        const server: ChildProcess = spawn(process.execPath, [serverMain, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        const client = await connectClient(createProtocolConnection(server.stdout!, server.stdin!), workspace.folder,
            { rules: { 'level-label-conflict': 'error' } }, { exit: true, onStop: () => server.kill() });
        cleanup.push(() => { server.kill(); });

        // The job is not open: its links into the library, also not open, resolve all the same.
        const findings = await client.waitForDiagnostics(workspace.job);
        const codes = findings.map(d => d.code);
        expect(codes).toContain('weight-sum');
        expect(codes).toContain('level-label-conflict');
        expect(codes).not.toContain('unresolved-reference');
        // The file turns review-overdue off; the editor's settings make the label conflict an error.
        expect(codes).not.toContain('review-overdue');
        expect(findings.find(d => d.code === 'level-label-conflict')?.severity).toBe(1);

        const status = await client.connection.sendRequest<StatusResult>(StatusRequest, { uri: workspace.job });
        expect(status.weights).toContainEqual({ set: 'competency', unit: '%', total: 100.1 });
        expect(status.findings.warnings).toBe(findings.filter(d => d.severity === 2).length);

        const exported = await client.connection.sendRequest<{ content: string }>(ExportRequest, { uri: workspace.job, format: 'json' });
        expect((JSON.parse(exported.content) as JobStdJson).source).toBe('jobs/csr.jobstd');

        const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
            textDocument: { uri: workspace.job }, position: positionOf(JOB, 'uses Adaptability', 6),
        });
        expect((hover.contents as { value: string }).value).toContain('share **7.4%** of 100.1%');
        await client.stop();
    });

    it('imports a job standard sent as base64 with jobstd/import, and refuses an empty one with its reason', async () => {
        const workspace = workspaceOnDisk();
        const server: ChildProcess = spawn(process.execPath, [serverMain, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        const client = await connectClient(createProtocolConnection(server.stdout!, server.stdin!), workspace.folder, {},
            { exit: true, onStop: () => server.kill() });
        cleanup.push(() => { server.kill(); });

        const source = 'Cashier\n\nDUTIES:\n1. Answers the phone within 3 rings.\n2. Balances the drawer daily.\n\nEmployee Signature: ____ Date: ____\n';
        const imported = await client.connection.sendRequest<ImportResult>(ImportRequest, {
            name: 'cashier.txt', contentBase64: Buffer.from(source).toString('base64'),
        });
        expect(imported.text).toContain('job "Cashier" {');
        expect(imported.text).toContain('target "Answers the phone" within 3 rings');
        expect(imported.text).toContain('signature "Employee Signature" ____ date ____');
        expect(imported.report.summary).toBe('coverage 100%');
        expect(imported.report.recognised.signatures).toBe(1);

        const refused = await client.connection.sendRequest(ImportRequest, { name: 'empty.txt', contentBase64: '' }).catch((e: unknown) => e);
        expect(refused).toMatchObject({ code: -32602, message: expect.stringContaining('empty.txt: the file is empty'), data: { reason: 'empty' } });
        await client.stop();
    });
});

describe('the server with the client as its file system (as in the browser worker)', () => {
    it('reads the workspace through jobstd/readDirectory and jobstd/readFile, so links into unopened files resolve', async () => {
        const files = new Map<string, string>([
            ['file:///web/jobs/csr.jobstd', JOB],
            ['file:///web/library/ctk.jobstd', LIBRARY],
            ['file:///web/jobstd.config.json', '{ "rules": { "placeholder": "off" } }'],
        ]);
        const requested: string[] = [];
        // Two pipes: what the client writes, the server reads, and back.
        const toServer = new PassThrough();
        const toClient = new PassThrough();
        // Message readers, not raw streams: given streams, the Node connection ends the process when they close.
        const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
        startJobStdServer(serverConnection, () => new ClientFileSystemProvider(serverConnection));
        const clientConnection = createProtocolConnection(toClient, toServer);
        clientConnection.onRequest(ReadFileRequest, ({ uri }: { uri: string }) => {
            requested.push(`readFile ${uri}`);
            const text = files.get(uri);
            if (text === undefined) throw new Error(`not found: ${uri}`);
            return text;
        });
        clientConnection.onRequest(ReadDirectoryRequest, ({ uri }: { uri: string }): ReadDirectoryResult => {
            requested.push(`readDirectory ${uri}`);
            const prefix = uri.replace(/\/?$/, '/');
            const entries = new Map<string, boolean>();
            for (const file of files.keys()) {
                if (!file.startsWith(prefix)) continue;
                const [first, ...rest] = file.slice(prefix.length).split('/');
                entries.set(prefix + first, rest.length === 0);
            }
            return [...entries].map(([entry, isFile]) => ({ uri: entry, isFile, isDirectory: !isFile }));
        });
        const client = await connectClient(clientConnection, 'file:///web', {}, { exit: false, onStop: () => serverConnection.dispose() });

        const findings = await client.waitForDiagnostics('file:///web/jobs/csr.jobstd');
        const codes = findings.map(d => d.code);
        expect(codes).not.toContain('unresolved-reference');
        expect(codes).not.toContain('placeholder');
        expect(codes).toContain('weight-sum');
        expect(requested).toContain('readDirectory file:///web');
        expect(requested).toContain('readFile file:///web/library/ctk.jobstd');
        expect(requested).toContain('readFile file:///web/jobstd.config.json');
        await client.stop();
    });
});

function positionOf(text: string, needle: string, delta: number): { line: number; character: number } {
    const offset = text.indexOf(needle) + delta;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
    HoverRequest, InitializedNotification, InitializeRequest, LogMessageNotification, PrepareRenameRequest,
    PublishDiagnosticsNotification, RegistrationRequest, RenameRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
    WorkDoneProgressCreateRequest,
    type Hover, type InitializeResult, type LogMessageParams, type Position, type PrepareRenameResult,
    type ProtocolConnection, type PublishDiagnosticsParams, type TextDocumentContentChangeEvent, type WorkspaceEdit
} from 'vscode-languageserver-protocol/node.js';

/** The server as the extension ships it, built by `npm run build`. */
export const bundledServer = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension/out/server.mjs');

export interface StartOptions {
    /** The server script; the bundled one by default. */
    server?: string;
    /** A folder to open as the workspace: its files are indexed and checked at start. */
    workspaceFolder?: string;
    /** Extra arguments for node before the server (e.g. --cpu-prof). */
    nodeArgs?: string[];
    cwd?: string;
}

/**
 * A language client over stdio, as an editor is: spawns the bundled server, speaks
 * JSON-RPC to it and keeps every diagnostics notification it publishes, in order.
 */
export class StdioClient {
    readonly published: PublishDiagnosticsParams[] = [];
    readonly logs: LogMessageParams[] = [];
    readonly exited: Promise<number | null>;
    initializeResult?: InitializeResult;
    private readonly waiters = new Set<() => void>();
    private alive = true;

    private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection) {
        this.exited = new Promise(resolve => process.on('exit', code => {
            this.alive = false;
            this.notify();
            resolve(code);
        }));
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.published.push(params);
            this.notify();
        });
        connection.onNotification(LogMessageNotification.type, params => this.logs.push(params));
        // The server may ask for settings or register watchers; an editor without them answers with nothing.
        connection.onRequest(ConfigurationRequest.type, params => params.items.map(() => null));
        connection.onRequest(RegistrationRequest.type, () => undefined);
        connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
        connection.onError(() => { /* the exit is what the tests look at */ });
        connection.listen();
    }

    /** Spawns the server and waits for the initialize result; the initialized notification is sent too. */
    static async start(options: StartOptions = {}): Promise<StdioClient> {
        const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.server ?? bundledServer, '--stdio'], {
            stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd,
        });
        child.stderr.on('data', () => { /* drained, so the server never blocks on a full pipe */ });
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
        const client = new StdioClient(child, connection);
        const folder = options.workspaceFolder;
        const rootUri = folder ? pathToUri(folder) : null;
        client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri,
            workspaceFolders: folder ? [{ uri: rootUri!, name: path.basename(folder) }] : null,
            capabilities: {
                textDocument: { publishDiagnostics: { versionSupport: true }, rename: { prepareSupport: true }, hover: { contentFormat: ['markdown'] } },
                workspace: { workspaceFolders: true },
            },
        });
        await connection.sendNotification(InitializedNotification.type, {});
        return client;
    }

    get isAlive(): boolean {
        return this.alive;
    }

    async open(uri: string, text: string, version = 1): Promise<void> {
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jobstd', version, text } });
    }

    /** Replaces the whole text, or applies ranged changes, at a version. */
    async change(uri: string, version: number, changes: string | TextDocumentContentChangeEvent[]): Promise<void> {
        const contentChanges = typeof changes === 'string' ? [{ text: changes }] : changes;
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    }

    hover(uri: string, position: Position): Promise<Hover | null> {
        return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    }

    prepareRename(uri: string, position: Position): Promise<PrepareRenameResult | null> {
        return this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position });
    }

    rename(uri: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
        return this.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position, newName });
    }

    /**
     * The first diagnostics for a document, from the `from`-th notification on, that satisfy
     * `accept`; rejects when the server exits or nothing comes within `timeoutMs`.
     */
    waitForDiagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true,
        options: { from?: number; timeoutMs?: number } = {}): Promise<PublishDiagnosticsParams> {
        const from = options.from ?? 0;
        return new Promise((resolve, reject) => {
            const check = () => {
                const found = this.published.slice(from).find(p => p.uri === uri && accept(p));
                if (found) {
                    done();
                    resolve(found);
                } else if (!this.alive) {
                    done();
                    reject(new Error(`the server exited before publishing diagnostics for ${uri}`));
                }
            };
            const timer = setTimeout(() => {
                done();
                reject(new Error(`no diagnostics for ${uri} within ${options.timeoutMs ?? 20_000} ms`));
            }, options.timeoutMs ?? 20_000);
            const done = () => {
                clearTimeout(timer);
                this.waiters.delete(check);
            };
            this.waiters.add(check);
            check();
        });
    }

    /** Shutdown, then exit, as an editor closes a server; kills it if it does not go. */
    async stop(): Promise<number | null> {
        if (this.alive) {
            try {
                await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5_000);
                await this.connection.sendNotification(ExitNotification.type);
            } catch {
                this.process.kill();
            }
            const killer = setTimeout(() => this.process.kill(), 5_000);
            await this.exited;
            clearTimeout(killer);
        }
        this.connection.dispose();
        return this.exited;
    }

    private notify(): void {
        for (const waiter of [...this.waiters]) waiter();
    }
}

export function pathToUri(file: string): string {
    return pathToFileURL(path.resolve(file)).href;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
        promise.then(v => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); });
    });
}

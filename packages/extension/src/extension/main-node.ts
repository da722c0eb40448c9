import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node.js';
import { activateJobStd, CLIENT_ID, CLIENT_NAME, LANGUAGE_ID, type JobStdExtensionApi } from './activate.js';

let client: LanguageClient | undefined;

/** Desktop VS Code: the language server is a Node process (an ES module with its chunks, forked), spoken to over IPC. */
export async function activate(context: vscode.ExtensionContext): Promise<JobStdExtensionApi> {
    const serverModule = context.asAbsolutePath('out/server.mjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    return activateJobStd(context, {
        // The Node server reads the disk itself, so it serves files on disk and unsaved new files.
        documentSelector: [
            { scheme: 'file', language: LANGUAGE_ID },
            { scheme: 'untitled', language: LANGUAGE_ID },
        ],
        createClient: options => (client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, options)),
    });
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}

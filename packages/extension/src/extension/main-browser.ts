import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser.js';
import { activateJobStd, CLIENT_ID, CLIENT_NAME, LANGUAGE_ID, type JobStdExtensionApi } from './activate.js';

let client: LanguageClient | undefined;

/** VS Code for the Web: the language server runs in a web worker next to the extension host. */
export async function activate(context: vscode.ExtensionContext): Promise<JobStdExtensionApi> {
    const serverMain = vscode.Uri.joinPath(context.extensionUri, 'out', 'server-web.js');
    return activateJobStd(context, {
        // Any scheme: on vscode.dev and github.dev files live in virtual file systems, which the
        // worker reads through the client (jobstd/readFile, jobstd/readDirectory).
        documentSelector: [{ language: LANGUAGE_ID }],
        createClient: options => {
            const worker = new Worker(serverMain.toString(true));
            // vscode-languageclient 9.x: (id, name, clientOptions, worker).
            return (client = new LanguageClient(CLIENT_ID, CLIENT_NAME, options, worker));
        },
    });
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}

import * as vscode from 'vscode';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { registerExportCommands } from './export-commands.js';
import { registerImportCommand } from './import-command.js';
import { JobStdPreviews } from './preview.js';
import { JobStdStatusBar } from './status-bar.js';
import { registerWorkspaceFileHandlers } from './workspace-files.js';

export const LANGUAGE_ID = 'jobstd';
export const CLIENT_ID = 'jobstd';
export const CLIENT_NAME = 'jobstd';

/** What the desktop and web entries differ in: how the server runs, and which documents it sees. */
export interface ClientHost {
    documentSelector: DocumentSelector;
    createClient(options: LanguageClientOptions): BaseLanguageClient;
}

/** What `activate` returns (the extension's `exports`): the running client, for tests and other extensions. */
export interface JobStdExtensionApi {
    client: BaseLanguageClient;
}

/**
 * Everything the desktop and web extensions share: the client's options, the file-system bridge
 * the server reads the workspace through, the commands, the preview and the status bar.
 */
export async function activateJobStd(context: vscode.ExtensionContext, host: ClientHost): Promise<JobStdExtensionApi> {
    const output = vscode.window.createOutputChannel('jobstd', { log: true });
    context.subscriptions.push(output);

    const clientOptions: LanguageClientOptions = {
        documentSelector: host.documentSelector,
        synchronize: {
            // The server re-indexes on these, including files that are not open.
            fileEvents: [
                vscode.workspace.createFileSystemWatcher('**/*.jobstd'),
                vscode.workspace.createFileSystemWatcher('**/jobstd.config.json'),
            ],
            configurationSection: 'jobstd',
        },
        outputChannel: output,
    };
    const client = host.createClient(clientOptions);

    // Registered before start: the server reads the workspace as soon as it is initialised.
    context.subscriptions.push(...registerWorkspaceFileHandlers(client));

    const previews = new JobStdPreviews(context, client, output);
    const statusBar = new JobStdStatusBar(client);
    context.subscriptions.push(
        previews,
        statusBar,
        ...registerExportCommands(client, output, () => previews.activeDocument()),
        registerImportCommand(client, output),
        vscode.commands.registerCommand('jobstd.openPreviewToSide', (uri?: vscode.Uri) => previews.openToSide(uri)),
        // Internal, for the end-to-end tests: the preview and status bar are not otherwise observable through the API.
        vscode.commands.registerCommand('jobstd._previewState', (uri?: vscode.Uri) => previews.state(uri)),
        vscode.commands.registerCommand('jobstd._statusState', () => statusBar.state()),
    );

    try {
        await client.start();
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        output.error(`The jobstd language server did not start: ${message}`);
        void vscode.window.showErrorMessage(`The jobstd language server did not start: ${message}`);
        throw error;
    }
    statusBar.start();
    // The entries' deactivate() stops the client.
    return { client };
}

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
    ReadDirectoryRequest, ReadFileRequest,
    type ReadDirectoryParams, type ReadDirectoryResult, type ReadFileParams, type ReadFileResult,
} from './server-protocol.js';

/**
 * Answers the server's file-system requests with `vscode.workspace.fs`, so a server that cannot
 * see the disk (the web worker on vscode.dev) still indexes every file of the workspace and
 * cross-file links resolve for files that are not open.
 */
export function registerWorkspaceFileHandlers(client: BaseLanguageClient): vscode.Disposable[] {
    const decoder = new TextDecoder('utf-8');
    return [
        client.onRequest(ReadFileRequest, async ({ uri }: ReadFileParams): Promise<ReadFileResult> => {
            return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
        }),
        client.onRequest(ReadDirectoryRequest, async ({ uri }: ReadDirectoryParams): Promise<ReadDirectoryResult> => {
            const folder = vscode.Uri.parse(uri);
            const entries = await vscode.workspace.fs.readDirectory(folder);
            // A symbolic link carries the type of what it points at as well.
            return entries.map(([name, type]) => ({
                uri: vscode.Uri.joinPath(folder, name).toString(),
                isFile: (type & vscode.FileType.File) !== 0,
                isDirectory: (type & vscode.FileType.Directory) !== 0,
            }));
        }),
    ];
}

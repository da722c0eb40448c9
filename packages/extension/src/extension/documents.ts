import * as vscode from 'vscode';

export const JOBSTD_EXTENSION = '.jobstd';

/** The last segment of a URI's path: works for every scheme, with no Node `path` in the web build. */
export function baseName(uri: vscode.Uri): string {
    const path = uri.path.replace(/\/+$/, '');
    return path.slice(path.lastIndexOf('/') + 1);
}

/** The file name without `.jobstd`: the stem of the exported files. */
export function documentStem(uri: vscode.Uri): string {
    const name = baseName(uri);
    return name.toLowerCase().endsWith(JOBSTD_EXTENSION) ? name.slice(0, -JOBSTD_EXTENSION.length) : name;
}

export function parentFolder(uri: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(uri, '..');
}

export function isJobStd(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
    return document?.languageId === 'jobstd';
}

/**
 * The document a command acts on: the one it was invoked on (explorer or editor menus pass a URI),
 * else the active jobstd editor, else `fallback` (the document of the focused preview).
 */
export async function commandTarget(uri: unknown, fallback?: () => vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri instanceof vscode.Uri) {
        // Opening syncs it to the server, so a file that is not open can be exported or previewed too.
        return vscode.workspace.openTextDocument(uri);
    }
    const active = vscode.window.activeTextEditor?.document;
    if (isJobStd(active)) return active;
    const other = fallback?.();
    return other ? vscode.workspace.openTextDocument(other) : undefined;
}

export function errorMessage(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

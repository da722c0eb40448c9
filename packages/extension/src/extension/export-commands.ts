import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { requestForDocument } from './document-requests.js';
import { baseName, commandTarget, documentStem, errorMessage, parentFolder } from './documents.js';
import { ExportRequest, type ExportFormat, type ExportParams, type ExportResult } from './server-protocol.js';

const FORMAT_LABEL: Record<ExportFormat, string> = { html: 'HTML', json: 'JSON' };
const COMMAND: Record<ExportFormat, string> = { html: 'jobstd.exportHtml', json: 'jobstd.exportJson' };

/**
 * Export to HTML / JSON. The server renders the document with the CLI's exporters (with the
 * workspace's links resolved); the client writes the file, so it works on any file system.
 * Each command resolves to the URI it wrote, or undefined when nothing was written.
 */
export function registerExportCommands(
    client: BaseLanguageClient,
    log: vscode.LogOutputChannel,
    fallback: () => vscode.Uri | undefined,
): vscode.Disposable[] {
    return (['html', 'json'] as const).map(format =>
        vscode.commands.registerCommand(COMMAND[format], (uri?: unknown) => exportDocument(client, log, format, uri, fallback)));
}

async function exportDocument(
    client: BaseLanguageClient,
    log: vscode.LogOutputChannel,
    format: ExportFormat,
    uri: unknown,
    fallback: () => vscode.Uri | undefined,
): Promise<vscode.Uri | undefined> {
    const document = await commandTarget(uri, fallback);
    if (!document) {
        void vscode.window.showWarningMessage(`Open a .jobstd file to export it to ${FORMAT_LABEL[format]}.`);
        return undefined;
    }
    const destination = await exportDestination(document, format);
    if (!destination) return undefined;
    try {
        const params: ExportParams = { uri: document.uri.toString(), format };
        const { content } = await requestForDocument<ExportResult>(client, ExportRequest, params);
        await vscode.workspace.fs.createDirectory(parentFolder(destination));
        await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(content));
    } catch (error) {
        log.error(`Export of ${document.uri.toString()} to ${FORMAT_LABEL[format]} failed: ${errorMessage(error)}`);
        void vscode.window.showErrorMessage(`Could not export ${baseName(document.uri)} to ${FORMAT_LABEL[format]}: ${errorMessage(error)}`);
        return undefined;
    }
    log.info(`Exported ${document.uri.toString()} to ${destination.toString()}`);
    void announce(destination, format);
    return destination;
}

/**
 * `<workspace folder>/<jobstd.export.folder>/<name>.<format>`. A file outside any workspace folder
 * exports next to itself; a new unsaved file with no folder open asks where to save.
 */
async function exportDestination(document: vscode.TextDocument, format: ExportFormat): Promise<vscode.Uri | undefined> {
    const fileName = `${documentStem(document.uri)}.${format}`;
    const setting = vscode.workspace.getConfiguration('jobstd', document.uri).get<string>('export.folder', 'out');
    const folder = exportFolderSegments(setting);
    if (!folder) {
        void vscode.window.showErrorMessage(
            `The setting jobstd.export.folder must name a folder inside the workspace folder, such as "out" or "exports/html"; it is ${JSON.stringify(setting)}.`);
        return undefined;
    }
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri
        ?? (document.isUntitled ? vscode.workspace.workspaceFolders?.[0]?.uri : undefined);
    if (workspaceFolder) return vscode.Uri.joinPath(workspaceFolder, ...folder, fileName);
    if (!document.isUntitled) return vscode.Uri.joinPath(parentFolder(document.uri), ...folder, fileName);
    return vscode.window.showSaveDialog({
        title: `Export to ${FORMAT_LABEL[format]}`,
        saveLabel: 'Export',
        filters: { [FORMAT_LABEL[format]]: [format] },
    });
}

/** The setting as path segments, or undefined when it is absolute or climbs out with `..`. */
export function exportFolderSegments(setting: unknown): string[] | undefined {
    if (typeof setting !== 'string') return undefined;
    const trimmed = setting.trim();
    if (/^([a-zA-Z]:)?[\\/]/.test(trimmed) || /^[a-zA-Z][\w+.-]*:/.test(trimmed)) return undefined;
    const segments = trimmed.split(/[\\/]+/).filter(segment => segment !== '' && segment !== '.');
    return segments.includes('..') ? undefined : segments;
}

async function announce(destination: vscode.Uri, format: ExportFormat): Promise<void> {
    const actions = ['Open'];
    // A browser can open a file on disk; a virtual workspace's file it cannot.
    if (format === 'html' && destination.scheme === 'file') actions.push('Open in Browser');
    const where = vscode.workspace.asRelativePath(destination, false);
    const choice = await vscode.window.showInformationMessage(`Exported ${FORMAT_LABEL[format]} to ${where}`, ...actions);
    if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', destination);
    else if (choice === 'Open in Browser') await vscode.env.openExternal(destination);
}

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { requestForDocument } from './document-requests.js';
import { baseName, commandTarget, documentStem, errorMessage, parentFolder } from './documents.js';
import { ExportRequest, type ExportFormat, type ExportParams, type ExportResult } from './server-protocol.js';

const FORMAT_LABEL: Record<ExportFormat, string> = { html: 'HTML', json: 'JSON', jsonld: 'JSON-LD', docx: 'Word' };
const COMMAND: Record<ExportFormat, string> = {
    html: 'jobstd.exportHtml', json: 'jobstd.exportJson', jsonld: 'jobstd.exportJsonLd', docx: 'jobstd.exportWord',
};

/**
 * Export to HTML / JSON / JSON-LD / Word. The server renders the document with the CLI's exporters (with the
 * workspace's links resolved); the client writes the file, so it works on any file system.
 * Each command resolves to the URI it wrote, or undefined when nothing was written.
 */
export function registerExportCommands(
    client: BaseLanguageClient,
    log: vscode.LogOutputChannel,
    fallback: () => vscode.Uri | undefined,
): vscode.Disposable[] {
    return (['html', 'json', 'jsonld', 'docx'] as const).map(format =>
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
        const result = await requestForDocument<ExportResult>(client, ExportRequest, params);
        await vscode.workspace.fs.createDirectory(parentFolder(destination));
        await vscode.workspace.fs.writeFile(destination, contentBytes(result));
    } catch (error) {
        log.error(`Export of ${document.uri.toString()} to ${FORMAT_LABEL[format]} failed: ${errorMessage(error)}`);
        void vscode.window.showErrorMessage(`Could not export ${baseName(document.uri)} to ${FORMAT_LABEL[format]}: ${errorMessage(error)}`);
        return undefined;
    }
    log.info(`Exported ${document.uri.toString()} to ${destination.toString()}`);
    void announce(destination, format);
    return destination;
}

/** The file's bytes: UTF-8 text, or a binary file (Word) the server sent as base64. */
export function contentBytes(result: ExportResult): Uint8Array {
    if (result.encoding !== 'base64') return new TextEncoder().encode(result.content);
    const binary = atob(result.content);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
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
    // VS Code cannot show a Word file; the system's word processor can.
    if (format === 'docx' && destination.scheme === 'file') actions.splice(0, 1, 'Open in Word Processor');
    const where = vscode.workspace.asRelativePath(destination, false);
    const choice = await vscode.window.showInformationMessage(`Exported ${FORMAT_LABEL[format]} to ${where}`, ...actions);
    if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', destination);
    else if (choice === 'Open in Browser' || choice === 'Open in Word Processor') await vscode.env.openExternal(destination);
}

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { baseName, errorMessage, JOBSTD_EXTENSION, parentFolder } from './documents.js';
import { ImportRequest, type ImportParams, type ImportResult } from './server-protocol.js';

export const IMPORT_COMMAND = 'jobstd.importDocument';
const IMPORTABLE = ['txt', 'md', 'markdown', 'html', 'htm', 'docx'];

export interface ImportOptions {
    /** Replace an existing .jobstd without asking (the user already chose, or a test runs the command). */
    overwrite?: boolean;
    /** Show the source beside the import (the default); not when importing several files at once. */
    showSource?: boolean;
}

/**
 * Import job standard…: a text, Markdown, HTML or Word file becomes `<name>.jobstd` beside it,
 * opened beside the source. The server converts (so the web extension can too); the client
 * reads and writes through VS Code's file system. Resolves to the file written, or undefined; with several
 * files selected in the Explorer, imports each and resolves to the files written.
 */
export function registerImportCommand(client: BaseLanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
    return vscode.commands.registerCommand(IMPORT_COMMAND, async (uri?: unknown, second?: unknown) => {
        // From the Explorer with several files selected, VS Code passes the clicked file and then all the selected ones.
        const selected = Array.isArray(second) ? second.filter(isImportable) : [];
        if (selected.length > 1) {
            const written: vscode.Uri[] = [];
            for (const source of selected) {
                const target = await importJobStandard(client, log, source, { showSource: false });
                if (target) written.push(target);
            }
            return written;
        }
        const options = second && !Array.isArray(second) && typeof second === 'object' ? second as ImportOptions : {};
        return importJobStandard(client, log, uri instanceof vscode.Uri ? uri : undefined, options);
    });
}

function isImportable(uri: unknown): uri is vscode.Uri {
    if (!(uri instanceof vscode.Uri)) return false;
    const extension = /\.([^./]+)$/.exec(uri.path)?.[1]?.toLowerCase();
    return extension !== undefined && IMPORTABLE.includes(extension);
}

async function importJobStandard(client: BaseLanguageClient, log: vscode.LogOutputChannel, uri: vscode.Uri | undefined,
    options: ImportOptions): Promise<vscode.Uri | undefined> {
    const source = uri ?? (await vscode.window.showOpenDialog({
        title: 'Import job standard',
        openLabel: 'Import',
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        filters: { 'Job standards': IMPORTABLE },
    }))?.[0];
    if (!source) return undefined;
    const name = baseName(source);
    const target = vscode.Uri.joinPath(parentFolder(source), `${name.replace(/\.[^.]+$/, '')}${JOBSTD_EXTENSION}`);

    let result: ImportResult;
    try {
        const bytes = await vscode.workspace.fs.readFile(source);
        const params: ImportParams = { name, contentBase64: toBase64(bytes) };
        result = await client.sendRequest<ImportResult>(ImportRequest, params);
    } catch (error) {
        log.error(`Import of ${source.toString()} failed: ${errorMessage(error)}`);
        void vscode.window.showErrorMessage(`Could not import ${name}: ${withoutFileName(errorMessage(error), name)}`);
        return undefined;
    }

    // An existing .jobstd may hold edits made since an earlier import: replace it only when asked to.
    if (!options.overwrite && await exists(target)) {
        const replace = 'Replace';
        const choice = await vscode.window.showWarningMessage(
            `${baseName(target)} already exists. Replace it with the import of ${name}?`, { modal: true }, replace);
        if (choice !== replace) return undefined;
    }
    try {
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
    } catch (error) {
        void vscode.window.showErrorMessage(`Could not write ${baseName(target)}: ${errorMessage(error)}`);
        return undefined;
    }
    const { report } = result;
    log.info(`Imported ${source.toString()} to ${target.toString()}: ${report.found}; ${report.summary}`);
    const sourceColumn = options.showSource === false ? undefined : await showSource(source);
    const document = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(document, {
        viewColumn: sourceColumn === undefined ? vscode.ViewColumn.Beside : sourceColumn + 1, preview: false,
    });
    void announce(name, result, log);
    return target;
}

/** "Imported 002.txt: 3 task groups, 21 competencies…; coverage 100%, 8 page headers removed", or a warning to check by hand. */
async function announce(name: string, { report }: ImportResult, log: vscode.LogOutputChannel): Promise<void> {
    const message = `Imported ${name}: ${report.found}; ${report.summary}.`;
    const unsure = report.coverage.missing.length + report.unrecognised.length + report.warnings.length;
    if (unsure === 0) {
        void vscode.window.showInformationMessage(message);
        return;
    }
    for (const sentence of report.coverage.missing) log.warn(`${name}: not found in the import, check by hand: ${sentence}`);
    for (const line of report.unrecognised) log.warn(`${name}: kept as free text in "Other content": ${line}`);
    for (const warning of report.warnings) log.warn(`${name}: ${warning}`);
    const show = 'Show Details';
    const choice = await vscode.window.showWarningMessage(`${message} ${unsure} ${unsure === 1 ? 'line needs' : 'lines need'} a look.`, show);
    if (choice === show) log.show(true);
}

/**
 * The column showing the source, opening a text source first if no editor shows it: the original and its
 * import side by side make what the importer did easy to check. A Word file has no text editor to show it.
 */
async function showSource(source: vscode.Uri): Promise<vscode.ViewColumn | undefined> {
    const shown = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === source.toString());
    if (shown) return shown.viewColumn;
    if (/\.docx$/i.test(source.path)) return undefined;
    try {
        // The first column, not the active one: imports one after another stay in two columns, original and import.
        const editor = await vscode.window.showTextDocument(source, { viewColumn: vscode.ViewColumn.One, preview: true });
        return editor.viewColumn;
    } catch {
        return undefined; // a source VS Code cannot show as text is no reason to fail the import
    }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

/** The server's message names the file ("empty.txt: the file is empty…"); the notification already does. */
function withoutFileName(message: string, name: string): string {
    return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}

/** Base64 without Buffer, which the web extension host does not have. */
function toBase64(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
}

// What every end-to-end test needs: the fixture's files, a bounded wait, and the
// language server's first diagnostics (awaited once, timed once).
import * as assert from './assert.js';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'jobstd.jobstd-vscode';

/** The fixture workspace's files (test/fixtures/workspace), by name. */
export const Fixture = {
    library: 'competencies.jobstd',
    job: 'service-representative.jobstd',
    otherJob: 'team-lead.jobstd',
} as const;

export function workspaceFolder(): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture workspace is open');
    return folder.uri;
}

export function fixtureUri(name: string): vscode.Uri {
    return vscode.Uri.joinPath(workspaceFolder(), name);
}

export function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Asks `probe` until it returns something other than undefined, or fails after `timeoutMs`
 * saying what it was waiting for. The server works asynchronously: every observation of it polls.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined) return value;
        } catch (error) {
            lastError = error;
        }
        if (Date.now() > deadline) {
            const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
            throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${why}`);
        }
        await sleep(50);
    }
}

export async function openInEditor(name: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(fixtureUri(name));
    return vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
}

/** The position of the `nth` occurrence of `text` in the document, plus `shift` characters. */
export function positionOf(document: vscode.TextDocument, text: string, shift = 0, nth = 0): vscode.Position {
    let offset = -1;
    for (let i = 0; i <= nth; i++) {
        offset = document.getText().indexOf(text, offset + 1);
        assert.notEqual(offset, -1, `'${text}' (occurrence ${nth + 1}) is in ${document.uri.path}`);
    }
    return document.positionAt(offset + shift);
}

export function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(uri);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
    const code = diagnostic.code;
    return typeof code === 'object' ? String(code.value) : String(code);
}

/** Timings the runners print at the end. */
export const timings: Record<string, number> = {};

let firstDiagnostics: Promise<void> | undefined;

/**
 * Resolves when the fixture job has diagnostics for the first time, which means the extension
 * activated, its language server started, indexed the workspace and validated the job. Times it
 * from the start of the extension host (`performance.now()` counts from there, in a worker as in Node).
 */
export function serverReady(): Promise<void> {
    firstDiagnostics ??= (async () => {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `the extension ${EXTENSION_ID} is installed`);
        const wasActive = extension.isActive;
        const started = performance.now();
        // A clean editor area (no Welcome page): what the screenshots show.
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await openInEditor(Fixture.job);
        await extension.activate();
        const activated = performance.now();
        await waitFor('the first diagnostics of the fixture job', () => diagnosticsOf(fixtureUri(Fixture.job)).length > 0 ? true : undefined, 60_000);
        const diagnosed = performance.now();
        timings.extensionHostStartToFirstDiagnosticsMs = Math.round(diagnosed);
        timings.openToFirstDiagnosticsMs = Math.round(diagnosed - started);
        if (!wasActive) timings.activationMs = Math.round(activated - started);
    })();
    return firstDiagnostics;
}

declare const JOBSTD_E2E_HOOK: string | undefined;

function hook(): string {
    return typeof JOBSTD_E2E_HOOK === 'string' ? JOBSTD_E2E_HOOK : '';
}

/**
 * The text the open webviews show, as a person sees it, or undefined where the runner cannot
 * look into the page (desktop VS Code). Read by test-web's runner from the webviews' frames.
 */
export async function webviewText(): Promise<string | undefined> {
    if (!hook()) return undefined;
    const response = await fetch(`${hook()}/webview-text`);
    return response.ok ? response.text() : undefined;
}

/**
 * Asks the runner to photograph the workbench as it is now (test-web's runner answers at the
 * address it bundled in; other hosts have no such hook and nothing happens). Resolves when the
 * picture is saved, so the test does not move on while it is taken.
 */
export async function screenshot(name: string): Promise<void> {
    if (!hook()) return;
    const response = await fetch(`${hook()}/screenshot?name=${encodeURIComponent(name)}`);
    if (!response.ok) {
        console.log(`[jobstd-e2e] screenshot '${name}' failed: ${response.status} ${await response.text()}`);
    }
}

/** The file's metadata, or undefined when it does not exist. */
export async function exists(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
    try {
        return await vscode.workspace.fs.stat(uri);
    } catch {
        return undefined;
    }
}

export async function readText(uri: vscode.Uri): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

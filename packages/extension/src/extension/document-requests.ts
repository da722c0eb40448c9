import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/** JSON-RPC "invalid params": what the server answers about a document it does not know (yet). */
const INVALID_PARAMS = -32602;
/** Waits between attempts; each ends early when the server publishes the document's diagnostics. */
const RETRY_WAITS_MS = [250, 500, 1000, 2000];

/**
 * Sends a request about one document. A document the server has not built yet — just opened, or
 * the workspace still being indexed — is answered with "invalid params", so that answer is retried
 * a few times, as soon as the server has published diagnostics for the document.
 */
export async function requestForDocument<R>(client: BaseLanguageClient, method: string, params: { uri: string }): Promise<R> {
    for (let attempt = 0; ; attempt++) {
        try {
            return await client.sendRequest<R>(method, params);
        } catch (error) {
            if ((error as { code?: unknown }).code !== INVALID_PARAMS || attempt >= RETRY_WAITS_MS.length) throw error;
            await diagnosticsOrTimeout(params.uri, RETRY_WAITS_MS[attempt]);
        }
    }
}

function diagnosticsOrTimeout(uri: string, ms: number): Promise<void> {
    return new Promise(resolve => {
        const done = () => {
            clearTimeout(timer);
            subscription.dispose();
            resolve();
        };
        const timer = setTimeout(done, ms);
        const subscription = vscode.languages.onDidChangeDiagnostics(event => {
            if (event.uris.some(changed => changed.toString() === uri)) done();
        });
    });
}

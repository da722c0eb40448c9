import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { requestForDocument } from './document-requests.js';
import { baseName, commandTarget, errorMessage } from './documents.js';
import { ExportRequest, type ExportParams, type ExportResult } from './server-protocol.js';

export const PREVIEW_VIEW_TYPE = 'jobstd.preview';
/** Edits are rendered once typing pauses for this long. */
export const PREVIEW_DEBOUNCE_MS = 300;

/** What `jobstd._previewState` reports: the only window the tests have on a webview. */
export interface PreviewState {
    open: boolean;
    title?: string;
    /** The document shown. */
    uri?: string;
    /** How many times the page was rendered: the first render and every live update. */
    updates: number;
    /** The scroll position the next render restores. */
    scrollY: number;
}

/** What the webview keeps (vscode.setState) so a preview survives a reload of the window. */
interface WebviewState {
    uri: string;
    y: number;
}

/** The live previews, one per document: opened beside the editor, rendered from the server's HTML export. */
export class JobStdPreviews implements vscode.Disposable {
    private readonly previews = new Map<string, Preview>();
    private lastActive: Preview | undefined;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly client: BaseLanguageClient,
        private readonly log: vscode.LogOutputChannel,
    ) {
        this.disposables.push(
            // Any .jobstd edit may change a preview: a job shows names and titles from its library.
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document.languageId === 'jobstd' && event.contentChanges.length > 0) this.scheduleAll();
            }),
            vscode.workspace.onDidSaveTextDocument(document => {
                if (document.languageId === 'jobstd') this.scheduleAll();
            }),
            vscode.workspace.onDidChangeConfiguration(event => {
                if (event.affectsConfiguration('jobstd')) this.scheduleAll();
            }),
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
                deserializeWebviewPanel: async (panel, state: unknown) => {
                    const uri = isWebviewState(state) ? state.uri : undefined;
                    if (!uri) {
                        panel.dispose();
                        return;
                    }
                    const preview = this.adopt(vscode.Uri.parse(uri), panel, isWebviewState(state) ? state.y : 0);
                    await preview.render();
                },
            }),
        );
    }

    /** `jobstd.openPreviewToSide`: shows (or reveals) the preview of a document beside its editor. */
    async openToSide(uri?: unknown): Promise<void> {
        const document = await commandTarget(uri, () => this.lastActive?.documentUri);
        if (!document) {
            void vscode.window.showWarningMessage('Open a .jobstd file to preview it.');
            return;
        }
        const existing = this.previews.get(document.uri.toString());
        if (existing) {
            existing.panel.reveal(undefined, true);
            return;
        }
        const panel = vscode.window.createWebviewPanel(
            PREVIEW_VIEW_TYPE,
            previewTitle(document.uri),
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            webviewOptions(),
        );
        const preview = this.adopt(document.uri, panel, 0);
        this.lastActive = preview;
        await preview.render();
    }

    /** The document of the focused (or last focused) preview, so commands work from the preview too. */
    activeDocument(): vscode.Uri | undefined {
        return this.lastActive?.documentUri;
    }

    state(uri?: unknown): PreviewState {
        const preview = uri instanceof vscode.Uri ? this.previews.get(uri.toString())
            : typeof uri === 'string' ? this.previews.get(vscode.Uri.parse(uri).toString())
            : this.lastActive;
        if (!preview) return { open: false, updates: 0, scrollY: 0 };
        return { open: true, title: preview.panel.title, uri: preview.documentUri.toString(), updates: preview.updates, scrollY: preview.scrollY };
    }

    dispose(): void {
        for (const preview of [...this.previews.values()]) preview.panel.dispose();
        for (const disposable of this.disposables) disposable.dispose();
    }

    private adopt(documentUri: vscode.Uri, panel: vscode.WebviewPanel, scrollY: number): Preview {
        panel.title = previewTitle(documentUri);
        panel.iconPath = {
            light: vscode.Uri.joinPath(this.context.extensionUri, 'icons', 'jobstd-file-light.svg'),
            dark: vscode.Uri.joinPath(this.context.extensionUri, 'icons', 'jobstd-file-dark.svg'),
        };
        panel.webview.options = webviewOptions();
        const key = documentUri.toString();
        const preview = new Preview(documentUri, panel, this.client, this.log, scrollY);
        this.previews.set(key, preview);
        panel.onDidChangeViewState(({ webviewPanel }) => {
            if (webviewPanel.active) this.lastActive = preview;
        });
        panel.onDidDispose(() => {
            preview.dispose();
            this.previews.delete(key);
            if (this.lastActive === preview) this.lastActive = [...this.previews.values()].pop();
        });
        return preview;
    }

    private scheduleAll(): void {
        for (const preview of this.previews.values()) preview.scheduleRender();
    }
}

function previewTitle(uri: vscode.Uri): string {
    return `Preview ${baseName(uri)}`;
}

function webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    // Scripts only for the nonce'd scroll keeper; the page loads nothing from anywhere.
    return { enableScripts: true, enableCommandUris: false, enableFindWidget: true, localResourceRoots: [] };
}

class Preview {
    updates = 0;
    private timer: ReturnType<typeof setTimeout> | undefined;
    /** Renders run concurrently with edits; only the newest may paint. */
    private generation = 0;
    private disposed = false;
    private readonly subscription: vscode.Disposable;

    constructor(
        readonly documentUri: vscode.Uri,
        readonly panel: vscode.WebviewPanel,
        private readonly client: BaseLanguageClient,
        private readonly log: vscode.LogOutputChannel,
        public scrollY: number,
    ) {
        this.subscription = panel.webview.onDidReceiveMessage((message: unknown) => {
            if (isScrollMessage(message)) this.scrollY = message.y;
        });
    }

    scheduleRender(): void {
        if (this.disposed) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.render(), PREVIEW_DEBOUNCE_MS);
    }

    async render(): Promise<void> {
        clearTimeout(this.timer);
        const generation = ++this.generation;
        let page: string;
        try {
            // The preview is for the analyst: it shows the findings after the document.
            const params: ExportParams = { uri: this.documentUri.toString(), format: 'html', findingsAppendix: true };
            page = (await requestForDocument<ExportResult>(this.client, ExportRequest, params)).content;
        } catch (error) {
            this.log.error(`Preview of ${this.documentUri.toString()} failed: ${errorMessage(error)}`);
            // Keep the last good page while typing; say what is wrong only when there is nothing to show.
            if (this.updates > 0) return;
            page = errorPage(`Could not render ${baseName(this.documentUri)}: ${errorMessage(error)}`);
        }
        if (this.disposed || generation !== this.generation) return;
        this.panel.webview.html = previewHtml(page, {
            cspSource: this.panel.webview.cspSource,
            nonce: createNonce(),
            uri: this.documentUri.toString(),
            scrollY: this.scrollY,
        });
        this.updates++;
    }

    dispose(): void {
        this.disposed = true;
        clearTimeout(this.timer);
        this.subscription.dispose();
    }
}

export interface PreviewPageOptions {
    cspSource: string;
    nonce: string;
    uri: string;
    scrollY: number;
}

/**
 * The exported page made fit for a webview: a strict Content-Security-Policy (nothing remote,
 * one nonce'd script), a white page whatever the editor's theme (the export is a printable
 * document), and the script that reports and restores the scroll position across updates.
 */
export function previewHtml(page: string, { cspSource, nonce, uri, scrollY }: PreviewPageOptions): string {
    const csp = `default-src 'none'; style-src 'unsafe-inline' ${cspSource}; script-src 'nonce-${nonce}'; img-src ${cspSource} data:`;
    const head = `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
    const style = '<style>html, body { background: #fff; color-scheme: light; }</style>';
    const script = `<script nonce="${nonce}">${scrollKeeper(uri, scrollY)}</script>`;
    // Replacer functions, not strings: a `$` in the inserted text must stay literal.
    const headStart = /<head(\s[^>]*)?>/i;
    let html = headStart.test(page) ? page.replace(headStart, match => `${match}\n${head}`) : `${head}\n${page}`;
    html = /<\/head>/i.test(html) ? html.replace(/<\/head>/i, match => `${style}\n${match}`) : `${style}\n${html}`;
    const bodyEnd = /<\/body>(?![\s\S]*<\/body>)/i;
    return bodyEnd.test(html) ? html.replace(bodyEnd, match => `${script}\n${match}`) : `${html}\n${script}`;
}

/** Runs in the webview. Kept tiny and dependency-free; the values are JSON, with `<` escaped. */
function scrollKeeper(uri: string, scrollY: number): string {
    const literal = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
    return `
(function () {
  const vscode = acquireVsCodeApi();
  const uri = ${literal(uri)};
  const saved = vscode.getState();
  const y = saved && saved.uri === uri && typeof saved.y === 'number' ? saved.y : ${literal(Math.max(0, Math.round(scrollY)))};
  vscode.setState({ uri: uri, y: y });
  const restore = function () { window.scrollTo(0, y); };
  restore();
  window.addEventListener('load', restore);
  let queued = false;
  window.addEventListener('scroll', function () {
    if (queued) return;
    queued = true;
    setTimeout(function () {
      queued = false;
      const now = Math.round(window.scrollY);
      vscode.setState({ uri: uri, y: now });
      vscode.postMessage({ type: 'scroll', y: now });
    }, 100);
  }, { passive: true });
})();
`;
}

function errorPage(message: string): string {
    const escaped = message.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
    return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n</head>\n<body><p>${escaped}</p>\n</body>\n</html>\n`;
}

function createNonce(): string {
    const bytes = new Uint8Array(18);
    globalThis.crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '');
}

function isScrollMessage(message: unknown): message is { type: 'scroll'; y: number } {
    const m = message as { type?: unknown; y?: unknown } | null;
    return typeof m === 'object' && m !== null && m.type === 'scroll' && typeof m.y === 'number' && Number.isFinite(m.y);
}

function isWebviewState(state: unknown): state is WebviewState {
    const s = state as Partial<WebviewState> | null;
    return typeof s === 'object' && s !== null && typeof s.uri === 'string' && typeof s.y === 'number';
}

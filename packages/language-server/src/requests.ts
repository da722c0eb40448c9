import { DocumentState, URI, UriUtils, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError, ErrorCodes, type Connection } from 'vscode-languageserver';
import { toFinding, weightSetsOf, type Document, type ExportContext } from 'jobstd-language';
import {
    ExportFormats, ExportRequest, ImportRequest, StatusRequest, type ExportFormat, type ExportParams, type ExportResult,
    type ImportFailure, type ImportParams, type ImportResult, type StatusParams, type StatusResult
} from './protocol.js';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

/**
 * The server's side of `jobstd/export` and `jobstd/status`: both answer from the
 * workspace as the server has built it (links into files that are not open included),
 * once the document's checks have run.
 */
export class JobStdRequestHandler {
    constructor(private readonly shared: LangiumSharedServices, private readonly services: JobStdLspServices) {}

    register(connection: Connection): void {
        connection.onRequest(ExportRequest, (params: ExportParams) => this.export(params));
        connection.onRequest(StatusRequest, (params: StatusParams) => this.status(params));
        connection.onRequest(ImportRequest, (params: ImportParams) => this.import(params));
    }

    /** An existing job standard as .jobstd text, with the importer's report; input it refuses is an error with its reason. */
    async import(params: ImportParams): Promise<ImportResult> {
        if (typeof params?.name !== 'string' || typeof params.contentBase64 !== 'string') {
            throw new ResponseError(ErrorCodes.InvalidParams, 'jobstd/import needs a file name and its content as base64.');
        }
        // The importer (parse5, mammoth, jszip) loads on the first import, not when the server starts.
        const { importDocument, ImportError, DEFAULT_MAX_BYTES } = await import('jobstd-language/import');
        try {
            // Refused before decoding: a huge request must not be held twice in memory. (A Word file's
            // unzipped size and nesting are limited by the importer, so no file can exhaust the server.)
            if (params.contentBase64.length > Math.ceil(DEFAULT_MAX_BYTES / 3) * 4 + 4) {
                throw new ImportError(params.name, 'too-large',
                    `${(params.contentBase64.length * 3 / 4 / (1024 * 1024)).toFixed(1)} MB is more than the ${DEFAULT_MAX_BYTES / (1024 * 1024)} MB a job standard can be; is this the right file?`);
            }
            const { text, report } = await importDocument({ name: params.name, content: fromBase64(params.contentBase64) });
            return { text, report: { ...report, recognised: { ...report.recognised } } };
        } catch (error) {
            if (error instanceof ImportError) {
                throw new ResponseError<ImportFailure>(ErrorCodes.InvalidParams, error.message, { reason: error.reason });
            }
            throw error;
        }
    }

    /** The file the CLI would write for this document, with its findings: text, or base64 for Word. */
    async export(params: ExportParams): Promise<ExportResult> {
        if (!ExportFormats.includes(params.format)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `Unknown export format '${String(params.format)}' (expected ${ExportFormats.join(', ')}).`);
        }
        const document = await this.validated(params.uri);
        const file = this.relativePath(document.uri);
        const findings = (document.diagnostics ?? []).map(d => toFinding(file, d));
        const context = {
            file, findings, placeholders: this.services.config.ConfigProvider.get().placeholders,
            ...(params.findingsAppendix === true ? { findingsAppendix: true } : {}),
        };
        const root = document.parseResult.value as Document;
        return render(params.format, root, context);
    }

    /** Findings counted by severity and the total of each weighted set, for the status bar. */
    async status(params: StatusParams): Promise<StatusResult> {
        const document = await this.validated(params.uri);
        const diagnostics = document.diagnostics ?? [];
        const root = document.parseResult.value as Document;
        return {
            findings: {
                errors: diagnostics.filter(d => d.severity === 1).length,
                warnings: diagnostics.filter(d => d.severity === 2).length,
            },
            weights: root.jobs.flatMap(job => weightSetsOf(job).map(set => ({ set: set.kind, unit: set.unit, total: set.total }))),
        };
    }

    private async validated(uriText: string): Promise<LangiumDocument> {
        const uri = URI.parse(uriText);
        const documents = this.shared.workspace.LangiumDocuments;
        if (!documents.hasDocument(uri)) {
            // A request right after the editor opens a file can overtake the update that adds it.
            await this.nextUpdateOf(uri, 5000);
        }
        if (!documents.hasDocument(uri)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `${uriText} is not a .jobstd document of this workspace.`);
        }
        const builder = this.shared.workspace.DocumentBuilder;
        try {
            await builder.waitUntil(DocumentState.Validated, uri);
        } catch (error) {
            // Built without its checks (the builder will not come back to it): check it now.
            const document = documents.getDocument(uri);
            if (!document || document.state >= DocumentState.Validated) throw error;
            await this.shared.workspace.WorkspaceLock.read(() => builder.build([document], { validation: true }));
        }
        return documents.getDocument(uri)!;
    }

    private nextUpdateOf(uri: URI, timeoutMs: number): Promise<void> {
        const key = uri.toString();
        return new Promise(resolve => {
            const timer = setTimeout(() => { listener.dispose(); resolve(); }, timeoutMs);
            const listener = this.shared.workspace.DocumentBuilder.onUpdate(changed => {
                if (changed.some(changedUri => changedUri.toString() === key)) {
                    clearTimeout(timer);
                    listener.dispose();
                    resolve();
                }
            });
        });
    }

    /** The path as the export shows it: relative to its workspace folder, or the file name. */
    private relativePath(uri: URI): string {
        for (const folder of this.shared.workspace.WorkspaceManager.workspaceFolders ?? []) {
            const root = URI.parse(folder.uri);
            const relative = UriUtils.relative(root, uri);
            if (!relative.startsWith('..')) return relative;
        }
        return UriUtils.basename(uri);
    }
}

async function render(format: ExportFormat, root: Document, context: ExportContext): Promise<ExportResult> {
    // The exporters (docx among them) load on the first export or preview, not when the server starts.
    const { exportDocx, exportHtml, exportJson, exportJsonLd } = await import('jobstd-language/export');
    switch (format) {
        case 'json': return { content: JSON.stringify(exportJson(root, context), null, 2) + '\n' };
        case 'html': return { content: exportHtml(root, context) };
        case 'jsonld': return { content: JSON.stringify(exportJsonLd(root, context), null, 2) + '\n' };
        case 'docx': return { content: toBase64(await exportDocx(root, context)), encoding: 'base64' };
    }
}

/** Bytes from base64, without Buffer (the web worker has none). */
export function fromBase64(text: string): Uint8Array {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
}

/** Base64 without Buffer, which the web worker does not have. */
export function toBase64(bytes: Uint8Array): string {
    let binary = '';
    // In slices: String.fromCharCode takes its arguments on the stack.
    for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
}

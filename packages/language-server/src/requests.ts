import { DocumentState, URI, UriUtils, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError, ErrorCodes, type Connection } from 'vscode-languageserver';
import { exportHtml, exportJson, toFinding, weightSetsOf, type Document } from 'jobstd-language';
import {
    ExportRequest, StatusRequest, type ExportParams, type ExportResult, type StatusParams, type StatusResult
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
    }

    /** The HTML or JSON the CLI would write for this document, with its findings. */
    async export(params: ExportParams): Promise<ExportResult> {
        if (params.format !== 'html' && params.format !== 'json') {
            throw new ResponseError(ErrorCodes.InvalidParams, `Unknown export format '${String(params.format)}' (expected html or json).`);
        }
        const document = await this.validated(params.uri);
        const file = this.relativePath(document.uri);
        const findings = (document.diagnostics ?? []).map(d => toFinding(file, d));
        const context = { file, findings, placeholders: this.services.config.ConfigProvider.get().placeholders };
        const root = document.parseResult.value as Document;
        const content = params.format === 'json'
            ? JSON.stringify(exportJson(root, context), null, 2) + '\n'
            : exportHtml(root, context);
        return { content };
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

import {
    DefaultLangiumDocumentFactory, URI,
    type AstNode, type Cancellation, type LangiumDocument, type LangiumDocuments, type LangiumSharedCoreServices,
    type ParseResult
} from 'langium';
import { NormalizedTextDocuments, type LangiumSharedServices } from 'langium/lsp';
import type { Connection, Disposable, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The open documents, where a change must be newer than the text it applies to:
 * an older or repeated version would be applied to text it was not made for.
 */
export class VersionedTextDocuments extends NormalizedTextDocuments<TextDocument> {
    override listen(connection: Connection): Disposable {
        const onDidChange = connection.onDidChangeTextDocument.bind(connection);
        const guarded = new Proxy(connection, {
            get: (target, property, receiver): unknown => property !== 'onDidChangeTextDocument' ? Reflect.get(target, property, receiver) as unknown
                : (handler: Parameters<Connection['onDidChangeTextDocument']>[0]) => onDidChange(params => {
                    const current = this.get(params.textDocument.uri);
                    if (current && params.textDocument.version <= current.version) {
                        connection.console.warn(`Ignored a change to ${params.textDocument.uri} at version ${params.textDocument.version}: the open document is already at version ${current.version}.`);
                        return;
                    }
                    return handler(params);
                }),
        });
        return super.listen(guarded);
    }
}

/** Remembers, for each document, the version of the open text it was last read from. */
export class VersionedDocumentFactory extends DefaultLangiumDocumentFactory {
    private readonly versions = new WeakMap<LangiumDocument, number>();

    /** The version of the open text the document was built from; undefined for a file read from disk. */
    versionOf(document: LangiumDocument): number | undefined {
        return this.versions.get(document);
    }

    override update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        // The base class reads the open text synchronously, before its first await: this is its version.
        this.record(document, this.textDocuments?.get(document.uri.toString())?.version);
        return super.update(document, cancellationToken);
    }

    protected override createLangiumDocument<T extends AstNode = AstNode>(parseResult: ParseResult<T>, uri: URI, textDocument?: TextDocument, text?: string): LangiumDocument<T> {
        const document = super.createLangiumDocument(parseResult, uri, textDocument, text);
        this.record(document, textDocument?.version);
        return document;
    }

    private record(document: LangiumDocument, version: number | undefined): void {
        if (version === undefined) this.versions.delete(document); else this.versions.set(document, version);
    }
}

/**
 * Diagnostics go out with the version of the text they were computed from, and not at all
 * when the editor's text is newer: the build for the newer text publishes its own.
 */
export function publishVersionedDiagnostics(connection: Connection, shared: LangiumSharedServices | LangiumSharedCoreServices): void {
    const documents: LangiumDocuments = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;
    const textDocuments = shared.workspace.TextDocuments;
    const send = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = async (params: PublishDiagnosticsParams) => {
        const open = textDocuments?.get(params.uri);
        const document = documents.getDocument(URI.parse(params.uri));
        if (!open || !document || !(factory instanceof VersionedDocumentFactory)) {
            // Not open (a file on disk, or deleted): there is no version to give.
            return send(params);
        }
        const validated = factory.versionOf(document);
        if (validated === undefined || open.version > validated) return;
        return send({ ...params, version: validated });
    };
}

import type { FileSystemProvider } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { publishVersionedDiagnostics } from './document-versions.js';
import { createJobStdLspServices } from './jobstd-lsp-module.js';
import { JobStdRequestHandler } from './requests.js';

/**
 * Starts the server on a connection. The Node and the browser entries differ only in
 * the connection and in how files are read, so everything else lives here.
 */
export function startJobStdServer(connection: Connection, fileSystemProvider: () => FileSystemProvider): void {
    const { shared, JobStd } = createJobStdLspServices({ connection, fileSystemProvider });
    new JobStdRequestHandler(shared, JobStd).register(connection);
    publishVersionedDiagnostics(connection, shared);
    startLanguageServer(shared);
}

import type { FileSystemProvider } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { JobStdLanguageMetaData, type JobStdModuleSource } from 'jobstd-language';
import { publishVersionedDiagnostics } from './document-versions.js';
import { createJobStdLspServices } from './jobstd-lsp-module.js';
import { JobStdRequestHandler } from './requests.js';

/**
 * The shipped server skips Chevrotain's self-checks of the grammar when it builds the lexer and
 * parser: they took most of the start-up (about 0.7 s before the first answer) and can only
 * fail on a grammar change, which the language's own tests (in development mode) catch.
 */
const ProductionParserModule: JobStdModuleSource = {
    LanguageMetaData: () => ({ ...JobStdLanguageMetaData, mode: 'production' }),
};

/**
 * Starts the server on a connection. The Node and the browser entries differ only in
 * the connection and in how files are read, so everything else lives here.
 */
export function startJobStdServer(connection: Connection, fileSystemProvider: () => FileSystemProvider): void {
    const { shared, JobStd } = createJobStdLspServices({ connection, fileSystemProvider, modules: [ProductionParserModule] });
    new JobStdRequestHandler(shared, JobStd).register(connection);
    publishVersionedDiagnostics(connection, shared);
    startLanguageServer(shared);
}

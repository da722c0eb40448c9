import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { ClientFileSystemProvider } from './client-file-system.js';
import { startJobStdServer } from './server.js';

// The web worker server (VS Code for the Web): messages through the worker, files through the client.
// The worker's own types live in the WebWorker library, which this Node-typed package leaves out.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
const worker = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
startJobStdServer(connection, () => new ClientFileSystemProvider(connection));

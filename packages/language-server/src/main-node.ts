import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startJobStdServer } from './server.js';

// The desktop server: stdio or IPC, as the client chooses; files from the disk.
startJobStdServer(createConnection(ProposedFeatures.all), NodeFileSystem.fileSystemProvider);

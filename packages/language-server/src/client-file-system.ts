import { URI, UriUtils, type FileSystemNode, type FileSystemProvider } from 'langium';
import type { Connection } from 'vscode-languageserver';
import {
    ReadDirectoryRequest, ReadFileRequest, type ReadDirectoryParams, type ReadDirectoryResult, type ReadFileParams,
    type ReadFileResult
} from './protocol.js';

/**
 * The workspace as the editor sees it, read through the client (`vscode.workspace.fs`):
 * in VS Code for the Web the worker has no file system of its own, and without this only
 * open files would be known, so links into a library that is not open would break.
 */
export class ClientFileSystemProvider implements FileSystemProvider {
    constructor(private readonly connection: Connection) {}

    async stat(uri: URI): Promise<FileSystemNode> {
        const parent = UriUtils.dirname(uri);
        const entry = (await this.readDirectory(parent)).find(e => UriUtils.equals(e.uri, uri));
        if (!entry) throw new Error(`No such file or folder: ${uri.toString()}`);
        return entry;
    }

    async exists(uri: URI): Promise<boolean> {
        try {
            await this.stat(uri);
            return true;
        } catch {
            return false;
        }
    }

    async readFile(uri: URI): Promise<string> {
        const params: ReadFileParams = { uri: uri.toString() };
        return this.connection.sendRequest<ReadFileResult>(ReadFileRequest, params);
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        const params: ReadDirectoryParams = { uri: uri.toString() };
        const entries = await this.connection.sendRequest<ReadDirectoryResult>(ReadDirectoryRequest, params);
        return entries.map(e => ({ uri: URI.parse(e.uri), isFile: e.isFile, isDirectory: e.isDirectory }));
    }

    // Requests to the client are asynchronous: nothing in the server asks for files synchronously.
    statSync(uri: URI): FileSystemNode { throw synchronous('stat', uri); }
    existsSync(): boolean { return false; }
    readFileSync(uri: URI): string { throw synchronous('readFile', uri); }
    readBinarySync(uri: URI): Uint8Array { throw synchronous('readBinary', uri); }
    readDirectorySync(uri: URI): FileSystemNode[] { throw synchronous('readDirectory', uri); }
}

function synchronous(operation: string, uri: URI): Error {
    return new Error(`${operation}(${uri.toString()}) cannot be answered synchronously through the editor client.`);
}

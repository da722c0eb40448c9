import { describe, expect, it } from 'vitest';
import { TextDocument, URI } from 'langium';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { publishVersionedDiagnostics } from '../src/document-versions.js';
import { createServices, job } from './helpers.js';

/** A connection that only records what the server would publish. */
function recordingServer() {
    const services = createServices();
    const sent: PublishDiagnosticsParams[] = [];
    const connection = { sendDiagnostics: async (params: PublishDiagnosticsParams) => { sent.push(params); } } as unknown as Connection;
    publishVersionedDiagnostics(connection, services.shared);
    return { ...services, connection, sent };
}

describe('versioned diagnostics', () => {
    it('gives an open document\'s diagnostics the version they were computed from', async () => {
        const { shared, connection, sent } = recordingServer();
        const uri = 'file:///workspace/open.jobstd';
        shared.workspace.TextDocuments.set(TextDocument.create(uri, 'jobstd', 4, job('  task group A 60% {\n    "a"\n  }')));
        await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        await connection.sendDiagnostics({ uri, diagnostics: [] });
        expect(sent).toEqual([{ uri, version: 4, diagnostics: [] }]);
    });

    it('publishes nothing while the editor holds a newer version than the one checked', async () => {
        const { shared, connection, sent } = recordingServer();
        const uri = 'file:///workspace/typing.jobstd';
        shared.workspace.TextDocuments.set(TextDocument.create(uri, 'jobstd', 1, job('  "a"')));
        await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        // The editor moves on to version 2 before the diagnostics of version 1 go out.
        shared.workspace.TextDocuments.set(TextDocument.create(uri, 'jobstd', 2, job('  "ab"')));
        await connection.sendDiagnostics({ uri, diagnostics: [] });
        expect(sent).toEqual([]);
        await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        await connection.sendDiagnostics({ uri, diagnostics: [] });
        expect(sent).toEqual([{ uri, version: 2, diagnostics: [] }]);
    });

    it('gives a file that is not open no version', async () => {
        const { shared, connection, sent } = recordingServer();
        const uri = URI.parse('file:///workspace/closed.jobstd');
        const document = shared.workspace.LangiumDocuments.createDocument(uri, job('  "a"'));
        await shared.workspace.DocumentBuilder.build([document]);
        await connection.sendDiagnostics({ uri: uri.toString(), diagnostics: [] });
        expect(sent).toEqual([{ uri: uri.toString(), diagnostics: [] }]);
    });
});

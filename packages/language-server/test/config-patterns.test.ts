import { describe, expect, it } from 'vitest';
import { URI } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { createServices } from './helpers.js';

const JOB = `job "Team Lead" {
  summary "Call (a TBD number) aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"
  next review 2020-01-01
}
`;

/** A connection that only records the error messages the server shows the user. */
function recordingConnection(shown: string[]): Connection {
    const window = { showErrorMessage: async (message: string) => { shown.push(message); return undefined; } };
    return { window } as unknown as Connection;
}

/** A server started as an editor starts it, on a workspace with this jobstd.config.json and these settings. */
async function startServer(configFile: unknown, settings: Record<string, unknown> = {}) {
    const files = new VirtualFileSystemProvider();
    files.insert(URI.parse('file:///ws/jobs/team.jobstd'), JOB);
    files.insert(URI.parse('file:///ws/jobstd.config.json'), JSON.stringify(configFile));
    const shown: string[] = [];
    const services = createServices({ fileSystemProvider: () => files, connection: recordingConnection(shown) });
    const { shared } = services;
    const capabilities = { workspace: { configuration: true } } as InitializeParams['capabilities'];
    shared.workspace.ConfigurationProvider.initialize({ capabilities } as InitializeParams);
    await shared.workspace.ConfigurationProvider.initialized({ fetchConfiguration: async () => [settings] });
    shared.workspace.WorkspaceManager.initialize({ capabilities, workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }] } as InitializeParams);
    await shared.workspace.WorkspaceManager.initialized({});
    const team = shared.workspace.LangiumDocuments.getDocument(URI.parse('file:///ws/jobs/team.jobstd'))!;
    return { services, shown, team };
}

describe('configured placeholder patterns in the editor', () => {
    it('say once which pattern is left out and why, and the rest of jobstd.config.json still applies', async () => {
        const server = await startServer({ rules: { 'review-overdue': 'off' }, placeholders: { patterns: ['(?<!\\d)TBD', '\\bTBD\\b'] } });
        expect(server.shown).toEqual([
            'jobstd configuration: jobstd.config.json: placeholder pattern "(?<!\\\\d)TBD" uses a look-behind, '
            + 'which jobstd does not support in configured patterns; rewrite it without one; it is left out',
        ]);
        expect(server.services.JobStd.config.ConfigProvider.get().placeholders?.patterns).toEqual(['\\bTBD\\b']);
        const codes = (server.team.diagnostics ?? []).map(d => d.code);
        expect(codes).not.toContain('review-overdue');
        expect((server.team.diagnostics ?? []).filter(d => d.code === 'placeholder').map(d => d.message))
            .toEqual(["Unfilled placeholder 'TBD' (a field to fill in)."]);
    });

    it('check a long statement against a pattern that backtracks forever in JavaScript', async () => {
        const server = await startServer({ placeholders: { patterns: ['(a+)+$', '\\bTBD\\b'] } });
        expect(server.shown).toEqual([]);
        expect((server.team.diagnostics ?? []).filter(d => d.code === 'placeholder').map(d => d.message))
            .toEqual(["Unfilled placeholder 'TBD' (a field to fill in)."]);
    });

    it('from the editor settings are refused the same way, the other patterns kept', async () => {
        const server = await startServer({}, { placeholders: { patterns: ['(\\w)\\1', '\\[NAME\\]'] } });
        expect(server.shown).toEqual([
            'jobstd configuration: settings (jobstd.*): placeholder pattern "(\\\\w)\\\\1" uses a back-reference (\\1), '
            + 'which jobstd does not support in configured patterns; rewrite it without one; it is left out',
        ]);
        expect(server.services.JobStd.config.ConfigProvider.get().placeholders?.patterns).toEqual(['\\[NAME\\]']);
    });
});

import { describe, expect, it, vi } from 'vitest';
import { URI, type LangiumDocument } from 'langium';
import type { JobStdJson } from 'jobstd-language';
import { VirtualFileSystemProvider } from 'langium/test';
import { FileChangeType, type InitializeParams } from 'vscode-languageserver';
import { globToRegExp, isExcluded, JobStdRequestHandler, mergeConfig } from '../src/index.js';
import { createServices, readExample } from './helpers.js';

const JOB = `job "Team Lead" {
  next review 2020-01-01
  uses Adaptability 100% level DPL 5 "Expert"
  pay "Base" $ XX weekly
}
`;
const LIBRARY = 'library CTK {\n  scale DPL 1 to 5\n  competency Adaptability\n}\n';

interface Workspace {
    files?: Record<string, string>;
    settings?: Record<string, unknown>;
}

/** A server started the way an editor starts it: configuration first, then the workspace folder. */
async function startServer(workspace: Workspace = {}) {
    const files = new VirtualFileSystemProvider();
    const all: Record<string, string> = {
        'jobs/team.jobstd': JOB,
        'lib/ctk.jobstd': LIBRARY,
        'node_modules/pkg/x.jobstd': JOB,
        'out/y.jobstd': JOB,
        '.git/z.jobstd': JOB,
        'drafts/old.jobstd': JOB,
        'archive/2020/a.jobstd': JOB,
        'archive/2021/b.jobstd': JOB.replace('Team Lead', 'Kept'),
        ...workspace.files,
    };
    for (const [path, text] of Object.entries(all)) files.insert(URI.parse(`file:///ws/${path}`), text);
    const services = createServices({ fileSystemProvider: () => files });
    const { shared } = services;
    let settings: Record<string, unknown> = workspace.settings ?? {};
    const capabilities = { workspace: { configuration: true } } as InitializeParams['capabilities'];
    shared.workspace.ConfigurationProvider.initialize({ capabilities } as InitializeParams);
    await shared.workspace.ConfigurationProvider.initialized({ fetchConfiguration: async () => [settings] });
    shared.workspace.WorkspaceManager.initialize({ capabilities, workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }] } as InitializeParams);
    await shared.workspace.WorkspaceManager.initialized({});
    const documents = () => shared.workspace.LangiumDocuments.all.toArray();
    const team = () => shared.workspace.LangiumDocuments.getDocument(URI.parse('file:///ws/jobs/team.jobstd'))!;
    return {
        services, files, documents, team,
        paths: () => documents().map(d => d.uri.path).sort(),
        codes: (document: LangiumDocument) => (document.diagnostics ?? []).map(d => d.code),
        severity: (document: LangiumDocument, code: string) => document.diagnostics?.find(d => d.code === code)?.severity,
        /** The editor's settings change (a didChangeConfiguration notification). */
        changeSettings: (next: Record<string, unknown>) => {
            settings = next;
            shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { jobstd: next } });
        },
    };
}

describe('workspace: indexing', () => {
    it('indexes every .jobstd file but node_modules, out, dot-folders and the jobstd.exclude globs', async () => {
        const server = await startServer({ settings: { exclude: ['drafts', '**/2020/**'] } });
        expect(server.paths()).toEqual(['/ws/archive/2021/b.jobstd', '/ws/jobs/team.jobstd', '/ws/lib/ctk.jobstd']);
    });

    it('resolves a link into a library file that is not open', async () => {
        const server = await startServer();
        expect(server.codes(server.team())).not.toContain('unresolved-reference');
        expect(server.team().state).toBeGreaterThanOrEqual(6);
    });

    it('indexes the files a changed jobstd.exclude lets in, and forgets the ones it now keeps out', async () => {
        const server = await startServer({ settings: { exclude: ['drafts'] } });
        expect(server.paths()).toContain('/ws/archive/2020/a.jobstd');
        server.changeSettings({ exclude: ['archive'] });
        await vi.waitFor(() => expect(server.paths()).toEqual(['/ws/drafts/old.jobstd', '/ws/jobs/team.jobstd', '/ws/lib/ctk.jobstd']));
    });

    it('matches globs the way the setting is written', () => {
        const patterns = ['drafts', '**/2020/**', '*.tmp.jobstd', 'archive/{old,tmp}/**'].map(globToRegExp);
        expect(isExcluded('drafts/a.jobstd', patterns)).toBe(true);
        expect(isExcluded('jobs/drafts', patterns)).toBe(false);
        expect(isExcluded('a/b/2020/c.jobstd', patterns)).toBe(true);
        expect(isExcluded('x.tmp.jobstd', patterns)).toBe(true);
        expect(isExcluded('jobs/x.tmp.jobstd', patterns)).toBe(false);
        expect(isExcluded('archive/old/x.jobstd', patterns)).toBe(true);
        expect(isExcluded('archive/new/x.jobstd', patterns)).toBe(false);
    });
});

describe('workspace: configuration', () => {
    it('applies the workspace jobstd.config.json from the first build', async () => {
        const server = await startServer({ files: { 'jobstd.config.json': '{ "rules": { "review-overdue": "off", "placeholder": "error" } }' } });
        expect(server.codes(server.team())).not.toContain('review-overdue');
        expect(server.severity(server.team(), 'placeholder')).toBe(1);
    });

    it('lets the jobstd.* settings override the file, rule by rule', async () => {
        const server = await startServer({
            files: { 'jobstd.config.json': '{ "rules": { "review-overdue": "off", "placeholder": "error" } }' },
            settings: { rules: { placeholder: 'hint' }, placeholders: { patterns: [] }, weights: { tolerance: null } },
        });
        expect(server.codes(server.team())).not.toContain('review-overdue');
        expect(server.severity(server.team(), 'placeholder')).toBe(4);
        expect(mergeConfig({ rules: { placeholder: 'error' }, weights: { tolerance: 1 } }, { rules: { placeholder: 'hint' } }))
            .toEqual({ rules: { placeholder: 'hint' }, weights: { tolerance: 1 } });
    });

    it('checks every document again when the settings change', async () => {
        const server = await startServer();
        expect(server.codes(server.team())).toContain('review-overdue');
        server.changeSettings({ rules: { 'review-overdue': 'off' }, placeholders: { patterns: ['\\bBase\\b'] } });
        await vi.waitFor(() => expect(server.codes(server.team())).not.toContain('review-overdue'));
        // The new placeholder pattern finds "Base" in the pay line.
        expect(server.team().diagnostics!.some(d => d.message.includes("'Base'"))).toBe(true);
    });

    it('checks every document again when jobstd.config.json changes on disk', async () => {
        const server = await startServer();
        expect(server.severity(server.team(), 'placeholder')).toBe(2);
        server.files.insert(URI.parse('file:///ws/jobstd.config.json'), '{ "rules": { "placeholder": "off" } }');
        server.services.shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles!({
            changes: [{ uri: 'file:///ws/jobstd.config.json', type: FileChangeType.Created }],
        });
        await vi.waitFor(() => expect(server.codes(server.team())).not.toContain('placeholder'));
    });

    it('keeps working with the rest of the configuration when a setting is invalid', async () => {
        const server = await startServer({ settings: { rules: { 'no-such-rule': 'off' }, weights: { tolerance: 5 } } });
        expect(server.services.JobStd.config.ConfigProvider.get()).toEqual({ weights: { tolerance: 5 } });
    });
});

describe('custom requests', () => {
    it('jobstd/export renders the JSON and HTML exports with the workspace links resolved', async () => {
        const server = await startServer();
        const handler = new JobStdRequestHandler(server.services.shared, server.services.JobStd);
        const { content } = await handler.export({ uri: 'file:///ws/jobs/team.jobstd', format: 'json' });
        const json = JSON.parse(content) as JobStdJson;
        expect(json.source).toBe('jobs/team.jobstd');
        expect(json.jobs[0].title).toBe('Team Lead');
        expect(JSON.stringify(json.jobs[0].elements)).toContain('Adaptability');
        expect(json.findings.items.map(f => f.code)).not.toContain('unresolved-reference');
        const html = await handler.export({ uri: 'file:///ws/jobs/team.jobstd', format: 'html' });
        expect(html.content).toMatch(/^<!doctype html>/);
        expect(html.content).toContain('Team Lead');
        await expect(handler.export({ uri: 'file:///ws/jobs/team.jobstd', format: 'pdf' as 'html' })).rejects.toThrow(/Unknown export format/);
        await expect(handler.export({ uri: 'file:///elsewhere/x.jobstd', format: 'json' })).rejects.toThrow(/not a \.jobstd document/);
    });

    it('jobstd/export sends a Word file as base64 and JSON-LD as text', async () => {
        const server = await startServer();
        const handler = new JobStdRequestHandler(server.services.shared, server.services.JobStd);
        const word = await handler.export({ uri: 'file:///ws/jobs/team.jobstd', format: 'docx' });
        expect(word.encoding).toBe('base64');
        const bytes = Buffer.from(word.content, 'base64');
        // A zip archive holding the Word document part.
        expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        expect(bytes.includes('word/document.xml')).toBe(true);
        const ld = await handler.export({ uri: 'file:///ws/jobs/team.jobstd', format: 'jsonld' });
        expect(ld.encoding ?? 'utf8').toBe('utf8');
        const parsed = JSON.parse(ld.content) as Record<string, unknown>;
        expect(parsed['@context']).toBeDefined();
        expect(JSON.stringify(parsed)).toContain('Team Lead');
    });

    it('jobstd/status counts findings and gives each weighted set its total', async () => {
        const server = await startServer();
        const handler = new JobStdRequestHandler(server.services.shared, server.services.JobStd);
        expect(await handler.status({ uri: 'file:///ws/jobs/team.jobstd' })).toEqual({
            findings: { errors: 0, warnings: 2 },
            weights: [{ set: 'competency', unit: '%', total: 100 }],
        });
    });

    it('checks a document first when it was built without its checks', async () => {
        const server = await startServer();
        const { shared } = server.services;
        const document = shared.workspace.LangiumDocumentFactory.fromString(JOB, URI.parse('file:///ws/late.jobstd'));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: false });
        const handler = new JobStdRequestHandler(shared, server.services.JobStd);
        const status = await handler.status({ uri: 'file:///ws/late.jobstd' });
        expect(status.findings.warnings).toBe(2);
    });

    it('jobstd/status on seed 002: the 100.1% it is known for', async () => {
        const server = await startServer({
            files: {
                'jobs/team.jobstd': readExample('customer-service-representative.jobstd'),
                'lib/ctk.jobstd': readExample('ctk-competency-toolkit.jobstd'),
            },
        });
        const handler = new JobStdRequestHandler(server.services.shared, server.services.JobStd);
        const status = await handler.status({ uri: 'file:///ws/jobs/team.jobstd' });
        expect(status.weights).toEqual([{ set: 'task group', unit: 'points', total: 180 }, { set: 'competency', unit: '%', total: 100.1 }]);
    });
});

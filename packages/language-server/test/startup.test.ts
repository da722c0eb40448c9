import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletionRequest, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol/node.js';
import type { ExportResult, ImportResult } from '../src/protocol.js';
import { pathToUri, StdioClient } from './stdio-client.js';

// The shipped server makes its parser, completion and exporters on first use, not at start:
// each must still be there, whole, the first time an editor asks for it.

const JOB = `job "Cashier" {
  task group A "Till" 100 points {
    "Balances the drawer daily"
  }
  uses Accuracy 100% linked to A

}
`;

let folder: string;
let client: StdioClient;
const uri = () => pathToUri(path.join(folder, 'cashier.jobstd'));

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'jobstd-startup-'));
    client = await StdioClient.start();
});

afterAll(async () => {
    const code = await client?.stop();
    rmSync(folder, { recursive: true, force: true });
    expect(code).toBe(0);
});

describe('the bundled server on first use of each feature', () => {
    it('announces every editor feature at initialize, before any document is open', () => {
        const capabilities = client.initializeResult!.capabilities;
        expect(capabilities).toMatchObject({
            hoverProvider: true, definitionProvider: true, referencesProvider: true, documentSymbolProvider: true,
            codeActionProvider: true, documentFormattingProvider: true, renameProvider: { prepareProvider: true },
            inlayHintProvider: { resolveProvider: false },
        });
        expect(capabilities.completionProvider).toBeDefined();
        const legend = (capabilities.semanticTokensProvider as { legend: { tokenModifiers: string[] } }).legend;
        expect(legend.tokenModifiers).toContain('placeholder');
    });

    it('checks the first document opened, then completes the keywords where a statement may start', async () => {
        await client.open(uri(), JOB, 1);
        const published = await client.waitForDiagnostics(uri(), p => p.version === 1);
        expect(published.diagnostics.map(d => d.code)).not.toContain('syntax-error');

        const list = await client.connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri: uri() }, position: { line: 5, character: 2 },
        }) as CompletionList | CompletionItem[];
        const labels = (Array.isArray(list) ? list : list.items).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['section', 'competency', 'uses', 'target']));
    });

    it('exports to HTML and Word, and imports an HTML job standard, the first time each is asked for', async () => {
        const html = await client.connection.sendRequest<ExportResult>('jobstd/export', { uri: uri(), format: 'html' });
        expect(html.content).toContain('Balances the drawer daily');

        const word = await client.connection.sendRequest<ExportResult>('jobstd/export', { uri: uri(), format: 'docx' });
        expect(word.encoding).toBe('base64');
        // A .docx is a zip file: it starts with "PK".
        expect(Buffer.from(word.content, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');

        const source = '<h1>Night Auditor</h1><h2>Duties</h2><ol><li>Balances the day\'s receipts.</li></ol>';
        const imported = await client.connection.sendRequest<ImportResult>('jobstd/import', {
            name: 'night-auditor.html', contentBase64: Buffer.from(source).toString('base64'),
        });
        expect(imported.text).toContain('job "Night Auditor" {');
        expect(imported.text).toContain('Balances the day\'s receipts.');
    });
});

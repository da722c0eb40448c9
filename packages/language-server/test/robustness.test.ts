import { describe, expect, it, vi } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { buildWorkspace, createServices, exampleFiles, readExample } from './helpers.js';

const services = createServices();
const { JobStd } = services;

/** Every editor feature once, at one position, on a document as it stands. */
async function everyFeature(text: string, offset: number, workspace: string[] = []): Promise<void> {
    const [document] = await buildWorkspace(services, [text, ...workspace]);
    const textDocument = { uri: document.uri.toString() };
    const position = document.textDocument.positionAt(offset);
    const range = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
    await JobStd.lsp.HoverProvider!.getHoverContent(document, { textDocument, position });
    await JobStd.lsp.CompletionProvider!.getCompletion(document, { textDocument, position });
    await JobStd.lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range });
    await JobStd.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument });
    await JobStd.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument });
    await JobStd.lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 2, insertSpaces: true } });
    const diagnostics = document.diagnostics ?? [];
    const actions = await JobStd.lsp.CodeActionProvider!.getCodeActions(document, { textDocument, range, context: { diagnostics } }) as CodeAction[] | undefined;
    for (const action of actions ?? []) {
        // A fix only ever edits the document it was asked about.
        expect(Object.keys(action.edit?.changes ?? {})).toEqual([textDocument.uri]);
    }
}

describe('editor features on half-written documents', () => {
    const library = readExample('ctk-competency-toolkit.jobstd');
    for (const file of exampleFiles()) {
        it(`${file}: no feature fails at any of 25 places where the text is cut off`, async () => {
            const text = readExample(file);
            // Langium catches some failures and only logs them: a logged error is a failure here too.
            const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
            for (let i = 1; i <= 25; i++) {
                const cut = Math.floor((text.length * i) / 26);
                await everyFeature(text.slice(0, cut), cut, file.startsWith('ctk') ? [] : [library]);
            }
            expect(logged.mock.calls).toEqual([]);
            logged.mockRestore();
        });
    }
});

import { describe, expect, it } from 'vitest';
import { expectSemanticToken, highlightHelper } from 'langium/test';
import { SemanticTokenTypes, type InlayHint } from 'vscode-languageserver';
import { PlaceholderModifier } from '../src/index.js';
import { buildWorkspace, createServices, readExample } from './helpers.js';

const services = createServices();
const { JobStd } = services;

async function hintsOf(texts: string[]): Promise<Array<{ line: string; label: string }>> {
    const [document] = await buildWorkspace(services, texts);
    const hints = await JobStd.lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: { line: 0, character: 0 }, end: { line: document.textDocument.lineCount, character: 0 } },
    }) as InlayHint[];
    const lines = texts[0].split('\n');
    // Each hint with the text it follows.
    return hints.map(h => ({ line: lines[h.position.line].slice(0, h.position.character).trim(), label: typeof h.label === 'string' ? h.label : h.label.map(part => part.value).join('') }));
}

describe('inlay hints', () => {
    it('on seed 002: each point weight as its share, and the running total of each set on its section title', async () => {
        const hints = await hintsOf([readExample('customer-service-representative.jobstd'), readExample('ctk-competency-toolkit.jobstd')]);
        expect(hints).toEqual([
            { line: 'section "Task Groups"', label: 'Σ 180 points' },
            { line: 'task group A "Functional/Technical" 100 points', label: '55.6%' },
            { line: 'task group B "People and Team Effectiveness" 60 points', label: '33.3%' },
            { line: 'task group C "Administrative/Miscellaneous" 20 points', label: '11.1%' },
            { line: 'section "Competencies"', label: 'Σ 100.1%' },
        ]);
    });

    it('puts the total at the end of the first member line when the set is not in one section', async () => {
        const hints = await hintsOf(['job "J" {\n  competency A 60%\n  section "S" {\n    competency B 30%\n  }\n}\n']);
        expect(hints).toEqual([{ line: 'competency A 60%', label: 'Σ 90%' }]);
    });

    it('shows the known part of a total while a weight is still a placeholder', async () => {
        const hints = await hintsOf(['job "J" {\n  section "T" {\n    task group A 10 points {\n      "a"\n    }\n    task group B xx points {\n      "b"\n    }\n  }\n}\n']);
        expect(hints).toEqual([{ line: 'section "T"', label: 'Σ 10 points + 1 unknown' }]);
    });

    it('leaves a hint out when it is outside the range the editor asks for', async () => {
        const [document] = await buildWorkspace(services, [readExample('customer-service-representative.jobstd')]);
        const hints = await JobStd.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() }, range: { start: { line: 18, character: 0 }, end: { line: 19, character: 0 } },
        }) as InlayHint[];
        expect(hints.map(h => h.label)).toEqual(['55.6%']);
    });
});

describe('semantic tokens', () => {
    const highlight = highlightHelper(JobStd);

    it('marks names where they are declared and where they are used', async () => {
        const tokens = await highlight('job "J" {\n  task group <|A|> 10 points {\n    "a"\n  }\n  competency <|Own|> 5% {\n    linked to <|A|>\n  }\n  scale <|S|> 1 to 5\n  competency X {\n    level <|S|> 3\n  }\n  role <|R|>\n  reports to <|R|>\n}\n');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.type });
        expectSemanticToken(tokens, { rangeIndex: 2, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(tokens, { rangeIndex: 3, tokenType: SemanticTokenTypes.enum });
        expectSemanticToken(tokens, { rangeIndex: 4, tokenType: SemanticTokenTypes.enum });
        expectSemanticToken(tokens, { rangeIndex: 5, tokenType: SemanticTokenTypes.interface });
        expectSemanticToken(tokens, { rangeIndex: 6, tokenType: SemanticTokenTypes.interface });
    });

    it('marks the levels of a ladder where declared and inherited, and the competency a level requires', async () => {
        const tokens = await highlight('ladder "L" {\n  competency <|C|> {\n    proficiency <|P|> {\n      1 { "a" }\n    }\n  }\n  level <|L1|> { requires <|C|> 1 }\n  level L2 { inherits <|L1|> }\n}\n');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.type });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.enum });
        expectSemanticToken(tokens, { rangeIndex: 2, tokenType: SemanticTokenTypes.enumMember });
        expectSemanticToken(tokens, { rangeIndex: 3, tokenType: SemanticTokenTypes.type });
        expectSemanticToken(tokens, { rangeIndex: 4, tokenType: SemanticTokenTypes.enumMember });
    });

    it('marks numbers, percentages and amounts, and keywords', async () => {
        const tokens = await highlight('<|job|> "J" {\n  <|uses|> Adaptability <|7.4%|> level DPL <|5|>\n  pay "Base" <|$1,000|> weekly\n  target "Calls" <|within|> <|3|> rings\n}\n');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.keyword });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.keyword });
        expectSemanticToken(tokens, { rangeIndex: 2, tokenType: SemanticTokenTypes.number });
        expectSemanticToken(tokens, { rangeIndex: 3, tokenType: SemanticTokenTypes.number });
        expectSemanticToken(tokens, { rangeIndex: 4, tokenType: SemanticTokenTypes.number });
        expectSemanticToken(tokens, { rangeIndex: 5, tokenType: SemanticTokenTypes.keyword });
        expectSemanticToken(tokens, { rangeIndex: 6, tokenType: SemanticTokenTypes.number });
    });

    it('marks placeholders, in values and inside prose, with their own modifier', async () => {
        const tokens = await highlight('job "J" {\n  uses Adaptability <|00%|>\n  pay "Base" <|$ XX|> weekly\n  "Earn <|$ xxx,000|> in <|20XX|>."\n}\n');
        const bit = JobStd.lsp.SemanticTokenProvider!.tokenModifiers[PlaceholderModifier];
        expect(bit).toBeGreaterThan(0);
        expect(JobStd.lsp.SemanticTokenProvider!.semanticTokensOptions.legend.tokenModifiers).toContain(PlaceholderModifier);
        for (const [start, end] of tokens.ranges) {
            const token = tokens.tokens.find(t => t.offset === start && t.offset + t.text.length === end);
            expect(token?.tokenType).toBe(SemanticTokenTypes.variable);
            expect(token!.tokenModifiers & bit).toBe(bit);
        }
        expect(tokens.ranges).toHaveLength(4);
        // An ordinary number has no placeholder modifier.
        const plain = await highlight('job "J" {\n  uses Adaptability <|7%|>\n}\n');
        const seven = plain.tokens.find(t => t.text === '7%')!;
        expect(seven.tokenModifiers & bit).toBe(0);
    });
});

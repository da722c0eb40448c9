import { describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { IssueCodes } from 'jobstd-language';
import { applyEdits, buildWorkspace, createServices, job } from './helpers.js';

const services = createServices();

/** The one syntax finding of a text, the quick fix it offers, and the text once the fix is applied. */
async function fixSlip(text: string) {
    const [document] = await buildWorkspace(services, [text]);
    const syntax = (document.diagnostics ?? []).filter(d => d.code === IssueCodes.SyntaxError);
    expect(syntax, syntax.map(d => d.message).join('\n')).toHaveLength(1);
    const actions = await services.JobStd.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: syntax[0].range, context: { diagnostics: syntax },
    }) as CodeAction[] | undefined;
    expect(actions).toHaveLength(1);
    const fixed = applyEdits(document, actions![0].edit!.changes![document.textDocument.uri]);
    const [again] = await buildWorkspace(services, [fixed]);
    return {
        message: syntax[0].message,
        line: syntax[0].range.start.line + 1,
        title: actions![0].title,
        isPreferred: actions![0].isPreferred,
        fixed,
        syntaxAfter: (again.diagnostics ?? []).filter(d => d.code === IssueCodes.SyntaxError).map(d => d.message),
    };
}

describe('quick fixes for slips: each writes what the parser reads, and the slip is gone', () => {
    it('closes an unclosed quote where the text ends, before the line\'s values', async () => {
        const result = await fixSlip(job('  target "Average handle time within 6 minutes\n  section "Duties" {\n    "Answers calls."\n  }'));
        expect(result.line).toBe(2);
        expect(result.title).toBe('Close the quote');
        expect(result.fixed).toContain('target "Average handle time" within 6 minutes');
        expect(result.syntaxAfter).toEqual([]);
    });

    it('writes text holding double quotes in triple quotes', async () => {
        const result = await fixSlip(job('  section "Duties" {\n    "Answers the "main" phone line."\n  }'));
        expect(result.title).toBe('Use triple quotes');
        expect(result.fixed).toContain('"""Answers the "main" phone line."""');
        expect(result.syntaxAfter).toEqual([]);
    });

    it('puts prose without quotes in quotes', async () => {
        const result = await fixSlip(job('  section "Duties" {\n    Keeps the stock room tidy.\n  }'));
        expect(result.message).toContain('needs quotes');
        expect(result.fixed).toContain('    "Keeps the stock room tidy."\n');
        expect(result.syntaxAfter).toEqual([]);
    });

    it('corrects a misspelt keyword', async () => {
        const result = await fixSlip(job('  competancy Accuracy 10% {\n    definition "Gets the numbers right."\n  }'));
        expect(result.message).toBe("Unknown word 'competancy': did you mean 'competency'?");
        expect(result.title).toBe("Change to 'competency'");
        expect(result.fixed).toContain('  competency Accuracy 10% {');
        expect(result.syntaxAfter).toEqual([]);
    });

    it('removes a stray comma and a stray colon', async () => {
        const comma = await fixSlip(job('  task group A, "Payroll" 100% {\n    "Runs payroll."\n  }'));
        expect(comma.fixed).toContain('task group A "Payroll" 100% {');
        expect(comma.syntaxAfter).toEqual([]);
        const colon = await fixSlip(job('  level: "Senior"'));
        expect(colon.fixed).toContain('  level "Senior"');
        expect(colon.syntaxAfter).toEqual([]);
    });

    it('closes the block a missing brace left open, naming it, on the line where it ends', async () => {
        const result = await fixSlip(job('  task group A "Payroll" 60% {\n    "Runs payroll."\n  task group B "Filing" 40% {\n    "Files forms."\n  }'));
        expect(result.message).toBe("The task group 'A', opened on line 2, is not closed: add '}' after this line.");
        expect(result.line).toBe(3);
        expect(result.fixed).toContain('    "Runs payroll."\n  }\n  task group B');
        expect(result.syntaxAfter).toEqual([]);
    });

    it('removes a brace that closes nothing', async () => {
        const result = await fixSlip(job('  section "Duties" {\n    "Answers calls."\n  }\n  }\n  section "Pay" {\n    "Weekly."\n  }'));
        expect(result.line).toBe(5);
        expect(result.title).toBe("Remove the extra '}'");
        expect(result.syntaxAfter).toEqual([]);
    });
});

describe('quick fixes write labels with the core writer', () => {
    it("uses the scale's label even when it holds double quotes, and the result parses", async () => {
        const text = job('  scale Q "Quality" 1 to 3 {\n    3 """Meets "standard" """\n  }\n  competency Care 100% {\n    level Q 3 "Good"\n  }');
        const [document] = await buildWorkspace(services, [text]);
        const conflict = (document.diagnostics ?? []).filter(d => d.code === IssueCodes.LevelLabelConflict);
        expect(conflict).toHaveLength(1);
        const actions = await services.JobStd.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: conflict[0].range, context: { diagnostics: conflict },
        }) as CodeAction[];
        const fixed = applyEdits(document, actions[0].edit!.changes![document.textDocument.uri]);
        const [again] = await buildWorkspace(services, [fixed]);
        expect(again.diagnostics ?? []).toEqual([]);
        expect(again.parseResult.value.jobs[0].elements.length).toBe(2);
    });
});

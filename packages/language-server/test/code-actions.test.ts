import { describe, expect, it } from 'vitest';
import { testCodeAction } from 'langium/test';
import type { CodeAction } from 'vscode-languageserver';
import { IssueCodes, weightSetsOf } from 'jobstd-language';
import type { LangiumDocument } from 'langium';
import { applyEdits, buildWorkspace, createServices, job, readExample } from './helpers.js';

const services = createServices();
const fixOnly = testCodeAction(services.JobStd);

/** Builds a job (with its workspace) and returns the quick fixes offered for its one finding of a code. */
async function fixesFor(code: string, text: string, workspace: string[] = []) {
    const [document] = await buildWorkspace(services, [text, ...workspace]);
    const diagnostics = (document.diagnostics ?? []).filter(d => (d.data as { code?: string })?.code === code);
    expect(diagnostics).toHaveLength(1);
    const actions = await services.JobStd.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostics[0].range, context: { diagnostics },
    }) as CodeAction[] | undefined;
    return { document, diagnostic: diagnostics[0], actions: actions ?? [] };
}

function apply(document: LangiumDocument, action: CodeAction | undefined): string {
    expect(action).toBeDefined();
    return applyEdits(document, action!.edit!.changes![document.textDocument.uri]);
}

/** The competency weights of the (first) job, after building the text again. */
async function competencyWeights(text: string, workspace: string[] = []) {
    const [document] = await buildWorkspace(services, [text, ...workspace]);
    const set = weightSetsOf(document.parseResult.value.jobs[0]).find(s => s.kind === 'competency')!;
    const codes = (document.diagnostics ?? []).map(d => (d.data as { code?: string })?.code);
    return { set, values: set.members.map(m => m.weight?.value), codes };
}

describe('quick fix: rebalance percent weights to 100%', () => {
    const seed = readExample('customer-service-representative.jobstd');
    const library = readExample('ctk-competency-toolkit.jobstd');

    it('offers both fixes on seed 002 (21 weights, 100.1%): proportional first and preferred, then the even split', async () => {
        const { actions, diagnostic } = await fixesFor(IssueCodes.WeightSum, seed, [library]);
        expect(diagnostic.message).toContain('100.1%');
        expect(actions.map(a => a.title)).toEqual(['Rebalance weights to 100% (proportionally)', 'Split 100% evenly']);
        expect(actions.map(a => a.isPreferred)).toEqual([true, false]);
        expect(actions.every(a => a.diagnostics?.[0] === diagnostic && a.kind === 'quickfix')).toBe(true);
    });

    it('rebalances seed 002 to exactly 100.0%, taking the 0.1 from one of the largest weights (7.4% → 7.3%)', async () => {
        const { document, actions } = await fixesFor(IssueCodes.WeightSum, seed, [library]);
        const before = (await competencyWeights(seed, [library])).values;
        const fixed = apply(document, actions[0]);
        const after = await competencyWeights(fixed, [library]);
        expect(after.set.total).toBe(100);
        expect(after.values.reduce((s, v) => s! + v!, 0)).toBeCloseTo(100, 9);
        expect(after.codes).not.toContain(IssueCodes.WeightSum);
        const changed = before.map((v, i) => [after.set.members[i].name, v, after.values[i]]).filter(([, b, a]) => b !== a);
        // Three competencies weigh 7.4%; with equal remainders the unit goes to the earlier ones, so the last one gives it up.
        expect(changed).toEqual([['LearningAgility', 7.4, 7.3]]);
        // One edit: the other twenty weights are left as written.
        expect(actions[0].edit!.changes![document.textDocument.uri]).toHaveLength(1);
    });

    it('splits seed 002 evenly: 13 × 4.8% and 8 × 4.7%, exactly 100.0%', async () => {
        const { document, actions } = await fixesFor(IssueCodes.WeightSum, seed, [library]);
        const after = await competencyWeights(apply(document, actions[1]), [library]);
        expect(after.values.filter(v => v === 4.8)).toHaveLength(13);
        expect(after.values.filter(v => v === 4.7)).toHaveLength(8);
        expect(after.values.slice(0, 13).every(v => v === 4.8)).toBe(true);
        expect(after.set.total).toBe(100);
        expect(after.codes).not.toContain(IssueCodes.WeightSum);
    });

    it('scales whole percentages and puts the leftover point on the weight that lost the most to rounding', async () => {
        const text = job('  section "Competencies" {\n    competency A 50%\n    competency B 30%\n    competency C 30%\n  }');
        const { document, actions } = await fixesFor(IssueCodes.WeightSum, text);
        const fixed = apply(document, actions[0]);
        // 45.45 / 27.27 / 27.27 round down to 45 / 27 / 27; the missing 1 goes to A, the largest remainder.
        expect(fixed).toContain('competency A 46%\n    competency B 27%\n    competency C 27%');
        expect((await competencyWeights(fixed)).codes).not.toContain(IssueCodes.WeightSum);
        const even = apply(document, actions[1]);
        expect(even).toContain('competency A 34%\n    competency B 33%\n    competency C 33%');
    });

    it('gives a use that takes its weight from the library a weight of its own', async () => {
        const lib = 'library L {\n  competency Inherited 60%\n}\n';
        const text = job('  uses Inherited\n  competency Own 50%');
        const { document, actions } = await fixesFor(IssueCodes.WeightSum, text, [lib]);
        const fixed = apply(document, actions[0]);
        // 54.5 and 45.5 at whole percents: 55 and 45.
        expect(fixed).toContain('uses Inherited 55%\n  competency Own 45%');
        expect(fixed).not.toBe(text);
        const after = await competencyWeights(fixed, [lib]);
        expect(after.set.total).toBe(100);
    });

    it('is offered for task groups weighted in percent too', async () => {
        const text = job('  task group A 60% {\n    "a"\n  }\n  task group B 60% {\n    "b"\n  }');
        const { document, actions } = await fixesFor(IssueCodes.WeightSum, text);
        expect(apply(document, actions[0])).toContain('task group A 50% {');
    });
});

describe('quick fix: create a missing task group', () => {
    it('adds a stub after the last task group, with a blank weight when the task groups are weighted, and the link resolves', async () => {
        const input = job('  task group A 100 points {\n    "a"\n  }\n  task group B 60 points {\n    "b"\n  }\n  competency X {\n    linked to A, D\n  }');
        const output = job('  task group A 100 points {\n    "a"\n  }\n  task group B 60 points {\n    "b"\n  }\n  task group D xx points {\n  }\n  competency X {\n    linked to A, D\n  }');
        const result = await fixOnly(input, IssueCodes.UnresolvedReference, output);
        expect(result.action?.title).toBe("Create task group 'D'");
        await result.dispose();
    });

    it('adds it at the end of the job when the job has no task group yet', async () => {
        const result = await fixOnly(
            'job "J" {\n  competency X {\n    linked to D\n  }\n}\n', IssueCodes.UnresolvedReference,
            'job "J" {\n  competency X {\n    linked to D\n  }\n  task group D {\n  }\n}\n');
        await result.dispose();
    });

    it('is not offered for a competency or a scale that does not exist', async () => {
        const { actions } = await fixesFor(IssueCodes.UnresolvedReference, job('  uses Nowhere'));
        expect(actions).toEqual([]);
    });
});

describe('quick fix: remove a duplicate statement', () => {
    it('removes the repeated line, keeping the first', async () => {
        const result = await fixOnly(
            job('  section "S" {\n    "Answers the phone."\n    "Files reports."\n    "answers the phone"\n  }'),
            IssueCodes.DuplicateStatement,
            job('  section "S" {\n    "Answers the phone."\n    "Files reports."\n  }'));
        expect(result.action?.title).toBe('Remove duplicate statement');
        await result.dispose();
    });

    it('removes only the statement when it shares its line', async () => {
        const result = await fixOnly(
            job('  task group A {\n    "a" "b" "a" // tasks\n  }'),
            IssueCodes.DuplicateStatement,
            job('  task group A {\n    "a" "b" // tasks\n  }'));
        await result.dispose();
    });
});

describe('quick fix: unify a level label', () => {
    it("uses the scale's own label", async () => {
        const result = await fixOnly(
            job('  scale DPL 1 to 5 {\n    5 "Expert"\n  }\n  competency A {\n    level DPL 5 "Always"\n  }'),
            IssueCodes.LevelLabelConflict,
            job('  scale DPL 1 to 5 {\n    5 "Expert"\n  }\n  competency A {\n    level DPL 5 "Expert"\n  }'));
        expect(result.action?.title).toBe("Use the scale's label 'Expert'");
        await result.dispose();
    });

    it('uses the label given first when the scale names no label for the level', async () => {
        const result = await fixOnly(
            job('  scale DPL 1 to 5\n  competency A {\n    level DPL 5 "Expert"\n  }\n  competency B {\n    level DPL 5 "Always"\n  }'),
            IssueCodes.LevelLabelConflict,
            job('  scale DPL 1 to 5\n  competency A {\n    level DPL 5 "Expert"\n  }\n  competency B {\n    level DPL 5 "Expert"\n  }'));
        expect(result.action?.title).toBe("Use the label 'Expert' given first");
        await result.dispose();
    });
});

describe('quick fix: rebalance the shares of time of duties', () => {
    it("rebalances the duties of a weighted section to the section's share, not to 100%", async () => {
        const text = job(`  section "Essential functions" 60% essential {
    "Reviews permit applications." 40%
    "Inspects sites." 30%
  }
  section "Other duties" 40% marginal {
    "Answers the counter." 40%
  }`);
        const { document, diagnostic, actions } = await fixesFor(IssueCodes.WeightSum, text);
        expect(diagnostic.message).toContain("expected the section's 60%");
        expect(actions.map(a => a.title)).toEqual(["Rebalance weights to 60% (proportionally)", 'Split 60% evenly']);
        const fixed = apply(document, actions[0]);
        // 40:30 kept as a ratio within 60%: 34.3% and 25.7% would need a decimal the duties do not have.
        expect(fixed).toContain('"Reviews permit applications." 34%');
        expect(fixed).toContain('"Inspects sites." 26%');
        expect(fixed).toContain('"Answers the counter." 40%');
        const [again] = await buildWorkspace(services, [fixed]);
        expect((again.diagnostics ?? []).map(d => (d.data as { code?: string })?.code)).not.toContain(IssueCodes.WeightSum);
    });

    it('rebalances the level whose duties are off, leaving the other levels alone', async () => {
        const text = `ladder "Clerk" {
  levels 2
  level I "Clerk I" {
    "Files records." 50%
    "Answers the phone." 50%
  }
  level II "Clerk II" {
    "Checks the filing of others." 70%
    "Trains new clerks." 40%
  }
}
`;
        const { document, actions } = await fixesFor(IssueCodes.WeightSum, text);
        const fixed = apply(document, actions[0]);
        expect(fixed).toContain('"Files records." 50%');
        expect(fixed).toContain('"Checks the filing of others." 64%');
        expect(fixed).toContain('"Trains new clerks." 36%');
    });
});

describe('quick fix: the edit a finding carries', () => {
    it('swaps the ends of a reversed range', async () => {
        const text = job(`  pay "Base salary" $68,000–$52,000 yearly`);
        const { document, actions } = await fixesFor(IssueCodes.RangeReversed, text);
        expect(actions).toHaveLength(1);
        expect(apply(document, actions[0])).toContain('pay "Base salary" $52,000–$68,000 yearly');
    });

    it('declares the number of levels a ladder describes', async () => {
        const text = `ladder "Clerk" {
  levels 3
  level I "Clerk I" { "Files records." }
  level II "Clerk II" { "Checks the filing of others." }
}
`;
        const { document, actions } = await fixesFor(IssueCodes.LevelCount, text);
        const fixed = apply(document, actions[0]);
        expect(fixed).toContain('  levels 2\n');
        const [again] = await buildWorkspace(services, [fixed]);
        expect((again.diagnostics ?? []).map(d => (d.data as { code?: string })?.code)).not.toContain(IssueCodes.LevelCount);
    });
});

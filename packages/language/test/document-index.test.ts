import { describe, expect, it } from 'vitest';
import { competenciesOf, taskGroupsOf, weightSetsOf } from '../src/index.js';
import { build, findingsFor, job } from './helpers.js';

/*
 * The checks, hovers and exports read one index of each parsed document instead of each
 * walking the tree. These tests hold what that index must keep: text order, nesting, the
 * boundaries between jobs, and a fresh reading after every edit.
 */

describe('a job as the checks see it', () => {
    it('has every task group and competency in text order, in sections and roles too', async () => {
        const [document] = await build([job(`  task group A "First" 50% { "Takes orders" }
  section "Part" {
    competency C1 40%
    task group B "Second" 50% { "Files orders" }
  }
  role Lead "Team lead" {
    competency C2 60%
  }`)]);
        const [first] = document.parseResult.value.jobs;
        expect(taskGroupsOf(first).map(t => t.name)).toEqual(['A', 'B']);
        expect(competenciesOf(first).map(c => c.name)).toEqual(['C1', 'C2']);
        expect(weightSetsOf(first).map(s => [s.kind, s.total])).toEqual([['task group', 100], ['competency', 100]]);
    });

    it('keeps the names of two jobs in one file apart', async () => {
        const [document] = await build([`${job('  task group A "One" { "Takes orders" }')}
job "Other Job" {
  task group B "Two" { "Files orders" }
  competency C
}
`]);
        const [one, other] = document.parseResult.value.jobs;
        expect(taskGroupsOf(one).map(t => t.name)).toEqual(['A']);
        expect(taskGroupsOf(other).map(t => t.name)).toEqual(['B']);
        expect(competenciesOf(one)).toEqual([]);
    });

    it('reads the new text after an edit, not what the tree held before', async () => {
        const [before] = await build([job('  task group A "One" { "Takes orders" }')]);
        expect(taskGroupsOf(before.parseResult.value.jobs[0]).map(t => t.name)).toEqual(['A']);
        const [after] = await build([job('  task group A "One" { "Takes orders" }\n  task group Z "Two" { "Files orders" }')]);
        expect(taskGroupsOf(after.parseResult.value.jobs[0]).map(t => t.name)).toEqual(['A', 'Z']);
    });
});

describe('duplicate-fact, each fact on its own', () => {
    it('does not take a role\'s or a competency\'s fact for a second one of the job', async () => {
        const { found } = await findingsFor('duplicate-fact', job(`  location "Head office"
  level "P3"
  role Lead { location "Branch" }
  competency C { level DPL 3 }`));
        expect(found).toEqual([]);
    });

    it('reports each repeated fact of a job, role and letter at the repeat, first line named', async () => {
        const { found, expected } = await findingsFor('duplicate-fact', job(`  code "A-1"
  location "Head office"
  code <|"A-2"|>
  role Lead { scope "Team" scope <|"Branch"|> }
  letter { to "Ann" from "Bo" to <|"Cy"|> }
  location <|"Branch"|>`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found.map(f => f.message)).toEqual([
            "'code' is given more than once (first on line 2); only the last one is kept.",
            "'scope' is given more than once (first on line 5); only the last one is kept.",
            "'to' is given more than once (first on line 6); only the last one is kept.",
            "'location' is given more than once (first on line 3); only the last one is kept.",
        ]);
    });
});

#!/usr/bin/env node
// npm run import-score: imports every document of the labelled corpus
// (packages/language/test/fixtures/import-corpus) with the real importer and prints, as plain
// text tables, how much of its structure was recognised, per kind, for dev, held-out and overall.
// The scoring runs inside vitest (the TypeScript sources need its transform); the report is
// written to a temporary file and printed here. Exits non-zero when the score test fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jobstd-import-score-'));
const reportFile = join(dir, 'report.txt');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', 'packages/language/test/import-score.test.ts', '--reporter=dot'], {
    cwd: root,
    env: { ...process.env, JOBSTD_IMPORT_SCORE_REPORT: reportFile, FORCE_COLOR: '0' },
    encoding: 'utf8',
});
if (existsSync(reportFile)) {
    process.stdout.write(readFileSync(reportFile, 'utf8'));
} else {
    process.stdout.write(run.stdout ?? '');
}
if (run.status !== 0) {
    process.stderr.write(run.stdout ?? '');
    process.stderr.write(run.stderr ?? '');
    process.stderr.write(`\nimport-score: the score test failed (exit ${run.status}); the output above says why.\n`);
}
rmSync(dir, { recursive: true, force: true });
process.exit(run.status ?? 1);

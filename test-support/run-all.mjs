#!/usr/bin/env node
// The whole test suite in one command: build, type-check the sources and the tests, lint, the
// vitest suites, the TextMate grammar test, the extension in a real VS Code workbench (web),
// and on desktop VS Code where one exists.
// Each step prints its own "N passed, N failed" line; this adds them up in a last line.
import { spawn } from 'node:child_process';

const steps = [
    ['npm', ['run', 'build']],
    // vitest strips types without checking them, so the tests are type-checked here. Type errors
    // and lint findings still leave the tests worth running, so the run goes on after them.
    ['npm', ['run', 'typecheck'], { keepGoing: true }],
    ['npm', ['run', 'lint'], { keepGoing: true }],
    ['npx', ['vitest', 'run']],
    ['npm', ['run', 'test:grammar', '-w', 'packages/extension']],
    ['npm', ['run', 'test:e2e:web', '-w', 'packages/extension']],
    ['npm', ['run', 'test:e2e:electron', '-w', 'packages/extension']],
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = /^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

function run(command, args) {
    return new Promise(resolve => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
        let pending = '';
        let last;
        child.stdout.on('data', chunk => {
            process.stdout.write(chunk);
            pending += chunk.toString();
            const lines = pending.split('\n');
            pending = lines.pop();
            for (const line of lines) {
                const match = summary.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
                if (match) last = match;
            }
        });
        child.on('close', code => {
            if (last) {
                totals.passed += Number(last[1]);
                totals.failed += Number(last[2]);
                totals.skipped += Number(last[3] ?? 0);
            }
            resolve(code ?? 1);
        });
    });
}

const failedSteps = [];
let stopped = false;
for (const [command, args, options] of steps) {
    const code = await run(command, args);
    if (code === 0) continue;
    failedSteps.push(`'${command} ${args.join(' ')}'`);
    if (!options?.keepGoing) {
        stopped = true;
        break;
    }
}
if (failedSteps.length > 0) {
    console.error(`\n${stopped ? 'Stopped' : 'Failed'}: ${failedSteps.join(', ')} failed.`);
    if (totals.failed === 0) totals.failed = 1;
}
console.log(`\nAll suites: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);

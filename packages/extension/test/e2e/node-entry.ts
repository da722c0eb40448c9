// The suite's entry in desktop VS Code: @vscode/test-electron loads this bundle in the
// extension host (Node) and calls run(). The same test files as on the web, with Node's mocha.
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';
import { countResults, reportResult } from './results.js';

export async function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', timeout: 30_000, color: false });
    // What mocha does before it loads a test file: puts suite() and test() on the global object.
    mocha.suite.emit('pre-require', globalThis, 'jobstd-e2e', mocha);
    await import('./all-tests.js');
    return new Promise((resolve, reject) => {
        const runner = mocha.run(failures => {
            const outcome = result();
            reportResult(outcome);
            const file = process.env.JOBSTD_E2E_RESULT_FILE;
            if (file) writeFileSync(file, JSON.stringify(outcome));
            if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed.`));
            else resolve();
        });
        const result = countResults(runner);
    });
}

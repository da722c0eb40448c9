// The suite's entry in VS Code for the Web: test-web loads this bundle in the extension host
// worker and calls run(). Mocha's browser build (not its Node entry) runs there.
import 'mocha/mocha.js';
import { countResults, reportResult } from './results.js';

export async function run(): Promise<void> {
    mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 30_000, color: false });
    // Imported after setup: the test files call suite() and test() as they load.
    await import('./all-tests.js');
    return new Promise((resolve, reject) => {
        const runner = mocha.run(failures => {
            reportResult(result());
            if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed.`));
            else resolve();
        });
        const result = countResults(runner);
    });
}

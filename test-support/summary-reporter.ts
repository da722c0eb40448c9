import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends every run with one plain line, "N passed, N failed, N skipped", that CI
 * systems and people read the same way whatever the runner.
 */
export default class SummaryReporter implements Reporter {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
        let passed = 0, failed = 0, skipped = 0;
        for (const module of testModules) {
            for (const test of module.children.allTests()) {
                const state = test.result().state;
                if (state === 'passed') passed++;
                else if (state === 'failed') failed++;
                else skipped++;
            }
            // A file that fails to load has no tests to count, but it did fail.
            if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
        }
        failed += unhandledErrors.length;
        process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    }
}

// Counts a mocha run's outcome and hands it to whoever started VS Code: a marker line on the
// console (test-web forwards the worker's console to its Node process) and, on desktop, a file.
import { timings } from './helpers.js';

export const RESULT_MARKER = '[jobstd-e2e-result]';

export interface RunResult {
    passed: number;
    failed: number;
    pending: number;
    timings: Record<string, number>;
}

/** The events of mocha's runner that the count needs (the browser and Node runners share them). */
interface RunnerEvents {
    on(event: 'pass' | 'fail' | 'pending', listener: () => void): unknown;
}

export function countResults(runner: RunnerEvents): () => RunResult {
    const result = { passed: 0, failed: 0, pending: 0 };
    runner.on('pass', () => result.passed++);
    // A failing hook (suiteSetup) counts as a failure too: its tests never ran.
    runner.on('fail', () => result.failed++);
    runner.on('pending', () => result.pending++);
    return () => ({ ...result, timings: { ...timings } });
}

export function reportResult(result: RunResult): void {
    console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
}

// The few assertions the suite uses. Node's `assert` is not available in the web worker
// extension host, so the suite brings its own: same names, same meaning, plain messages.

export class AssertionError extends Error {
    override name = 'AssertionError';
}

export function ok(value: unknown, message: string): asserts value {
    if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message: string): void {
    if (actual !== expected) {
        throw new AssertionError(`${message}\n  expected: ${show(expected)}\n  actual:   ${show(actual)}`);
    }
}

export function notEqual<T>(actual: T, unexpected: T, message: string): void {
    if (actual === unexpected) throw new AssertionError(`${message}\n  got: ${show(actual)}`);
}

/** Structural equality of JSON-like values (arrays, plain objects, primitives). */
export function deepEqual(actual: unknown, expected: unknown, message: string): void {
    const a = show(actual);
    const e = show(expected);
    if (a !== e) throw new AssertionError(`${message}\n  expected: ${e}\n  actual:   ${a}`);
}

export function match(text: string, pattern: RegExp, message: string): void {
    if (!pattern.test(text)) throw new AssertionError(`${message}\n  pattern: ${pattern}\n  text:    ${show(text)}`);
}

export function doesNotMatch(text: string, pattern: RegExp, message: string): void {
    if (pattern.test(text)) throw new AssertionError(`${message}\n  pattern: ${pattern}\n  text:    ${show(text)}`);
}

function show(value: unknown): string {
    return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? Object.fromEntries(v as Map<PropertyKey, unknown>) : v)) ?? String(value);
}

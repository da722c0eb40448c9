import { AllIssueCodes, isIssueCode, type ConfiguredSeverity, type IssueCode } from './validation/issue-codes.js';
import { placeholderPatternProblem } from './validation/placeholders.js';

/** The shape of `jobstd.config.json`, read by the CLI and the language server alike. */
export interface JobStdConfig {
    /** Severity per rule code, or "off". */
    rules?: Partial<Record<IssueCode, ConfiguredSeverity>>;
    placeholders?: {
        /** Extra regular expressions that mark an unfilled template value. */
        patterns?: string[];
        /** When true, `patterns` replace the built-in list instead of extending it. */
        replaceDefaults?: boolean;
    };
    weights?: {
        /**
         * How far (in percentage points) a percent total may be from 100% and still be only
         * a warning. Without it, the rounding that the weights' own precision allows is used.
         */
        tolerance?: number;
    };
}

export const CONFIG_FILE_NAME = 'jobstd.config.json';

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint', 'off']);

export class ConfigError extends Error {}

/**
 * Checks a parsed configuration object and says exactly what is wrong with it: any JSON value
 * gives a JobStdConfig or a ConfigError, nothing else. With `problems`, a placeholder pattern
 * that cannot be used is recorded there and left out, and the rest still applies (the editor
 * says so once and carries on); without, it is a ConfigError like any other mistake.
 */
export function parseConfig(value: unknown, source = CONFIG_FILE_NAME, problems?: string[]): JobStdConfig {
    const fail = (what: string): never => { throw new ConfigError(`${source}: ${what}`); };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        fail('expected a JSON object');
    }
    const input = value as Record<string, unknown>;
    for (const key of Object.keys(input)) {
        if (!['rules', 'placeholders', 'weights', '$schema'].includes(key)) {
            fail(`unknown setting "${key}" (expected rules, placeholders or weights)`);
        }
    }
    const config: JobStdConfig = {};
    if (input.rules !== undefined) {
        if (typeof input.rules !== 'object' || input.rules === null || Array.isArray(input.rules)) fail('"rules" must be an object');
        config.rules = {};
        for (const [code, severity] of Object.entries(input.rules as Record<string, unknown>)) {
            if (!isIssueCode(code)) fail(`unknown rule "${code}" in "rules" (known: ${AllIssueCodes.join(', ')})`);
            if (typeof severity !== 'string' || !SEVERITIES.has(severity)) {
                fail(`rule "${code}" has severity ${JSON.stringify(severity)} (expected error, warning, info, hint or off)`);
            }
            config.rules[code as IssueCode] = severity as ConfiguredSeverity;
        }
    }
    if (input.placeholders !== undefined) {
        const placeholders = input.placeholders as Record<string, unknown>;
        if (typeof placeholders !== 'object' || placeholders === null || Array.isArray(placeholders)) fail('"placeholders" must be an object');
        const patterns = placeholders.patterns ?? [];
        if (!Array.isArray(patterns) || patterns.some(p => typeof p !== 'string')) fail('"placeholders.patterns" must be a list of strings');
        const usable: string[] = [];
        for (const pattern of patterns as string[]) {
            const problem = placeholderPatternProblem(pattern);
            if (problem === undefined) usable.push(pattern);
            else if (problems) problems.push(`${source}: placeholder pattern ${JSON.stringify(pattern)} ${problem}; it is left out`);
            else fail(`placeholder pattern ${JSON.stringify(pattern)} ${problem}`);
        }
        if (placeholders.replaceDefaults !== undefined && typeof placeholders.replaceDefaults !== 'boolean') fail('"placeholders.replaceDefaults" must be true or false');
        config.placeholders = { patterns: usable, replaceDefaults: placeholders.replaceDefaults as boolean | undefined };
    }
    if (input.weights !== undefined) {
        const weights = input.weights as Record<string, unknown>;
        if (typeof weights !== 'object' || weights === null || Array.isArray(weights)) fail('"weights" must be an object');
        if (weights.tolerance !== undefined && (typeof weights.tolerance !== 'number' || weights.tolerance < 0 || !isFinite(weights.tolerance))) {
            fail('"weights.tolerance" must be a number of percentage points, 0 or more');
        }
        config.weights = { tolerance: weights.tolerance as number | undefined };
    }
    return config;
}

/**
 * Holds the configuration in force. Hosts set it: the CLI from the file it finds,
 * the language server from the workspace and the editor's settings.
 */
export class JobStdConfigProvider {
    private config: JobStdConfig = {};
    private listeners: Array<() => void> = [];

    get(): JobStdConfig {
        return this.config;
    }

    set(config: JobStdConfig): void {
        this.config = config;
        this.listeners.forEach(listener => listener());
    }

    onChange(listener: () => void): void {
        this.listeners.push(listener);
    }
}

/** Today's date, injectable so that date checks are stable in tests. */
export class Clock {
    constructor(private readonly fixed?: Date) {}
    today(): Date {
        return this.fixed ?? new Date();
    }
}

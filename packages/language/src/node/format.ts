import { toFindingJson, type Finding, type FindingJson } from '../findings.js';
import { AllIssueCodes, DefaultSeverities, Rules, type IssueCode, type Severity } from '../validation/issue-codes.js';

/** What each rule is about, in one line, for SARIF viewers and `--help`: the rule table's descriptions. */
export const RuleDescriptions = Object.fromEntries(
    Object.entries(Rules).map(([code, rule]) => [code, rule.description])) as Record<IssueCode, string>;

/**
 * C0 and C1 control characters, DEL, the line and paragraph separators and the bidirectional
 * overrides: what can end a line, move the cursor, recolour or reorder what a terminal or CI log
 * shows. A file name or a quoted statement may hold any of them.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with every unprintable character written out visibly (`\x1b`, `\r`, `\n`,
 * `\u202e`), so that nothing printed can fake a finding line or move the cursor.
 * Every line the CLI prints goes through it.
 */
export function escapeControls(text: string): string {
    return text.replace(UNPRINTABLE, char => {
        const code = char.charCodeAt(0);
        return NAMED_ESCAPES[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
    });
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0 controls; this escapes the rest that
 * escapeControls names (DEL, C1, separators, overrides) as \uXXXX, which parses to the same value.
 */
export function toPrintableJson(value: unknown): string {
    // C0 is left out: JSON.stringify has escaped it inside strings, and its own line breaks are layout.
    return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `file:line:column severity message [code]`, the line editors and CI logs turn into links. */
export function formatFinding(finding: Finding): string {
    return escapeControls(`${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.message} [${finding.code}]`);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const finding of findings) counts[finding.severity]++;
    return counts;
}

/** "2 errors, 25 warnings in 6 files", or "No findings in 6 files". */
export function formatSummary(findings: Finding[], fileCount: number): string {
    const files = plural(fileCount, 'file');
    if (findings.length === 0) return `No findings in ${files}`;
    const counts = countBySeverity(findings);
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
    if (counts.info > 0) parts.push(`${counts.info} info`);
    if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
    return `${parts.join(', ')} in ${files}`;
}

import { plural } from '../words.js';
export { plural };

export function toJsonFindings(findings: Finding[]): FindingJson[] {
    return findings.map(f => toFindingJson(f, toPortablePath(f.file)));
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
    /** The version of the tool that produced the findings. */
    version: string;
    /** Absolute folder the relative file paths start from; becomes %SRCROOT%. */
    root?: string;
}

/** A SARIF 2.1.0 log, as code-scanning services (GitHub, Azure DevOps) read it. */
export function toSarif(findings: Finding[], options: SarifOptions): object {
    const codes = [...AllIssueCodes as string[]];
    for (const finding of findings) if (!codes.includes(finding.code)) codes.push(finding.code);
    const rules = codes.map(code => ({
        id: code,
        shortDescription: { text: RuleDescriptions[code as IssueCode] ?? code },
        defaultConfiguration: { level: SARIF_LEVEL[DefaultSeverities[code as IssueCode] ?? 'error'] },
    }));
    const results = findings.map(f => ({
        ruleId: f.code,
        ruleIndex: codes.indexOf(f.code),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
            physicalLocation: {
                artifactLocation: { uri: toUriReference(f.file), ...(options.root ? { uriBaseId: '%SRCROOT%' } : {}) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
        }],
    }));
    return {
        version: '2.1.0',
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        runs: [{
            tool: { driver: { name: 'jobstd', version: options.version, rules } },
            ...(options.root ? { originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(options.root) } } } : {}),
            results,
        }],
    };
}

function toPortablePath(file: string): string {
    return file.replace(/\\/g, '/');
}

/** A relative URI reference: forward slashes, each segment percent-encoded (spaces, #, %). */
function toUriReference(file: string): string {
    return toPortablePath(file).split('/').map(encodeURIComponent).join('/');
}

function folderUri(folder: string): string {
    const portable = toPortablePath(folder);
    const absolute = portable.startsWith('/') ? portable : '/' + portable;
    return 'file://' + absolute.split('/').map(encodeURIComponent).join('/').replace(/%3A/g, ':').replace(/\/?$/, '/');
}

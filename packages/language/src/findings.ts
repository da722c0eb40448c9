import type { Diagnostic } from 'vscode-languageserver-types';
import type { Severity } from './validation/issue-codes.js';

/**
 * A finding as reviewers and build scripts see it: one place in one file,
 * lines and columns 1-based, end exclusive.
 */
export interface Finding {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    code: string;
    message: string;
    /** What a quick fix or a report needs to know, as the rule put it. */
    data?: unknown;
}

/** A finding as it is published (JSON output, JSON export): without the rule's internal data. */
export type FindingJson = Omit<Finding, 'data'>;

export function toFindingJson(finding: Finding, file = finding.file): FindingJson {
    const { line, column, endLine, endColumn, severity, code, message } = finding;
    return { file, line, column, endLine, endColumn, severity, code, message };
}

const SEVERITY_NAME: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function toFinding(file: string, diagnostic: Diagnostic): Finding {
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITY_NAME[diagnostic.severity ?? 1] ?? 'error',
        code: typeof diagnostic.code === 'string' ? diagnostic.code : 'syntax-error',
        message: diagnostic.message,
        data: diagnostic.data,
    };
}

/** Findings in reading order: by line, then column. */
export function sortFindings(findings: Finding[]): Finding[] {
    return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

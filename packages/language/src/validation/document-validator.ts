import {
    DefaultDocumentValidator, DocumentValidator, type Cancellation, type LangiumDocument, type ValidationOptions
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { JobStdServices } from '../jobstd-module.js';
import { DefaultSeverities, IssueCodes, isIssueCode, type Severity } from './issue-codes.js';

const SEVERITY_NUMBER: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, hint: 4 };

const REFERENCE_KIND: Record<string, string> = {
    links: 'task group', competency: 'competency', scale: 'scale', reportsTo: 'role',
};

/**
 * Gives every finding a stable code (syntax errors and broken links included) and
 * applies the severities configured in `jobstd.config.json`, where "off" drops a rule.
 */
export class JobStdDocumentValidator extends DefaultDocumentValidator {
    private readonly jobstd: JobStdServices;

    constructor(services: JobStdServices) {
        super(services);
        this.jobstd = services;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const rules = this.jobstd.config.ConfigProvider.get().rules ?? {};
        const result: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const internal = (diagnostic.data as { code?: string } | undefined)?.code;
            if (internal === DocumentValidator.LinkingError) {
                const data = diagnostic.data as { property?: string; refText?: string };
                const kind = REFERENCE_KIND[data.property ?? ''] ?? 'element';
                diagnostic.message = `Unresolved reference: no ${kind} named '${data.refText}' in this file or the workspace.`;
                diagnostic.code = IssueCodes.UnresolvedReference;
                diagnostic.data = { ...data, code: IssueCodes.UnresolvedReference, kind };
            } else if (internal === DocumentValidator.LexingError || internal === DocumentValidator.ParsingError) {
                diagnostic.code = IssueCodes.SyntaxError;
            }
            const code = diagnostic.code;
            if (isIssueCode(code) && code !== IssueCodes.SyntaxError) {
                const configured = rules[code];
                if (configured === 'off') continue;
                if (configured) diagnostic.severity = SEVERITY_NUMBER[configured];
            }
            diagnostic.source = 'jobstd';
            result.push(diagnostic);
        }
        return result;
    }
}

export { DefaultSeverities };

import {
    Cancellation, CstUtils, DefaultDocumentValidator, DocumentValidator, interruptAndCheck, type AstNode, type ValidationAcceptor, type ValidationCheck, type LangiumDocument, type ParseResult, type ValidationOptions
} from 'langium';
import { shown, type SlipFinding, type SlipFix } from '../lexer/tokens.js';
import { forEachContent } from './document-index.js';
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

    /**
     * Lexing findings carry their offsets and, for the slips the lexer repaired, the edit their
     * quick fix applies; validateDocument turns both into the document's positions (Langium's
     * own ranges assume a finding on one line).
     */
    override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        const found = [...parseResult.lexerErrors, ...(parseResult.lexerReport?.diagnostics ?? [])] as Array<Partial<SlipFinding> & { offset: number; length: number; line: number; column: number; message: string }>;
        for (const error of found) {
            const at = { line: error.line - 1, character: error.column - 1 };
            diagnostics.push({
                severity: SEVERITY_NUMBER[error.severity ?? 'error'],
                range: { start: at, end: at },
                message: error.message,
                code: IssueCodes.SyntaxError,
                data: {
                    code: IssueCodes.SyntaxError, slip: error.slip ?? 'unexpected-character',
                    offset: error.offset, length: Math.max(error.length, 1), ...(error.fix ? { fix: error.fix } : {}),
                },
            });
        }
    }

    /**
     * Langium's walk builds a stream of checks for every node; this one walks the tree by hand
     * in the same order and looks each node type's checks up once, with the same interruption
     * points, so that a newer edit still cancels a long validation.
     */
    override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const registry = this.jobstd.validation.ValidationRegistry;
        const checksOf = new Map<string, ValidationCheck[]>();
        const nodes: AstNode[] = [rootNode];
        forEachContent(rootNode, node => nodes.push(node));
        for (const node of nodes) {
            let checks = checksOf.get(node.$type);
            if (!checks) {
                checks = registry.getChecks(node.$type, options.categories).toArray();
                checksOf.set(node.$type, checks);
            }
            if (checks.length === 0) continue;
            await interruptAndCheck(cancelToken);
            for (const check of checks) await check(node, acceptor, cancelToken);
        }
    }

    /** "…to close the block opened above…" names the block: "…to close the section 'Duties' opened on line 12…". */
    private nameOpenBlock(document: LangiumDocument, diagnostic: Diagnostic): string {
        const message = diagnostic.message;
        const root = document.parseResult.value.$cstNode;
        if (!message.includes('the block opened above') || !root) return message;
        const leaf = CstUtils.findLeafNodeBeforeOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        let node: AstNode | undefined = leaf?.astNode;
        // After a block's own '}', the open block is the one around it.
        if (leaf?.text === '}') node = node?.$container;
        while (node && !BLOCK_WORDS[node.$type]) node = node.$container;
        if (!node?.$cstNode) return message;
        const named = node as { title?: unknown; name?: unknown };
        const title = typeof named.title === 'string' ? named.title : typeof named.name === 'string' ? named.name : '';
        const block = `the ${BLOCK_WORDS[node.$type]}${title ? ` '${shown(title)}'` : ''} opened on line ${node.$cstNode.range.start.line + 1}`;
        return message.replace('the block opened above', block);
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const textDocument = document.textDocument;
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
            } else if (internal === IssueCodes.SyntaxError) {
                const data = diagnostic.data as { offset: number; length: number; fix?: SlipFix };
                diagnostic.range = { start: textDocument.positionAt(data.offset), end: textDocument.positionAt(data.offset + data.length) };
                const { offset: _offset, length: _length, fix, ...rest } = data as typeof data & Record<string, unknown>;
                diagnostic.data = fix ? { ...rest, fix: {
                    title: fix.title, newText: fix.newText,
                    range: { start: textDocument.positionAt(fix.offset), end: textDocument.positionAt(fix.offset + fix.length) },
                } } : rest;
            } else if (internal === DocumentValidator.LexingError || internal === DocumentValidator.ParsingError) {
                diagnostic.code = IssueCodes.SyntaxError;
                diagnostic.data = { code: IssueCodes.SyntaxError };
                diagnostic.message = this.nameOpenBlock(document, diagnostic);
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

const BLOCK_WORDS: Record<string, string> = {
    Job: 'job', Library: 'library', Section: 'section', TaskGroup: 'task group', Competency: 'competency', Role: 'role',
    Requirements: 'requirements', Characteristics: 'characteristics', Schedule: 'schedule', Letter: 'letter',
    Incentive: 'incentive', Scale: 'scale',
};

export { DefaultSeverities };

import { AstUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import {
    IssueCodes, formatNumber, isCharacteristic, isCompetencyUse, isLevel, parseQuantity, quote, taskGroupsOf, weightSetsOf,
    type Characteristic, type Level, type WeightSet
} from 'jobstd-language';
import { apportion, formatUnits, splitEvenly } from './apportion.js';
import { indentationAt, jobOf, nodeAtRange, propertyNode } from './syntax.js';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

interface FindingData {
    code?: string;
    [key: string]: unknown;
}

/**
 * Quick fixes for the checks' findings. Each reads the finding's code and data and
 * recomputes what it changes from the current syntax tree, so a fix never edits
 * stale positions.
 */
export class JobStdCodeActionProvider implements CodeActionProvider {

    constructor(_services: JobStdLspServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const data = (diagnostic.data ?? {}) as FindingData;
            switch (data.code) {
                case IssueCodes.WeightSum:
                    actions.push(...this.rebalanceWeights(document, diagnostic, data));
                    break;
                case IssueCodes.UnresolvedReference:
                    actions.push(...this.createTaskGroup(document, diagnostic, data));
                    break;
                case IssueCodes.DuplicateStatement:
                    actions.push(...this.removeStatement(document, diagnostic));
                    break;
                case IssueCodes.LevelLabelConflict:
                    actions.push(...this.unifyLevelLabel(document, diagnostic, data));
                    break;
                default:
                    // Every other finding that knows its one edit carries it (a slip's repair,
                    // a reversed range swapped, a level count declared, a requirement raised).
                    actions.push(...this.carriedFix(document, diagnostic, data));
            }
        }
        return actions.length > 0 ? actions : undefined;
    }

    // ----- weight-sum ----------------------------------------------------------

    private rebalanceWeights(document: LangiumDocument, diagnostic: Diagnostic, data: FindingData): CodeAction[] {
        const job = jobOf(nodeAtRange(document, diagnostic.range));
        const sets = job ? weightSetsOf(job) : [];
        // A job may hold several duty sets (its own, each level's, each weighted section's): the finding says which.
        const indexed = typeof data.index === 'number' ? sets[data.index] : undefined;
        const set = indexed?.kind === data.set ? indexed : sets.find(s => s.kind === data.set);
        if (!set || set.unit !== '%' || set.members.some(m => m.weight?.value === undefined)) return [];
        const values = set.members.map(m => m.weight!.value!);
        const { decimals, expected } = set;
        const total = `${formatNumber(expected, decimals)}%`;
        return [
            this.action(document, diagnostic, `Rebalance weights to ${total} (proportionally)`,
                this.weightEdits(document, set, apportion(values, decimals, expected), decimals), true),
            this.action(document, diagnostic, `Split ${total} evenly`,
                this.weightEdits(document, set, splitEvenly(values.length, decimals, expected), decimals)),
        ];
    }

    private weightEdits(document: LangiumDocument, set: WeightSet, units: number[], decimals: number): TextEdit[] {
        const edits: TextEdit[] = [];
        set.members.forEach((member, i) => {
            const text = `${formatUnits(units[i], decimals)}%`;
            if (parseQuantity(text).value === member.weight!.value) return;
            const own = (member.node as { weight?: AstNode }).weight?.$cstNode;
            if (own) {
                edits.push({ range: own.range, newText: text });
            } else if (isCompetencyUse(member.node)) {
                // The weight comes from the library: the job states its own, after the name.
                const name = propertyNode(member.node, 'competency');
                if (name) edits.push({ range: { start: name.range.end, end: name.range.end }, newText: ` ${text}` });
            }
        });
        return edits;
    }

    // ----- unresolved-reference -------------------------------------------------

    private createTaskGroup(document: LangiumDocument, diagnostic: Diagnostic, data: FindingData): CodeAction[] {
        const name = data.refText;
        if (data.property !== 'links' || typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return [];
        const job = jobOf(nodeAtRange(document, diagnostic.range));
        if (!job?.$cstNode) return [];
        const text = document.textDocument.getText();
        // A weighted set wants a weight: a blank one says what is still to be filled in.
        const unit = weightSetsOf(job).find(s => s.kind === 'task group')?.unit;
        const weight = unit === '%' ? ' xx%' : unit === 'points' ? ' xx points' : '';
        const last = taskGroupsOf(job).at(-1)?.$cstNode;
        let edit: TextEdit;
        if (last) {
            const indent = indentationAt(text, last.offset);
            edit = { range: { start: last.range.end, end: last.range.end }, newText: `\n${indent}task group ${name}${weight} {\n${indent}}` };
        } else {
            // No task group yet: the new one goes last in the job.
            const close = job.$cstNode.end - 1;
            const lineStart = text.lastIndexOf('\n', close - 1) + 1;
            const ownLine = !/\S/.test(text.slice(lineStart, close));
            const indent = (ownLine ? indentationAt(text, close) : indentationAt(text, job.$cstNode.offset)) + '  ';
            const at = document.textDocument.positionAt(ownLine ? lineStart : close);
            edit = { range: { start: at, end: at }, newText: `${ownLine ? '' : '\n'}${indent}task group ${name}${weight} {\n${indent}}\n` };
        }
        return [this.action(document, diagnostic, `Create task group '${name}'`, [edit], true)];
    }

    // ----- duplicate-statement ----------------------------------------------------

    private removeStatement(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const node = nodeAtRange(document, diagnostic.range);
        const statement = node && AstUtils.getContainerOfType(node, (n): n is AstNode => ['Statement', 'Task', 'Behaviour'].includes(n.$type));
        const cst = statement?.$cstNode;
        if (!cst) return [];
        const text = document.textDocument.getText();
        const lineStart = text.lastIndexOf('\n', cst.offset - 1) + 1;
        const lineEndIndex = text.indexOf('\n', cst.end);
        const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex + 1;
        const alone = !/\S/.test(text.slice(lineStart, cst.offset)) && !/\S/.test(text.slice(cst.end, lineEnd));
        const [start, end] = alone ? [lineStart, lineEnd] : [cst.offset, cst.end + /^[ \t]*/.exec(text.slice(cst.end))![0].length];
        const range = { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
        return [this.action(document, diagnostic, 'Remove duplicate statement', [{ range, newText: '' }], true)];
    }

    // ----- level-label-conflict -----------------------------------------------------

    private unifyLevelLabel(document: LangiumDocument, diagnostic: Diagnostic, data: FindingData): CodeAction[] {
        const node = nodeAtRange(document, diagnostic.range);
        const level = node && AstUtils.getContainerOfType(node, (n): n is Level | Characteristic => isLevel(n) || isCharacteristic(n));
        const expected = data.expected;
        const label = level && propertyNode(level, 'label');
        if (!level || !label || typeof expected !== 'string') return [];
        const fromScale = level.scale?.ref?.levels.some(l => l.value === level.value) ?? false;
        const title = fromScale ? `Use the scale's label '${expected}'` : `Use the label '${expected}' given first`;
        return [this.action(document, diagnostic, title, [{ range: label.range, newText: quote(expected) }], true)];
    }

    // ----- a fix carried by the finding ----------------------------------------------------

    /**
     * A slip the lexer repaired carries its repair (quotes, a brace, a keyword), written by the
     * core's writer; so do the ladder checks' fixes.
     */
    private carriedFix(document: LangiumDocument, diagnostic: Diagnostic, data: FindingData): CodeAction[] {
        const fix = data.fix as { title?: unknown; range?: TextEdit['range']; newText?: unknown } | undefined;
        if (!fix || typeof fix.title !== 'string' || typeof fix.newText !== 'string' || !fix.range) return [];
        return [this.action(document, diagnostic, fix.title, [{ range: fix.range, newText: fix.newText }], true)];
    }

    private action(document: LangiumDocument, diagnostic: Diagnostic, title: string, edits: TextEdit[], isPreferred = false): CodeAction {
        return {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred,
            edit: { changes: { [document.textDocument.uri]: edits } },
        };
    }
}

import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import {
    isAuthority, isCharacteristics, isCompetency, isCompetencyUse, isIncentive, isJob, isLetter, isLibrary, isPay,
    isRequirements, isRole, isScale, isSchedule, isSection, isSignature, isTarget, isTaskGroup, parseWeight,
    isCareerLevel, isConditions, isProficiencyDescriptor, conditionsTitle, levelTitle, type Weight
} from 'jobstd-language';
import { propertyNode } from './syntax.js';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

interface SymbolInfo {
    name: string;
    kind: SymbolKind;
    detail?: string;
    /** The property whose text is selected when the symbol is picked. */
    selection?: string;
}

/**
 * The outline as HR reads a job standard: the job by its title, then its sections by
 * their titles, with task groups, competencies, roles, targets and the other blocks
 * inside. Langium's default lists only nodes with a `name`, which hides jobs and sections.
 */
export class JobStdDocumentSymbolProvider implements DocumentSymbolProvider {

    constructor(_services: JobStdLspServices) {}

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): DocumentSymbol[] {
        return this.childSymbols(document.parseResult.value);
    }

    private childSymbols(node: AstNode): DocumentSymbol[] {
        // In text order: a ladder's levels are a property of their own, after the elements in the tree.
        return AstUtils.streamContents(node).toArray().flatMap(child => this.symbolsOf(child))
            .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }

    /** A node's own symbol with its children inside, or, for a node without one, its children's. */
    private symbolsOf(node: AstNode): DocumentSymbol[] {
        const info = describe(node);
        const children = this.childSymbols(node);
        if (!info || !node.$cstNode) return children;
        const range = node.$cstNode.range;
        const selectionRange = (info.selection && propertyNode(node, info.selection)?.range) || range;
        return [{
            name: info.name || '(untitled)', kind: info.kind, detail: info.detail, range, selectionRange,
            children: children.length > 0 ? children : undefined,
        }];
    }
}

function describe(node: AstNode): SymbolInfo | undefined {
    if (isJob(node)) return { name: node.title, kind: SymbolKind.Class, detail: node.subtitle ?? node.kind, selection: 'title' };
    if (isCareerLevel(node)) {
        return { name: levelTitle(node), kind: SymbolKind.Module, detail: ['level', node.name, node.grade].filter(Boolean).join(' · '), selection: 'name' };
    }
    if (isProficiencyDescriptor(node)) return { name: [node.value, node.label].filter(Boolean).join(' '), kind: SymbolKind.EnumMember, detail: 'proficiency', selection: 'value' };
    if (isConditions(node)) return { name: conditionsTitle(node), kind: SymbolKind.Object };
    if (isLibrary(node)) return { name: node.title ?? node.name, kind: SymbolKind.Package, detail: `library ${node.name}`, selection: 'name' };
    if (isSection(node)) return { name: node.title, kind: SymbolKind.Namespace, detail: detail(node.kind ?? 'section', node.mark, node.weight), selection: 'title' };
    if (isTaskGroup(node)) return { name: node.name, kind: SymbolKind.Struct, detail: detail('task group', node.title, node.weight), selection: 'name' };
    if (isCompetency(node)) return { name: node.name, kind: SymbolKind.Property, detail: detail('competency', node.title, node.weight), selection: 'name' };
    if (isCompetencyUse(node)) return { name: node.competency?.$refText ?? '', kind: SymbolKind.Property, detail: detail('uses', undefined, node.weight), selection: 'competency' };
    if (isScale(node)) return { name: node.name, kind: SymbolKind.Enum, detail: detail('scale', node.title), selection: 'name' };
    if (isRole(node)) return { name: node.name, kind: SymbolKind.Interface, detail: detail('role', node.title), selection: 'name' };
    if (isTarget(node)) return { name: node.measure, kind: SymbolKind.Event, detail: node.kind === 'kpi' ? 'KPI' : 'target', selection: 'measure' };
    if (isRequirements(node)) return { name: 'Requirements', kind: SymbolKind.Object };
    if (isCharacteristics(node)) return { name: 'Characteristics', kind: SymbolKind.Object };
    if (isSchedule(node)) return { name: node.title ?? 'Schedule', kind: SymbolKind.Object, detail: 'schedule', selection: 'title' };
    if (isLetter(node)) return { name: node.subject ?? 'Letter', kind: SymbolKind.Object, detail: 'letter', selection: 'subject' };
    if (isIncentive(node)) return { name: node.title, kind: SymbolKind.Object, detail: node.variant, selection: 'title' };
    if (isAuthority(node)) return { name: node.action, kind: SymbolKind.Event, detail: 'authority', selection: 'action' };
    if (isPay(node)) return { name: node.label, kind: SymbolKind.Field, detail: 'pay', selection: 'label' };
    if (isSignature(node)) return { name: node.label, kind: SymbolKind.Field, detail: 'signature', selection: 'label' };
    return undefined;
}

function detail(kind: string, title: string | undefined, weight?: Weight): string {
    const parsed = parseWeight(weight);
    const weightText = parsed && (parsed.weightUnit === 'points' ? `${parsed.text} points` : parsed.text);
    return [kind, title, weightText].filter(Boolean).join(' · ');
}

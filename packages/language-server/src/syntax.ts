import { AstUtils, CstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import type { Range } from 'vscode-languageserver';
import { isJob, type Job } from 'jobstd-language';

/** The token at an offset (a comment included), or undefined past the end. */
export function leafAt(document: LangiumDocument, offset: number): LeafCstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    return root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
}

/** The syntax node a diagnostic points at: the owner of its first token. */
export function nodeAtRange(document: LangiumDocument, range: Range): AstNode | undefined {
    return leafAt(document, document.textDocument.offsetAt(range.start))?.astNode;
}

export function jobOf(node: AstNode | undefined): Job | undefined {
    return node ? AstUtils.getContainerOfType(node, isJob) : undefined;
}

export function propertyNode(node: AstNode, property: string, index?: number): CstNode | undefined {
    return node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, property, index) : undefined;
}

/** Leading whitespace of the line an offset is on. */
export function indentationAt(text: string, offset: number): string {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** A share 0..1 as people read it: 55.6%. */
export function percent(share: number): string {
    return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

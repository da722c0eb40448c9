import { CstUtils, isLeafCstNode, type AstNode, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';

/**
 * Langium folds each syntax node that spans lines. A block that is part of its node rather
 * than a node of its own (a competency's `behaviours { … }` and `proficiency P { … }`) folds too:
 * every brace pair of the node's own text past the first, up to the line before its `}`.
 */
export class JobStdFoldingRangeProvider extends DefaultFoldingRangeProvider {

    protected override collectObjectFolding(document: LangiumDocument, node: AstNode, acceptor: FoldingRangeAcceptor): void {
        super.collectObjectFolding(document, node, acceptor);
        if (!node.$cstNode) return;
        const open: number[] = [];
        for (const leaf of CstUtils.streamCst(node.$cstNode)) {
            if (!isLeafCstNode(leaf) || leaf.astNode !== node) continue;
            if (leaf.text === '{') {
                open.push(leaf.range.start.line);
            } else if (leaf.text === '}' && open.length > 0) {
                const startLine = open.pop()!;
                // The pair that ends the node is the node's own block, folded above.
                if (leaf.end === node.$cstNode.end) continue;
                const endLine = leaf.range.start.line - 1;
                if (endLine - startLine >= 1) acceptor({ startLine, endLine });
            }
        }
    }
}

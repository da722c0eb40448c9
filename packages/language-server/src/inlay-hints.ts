import type { AstNode, LangiumDocument } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams, type Position } from 'vscode-languageserver';
import { commonContainer, formatNumber, isJob, isSection, weightSetsOf, type Job, type WeightSet } from 'jobstd-language';
import { percent, propertyNode } from './syntax.js';

/**
 * Numbers a reader would otherwise work out by hand: at each weighted set its running
 * total (`Σ 100.1%`, `Σ 180 points`), and after each point weight its normalised share.
 */
export class JobStdInlayHintProvider extends AbstractInlayHintProvider {

    override async getInlayHints(document: LangiumDocument, params: InlayHintParams): Promise<InlayHint[]> {
        const hints: InlayHint[] = [];
        const inRange = (p: Position) => (p.line > params.range.start.line || (p.line === params.range.start.line && p.character >= params.range.start.character))
            && (p.line < params.range.end.line || (p.line === params.range.end.line && p.character <= params.range.end.character));
        const acceptor: InlayHintAcceptor = hint => {
            if (inRange(hint.position)) hints.push(hint);
        };
        for (const node of (document.parseResult.value as { jobs?: Job[] }).jobs ?? []) {
            this.computeInlayHint(node, acceptor, document);
        }
        return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
    }

    computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor, document?: LangiumDocument): void {
        if (!isJob(node)) return;
        for (const set of weightSetsOf(node)) {
            const at = totalPosition(set, node, document);
            if (at) {
                acceptor({
                    position: at, label: `Σ ${totalText(set)}`, paddingLeft: true, kind: InlayHintKind.Parameter,
                    tooltip: `Total of the ${set.members.length} ${set.kind === 'competency' ? 'competency' : 'task group'} weights of this job`,
                });
            }
            if (set.unit !== 'points' || set.total === undefined) continue;
            for (const member of set.members) {
                const weight = (member.node as { weight?: AstNode }).weight?.$cstNode;
                if (!weight || member.share === undefined) continue;
                acceptor({
                    position: weight.range.end, label: percent(member.share), paddingLeft: true, kind: InlayHintKind.Parameter,
                    tooltip: `${member.name}: ${formatNumber(member.weight!.value!)} of ${formatNumber(set.total)} points`,
                });
            }
        }
    }
}

function totalText(set: WeightSet): string {
    if (set.total !== undefined) return set.unit === '%' ? `${formatNumber(set.total, 4)}%` : `${formatNumber(set.total, 4)} points`;
    // While a weight is blank or in another unit, the known part and what is missing.
    const known = set.members.filter(m => m.weight?.value !== undefined && m.weight.weightUnit === set.unit);
    const sum = formatNumber(known.reduce((s, m) => s + m.weight!.value!, 0), 4);
    const missing = set.members.length - known.length;
    return `${sum}${set.unit === '%' ? '%' : set.unit === 'points' ? ' points' : ''} + ${missing} unknown`;
}

/** On the title of the section that holds the set, or at the end of its first member's line. */
function totalPosition(set: WeightSet, job: Job, document?: LangiumDocument): Position | undefined {
    const container = commonContainer(set.members.map(m => m.node), job);
    if (isSection(container)) return propertyNode(container, 'title')?.range.end;
    const first = set.members[0]?.node.$cstNode;
    if (!first) return undefined;
    if (!document) return first.range.end;
    const line = first.range.start.line;
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return { line, character: text.replace(/\s+$/, '').length };
}

import { EMPTY_STREAM, GrammarAST, type AstNode, type AstNodeDescription, type MaybePromise, type Stream, type ReferenceInfo, type ScopeProvider } from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem, type NextFeature
} from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import {
    isCompetency, isRole, isScale, isTaskGroup, parseWeight, type Clock, type Scale
} from 'jobstd-language';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

/** Units a target or a duration is counted in. */
const TARGET_UNITS = ['hours', 'days', 'minutes', 'rings', 'calls', 'weeks', 'months', 'years', 'times'];
const DURATION_UNITS = ['years', 'months', 'weeks'];
/** For each reference property, a node type that holds it. */
const REFERENCE_OWNERS: Readonly<Record<string, string>> = {
    reportsTo: 'Role', links: 'Competency', competency: 'CompetencyUse', scale: 'Level',
};
const PERIODS = ['per day', 'per week', 'per month', 'per quarter', 'per year', 'each month'];

/**
 * Keywords and names as Langium proposes them, plus what the grammar cannot know:
 * a scale's levels with their labels after `level DPL `, and the units and periods
 * that may follow a target's number.
 */
export class JobStdCompletionProvider extends DefaultCompletionProvider {
    private readonly clock: Clock;
    private readonly scopes: ScopeProvider;

    constructor(services: JobStdLspServices) {
        super(services);
        this.clock = services.config.Clock;
        this.scopes = services.references.ScopeProvider;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = next.feature.$container && GrammarAST.isAssignment(next.feature.$container) ? next.feature.$container : undefined;
        const property = next.property ?? assignment?.feature;
        // The value's own rule says what is expected: a level (LevelValue) or a unit word (Word).
        const rule = ruleOf(next.feature)?.name;
        if (property === 'value' && rule === 'LevelValue') {
            this.completeLevels(context, acceptor);
        } else if (property === 'unit' && rule === 'Word') {
            this.completeUnits(context, context.node?.$type === 'Duration' ? 'Duration' : 'TargetSpec', acceptor);
        }
        // A keyword that only keeps a word usable as a unit (`levels`) is no unit to propose;
        // "at least 3" is not the start of a range, so "to" would mislead there.
        if (GrammarAST.isKeyword(next.feature) && rule === 'Word') return;
        if (GrammarAST.isKeyword(next.feature) && rule === 'RangeSeparator' && isBounded(context.node)) return;
        return super.completionFor(context, next, acceptor);
    }

    /**
     * In half-typed text the parser may place a reference in a node that cannot hold it
     * (`reports to` read inside a section): ask for it as its own node would.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        try {
            this.astReflection.getReferenceType(refInfo);
        } catch {
            const $type = REFERENCE_OWNERS[refInfo.property];
            if (!$type) return EMPTY_STREAM as Stream<AstNodeDescription>;
            refInfo = { ...refInfo, container: { $type, $container: refInfo.container } };
        }
        return super.getReferenceCandidates(refInfo, context);
    }

    /** Names come with what they are: a competency's title and weight, a task group's title. */
    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        let detail: string | undefined;
        if (isCompetency(node) || isTaskGroup(node)) {
            const weight = parseWeight(node.weight);
            detail = [node.title, weight && (weight.weightUnit === 'points' ? `${weight.text} points` : weight.text)].filter(Boolean).join(' · ');
        } else if (isScale(node) || isRole(node)) {
            detail = node.title;
        }
        return { ...item, detail: detail || description.type };
    }

    private completeLevels(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const scale = this.scaleBefore(context);
        if (!scale) return;
        if (scale.levels.length > 0) {
            scale.levels.forEach((level, i) => acceptor(context, {
                label: `${level.value} "${level.label}"`,
                insertText: `${level.value} "${level.label}"`,
                filterText: level.value,
                kind: CompletionItemKind.EnumMember,
                detail: scale.title ?? scale.name,
                sortText: `0${String(i).padStart(3, '0')}`,
            }));
        } else if (scale.min !== undefined && scale.max !== undefined) {
            const [min, max] = [Number(scale.min), Number(scale.max)];
            for (let value = min; value <= max && value - min < 20; value++) {
                acceptor(context, { label: String(value), kind: CompletionItemKind.EnumMember, detail: scale.title ?? scale.name, sortText: `0${String(value - min).padStart(3, '0')}` });
            }
        }
    }

    /** The scale named just before the cursor: `level DPL |` or, in characteristics, `Pace |`. */
    private scaleBefore(context: CompletionContext): Scale | undefined {
        const before = context.textDocument.getText().slice(0, context.tokenOffset);
        const name = /([A-Za-z][A-Za-z0-9_]*)\s*$/.exec(before)?.[1];
        if (!name || !context.node) return undefined;
        // A level's scale and a characteristic's scale are looked up alike: from where the cursor is.
        const container = { $type: 'Level', $container: context.node } as unknown as AstNode;
        const reference = { $refText: name, ref: undefined };
        const description = this.scopes.getScope({ reference, container, property: 'scale' }).getElement(name);
        return isScale(description?.node) ? description.node : undefined;
    }

    private completeUnits(context: CompletionContext, type: string, acceptor: CompletionAcceptor): void {
        const units = type === 'Duration' ? DURATION_UNITS : TARGET_UNITS;
        units.forEach((unit, i) => acceptor(context, { label: unit, kind: CompletionItemKind.Unit, detail: 'Unit', sortText: `0${i}` }));
        if (type !== 'TargetSpec') return;
        const year = this.clock.today().getUTCFullYear();
        const periods = [...PERIODS, `in ${year}`, `in ${year + 1}`];
        periods.forEach((period, i) => acceptor(context, { label: period, kind: CompletionItemKind.Value, detail: 'Period', sortText: `1${i}` }));
        this.completePercent(context, acceptor);
    }

    /** `85 |` → `85%`: a percent sign joins its number, so the item replaces the space too. */
    private completePercent(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const text = context.textDocument.getText();
        const before = text.slice(0, context.tokenOffset);
        const number = /[0-9xX](\s+)$/.exec(before);
        if (!number || !/[0-9]\s*$/.test(before)) return;
        const start = context.textDocument.positionAt(context.tokenOffset - number[1].length);
        const end = context.textDocument.positionAt(context.offset);
        acceptor(context, {
            label: '%', kind: CompletionItemKind.Unit, detail: 'Percent', sortText: '00',
            filterText: text.slice(context.tokenOffset - number[1].length, context.offset) + '%',
            textEdit: { range: { start, end }, newText: '%' },
        });
    }
}

/** A value already bounded by a comparator ("at least 3", "no more than 5"). */
function isBounded(node: AstNode | undefined): boolean {
    return node !== undefined && 'comparator' in node && node.comparator !== undefined;
}

function ruleOf(feature: AstNode): GrammarAST.ParserRule | undefined {
    for (let node: AstNode | undefined = feature; node; node = node.$container) {
        if (GrammarAST.isParserRule(node)) return node;
    }
    return undefined;
}

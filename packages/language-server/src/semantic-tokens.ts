import { CstUtils, GrammarAST, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, AllSemanticTokenModifiers, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    compilePlaceholderPatterns, findPlaceholders, isSigningLine, isCharacteristic, isCompetency, isCompetencyUse, isDocument, isJob,
    isLevel, isRole, isScale, isTaskGroup, isCareerLevel, isProficiencyRequirement, parseQuantity, type JobStdConfigProvider
} from 'jobstd-language';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

/** Marks a template blank, in a value or inside prose; themes can colour it apart. */
export const PlaceholderModifier = 'placeholder';

/** What each kind of name is shown as: a task group as a class, a competency as a type, … */
export const NameTokenTypes = {
    TaskGroup: SemanticTokenTypes.class,
    Competency: SemanticTokenTypes.type,
    Scale: SemanticTokenTypes.enum,
    Role: SemanticTokenTypes.interface,
    CareerLevel: SemanticTokenTypes.enumMember,
} as const;

const NUMBER_TOKENS: ReadonlySet<string> = new Set(['NUMBER', 'PERCENT', 'MONEY', 'DATE', 'TIME']);
const PROSE_TOKENS: ReadonlySet<string> = new Set(['STRING', 'TEXT']);

/**
 * Names at their declarations and at every reference (task groups, competencies,
 * scales, roles), numbers, percentages and amounts, keywords, and placeholders with
 * their own modifier, so a theme can make every blank stand out.
 */
export class JobStdSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private readonly config: JobStdConfigProvider;

    constructor(services: JobStdLspServices) {
        super(services);
        this.config = services.config.ConfigProvider;
    }

    override get tokenModifiers(): Record<string, number> {
        return { ...AllSemanticTokenModifiers, [PlaceholderModifier]: 1 << Object.keys(AllSemanticTokenModifiers).length };
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (isDocument(node)) {
            this.highlightTokens(node, acceptor);
        } else if (isTaskGroup(node) || isCompetency(node) || isScale(node) || isRole(node) || isCareerLevel(node)) {
            acceptor({ node, property: 'name', type: NameTokenTypes[node.$type], modifier: SemanticTokenModifiers.declaration });
        }
        if (isCompetency(node) || isCompetencyUse(node)) {
            node.links.forEach((_, index) => acceptor({ node, property: 'links', index, type: NameTokenTypes.TaskGroup }));
        }
        if (isCareerLevel(node) && node.inherits) acceptor({ node, property: 'inherits', type: NameTokenTypes.CareerLevel });
        if (isProficiencyRequirement(node)) acceptor({ node, property: 'competency', type: NameTokenTypes.Competency });
        if (isCompetency(node) && node.proficiencyScale) acceptor({ node, property: 'proficiencyScale', type: NameTokenTypes.Scale });
        if (isCompetencyUse(node)) {
            acceptor({ node, property: 'competency', type: NameTokenTypes.Competency });
        } else if (isLevel(node) || isCharacteristic(node)) {
            acceptor({ node, property: 'scale', type: NameTokenTypes.Scale });
        } else if ((isJob(node) || isRole(node)) && node.reportsTo) {
            acceptor({ node, property: 'reportsTo', type: NameTokenTypes.Role });
        }
    }

    /** Keywords, numbers and placeholders are tokens, whatever node they belong to. */
    private highlightTokens(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (!node.$cstNode) return;
        const config = this.config.get().placeholders;
        const pattern = compilePlaceholderPatterns(config?.patterns, config?.replaceDefaults);
        for (const leaf of CstUtils.flattenCst(node.$cstNode)) {
            if (leaf.hidden) continue;
            const token = leaf.tokenType.name;
            if ((token === 'PLACEHOLDER' && !isSigningLine(leaf)) || (NUMBER_TOKENS.has(token) && parseQuantity(leaf.text).placeholder)) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.variable, modifier: PlaceholderModifier });
            } else if (NUMBER_TOKENS.has(token)) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.number });
            } else if (PROSE_TOKENS.has(token)) {
                // Only the blanks inside prose: the prose itself is coloured by the TextMate grammar.
                for (const match of findPlaceholders(leaf.text, pattern)) {
                    const start = leaf.offset + match.offset;
                    const document = this.currentDocument!.textDocument;
                    acceptor({
                        range: { start: document.positionAt(start), end: document.positionAt(start + match.text.length) },
                        type: SemanticTokenTypes.variable, modifier: PlaceholderModifier,
                    });
                }
            } else if (GrammarAST.isKeyword(leaf.grammarSource) && /\p{L}/u.test(leaf.text)) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.keyword });
            }
        }
    }
}

import { CstNodeBuilder, LeafCstNodeImpl, createLangiumParser, type AstNode, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { IToken } from 'chevrotain';
import type { Document } from './generated/ast.js';
import type { SlipFinding } from './lexer/tokens.js';

/**
 * Langium 4.1's CST builder, before the first token of every new node, looks the node up among
 * all its siblings (Array.indexOf) to know where comments before it belong, even when there are
 * no comments. A job with thousands of elements made parsing quadratic. With no hidden tokens
 * there is nothing to place, and the builder did nothing else, so skipping the search changes nothing.
 *
 * A leaf's length comes from the token's span in the source rather than its image: a repaired
 * token (a closed quote, a corrected keyword, a `}` put back) carries the text the analyst meant
 * over the text they typed.
 */
export class JobStdCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: Parameters<CstNodeBuilder['addHiddenNodes']>[0]): void {
        if (tokens.length > 0) super.addHiddenNodes(tokens);
    }

    override buildLeafNode(token: IToken, feature?: Parameters<CstNodeBuilder['buildLeafNode']>[1]): ReturnType<CstNodeBuilder['buildLeafNode']> {
        const leaf = new JobStdLeafCstNode(token, !feature);
        leaf.grammarSource = feature;
        // Langium keeps the root private; the leaf needs it for its text.
        const builder = this as unknown as { rootNode: LeafCstNodeImpl['root']; current: { content: unknown[] } };
        leaf.root = builder.rootNode;
        builder.current.content.push(leaf);
        return leaf;
    }
}

/**
 * A leaf that keeps its token's line and column as numbers and makes its range when first
 * asked: most leaves are never asked, and three objects a leaf were a fifth of a parse's garbage.
 */
class JobStdLeafCstNode extends LeafCstNodeImpl {
    private readonly startLine: number;
    private readonly startColumn: number;
    private readonly endLine: number;
    private readonly endColumn: number;
    private madeRange?: Range;

    constructor(token: IToken, hidden: boolean) {
        super(token.startOffset, token.endOffset! - token.startOffset + 1, undefined as unknown as Range, token.tokenType, hidden);
        this.startLine = token.startLine! - 1;
        this.startColumn = token.startColumn! - 1;
        this.endLine = token.endLine! - 1;
        this.endColumn = token.endColumn!;
    }

    override get range(): Range {
        return this.madeRange ??= {
            start: { line: this.startLine, character: this.startColumn },
            end: { line: this.endLine, character: this.endColumn },
        };
    }
}

/** The parser's own state, which Langium 4.1 does not reset when a parse ends in an exception. */
interface ParserState {
    nodeBuilder: CstNodeBuilder;
    stack: AstNode[];
    lexerResult?: unknown;
    unorderedGroups: Map<string, boolean[]>;
}

export function createJobStdParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const state = parser as unknown as ParserState;
    // Langium keeps the builder in a private field and has no option to pass another one.
    state.nodeBuilder = new JobStdCstNodeBuilder();
    const parse = parser.parse.bind(parser);
    const wrapper = (parser as unknown as { wrapper: { attemptInRepetitionRecovery: (...args: unknown[]) => void } }).wrapper;
    const reset = () => {
        // Whatever went wrong, the next document must find a clean parser.
        state.stack.length = 0;
        state.lexerResult = undefined;
        state.unorderedGroups.clear();
        state.nodeBuilder = new JobStdCstNodeBuilder();
    };
    parser.parse = <T extends AstNode = AstNode>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        try {
            return parse<T>(input, options);
        } catch (error) {
            reset();
            if (!(error instanceof RangeError)) return unreadable(state.nodeBuilder, input, error) as unknown as ParseResult<T>;
            // Chevrotain recovers from an error inside a list by calling the list again: thousands
            // of errors in one list exhaust the stack. Read once more without that recovery.
            const inList = wrapper.attemptInRepetitionRecovery;
            wrapper.attemptInRepetitionRecovery = () => undefined;
            try {
                return withoutListRecovery(parse<T>(input, options));
            } catch (again) {
                reset();
                return unreadable(state.nodeBuilder, input, again) as unknown as ParseResult<T>;
            } finally {
                wrapper.attemptInRepetitionRecovery = inList;
            }
        }
    };
    return parser;
}

/** Says, where the first error is, that what follows it may not have been read. */
function withoutListRecovery<T extends AstNode>(result: ParseResult<T>): ParseResult<T> {
    const first = result.parserErrors[0]?.token;
    if (first && !isNaN(first.startOffset)) {
        const note: SlipFinding = {
            slip: 'unreadable', offset: first.startOffset, length: Math.max(first.image.length, 1),
            line: first.startLine ?? 1, column: first.startColumn ?? 1, severity: 'error',
            message: 'So many syntax errors follow one another from here that jobstd reads past them: fix the first ones, and the rest of the file is read again.',
        };
        result.lexerReport = { diagnostics: [...(result.lexerReport?.diagnostics ?? []), note] };
    }
    return result;
}

/** An empty document with one finding saying why the file could not be read; the rest of the workspace goes on. */
function unreadable(builder: CstNodeBuilder, input: string, error: unknown): ParseResult<Document> {
    const root = builder.buildRootNode(input);
    const value = { $type: 'Document', jobs: [], libraries: [], $cstNode: root } as unknown as Document;
    (root as unknown as { astNode: AstNode }).astNode = value;
    const why = error instanceof RangeError
        ? 'it repeats or nests its blocks too deeply to read'
        : `it could not be read (${error instanceof Error ? error.message : String(error)})`;
    const diagnostic: SlipFinding = {
        slip: 'unreadable', offset: 0, length: 1, line: 1, column: 1, severity: 'error',
        message: `This file was not checked: ${why}. Simplify the structure where it nests deepest; the other files are checked as usual.`,
    };
    return { value, lexerErrors: [], lexerReport: { diagnostics: [diagnostic] }, parserErrors: [] };
}

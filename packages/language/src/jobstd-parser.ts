import { CstNodeBuilder, createLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';

/**
 * Langium 4.1's CST builder, before the first token of every new node, looks the node up among
 * all its siblings (Array.indexOf) to know where comments before it belong, even when there are
 * no comments. A job with thousands of elements made parsing quadratic. With no hidden tokens
 * there is nothing to place, and the builder did nothing else, so skipping the search changes nothing.
 */
export class JobStdCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: Parameters<CstNodeBuilder['addHiddenNodes']>[0]): void {
        if (tokens.length > 0) super.addHiddenNodes(tokens);
    }
}

export function createJobStdParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    // Langium keeps the builder in a private field and has no option to pass another one.
    (parser as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new JobStdCstNodeBuilder();
    return parser;
}

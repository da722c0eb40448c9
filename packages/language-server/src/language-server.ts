import { eagerLoad, type LangiumDocument, type MaybePromise } from 'langium';
import {
    DefaultLanguageServer, type CompletionProvider, type CompletionProviderOptions, type LangiumCoreAndPartialLSPServices
} from 'langium/lsp';
import type { CancellationToken, CompletionList, CompletionParams } from 'vscode-languageserver';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

/**
 * Answers `initialize` before the lexer and parser are built (about 170 ms of Chevrotain
 * work): they wait for the first document. Langium creates every service at initialize so
 * that each can hear it; here only the shared services and the few language services that
 * listen for it, or for the settings, are created then, and the rest on first use.
 */
export class JobStdLanguageServer extends DefaultLanguageServer {
    /**
     * Whether a language has a provider, without making it: the answer lists hover, rename,
     * references and the rest only by their presence, and making them would load the grammar.
     */
    protected override hasService(callback: (language: LangiumCoreAndPartialLSPServices) => object | undefined): boolean {
        return this.services.ServiceRegistry.all.some(language => callback(declaredOnly(language)) !== undefined);
    }

    protected override eagerLoadServices(): void {
        eagerLoad(this.services);
        for (const language of this.services.ServiceRegistry.all as Array<Partial<JobStdLspServices>>) {
            // Reads the client's semantic token capabilities from the initialize event.
            void language.lsp?.SemanticTokenProvider;
            // Hears settings and jobstd.config.json changes from the start.
            void language.settings?.WorkspaceSettings;
        }
    }
}

const DECLARED = Object.freeze({});

/** A language's LSP services as present (an empty object) or absent, none of them made. */
function declaredOnly(language: LangiumCoreAndPartialLSPServices): LangiumCoreAndPartialLSPServices {
    const lsp = language.lsp;
    return { lsp: new Proxy({}, { get: (_, name) => lsp && name in lsp ? DECLARED : undefined }) } as LangiumCoreAndPartialLSPServices;
}

/**
 * Stands in for a completion provider until the first completion request: Langium's
 * provider builds the completion parser and the lexer when it is made, and the initialize
 * answer asks every language for its completion options.
 */
export class DeferredCompletionProvider implements CompletionProvider {
    private provider?: CompletionProvider;

    constructor(private readonly create: () => CompletionProvider, readonly completionOptions?: CompletionProviderOptions) {}

    getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): MaybePromise<CompletionList | undefined> {
        this.provider ??= this.create();
        return this.provider.getCompletion(document, params, cancelToken);
    }
}

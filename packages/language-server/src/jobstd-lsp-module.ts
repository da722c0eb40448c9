import { TextDocument, type Module } from 'langium';
import {
    createDefaultLSPModule, createDefaultSharedLSPModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumLSPServices,
    type PartialLangiumSharedServices
} from 'langium/lsp';
import { createJobStdServices, type JobStdModuleSource, type JobStdServices } from 'jobstd-language';
import { JobStdCodeActionProvider } from './code-actions.js';
import { JobStdCompletionProvider } from './completion.js';
import { JobStdDocumentBuilder } from './document-builder.js';
import { JobStdDocumentSymbolProvider } from './document-symbols.js';
import { VersionedDocumentFactory, VersionedTextDocuments } from './document-versions.js';
import { JobStdFoldingRangeProvider } from './folding.js';
import { JobStdFormatter } from './formatter.js';
import { JobStdHoverProvider } from './hover.js';
import { JobStdInlayHintProvider } from './inlay-hints.js';
import { DeferredCompletionProvider, JobStdLanguageServer } from './language-server.js';
import { JobStdRenameProvider } from './rename.js';
import { JobStdSemanticTokenProvider } from './semantic-tokens.js';
import { JobStdWorkspaceSettings } from './settings.js';
import { JobStdWorkspaceManager } from './workspace-manager.js';

/** What the editor adds to the language's own services. */
export interface JobStdLspAddedServices {
    settings: {
        /** Merges the `jobstd.*` settings with the workspace's jobstd.config.json, live. */
        WorkspaceSettings: JobStdWorkspaceSettings;
    };
}

export type JobStdLspServices = JobStdServices & LangiumServices & JobStdLspAddedServices;

export const JobStdLspModule: Module<JobStdLspServices, PartialLangiumLSPServices & JobStdLspAddedServices> = {
    lsp: {
        Formatter: () => new JobStdFormatter(),
        CodeActionProvider: (services) => new JobStdCodeActionProvider(services),
        HoverProvider: (services) => new JobStdHoverProvider(services),
        CompletionProvider: (services) => new DeferredCompletionProvider(() => new JobStdCompletionProvider(services)),
        InlayHintProvider: () => new JobStdInlayHintProvider(),
        SemanticTokenProvider: (services) => new JobStdSemanticTokenProvider(services),
        DocumentSymbolProvider: (services) => new JobStdDocumentSymbolProvider(services),
        RenameProvider: (services) => new JobStdRenameProvider(services),
        FoldingRangeProvider: (services) => new JobStdFoldingRangeProvider(services),
    },
    settings: {
        WorkspaceSettings: (services) => new JobStdWorkspaceSettings(services),
    },
};

export const JobStdSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        LanguageServer: (services) => new JobStdLanguageServer(services),
    },
    workspace: {
        WorkspaceManager: (services) => new JobStdWorkspaceManager(services),
        TextDocuments: () => new VersionedTextDocuments(TextDocument),
        LangiumDocumentFactory: (services) => new VersionedDocumentFactory(services),
        DocumentBuilder: (services) => new JobStdDocumentBuilder(services),
    },
};

export interface JobStdLspContext extends DefaultSharedModuleContext {
    /** Modules on top of the editor's: a fixed clock in tests, say. */
    modules?: JobStdModuleSource[];
}

/**
 * The language server's services: the one composition root of the language
 * (createJobStdServices) with Langium's LSP modules and the editor features on top.
 */
export function createJobStdLspServices(context: JobStdLspContext): { shared: LangiumSharedServices; JobStd: JobStdLspServices } {
    const { shared, JobStd } = createJobStdServices({
        ...context,
        // Langium's LSP modules are typed for the LSP services; the core's context takes core modules.
        sharedModules: [createDefaultSharedLSPModule(context) as Module<never, never>, JobStdSharedLspModule as Module<never, never>],
        modules: [
            (shared) => createDefaultLSPModule({ shared: shared as LangiumSharedServices }) as Module<never, never>,
            JobStdLspModule as Module<never, never>,
            ...(context.modules ?? []),
        ],
    });
    return { shared: shared as LangiumSharedServices, JobStd: JobStd as JobStdLspServices };
}

import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type DeepPartial, type LangiumCoreServices, type LangiumSharedCoreServices,
    type Module, type PartialLangiumCoreServices
} from 'langium';
import { JobStdGeneratedModule, JobStdGeneratedSharedModule } from './generated/module.js';
import { Clock, JobStdConfigProvider } from './config.js';
import { JobStdValueConverter } from './jobstd-value-converter.js';
import { createJobStdParser } from './jobstd-parser.js';
import { JobStdLexer } from './lexer/jobstd-lexer.js';
import { JobStdTokenBuilder } from './lexer/jobstd-token-builder.js';
import { JobStdLexerErrorMessageProvider, JobStdParserErrorMessageProvider } from './jobstd-parser-messages.js';
import { JobStdScopeComputation, JobStdScopeProvider } from './jobstd-scope.js';
import { JobStdValidator, registerValidationChecks } from './validation/jobstd-validator.js';
import { JobStdDocumentValidator } from './validation/document-validator.js';

/** Services of the .jobstd language beyond Langium's own. */
export interface JobStdAddedServices {
    config: {
        ConfigProvider: JobStdConfigProvider;
        Clock: Clock;
    };
    validation: {
        JobStdValidator: JobStdValidator;
    };
}

export type JobStdServices = LangiumCoreServices & JobStdAddedServices;

export const JobStdModule: Module<JobStdServices, PartialLangiumCoreServices & JobStdAddedServices> = {
    config: {
        ConfigProvider: () => new JobStdConfigProvider(),
        Clock: () => new Clock(),
    },
    parser: {
        LangiumParser: (services) => createJobStdParser(services),
        TokenBuilder: () => new JobStdTokenBuilder(),
        Lexer: (services) => new JobStdLexer(services),
        ValueConverter: () => new JobStdValueConverter(),
        ParserErrorMessageProvider: () => new JobStdParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new JobStdLexerErrorMessageProvider(),
    },
    references: {
        ScopeComputation: (services) => new JobStdScopeComputation(services),
        ScopeProvider: (services) => new JobStdScopeProvider(services),
    },
    validation: {
        JobStdValidator: (services) => new JobStdValidator(services),
        DocumentValidator: (services) => new JobStdDocumentValidator(services),
    },
};

/** A module, or a function that makes one from the shared services (as Langium's LSP modules need). */
export type JobStdModuleSource =
    | Module<JobStdServices, DeepPartial<JobStdServices>>
    | ((shared: LangiumSharedCoreServices) => Module<JobStdServices, DeepPartial<JobStdServices>>);

export interface JobStdContext extends DefaultSharedCoreModuleContext {
    /** Modules a host adds on top: an editor's language features, a fixed clock in tests. */
    modules?: JobStdModuleSource[];
    sharedModules?: Array<Module<LangiumSharedCoreServices, DeepPartial<LangiumSharedCoreServices>>>;
}

/**
 * The one composition root. The CLI, the Node API, the language server and the tests
 * all build their services here and differ only in the context they pass: the language
 * server adds Langium's LSP modules, the core itself carries no editor weight.
 */
export function createJobStdServices(context: JobStdContext): { shared: LangiumSharedCoreServices; JobStd: JobStdServices } {
    // Langium's inject is typed for up to nine modules of known types; these come as a list.
    const compose = inject as (...modules: Array<Module<object, object>>) => object;
    const shared = compose(
        createDefaultSharedCoreModule(context),
        JobStdGeneratedSharedModule,
        ...(context.sharedModules ?? [])
    ) as LangiumSharedCoreServices;
    const JobStd = compose(
        createDefaultCoreModule({ shared }),
        JobStdGeneratedModule,
        JobStdModule,
        ...(context.modules ?? []).map(source => typeof source === 'function' ? source(shared) : source)
    ) as JobStdServices;
    shared.ServiceRegistry.register(JobStd);
    registerValidationChecks(JobStd);
    return { shared, JobStd };
}

import {
    AstUtils, DefaultScopeComputation, DefaultScopeProvider, MultiMap, stream,
    type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols, type ReferenceInfo,
    type Scope, type Stream
} from 'langium';
import type { Cancellation } from 'langium';
type CancellationToken = Cancellation.CancellationToken;
import { isLibrary, isJob, type Document } from './generated/ast.js';
import type { JobStdServices } from './jobstd-module.js';
import { forEachContent } from './validation/document-index.js';

/**
 * Names are visible in the whole job or library that declares them, wherever they
 * are nested (a task group inside a section is still linked to from a competency).
 * Members of a library are also exported to every other file of the workspace.
 */
export class JobStdScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument, _cancelToken?: CancellationToken): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value as Document;
        const exports: AstNodeDescription[] = [];
        for (const library of root.libraries) {
            for (const member of library.members) {
                this.addExportedSymbol(member, exports, document);
            }
        }
        return exports;
    }

    override async collectLocalSymbols(document: LangiumDocument, _cancelToken?: CancellationToken): Promise<LocalSymbols> {
        const root = document.parseResult.value as Document;
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        for (const owner of [...root.jobs, ...root.libraries]) {
            // In streamAllContents' order: of two nodes of one name, links resolve to the first.
            forEachContent(owner, node => {
                const name = this.nameProvider.getName(node);
                if (name) {
                    symbols.add(owner, this.descriptions.createDescription(node, name, document));
                }
            });
        }
        return symbols;
    }
}

/**
 * Resolves a link against its job (or library) first, then the workspace.
 * Each owner's names are put into a map once per build, per target type, so
 * linking costs the same per link however large the document grows.
 */
export class JobStdScopeProvider extends DefaultScopeProvider {
    private readonly localIndex = new WeakMap<AstNode, Map<string, Map<string, AstNodeDescription[]>>>();

    constructor(services: JobStdServices) {
        super(services);
    }

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const global = this.getGlobalScope(referenceType, context);
        const owner = ownerOf(context.container);
        if (!owner) {
            return global;
        }
        return new LayeredScope(this.localNames(owner, referenceType), global);
    }

    private localNames(owner: AstNode, referenceType: string): Map<string, AstNodeDescription[]> {
        let byType = this.localIndex.get(owner);
        if (!byType) {
            byType = new Map();
            this.localIndex.set(owner, byType);
        }
        let names = byType.get(referenceType);
        if (!names) {
            names = new Map();
            const symbols = AstUtils.getDocument(owner).localSymbols;
            if (symbols?.has(owner)) {
                for (const description of symbols.getStream(owner)) {
                    if (this.reflection.isSubtype(description.type, referenceType)) {
                        const list = names.get(description.name);
                        if (list) list.push(description); else names.set(description.name, [description]);
                    }
                }
            }
            byType.set(referenceType, names);
        }
        return names;
    }
}

export function ownerOf(node: AstNode): AstNode | undefined {
    let current: AstNode | undefined = node;
    while (current && !isJob(current) && !isLibrary(current)) {
        current = current.$container;
    }
    return current;
}

/** A scope of local names in front of an outer scope; both are looked up, never copied. */
class LayeredScope implements Scope {
    constructor(private readonly local: Map<string, AstNodeDescription[]>, private readonly outer: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.local.get(name)?.[0] ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const local = this.local.get(name);
        return local ? stream(local) : this.outer.getElements(name);
    }

    getAllElements(): Stream<AstNodeDescription> {
        const localNames = new Set(this.local.keys());
        return stream([...this.local.values()].flat())
            .concat(this.outer.getAllElements().filter(d => !localNames.has(d.name)));
    }
}

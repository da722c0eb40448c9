import {
    AstUtils, CstUtils, GrammarAST, GrammarUtils,
    type AstNode, type AstReflection, type IndexManager, type LangiumDocument, type LangiumDocuments, type LeafCstNode,
    type NameProvider
} from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import {
    capitalise, isCareerLevel, isCompetency, isCompetencyUse, isLibrary, isRole, isScale, isTaskGroup,
    type Document, type Job, type Library
} from 'jobstd-language';
import { jobOf } from './syntax.js';
import type { JobStdLspServices } from './jobstd-lsp-module.js';

/** The kinds of name a job links to; a competency used from a library counts as a competency of the job. */
type NameKind = 'TaskGroup' | 'Competency' | 'Scale' | 'Role' | 'CareerLevel';

const KIND_WORDS: Record<NameKind | 'Library', string> = {
    TaskGroup: 'task group', Competency: 'competency', Scale: 'scale', Role: 'role', CareerLevel: 'level', Library: 'library',
};

type Renamable = AstNode & { name: string };

/**
 * Renames task groups, competencies, scales, roles, levels of a ladder and libraries across the workspace,
 * and refuses a new name the files could not read back or that would change what a
 * link points to: the editor shows the reason.
 */
export class JobStdRenameProvider extends DefaultRenameProvider {
    private readonly documents: LangiumDocuments;
    private readonly indexManager: IndexManager;
    /** Terminals the lexer tries before ID: a name one of them matches would be read as that. */
    private readonly earlierTerminals: Array<{ name: string; pattern: RegExp }>;
    private readonly reflection: AstReflection;
    private readonly names: NameProvider;
    private readonly keywords: ReadonlySet<string>;
    private readonly namePattern: RegExp;

    constructor(services: JobStdLspServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.indexManager = services.shared.workspace.IndexManager;
        this.reflection = services.shared.AstReflection;
        this.names = services.references.NameProvider;
        // Word-like keywords only: '{' or '–' could never be typed as a name anyway.
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar)
            .filter(GrammarAST.isKeyword).map(k => k.value).filter(v => /^[A-Za-z]/.test(v)));
        const terminals = services.Grammar.rules.filter((r): r is GrammarAST.TerminalRule => GrammarAST.isTerminalRule(r) && !r.hidden && !r.fragment);
        const id = terminals.findIndex(r => r.name === 'ID');
        this.namePattern = new RegExp(`^(?:${id >= 0 ? GrammarUtils.terminalRegex(terminals[id]).source : '[A-Za-z][A-Za-z0-9_]*'})$`);
        this.earlierTerminals = terminals.slice(0, Math.max(id, 0))
            .map(r => ({ name: r.name, pattern: new RegExp(`^(?:${GrammarUtils.terminalRegex(r).source})`) }));
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const { leaf } = this.targetAt(document, params);
        // LSP lets prepareRename give the text to start from; Langium's signature only knows the range.
        return { range: leaf.range, placeholder: leaf.text } as unknown as Range;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const { target } = this.targetAt(document, params);
        const newName = params.newName.trim();
        if (newName === target.name) return { changes: {} };
        this.checkReadableName(newName);
        this.checkNotTaken(target, newName);
        return super.rename(document, { ...params, newName });
    }

    /** The declaration a position names, where it is declared or linked to; refuses anything else. */
    private targetAt(document: LangiumDocument, params: TextDocumentPositionParams): { target: Renamable; leaf: LeafCstNode } {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        if (!leaf || leaf.hidden || leaf.tokenType.name !== 'ID') {
            throw refusal('Only a name can be renamed: the short name of a task group, competency, scale, role, level or library, where it is declared or linked to.');
        }
        const target = this.references.findDeclarations(leaf)[0];
        if (!target) {
            if (AstUtils.streamReferences(leaf.astNode).some(r => r.reference.$refNode === leaf || r.reference.$refText === leaf.text)) {
                throw refusal(`'${leaf.text}' links to nothing yet: no task group, competency, scale or role of that name is declared in this job or in a library. Correct the link or declare it, then rename.`);
            }
            throw refusal(`'${leaf.text}' is not a name that can be renamed: only task groups, competencies, scales, roles, levels and libraries have one.`);
        }
        if (!isLibrary(target) && !kindOf(target)) {
            throw refusal(`'${leaf.text}' is not a name that can be renamed: only task groups, competencies, scales, roles, levels and libraries have one.`);
        }
        return { target: target as Renamable, leaf };
    }

    /** The new name must read back as a name: one ID token, not a keyword, not a template blank. */
    private checkReadableName(name: string): void {
        const problem = this.nameProblem(name);
        if (problem === 'not-id') {
            throw refusal(`'${name}' is not a name: a name is one word of letters, digits and _ that starts with a letter, such as ${this.suggestion(name)}.`);
        }
        if (problem === 'keyword') {
            throw refusal(`'${name}' is a keyword of the language, so it cannot be a name. Choose another word, such as ${this.suggestion(name)}.`);
        }
        if (problem) {
            const what = problem === 'PLACEHOLDER' ? 'a template placeholder' : `a ${problem.toLowerCase()}`;
            throw refusal(`'${name}' would be read as ${what}, not a name. Choose another word, such as ${this.suggestion(name)}.`);
        }
    }

    /** 'not-id', 'keyword', or the terminal the name would be read as (`XX` is a PLACEHOLDER). */
    private nameProblem(name: string): string | undefined {
        if (!this.namePattern.test(name)) return 'not-id';
        if (this.keywords.has(name)) return 'keyword';
        return this.earlierTerminals.find(t => t.pattern.test(name))?.name;
    }

    /** "Accuracy Detail" → AccuracyDetail, "9lives" → Lives, "section" → Section. */
    private suggestion(name: string): string {
        const joined = name.split(/[^A-Za-z0-9_]+/).filter(Boolean).map(capitalise).join('').replace(/^[^A-Za-z]+/, '');
        for (const candidate of [capitalise(joined), `${capitalise(joined)}1`]) {
            if (candidate && this.nameProblem(candidate) === undefined) return candidate;
        }
        return 'AccuracyDetail';
    }

    private checkNotTaken(target: Renamable, newName: string): void {
        if (isLibrary(target)) return this.checkLibraryName(target, newName);
        const kind = kindOf(target)!;
        const job = jobOf(target);
        if (job) {
            this.checkJobName(job, target, kind, newName);
        } else {
            this.checkLibraryMemberName(target, kind, newName);
        }
    }

    /** In a job, names of one kind are one namespace, and a link the job makes by that name would be taken over. */
    private checkJobName(job: Job, target: Renamable, kind: NameKind, newName: string): void {
        const nodes = AstUtils.streamAllContents(job).toArray();
        const declared = nodes.find(n => n !== target && kindOf(n) === kind && nameOf(n) === newName);
        if (declared) {
            throw refusal(`'${newName}' is already the name of a ${KIND_WORDS[kind]} in ${job.kind} "${job.title}" (line ${this.lineOf(declared)}). Choose a name no other ${KIND_WORDS[kind]} of the ${job.kind} has.`);
        }
        // A link by that name, to the library or to nothing, would point to the renamed one.
        const linked = nodes.flatMap(n => AstUtils.streamReferences(n).toArray())
            .find(info => info.reference.$refText === newName && this.reflection.getReferenceType(info) === kind);
        if (linked) {
            throw refusal(`'${newName}' is already linked to in job "${job.title}" (line ${(linked.reference.$refNode?.range.start.line ?? 0) + 1}): after the rename that link would point to this ${KIND_WORDS[kind]} instead. Choose another name.`);
        }
    }

    /** Library members share one namespace across the workspace; a job's own declaration wins over the library's. */
    private checkLibraryMemberName(target: Renamable, kind: NameKind, newName: string): void {
        const taken = this.indexManager.allElements(kind).find(d => d.name === newName);
        if (taken) {
            const file = taken.documentUri.path.split('/').pop();
            const line = (taken.nameSegment?.range.start.line ?? 0) + 1;
            throw refusal(`'${newName}' is already the name of a ${KIND_WORDS[kind]} in a library (${file}, line ${line}), and library names are shared by the whole workspace. Choose another name.`);
        }
        for (const reference of this.references.findReferences(target, { includeDeclaration: false })) {
            const document = this.documents.getDocument(reference.sourceUri);
            const source = document && reference.segment && CstUtils.findLeafNodeAtOffset(document.parseResult.value.$cstNode!, reference.segment.offset);
            const job = source && jobOf(source.astNode);
            const own = job && AstUtils.streamAllContents(job).find(n => isOwnDeclaration(n, kind) && nameOf(n) === newName);
            if (job && own) {
                throw refusal(`Job "${job.title}" (${reference.sourceUri.path.split('/').pop()}, line ${this.lineOf(own)}) declares its own ${KIND_WORDS[kind]} '${newName}': its link to '${target.name}' would point to that one instead. Choose another name.`);
            }
        }
    }

    private checkLibraryName(target: Library, newName: string): void {
        for (const document of this.documents.all) {
            const other = (document.parseResult.value as Document).libraries?.find(l => l !== target && l.name === newName);
            if (other) {
                throw refusal(`'${newName}' is already the name of library "${other.title ?? other.name}" (${document.uri.path.split('/').pop()}). Choose another name.`);
            }
        }
    }

    private lineOf(node: AstNode): number {
        const cst = this.names.getNameNode(node) ?? node.$cstNode;
        return (cst?.range.start.line ?? 0) + 1;
    }
}

function kindOf(node: AstNode): NameKind | undefined {
    if (isTaskGroup(node)) return 'TaskGroup';
    if (isCompetency(node) || isCompetencyUse(node)) return 'Competency';
    if (isScale(node)) return 'Scale';
    if (isRole(node)) return 'Role';
    if (isCareerLevel(node)) return 'CareerLevel';
    return undefined;
}

/** A declaration of the job's own (a `uses` is a link, not a declaration). */
function isOwnDeclaration(node: AstNode, kind: NameKind): boolean {
    return kindOf(node) === kind && !isCompetencyUse(node);
}

function nameOf(node: AstNode): string | undefined {
    return isCompetencyUse(node) ? node.competency?.$refText : (node as Partial<Renamable>).name;
}


/** An error response: the editor shows its message where the rename was typed. */
function refusal(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

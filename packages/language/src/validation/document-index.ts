import type { AstNode } from 'langium';
import type {
    CareerLevel, Characteristic, Competency, CompetencyUse, Job, Level, Library, Role, Scale, Statement, Task, TaskGroup
} from '../generated/ast.js';

/** What the checks need of one job or library, each list in the order the tree is walked. */
export interface OwnerContents {
    taskGroups: TaskGroup[];
    /** Competencies declared here and library competencies used here. */
    competencies: Array<Competency | CompetencyUse>;
    /** Everything that declares (or, for a use, takes) a name: task groups, competencies, uses, scales, roles. */
    named: Array<TaskGroup | Competency | CompetencyUse | Scale | Role | CareerLevel>;
    /** Statements and tasks, whose texts should not repeat. */
    statements: Array<Statement | Task>;
}

/** One walk of a document's tree, shared by every check of one validation. */
export interface DocumentIndex {
    owners: Map<AstNode, OwnerContents>;
    /** Levels and characteristics of the whole document. */
    ratings: Array<Level | Characteristic>;
}

/**
 * A tree is never changed once parsed (an edit parses a new one), so the index of a root
 * holds as long as the root lives. Links are not part of it: they are resolved again when
 * another file changes, so checks follow them themselves.
 */
const indices = new WeakMap<AstNode, DocumentIndex>();

export function documentIndex(node: AstNode): DocumentIndex {
    let root = node;
    while (root.$container) root = root.$container;
    let index = indices.get(root);
    if (!index) {
        index = buildIndex(root);
        indices.set(root, index);
    }
    return index;
}

/** The contents of a job or library, from its document's index. */
export function contentsOf(owner: Job | Library): OwnerContents {
    return documentIndex(owner).owners.get(owner) ?? emptyContents();
}

function emptyContents(): OwnerContents {
    return { taskGroups: [], competencies: [], named: [], statements: [] };
}

const OWNER_TYPES = new Set(['Job', 'Library']);

/**
 * Calls `visit` for every node below `root` in the order of Langium's streamAllContents
 * (properties in key order, arrays in order), without its iterators, which cost more than
 * the visits in profiles of large documents. Findings so come out in the order they did
 * when each check walked on its own.
 */
export function forEachContent(root: AstNode, visit: (node: AstNode) => void): void {
    const stack: AstNode[] = [];
    const children: AstNode[] = [];
    childrenOf(root, children);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    while (stack.length > 0) {
        const node = stack.pop()!;
        visit(node);
        children.length = 0;
        childrenOf(node, children);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
}

function buildIndex(root: AstNode): DocumentIndex {
    const index: DocumentIndex = { owners: new Map(), ratings: [] };
    let contents: OwnerContents | undefined;
    if (OWNER_TYPES.has(root.$type)) {
        contents = emptyContents();
        index.owners.set(root, contents);
    }
    forEachContent(root, node => {
        if (node.$container === root && OWNER_TYPES.has(node.$type)) {
            contents = emptyContents();
            index.owners.set(node, contents);
        } else {
            collect(node, index, contents);
        }
    });
    return index;
}

function collect(node: AstNode, index: DocumentIndex, contents: OwnerContents | undefined): void {
    switch (node.$type) {
        case 'Level':
        case 'Characteristic':
            index.ratings.push(node as Level | Characteristic);
            return;
        case 'Statement':
        case 'Task':
            contents?.statements.push(node as Statement | Task);
            return;
        case 'TaskGroup':
            contents?.taskGroups.push(node as TaskGroup);
            contents?.named.push(node as TaskGroup);
            return;
        case 'Competency':
        case 'CompetencyUse':
            contents?.competencies.push(node as Competency | CompetencyUse);
            contents?.named.push(node as Competency | CompetencyUse);
            return;
        case 'Scale':
        case 'Role':
        case 'CareerLevel':
            contents?.named.push(node as Scale | Role | CareerLevel);
            return;
    }
}

/** The direct children of a node, as Langium's streamContents lists them. */
function childrenOf(node: AstNode, into: AstNode[]): void {
    for (const key of Object.keys(node)) {
        if (key.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (isNode(value)) {
            into.push(value);
        } else if (Array.isArray(value)) {
            for (const element of value) if (isNode(element)) into.push(element);
        }
    }
}

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

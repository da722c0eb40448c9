/**
 * The .jobstd text the importer writes, as a tree of lines and blocks. Values are quoted
 * and names made here, so the recogniser never builds syntax by hand.
 */

/** A line of .jobstd, or a block: a header line with `{`, its children, and `}`. */
export interface OutLine {
    line: string;
    children?: OutLine[];
    /** A comment on the line above it. */
    comment?: string;
    /** A blank line before this one. */
    spaced?: boolean;
}

/** Writes the tree with two spaces per level; the formatter then settles the canonical layout. */
export function render(lines: OutLine[], depth = 0): string {
    let text = '';
    const indent = '  '.repeat(depth);
    for (const item of lines) {
        if (item.spaced && text !== '') text += '\n';
        if (item.comment) {
            for (const part of item.comment.split('\n')) text += `${indent}// ${part.replace(/\*\//g, '* /')}\n`;
        }
        if (item.children) {
            text += `${indent}${item.line} {\n${render(item.children, depth + 1)}${indent}}\n`;
        } else {
            text += `${indent}${item.line}\n`;
        }
    }
    return text;
}

/**
 * Prose as a quoted value. Text with a double quote becomes a `"""` block; the rare text
 * with `"""` in it has its quotes turned typographic, the one change the importer makes to words.
 */
export function quote(text: string): string {
    if (!text.includes('"')) return `"${text}"`;
    if (!text.includes('"""') && !text.endsWith('"')) return `"""${text}"""`;
    return `"${text.replace(/"(?=\w)/g, '“').replace(/"/g, '”')}"`;
}

/**
 * A name for a linked thing, made from its title: "Interaction with Sr. Mgmt." →
 * InteractionWithSrMgmt. Keywords of the language and names already taken get a number.
 */
export class NameMaker {
    private readonly taken = new Map<string, Set<string>>();

    constructor(private readonly keywords: ReadonlySet<string>) {}

    make(kind: string, title: string): string {
        const words = title
            .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
            .replace(/['’]/g, '')
            .split(/[^A-Za-z0-9]+/)
            .filter(Boolean);
        let base = words.map(word => word[0].toUpperCase() + word.slice(1)).join('');
        if (!/^[A-Za-z]/.test(base)) base = `${kind[0].toUpperCase()}${base}`;
        if (base.length > 48) base = base.slice(0, 48);
        return this.reserve(kind, base);
    }

    /** Takes a name as it is (a task group's letter), or with a number when it is taken. */
    reserve(kind: string, base: string): string {
        const names = this.taken.get(kind) ?? new Set<string>();
        this.taken.set(kind, names);
        let name = base;
        for (let n = 2; names.has(name) || this.keywords.has(name); n++) name = `${base}${n}`;
        names.add(name);
        return name;
    }

    has(kind: string, name: string): boolean {
        return this.taken.get(kind)?.has(name) ?? false;
    }
}

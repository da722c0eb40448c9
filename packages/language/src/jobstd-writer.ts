/**
 * The one writer of .jobstd syntax: the importer, the quick fixes and the slip repair quote
 * prose, make names and lay out lines here, so none of them can write what the parser rejects.
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
 * Prose as a quoted value that reads back as the same text. Text with a double quote becomes
 * a `"""` block (a space keeps a quote at either end apart from the delimiters; the value is
 * trimmed when read); a backslash before punctuation is doubled, since a single one is read as
 * a Markdown escape. Only text that itself holds `"""` cannot be written as it is: its quotes
 * are turned typographic, the one change to words the writer makes.
 */
export function quote(text: string): string {
    const escaped = text.replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\');
    if (!escaped.includes('"')) return `"${escaped}"`;
    if (!escaped.includes('"""')) {
        return `"""${escaped.startsWith('"') ? ' ' : ''}${escaped}${escaped.endsWith('"') ? ' ' : ''}"""`;
    }
    return `"${escaped.replace(/"(?=\w)/g, '“').replace(/"/g, '”')}"`;
}

/** Is this a name the language reads as one (not a keyword, not prose)? */
export function isName(text: string, keywords: ReadonlySet<string>): boolean {
    return /^[A-Za-z][A-Za-z0-9_]*$/.test(text) && !keywords.has(text);
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

import { createTokenInstance, type ILexingError, type IToken, type TokenType } from 'chevrotain';
import type { LexingDiagnostic } from 'langium';

/** The slips an analyst makes that the lexer repairs, each reported once where it was made. */
export type SlipKind =
    | 'unclosed-quote' | 'inner-quotes' | 'unclosed-text-block' | 'unclosed-comment'
    | 'unquoted-prose' | 'misspelt-keyword' | 'stray-punctuation'
    | 'missing-brace' | 'extra-brace' | 'too-deep' | 'unreadable';

/** A text edit a quick fix applies, in offsets of the text that was lexed. */
export interface SlipFix {
    title: string;
    offset: number;
    length: number;
    newText: string;
}

/** A finding of the lexer's slip repair: a syntax error, with the repair a quick fix offers. */
export interface SlipFinding extends LexingDiagnostic {
    slip: SlipKind;
    fix?: SlipFix;
}

/** The token types of the language by name (keywords by their text). */
export type TokenTypes = Record<string, TokenType>;

export interface LexedText {
    text: string;
    tokens: IToken[];
    /** The lexer's errors, in offset order; a repair that explains one adds it to `explained`. */
    errors: ILexingError[];
    explained: Set<ILexingError>;
    findings: SlipFinding[];
    types: TokenTypes;
}

/** The lexer's errors that start in [from, to), found by binary search: repairs stay linear however many there are. */
export function errorsIn(lexed: LexedText, from: number, to: number): ILexingError[] {
    const { errors } = lexed;
    let low = 0, high = errors.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (errors[mid].offset < from) low = mid + 1; else high = mid;
    }
    const found: ILexingError[] = [];
    for (let i = low; i < errors.length && errors[i].offset < to; i++) {
        if (!lexed.explained.has(errors[i])) found.push(errors[i]);
    }
    return found;
}

/**
 * A pass over the tokens that copies them only once it changes something, so that a text
 * without slips costs one read per pass.
 */
export class TokenRewrite {
    private out?: IToken[];

    constructor(private readonly tokens: IToken[]) {}

    /** Token i stays. */
    keep(i: number): void {
        this.out?.push(this.tokens[i]);
    }

    /** Tokens `replaced` stand where tokens from i on were (the caller skips the ones it consumed). */
    replace(i: number, ...replaced: IToken[]): void {
        this.out ??= this.tokens.slice(0, i);
        this.out.push(...replaced);
    }

    /** The token written last before token i. */
    previous(i: number): IToken | undefined {
        return this.out ? this.out[this.out.length - 1] : this.tokens[i - 1];
    }

    result(): IToken[] {
        return this.out ?? this.tokens;
    }
}

/** Line and column (1-based) of an offset, as chevrotain counts them. */
export class LineIndex {
    private readonly starts: number[] = [0];

    constructor(readonly text: string) {
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    }

    lineOf(offset: number): number {
        let low = 0, high = this.starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.starts[mid] <= offset) low = mid; else high = mid - 1;
        }
        return low + 1;
    }

    lineStart(line: number): number {
        return this.starts[line - 1] ?? this.text.length;
    }

    /** Offset of the end of a line's text, before its line break. */
    lineEnd(line: number): number {
        const next = this.starts[line];
        if (next === undefined) return this.text.length;
        return this.text[next - 2] === '\r' ? next - 2 : next - 1;
    }

    /** Visual width of a line's indentation, a tab counting as four columns. */
    indentOf(line: number): number {
        let width = 0;
        for (let i = this.lineStart(line); i < this.text.length; i++) {
            const c = this.text[i];
            if (c === ' ') width++;
            else if (c === '\t') width += 4;
            else break;
        }
        return width;
    }
}

export function finding(lines: LineIndex, slip: SlipKind, offset: number, length: number, message: string, fix?: SlipFix): SlipFinding {
    const line = lines.lineOf(offset);
    return { slip, offset, length, line, column: offset - lines.lineStart(line) + 1, message, severity: 'error', fix };
}

/** A token of a given type over a span of the source, whose image is what the analyst meant there. */
export function tokenOver(type: TokenType, image: string, start: number, end: number, lines: LineIndex): IToken {
    const startLine = lines.lineOf(start);
    const endLine = end > start ? lines.lineOf(end - 1) : startLine;
    const token = createTokenInstance(type, image, start, end - 1, startLine, endLine,
        start - lines.lineStart(startLine) + 1, end - lines.lineStart(endLine));
    return token;
}

export function tokenEnd(token: IToken): number {
    return token.endOffset! + 1;
}

export function isType(token: IToken | undefined, ...names: string[]): boolean {
    return token !== undefined && names.includes(token.tokenType.name);
}

/** Does the token start its line (no other token before it on that line)? */
export function startsLine(tokens: IToken[], i: number): boolean {
    return i === 0 || (tokens[i - 1].endLine ?? 0) < (tokens[i].startLine ?? 0);
}

/**
 * A span of text shown in a message: short, on one line. A tree the parser recovered may lack
 * a text its type promises (`section 40% {`), so a missing one is shown as nothing.
 */
export function shown(text: string | undefined): string {
    const one = (text ?? '').replace(/\s+/g, ' ').trim();
    return one.length > 40 ? `${one.slice(0, 37)}…` : one;
}

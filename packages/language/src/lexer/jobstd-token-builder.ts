import { DefaultTokenBuilder, GrammarAST } from 'langium';
import type { CustomPatternMatcherReturn, TokenType } from 'chevrotain';
import { matchBlockComment, matchQuotedText, matchTextBlock, type QuoteMemo, type QuotedTextMatch } from './quoted-text.js';

type Matcher = (text: string, offset: number) => QuotedTextMatch | undefined;

/**
 * Quoted text, """…""" blocks and block comments are matched by hand instead of by regular
 * expression: each scan is linear, and an unclosed one ends where the analyst most likely meant
 * it to (carried as the token's payload, for the slip repair to report).
 */
export class JobStdTokenBuilder extends DefaultTokenBuilder {
    /** Where the last search for a closing """ failed in the text being lexed. */
    private textBlockMemo: { noCloseAfter?: number } = {};
    private quoteMemo: QuoteMemo = {};

    /** The lexer calls this before each text, so that nothing is remembered from the last one. */
    startText(): void {
        this.textBlockMemo = {};
        this.quoteMemo = {};
    }

    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        const matcher = this.matcherFor(terminal.name);
        if (!matcher) return token;
        const hint = terminal.name === 'ML_COMMENT' ? ['/'] : ['"'];
        return {
            ...token,
            PATTERN: {
                exec: (text: string, offset: number) => {
                    const match = matcher(text, offset);
                    if (!match) return null;
                    const result = [text.slice(offset, match.end)] as CustomPatternMatcherReturn;
                    if (match.slip) result.payload = match.slip;
                    return result;
                },
            },
            LINE_BREAKS: true,
            START_CHARS_HINT: hint,
        };
    }

    private matcherFor(name: string): Matcher | undefined {
        switch (name) {
            case 'TEXT':
                return (text, offset) => {
                    if (!text.startsWith('"""', offset)) return undefined;
                    return matchTextBlock(text, offset, this.textBlockMemo);
                };
            case 'STRING':
                return (text, offset) => text[offset] === '"' ? matchQuotedText(text, offset, this.quoteMemo) : undefined;
            case 'ML_COMMENT':
                return (text, offset) => text.startsWith('/*', offset) ? matchBlockComment(text, offset) : undefined;
            default:
                return undefined;
        }
    }
}

import { AbstractParserErrorMessageProvider, DefaultLexerErrorMessageProvider } from 'langium';

/** The parts of the parser's token types and tokens that messages need. */
interface TokenType { name: string }
interface IToken { image: string; tokenType?: TokenType }

/** Terminals in the words of the people who write job standards, not of the parser. */
const TERMINAL_WORDS: Record<string, string> = {
    ID: 'a name',
    STRING: 'quoted text',
    TEXT: 'quoted text',
    NUMBER: 'a number',
    PERCENT: 'a percentage such as 7.4%',
    MONEY: 'an amount such as $1,000',
    DATE: 'a date such as 2026-05-01',
    TIME: 'a time such as 7:00am',
    PLACEHOLDER: 'a placeholder',
    EOF: 'the end of the file',
};

function describeToken(type: TokenType): string {
    return TERMINAL_WORDS[type.name] ?? `'${type.name.replace(/:KW$/, '')}'`;
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF') return 'the end of the file';
    const image = token.image.length > 40 ? token.image.slice(0, 37) + '…' : token.image;
    return `'${image.replace(/\s+/g, ' ')}'`;
}

function listOf(words: string[]): string {
    const unique = [...new Set(words)];
    const shown = unique.length > 6 ? [...unique.slice(0, 6), 'more'] : unique;
    return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function startOfDocument(actual: IToken): string {
    return `Expected 'job', 'ladder' or 'library' to start a document, but found ${found(actual)}.`;
}

/** One-line syntax messages: "Expected quoted text but found '}'." */
export class JobStdParserErrorMessageProvider extends AbstractParserErrorMessageProvider {
    override buildMismatchTokenMessage({ expected, actual }: { expected: TokenType; actual: IToken }): string {
        // Only a job, a ladder or a library stands between documents: the parser would say "the end of the file".
        if (expected.name === 'EOF') return startOfDocument(actual);
        const hint = /^}(:KW)?$/.test(expected.name) ? " to close the block opened above" : '';
        return `Expected ${describeToken(expected)}${hint} but found ${found(actual)}.`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
        return startOfDocument(firstRedundant);
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
        const firsts = expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0]).filter(Boolean)).map(describeToken);
        return `Expected ${listOf(firsts)} but found ${found(actual[0])}.`;
    }

    override buildEarlyExitMessage({ expectedIterationPaths, actual }: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
        const firsts = expectedIterationPaths.map(path => path[0]).filter(Boolean).map(describeToken);
        return `Expected at least one ${listOf(firsts)} but found ${found(actual[0])}.`;
    }
}

/** "Unexpected character" with the character itself, and what to do about quotes. */
export class JobStdLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + length);
        if (text.startsWith('"')) {
            return `Unclosed quote: text that starts here has no closing '"'.`;
        }
        return `Unexpected character '${text}': prose belongs inside "quotes".`;
    }
}

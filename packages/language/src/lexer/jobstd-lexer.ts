import { DefaultLexer, type LexerResult, type LexingReport, type TokenizeOptions } from 'langium';
import type { JobStdServices } from '../jobstd-module.js';
import { limitNesting, repairBraces } from './brace-repair.js';
import { JobStdTokenBuilder } from './jobstd-token-builder.js';
import { acceptUnitWords, quoteProse, quoteTextAfterKeywords, repairKeywords, repairPunctuation, reportQuotedText } from './slip-repair.js';
import { LineIndex, type LexedText, type SlipFinding } from './tokens.js';

export interface JobStdLexingReport extends LexingReport {
    diagnostics: SlipFinding[];
}

/**
 * Chevrotain's lexer, then the slip repair: the parser receives the tokens the analyst meant,
 * and every repair is one finding where the slip was made.
 */
export class JobStdLexer extends DefaultLexer {
    private readonly builder: JobStdTokenBuilder | undefined;

    constructor(services: JobStdServices) {
        super(services);
        const builder = services.parser.TokenBuilder;
        this.builder = builder instanceof JobStdTokenBuilder ? builder : undefined;
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        this.builder?.startText();
        const result = super.tokenize(text, options);
        const lexed: LexedText = {
            text,
            tokens: result.tokens,
            errors: result.errors,
            explained: new Set(),
            findings: [],
            types: this.definition,
        };
        const lines = new LineIndex(text);
        reportQuotedText(lexed, result.hidden, lines);
        acceptUnitWords(lexed, lines);
        repairKeywords(lexed, lines);
        quoteProse(lexed, lines);
        quoteTextAfterKeywords(lexed, lines);
        repairPunctuation(lexed, lines);
        // Completion lexes the text up to the cursor, where every block is still open by nature.
        if (options?.mode !== 'partial') repairBraces(lexed, lines);
        limitNesting(lexed, lines);
        const report: JobStdLexingReport = {
            diagnostics: [...(result.report?.diagnostics ?? []) as SlipFinding[], ...lexed.findings],
        };
        const errors = lexed.explained.size > 0 ? lexed.errors.filter(error => !lexed.explained.has(error)) : lexed.errors;
        return { tokens: lexed.tokens, errors, hidden: result.hidden, report };
    }
}

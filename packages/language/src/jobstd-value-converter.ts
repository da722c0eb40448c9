import { CstUtils, DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/** Values made of several keywords ("reach or exceed", "or higher", "training plan"). */
const PHRASE_RULES = new Set(['Comparator', 'Bound', 'SectionKind', 'StatusValue', 'ConditionsKind']);

/**
 * Prose is written the way people write it: a quoted string may span lines and
 * holds apostrophes, `%`, `$` and `&` as they are. Its value is normalised text:
 * indentation and single line breaks fold into spaces, a blank line starts a new
 * paragraph (kept as "\n\n"), and a backslash before punctuation (a Markdown escape
 * in pasted text, as in `\$00,000`) is dropped.
 */
export class JobStdValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        switch (rule.name) {
            case 'STRING':
                return normaliseProse(input.slice(1, -1));
            case 'TEXT':
                return normaliseProse(input.slice(3, -3));
            case 'ID':
                return input;
            default:
                if (PHRASE_RULES.has(rule.name)) {
                    // The parser joins a phrase's keywords without spaces: "reachorexceed". A keyword's
                    // token type names it as meant, even where a misspelling was repaired.
                    return CstUtils.flattenCst(cstNode).filter(leaf => !leaf.hidden).map(leaf => leaf.tokenType.name).join(' ');
                }
                return super.runConverter(rule, input, cstNode);
        }
    }
}

export function normaliseProse(raw: string): string {
    // Most texts are one line with single spaces and no escapes: nothing to fold.
    if (!/\s\s|[^\S ]|\\/.test(raw)) return raw.trim();
    return raw
        .split(/\r?\n[ \t]*\r?\n\s*/)
        .map(paragraph => unescapeMarkdown(paragraph.replace(/\s+/g, ' ').trim()))
        .filter(paragraph => paragraph.length > 0)
        .join('\n\n');
}

export function unescapeMarkdown(text: string): string {
    return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

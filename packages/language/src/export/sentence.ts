import { CstUtils, type AstNode } from 'langium';
import { normaliseProse, unescapeMarkdown } from '../jobstd-value-converter.js';

/**
 * The words of a one-line term as the analyst wrote them, for the documents people read and sign:
 * `target "Answering the main phones" within 3 rings` reads "Answering the main phones within 3 rings".
 * The opening keyword is left out where it only says what kind of line this is (`target`, `pay`);
 * where it is a word of the sentence (`when`, `paid`) it stays. Quotes come off; spacing is kept as
 * written, collapsed to single spaces; comments are not words.
 */
export function sentenceOf(node: AstNode, dropKeyword: boolean): string {
    const leaves = node.$cstNode ? CstUtils.flattenCst(node.$cstNode).filter(leaf => !leaf.hidden && leaf.text.length > 0) : [];
    let out = '';
    let end = -1;
    leaves.forEach((leaf, i) => {
        if (i === 0 && dropKeyword) return;
        const type = leaf.tokenType.name;
        const piece = type === 'STRING' ? normaliseProse(unquote(leaf.text, '"'))
            : type === 'TEXT' ? normaliseProse(unquote(leaf.text, '"""'))
                : unescapeMarkdown(leaf.text);
        if (out !== '' && leaf.offset > end) out += ' ';
        out += piece;
        end = leaf.end;
    });
    return out;
}

/** Text without its quotes; a quote the analyst left unclosed (read as closed at the line's end) has only the first. */
function unquote(text: string, quote: string): string {
    const start = text.startsWith(quote) ? quote.length : 0;
    const end = text.length > start && text.endsWith(quote) ? text.length - quote.length : text.length;
    return text.slice(start, end);
}

import type { AstNode, LangiumDocument } from 'langium';
import { AbstractFormatter } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { layoutEdits } from 'jobstd-language';

/** The editor's formatter: the canonical layout of the core ({@link layoutEdits}) as text edits. */
export class JobStdFormatter extends AbstractFormatter {

    /** Unused: the layout is computed in {@link doDocumentFormat} from the tokens. */
    protected format(_node: AstNode): void {
        // Nothing to collect.
    }

    protected override doDocumentFormat(document: LangiumDocument, _options: FormattingOptions, range?: Range): TextEdit[] {
        const edits: TextEdit[] = layoutEdits(document).map(edit => ({
            range: { start: document.textDocument.positionAt(edit.start), end: document.textDocument.positionAt(edit.end) },
            newText: edit.newText,
        }));
        if (!range) return edits;
        // The whitespace before a token belongs to that token's line.
        return edits.filter(edit => edit.range.end.line >= range.start.line && edit.range.end.line <= range.end.line);
    }
}

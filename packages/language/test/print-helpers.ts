import { execFileSync, execSync } from 'node:child_process';

/** What the print tests share: finding tools, reading a PDF's text page by page, and comparing words. */

export function which(command: string): string | undefined {
    try {
        return execSync(`command -v ${command}`, { encoding: 'utf8', shell: '/bin/sh' }).trim() || undefined;
    } catch {
        return undefined;
    }
}

/** The text of each page of a PDF, laid out as printed (pdftotext -layout). */
export function pdfPages(pdf: Uint8Array): string[] {
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const pages = text.split('\f');
    // pdftotext ends the last page with a form feed too.
    if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
    return pages;
}

/** The page count poppler reads from the PDF itself. */
export function pdfPageCount(pdf: Uint8Array): number {
    const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
    const match = /^Pages:\s+(\d+)/m.exec(info);
    if (!match) throw new Error(`pdfinfo gave no page count:\n${info}`);
    return Number(match[1]);
}

/**
 * The words of a text, cut at every character that is not a letter or a digit: a line break at a
 * hyphen or a slash then leaves the same words, and only a break inside a word leaves fragments.
 * Ligatures and full-width forms are folded (NFKC), case is ignored.
 */
export function wordsOf(text: string): string[] {
    return text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(w => w !== '');
}

/**
 * The words printed that the document does not hold, each with the line it was printed on:
 * a word broken across two lines shows as two fragments here ("miscell", "aneous").
 */
export function brokenWords(documentText: string, pages: string[], ignoreLine: (line: string) => boolean = () => false): string[] {
    const known = new Set(wordsOf(documentText));
    const found: string[] = [];
    pages.forEach((page, p) => {
        for (const line of page.split('\n')) {
            if (ignoreLine(line)) continue;
            // A list's number or letter ("8.", "c.") is drawn by the printer, not written in the text.
            for (const word of wordsOf(line.replace(LIST_MARKER, ''))) {
                if (!known.has(word)) found.push(`page ${p + 1}: "${word}" in "${line.trim().replace(/\s+/g, ' ')}"`);
            }
        }
    });
    return found;
}

const LIST_MARKER = /^\s*(?:\d{1,3}|[a-z]{1,3})[.)]\s+/i;

/** The running footer both exports print: "Page 2 of 5". */
export const isPageNumberLine = (line: string) => /^\s*Page \d+ of \d+\s*$/.test(line);

/** Text compared as a person reads it: one space between words, trimmed. */
export const squash = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

import { escapeHtml, isolate } from './html-export.js';
import { PAGE_STYLE } from './html-style.js';
import { plural } from '../words.js';

/** One exported document as the index lists it. */
export interface HtmlIndexEntry {
    /** The source file, as the user knows it (relative to where the export ran). */
    file: string;
    /** The exported page, relative to the index. */
    href: string;
    title: string;
    code?: string;
    family?: string;
    level?: string;
    /** For a ladder (or any job with levels): the levels' titles, lowest first. */
    levels?: string[];
    errors: number;
    warnings: number;
}

/**
 * The `index.html` of an export folder: one accessible table of every exported document,
 * each title linking to its page. Self-contained like the pages themselves.
 */
export function exportHtmlIndex(entries: HtmlIndexEntry[]): string {
    const sorted = [...entries].sort((a, b) => a.title.localeCompare(b.title, 'en') || a.file.localeCompare(b.file, 'en'));
    const cell = (value: string | undefined) => value ? isolate(value) : '<span class="none">—</span>';
    const rows = sorted.map(e => {
        const href = safeHref(e.href);
        const title = href === undefined ? isolate(e.title) : `<a href="${escapeHtml(href)}">${isolate(e.title)}</a>`;
        const findings = e.errors === 0 && e.warnings === 0
            ? 'none'
            : [e.errors > 0 && plural(e.errors, 'error'), e.warnings > 0 && plural(e.warnings, 'warning')].filter(Boolean).join(', ');
        return `<tr><th scope="row">${title}<br><span class="file">${isolate(e.file)}</span></th><td>${cell(e.code)}</td><td>${cell(e.family)}</td><td>${levelCell(e)}</td><td class="num${e.errors > 0 ? ' has-errors' : ''}">${findings}</td></tr>\n`;
    }).join('');
    const body = sorted.length === 0
        ? '<p>No documents were exported.</p>\n'
        : `<table class="index">
<caption>${plural(sorted.length, 'exported document')}</caption>
<thead><tr><th scope="col">Title and source</th><th scope="col">Code</th><th scope="col">Job family</th><th scope="col">Level</th><th scope="col" class="num">Findings</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Job standards</title>
<style>${PAGE_STYLE}${INDEX_STYLE}</style>
</head>
<body>
<main>
<h1>Job standards</h1>
${body}</main>
</body>
</html>
`;
}

/**
 * A link only to a relative page of the export: anything with a scheme (`javascript:`, `data:`,
 * `http:`) or starting at a host (`//`) is shown as text instead, whoever produced the entry.
 */
function safeHref(href: string): string | undefined {
    // Control and bidi characters are never part of a file name the exporter writes.
    if (href === '' || /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/.test(href)) return undefined;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href.trim()) || /^[\\/]{2}/.test(href.trim())) return undefined;
    // Spaces, quotes and the like are percent-encoded; '/' stays so that folders still work.
    return href.split('/').map(segment => encodeURIComponent(decodeSafely(segment))).join('/');
}

function decodeSafely(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}

/** The job's level, or for a ladder how many levels it has and which: "5 levels, Support Engineer I to Principal Support Engineer". */
function levelCell(e: HtmlIndexEntry): string {
    const levels = e.levels ?? [];
    if (levels.length === 0) return e.level ? isolate(e.level) : '<span class="none">—</span>';
    const range = levels.length === 1 ? isolate(levels[0]) : `${isolate(levels[0])} to ${isolate(levels[levels.length - 1])}`;
    return `${e.level ? `${isolate(e.level)}<br>` : ''}<span class="ladder">Ladder of ${plural(levels.length, 'level')}</span>: ${range}`;
}


const INDEX_STYLE = `
table.index th[scope="row"] { font-weight: 600; }
table.index .file { font-weight: 400; font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
table.index .none { color: var(--muted); }
table.index .ladder { font-weight: 600; }
table.index .has-errors { color: var(--error); font-weight: 600; }
`;

import type { Document } from '../generated/ast.js';
import type { Finding } from '../findings.js';
import { escapeHtml, isolate } from './html-export.js';
import { PAGE_STYLE } from './html-style.js';
import { plural } from '../words.js';

/** A finding as the index lists it under its document. */
export type HtmlIndexFinding = Pick<Finding, 'line' | 'column' | 'severity' | 'code' | 'message'>;

/** One exported document as the index lists it. */
export interface HtmlIndexEntry {
    /** The source file, as the user knows it (relative to where the export ran). */
    file: string;
    /** The exported page, relative to the index. */
    href: string;
    title: string;
    /** Only shown to tell apart documents of the same title ("Letter of Expectations"). */
    subtitle?: string;
    code?: string;
    family?: string;
    level?: string;
    /** For a ladder (or any job with levels): the levels' titles, lowest first. */
    levels?: string[];
    errors: number;
    warnings: number;
    /** The document's findings: listed in the index's findings section, which its count links to. */
    findings?: HtmlIndexFinding[];
}

/**
 * The index's entry for a document: its title and facts, and its findings.
 * `href` is the page's URL path relative to the index (forward slashes, segments encoded).
 */
export function htmlIndexEntry(document: Document, source: { file: string; href: string; findings: readonly Finding[] }): HtmlIndexEntry {
    const file = source.file.replace(/\\/g, '/');
    const job = document.jobs.length === 1 ? document.jobs[0] : undefined;
    const library = document.jobs.length === 0 && document.libraries.length === 1 ? document.libraries[0] : undefined;
    return {
        file,
        href: source.href,
        title: job?.title ?? library?.title ?? library?.name ?? file,
        ...(job?.subtitle !== undefined ? { subtitle: job.subtitle } : {}),
        ...(job?.code !== undefined ? { code: job.code } : {}),
        ...(job?.family !== undefined ? { family: job.family } : {}),
        ...(job?.level !== undefined ? { level: job.level } : {}),
        ...(job && job.levels.length > 0 ? { levels: job.levels.map(l => l.title ?? l.name) } : {}),
        errors: source.findings.filter(f => f.severity === 'error').length,
        warnings: source.findings.filter(f => f.severity === 'warning').length,
        findings: source.findings.map(({ line, column, severity, code, message }) => ({ line, column, severity, code, message })),
    };
}

/**
 * The `index.html` of an export folder: one accessible table of every exported document,
 * each title linking to its page and each findings count to that document's findings,
 * listed below the table. Self-contained like the pages themselves.
 */
export function exportHtmlIndex(entries: HtmlIndexEntry[]): string {
    const sorted = [...entries].sort((a, b) => a.title.localeCompare(b.title, 'en') || a.file.localeCompare(b.file, 'en') || byCodePoints(a.file, b.file));
    const body = sorted.length === 0 ? '<p>No documents were exported.</p>\n' : documentsTable(sorted);
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

function documentsTable(sorted: HtmlIndexEntry[]): string {
    const notes = distinguishingNotes(sorted);
    const anchors = findingsAnchors(sorted);
    const none = '<span class="none">—</span>';
    const cell = (value: string | undefined) => value ? isolate(value) : none;
    // A column every row would leave empty says nothing: it is left out.
    const columns = [
        { head: 'Code', shown: sorted.some(e => e.code), cell: (e: HtmlIndexEntry) => cell(e.code) },
        { head: 'Job family', shown: sorted.some(e => e.family), cell: (e: HtmlIndexEntry) => cell(e.family) },
        { head: 'Level', shown: sorted.some(e => e.level || (e.levels ?? []).length > 0), cell: levelCell },
    ].filter(c => c.shown);
    const rows = sorted.map(e => {
        const anchor = anchors.get(e);
        const count = findingsCount(e);
        const findings = anchor === undefined ? count : `<a href="#${anchor}">${count}</a>`;
        const cells = columns.map(c => `<td>${c.cell(e)}</td>`).join('');
        return `<tr><th scope="row">${titleMarkup(e, notes.get(e))}<br><span class="file">${isolate(e.file)}</span></th>${cells}<td class="num${e.errors > 0 ? ' has-errors' : ''}">${findings}</td></tr>\n`;
    }).join('');
    const heads = columns.map(c => `<th scope="col">${c.head}</th>`).join('');
    return `<table class="index">
<caption>${plural(sorted.length, 'exported document')}</caption>
<thead><tr><th scope="col">Title and source</th>${heads}<th scope="col" class="num">Findings</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
${findingsSection(sorted, notes, anchors)}`;
}

/** The title, linked to the page when its address is safe, with the note that tells it from a namesake. */
function titleMarkup(e: HtmlIndexEntry, note: string | undefined): string {
    const href = safeHref(e.href);
    // Inside the link, so that two links of one title still have different names.
    const text = `${isolate(e.title)}${note ? ` <span class="variant">(${note})</span>` : ''}`;
    return href === undefined ? text : `<a href="${escapeHtml(href)}">${text}</a>`;
}

/** "2 errors, 1 warning", "3 notes" or "none": what the findings section holds for the document. */
function findingsCount(e: HtmlIndexEntry): string {
    const notes = (e.findings ?? []).filter(f => f.severity !== 'error' && f.severity !== 'warning').length;
    const parts = [e.errors > 0 && plural(e.errors, 'error'), e.warnings > 0 && plural(e.warnings, 'warning'), notes > 0 && plural(notes, 'note')].filter(Boolean);
    return parts.length === 0 ? 'none' : parts.join(', ');
}

/**
 * Each document's findings under a heading of its own, in the order of the table, for the
 * reviewer who follows a count; the pages themselves carry findings only on request.
 */
function findingsSection(sorted: HtmlIndexEntry[], notes: Map<HtmlIndexEntry, string>, anchors: Map<HtmlIndexEntry, string>): string {
    const listed = sorted.filter(e => anchors.has(e));
    if (listed.length === 0) return '';
    const documents = listed.map(e => {
        const rows = [...e.findings!].sort(inReadingOrder).map(f =>
            `<tr class="finding-${escapeHtml(f.severity)}"><td class="num">${Number(f.line)}:${Number(f.column)}</td><td>${escapeHtml(f.severity)}</td><td><code>${isolate(f.code)}</code></td><td>${isolate(f.message)}</td></tr>\n`).join('');
        return `<section class="document-findings" id="${anchors.get(e)!}">
<h3>${titleMarkup(e, notes.get(e))}</h3>
<p class="file">${isolate(e.file)}</p>
<table class="findings">
<caption>${findingsCount(e)}</caption>
<thead><tr><th scope="col" class="num">Line</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</section>
`;
    }).join('');
    return `<section class="index-findings">
<h2>Findings</h2>
${documents}</section>
`;
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function inReadingOrder(a: HtmlIndexFinding, b: HtmlIndexFinding): number {
    return a.line - b.line || a.column - b.column || (SEVERITY_ORDER[a.severity] ?? 4) - (SEVERITY_ORDER[b.severity] ?? 4)
        || byCodePoints(a.code, b.code) || byCodePoints(a.message, b.message);
}

/** A total order that no locale can change: the same input gives the same bytes everywhere. */
function byCodePoints(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The fragment of each document's findings, from its source file ("findings-jobs-clerk"), so
 * that a link to it survives other documents being added; files whose names fold to the same
 * fragment take -2, -3 in the order of their paths. Only documents with findings listed get one.
 */
function findingsAnchors(entries: HtmlIndexEntry[]): Map<HtmlIndexEntry, string> {
    const anchors = new Map<HtmlIndexEntry, string>();
    const taken = new Set<string>();
    const withFindings = entries.filter(e => (e.findings ?? []).length > 0).sort((a, b) => byCodePoints(a.file, b.file));
    for (const e of withFindings) {
        const slug = e.file.normalize('NFKD').replace(/\.jobstd$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
        const base = `findings-${slug || 'document'}`;
        let anchor = base;
        for (let n = 2; taken.has(anchor); n++) anchor = `${base}-${n}`;
        taken.add(anchor);
        anchors.set(e, anchor);
    }
    return anchors;
}

/** Invisible characters and case do not make two titles look different. */
function titleKey(title: string): string {
    return title.normalize('NFKC').replace(/[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * For documents that share a title: a short note of what sets each apart (subtitle, code, job
 * family, level), as markup. A document the facts do not tell apart is named by its source
 * file. A title no other document has gets no note.
 */
function distinguishingNotes(entries: HtmlIndexEntry[]): Map<HtmlIndexEntry, string> {
    const facets: Array<(e: HtmlIndexEntry) => { plain: string; markup: string } | undefined> = [
        e => labelled('', e.subtitle),
        e => labelled('code ', e.code),
        e => labelled('job family ', e.family),
        e => (e.levels ?? []).length > 0 ? { plain: `ladder of ${e.levels!.length}`, markup: `ladder of ${plural(e.levels!.length, 'level')}` } : labelled('level ', e.level),
    ];
    const groups = new Map<string, HtmlIndexEntry[]>();
    for (const e of entries) {
        const key = titleKey(e.title);
        groups.set(key, [...groups.get(key) ?? [], e]);
    }
    const notes = new Map<HtmlIndexEntry, string>();
    for (const group of groups.values()) {
        if (group.length < 2) continue;
        // Only the facts that differ within the group: the ones they share tell nothing apart.
        const differing = facets.filter(facet => new Set(group.map(e => facet(e)?.plain ?? '')).size > 1);
        const parts = group.map(e => differing.map(facet => facet(e)).filter(part => part !== undefined));
        const plains = parts.map(p => p.map(part => part.plain).join('\u0000'));
        group.forEach((e, i) => {
            const markup = parts[i].map(part => part.markup);
            if (markup.length === 0 || plains.filter(p => p === plains[i]).length > 1) markup.push(isolate(e.file));
            notes.set(e, markup.join(', '));
        });
    }
    return notes;
}

function labelled(label: string, value: string | undefined): { plain: string; markup: string } | undefined {
    return value ? { plain: `${label}${value}`, markup: `${label}${isolate(value)}` } : undefined;
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
table.index .file, .document-findings .file { font-weight: 400; font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
table.index .none { color: var(--muted); }
table.index .ladder { font-weight: 600; }
table.index .has-errors { color: var(--error); font-weight: 600; }
.variant { font-weight: 400; }
.document-findings h3 { margin-bottom: 0; }
.document-findings .file { margin: 0 0 .4rem; }
table.findings code { white-space: nowrap; }
tr.finding-error td:nth-child(2) { color: var(--error); font-weight: 600; }
`;

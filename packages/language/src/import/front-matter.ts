import type { SourceLine } from './read.js';
import type { NoiseLog } from './noise.js';

/**
 * YAML front matter of a handbook page (`---` / `title: Payroll Clerk` / `layout: page` / `---`).
 * It is read by hand (no YAML library is a dependency): `key: value` lines, values in quotes
 * or not, and indented list items under a key. Keys that are facts of the job become the
 * field lines the recogniser reads (title, code, grade, family…); keys of the site's
 * machinery (layout, permalink…) are reported as noise; other keys stay as `Key: value` lines.
 */

/** Front-matter keys and the field label the recogniser reads them as. */
const FACT_KEYS: Readonly<Record<string, string>> = {
    'title': 'Title', 'job_title': 'Title', 'role': 'Title', 'name': 'Title',
    'code': 'Code', 'job_code': 'Code', 'grade': 'Grade', 'band': 'Band', 'level': 'Level',
    'family': 'Family', 'job_family': 'Family', 'location': 'Location', 'reports_to': 'Reports To',
    'summary': 'Summary', 'description': 'Summary', 'flsa': 'FLSA',
    'date': 'Date Created', 'created': 'Date Created', 'updated': 'Updated', 'last_modified': 'Updated', 'modified': 'Updated',
};

/** Keys of the site generator, not of the job. */
const SITE_KEYS = new Set([
    'layout', 'permalink', 'slug', 'nav_order', 'nav_exclude', 'weight', 'sidebar', 'toc', 'redirect_from', 'redirect_to',
    'parent', 'grand_parent', 'has_children', 'nav', 'menu', 'aliases', 'draft', 'published', 'type', 'template', 'categories',
    'tags', 'order', 'url', 'canonical_url', 'search', 'comments', 'sitemap', 'hide', 'hidden', 'lang', 'id', 'uid', 'sort',
    'classes', 'class', 'image', 'author', 'authors', 'keywords',
]);

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_ -]{0,40}):(?:\s+(.*))?$/;

function unquoted(value: string): string {
    const match = /^(["'])(.*)\1$/.exec(value.trim());
    return match ? match[2] : value.trim();
}

/**
 * Takes the front matter off the top of the lines: returns the lines with it read into field
 * lines. Lines that are not front matter come back as they were.
 */
export function readFrontMatter(lines: SourceLine[], log: NoiseLog): SourceLine[] {
    if (lines.length === 0 || lines[0].text.trim() !== '---' || lines[0].heading || lines[0].cells) return lines;
    // The closing `---` may have been read as the underline of a Setext heading: then the last
    // key line is that heading.
    let end = -1;
    let rest = -1;
    for (let i = 1; i < Math.min(lines.length, 200); i++) {
        const line = lines[i];
        const text = line.text.trim();
        if (/^(---|\.\.\.)$/.test(text) && !line.heading) { end = i; rest = i + 1; break; }
        const yaml = !line.cells && (KEY_LINE.test(text) || /^\s+\S/.test(line.text) || /^-\s/.test(text) || /^#/.test(text));
        if (!yaml) return lines;
        if (line.heading === 2 && KEY_LINE.test(text)) { end = i + 1; rest = i + 1; break; }
        if (line.heading) return lines;
    }
    if (end < 0) return lines;
    const body = lines.slice(1, end);
    if (body.length === 0 || !KEY_LINE.test(body[0].text.trim())) return lines;
    const facts: SourceLine[] = [];
    let key: { name: string; site: boolean; line?: SourceLine } | undefined;
    for (const line of body) {
        const text = line.text.trim();
        const keyed = /^\s/.test(line.text) || /^-\s/.test(text) ? undefined : KEY_LINE.exec(text);
        if (/^#/.test(text)) {
            log.add('front matter', text);
            continue;
        }
        if (keyed) {
            const name = keyed[1].trim().toLowerCase();
            const value = unquoted(keyed[2] ?? '');
            if (SITE_KEYS.has(name)) {
                key = { name, site: true };
                log.add('front matter', text);
                continue;
            }
            const label = FACT_KEYS[name] ?? keyed[1].trim().replace(/_/g, ' ');
            if (!value || /^[|>][-+]?$/.test(value)) {
                // A list or a block follows: its lines are the value.
                const factLine: SourceLine = { text: `${label}:` };
                key = { name, site: false, line: factLine };
                facts.push(factLine);
                continue;
            }
            key = { name, site: false };
            facts.push({ text: `${label}: ${value}` });
            continue;
        }
        if (key?.site) {
            log.add('front matter', text);
            continue;
        }
        // An item or a continuation of the key above: the key's value.
        const item = unquoted(text.replace(/^-\s+/, ''));
        if (key?.line && key.line.text.endsWith(':')) key.line.text = `${key.line.text} ${item}`;
        else if (key?.line) key.line.text = `${key.line.text}; ${item}`;
        else facts.push({ text: item });
    }
    // A key whose value never came is an empty field.
    const kept = facts.filter(line => {
        if (!/:$/.test(line.text)) return true;
        log.add('empty field', line.text);
        return false;
    });
    return [...kept, ...lines.slice(rest)];
}

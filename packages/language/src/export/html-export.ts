import type { Document } from '../generated/ast.js';
import { compilePlaceholderPatterns, findPlaceholders } from '../validation/placeholders.js';
import {
    exportJson, JSON_EXPORT_VERSION,
    type AuthorityJson, type CareerLevelJson, type CharacteristicsJson, type CompetencyJson, type ConditionsJson,
    type DurationJson, type DutySetJson, type ElementJson, type ExportContext,
    type FindingsJson, type IncentiveClauseJson, type IncentiveJson, type JobJson, type JobStdJson, type LetterJson,
    type LevelJson, type LibraryJson, type ProficiencyRequirementJson, type QuantityJson, type RangeJson,
    type RequirementsJson, type RoleJson, type ScaleJson, type ScheduleJson, type SectionJson, type SignatureJson,
    type StatementJson, type TargetJson, type TaskGroupJson, type TaskJson, type WeightJson
} from './json-export.js';
import { humanDate } from './dates.js';
import { DocumentView, documentTitle, elementRuns, listStyleOf, ordinal, paragraphsOf, revisionOf, type Fact, type Line } from './document-view.js';
import { DOCUMENT_STYLE, PAGE_STYLE } from './html-style.js';
import { levelName, proficiencyMatrix, type ProficiencyMatrixCell } from './proficiency-matrix.js';
import { formatShare, formatWeight, sharesDiffer } from './shares.js';
import { capitalise, plural } from '../words.js';

/**
 * One self-contained HTML page for a document: no scripts, nothing fetched, styles inline.
 * It is rendered from the JSON export, so both show the same shares and resolved links.
 */
export function exportHtml(document: Document, context: ExportContext): string {
    const data = exportJson(document, context);
    const pattern = compilePlaceholderPatterns(context.placeholders?.patterns, context.placeholders?.replaceDefaults);
    return new HtmlRenderer(new DocumentView(pattern), pattern, context.findingsAppendix === true).page(data).value;
}

// ---------------------------------------------------------------------------
// Escaping. Markup is built only with the `html` template tag: whatever is put into
// it is escaped unless it is markup the tag made itself, so no user string can reach
// the page (or an attribute) as markup.

/** The one escaping function: &, <, >, " and ' become character references. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Bidi controls (embeddings, overrides, isolates, marks) and right-to-left letters: text holding
 * any of them could reorder what surrounds it unless it is isolated.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NEEDS_ISOLATION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;

/** Whether user text must be wrapped in `bdi` so that it cannot reorder the text around it. */
export function needsIsolation(text: string): boolean {
    return NEEDS_ISOLATION.test(text);
}

/** User text as markup: escaped, and in a `bdi` when it holds bidi controls or right-to-left letters. */
export function isolate(text: string): string {
    const escaped = escapeHtml(text);
    return needsIsolation(text) ? `<bdi>${escaped}</bdi>` : escaped;
}

/** User text for places that take no markup (the page title, the running header): bidi controls removed. */
export function plainText(text: string): string {
    return text.replace(BIDI_CONTROLS, '');
}

/**
 * A CSS string literal for generated content: every character outside letters, digits and
 * spaces becomes a hex escape, so no text can end the string, the rule or the style element.
 */
export function cssString(text: string): string {
    return `"${[...plainText(text).replace(/\s+/g, ' ')].map(c => /[A-Za-z0-9 ]/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `).join('')}"`;
}

/** Markup that is already safe: only `html` and the renderer create it. */
class Html {
    constructor(readonly value: string) {}
}

type Part = Html | string | number | undefined | null | false | Part[];

function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
    let out = strings[0];
    parts.forEach((part, i) => { out += render(part) + strings[i + 1]; });
    return new Html(out);
}

function render(part: Part): string {
    if (part === undefined || part === null || part === false) return '';
    if (part instanceof Html) return part.value;
    if (Array.isArray(part)) return part.map(render).join('');
    return escapeHtml(String(part));
}

function join(parts: Part[], separator: string): Html {
    return new Html(parts.filter(p => p !== undefined && p !== null && p !== false && p !== '').map(render).join(escapeHtml(separator)));
}

// ---------------------------------------------------------------------------

/** How a run of statements is shown: the section's list style, or paragraphs. */
type ListStyle = SectionJson['style'];

interface JobAnchors {
    /** Generated ids for task groups, by the id the writer gave them, for "linked to" links. */
    taskGroups: Map<string, string>;
    /** Generated ids for the levels of a ladder, by the level's name, for "inherits" links. */
    levels: Map<string, string>;
    weights: JobJson['weights'];
}

class HtmlRenderer {
    private jobIndex = 0;
    private anchors: JobAnchors | undefined;
    /** The level of a ladder being written, by name: sections' duty sets are looked up within it. */
    private currentLevel: string | undefined;

    constructor(private readonly view: DocumentView, private readonly placeholderPattern: ReturnType<typeof compilePlaceholderPatterns>, private readonly findingsAppendix: boolean) {}

    page(data: JobStdJson): Html {
        const single = data.jobs.length === 1 ? data.jobs[0] : undefined;
        const onlyLibrary = data.jobs.length === 0 && data.libraries.length === 1 ? data.libraries[0] : undefined;
        const title = documentTitle(data);
        // The page has one h1: the job's title when there is one job, else a title for the whole file.
        const ownH1 = single === undefined && onlyLibrary === undefined;
        const top = ownH1 ? 2 : 1;
        const body = html`
<main>
${ownH1 ? this.heading(1, this.text(title)) : ''}${data.jobs.map(job => this.job(job, top))}${data.libraries.map(lib => this.library(lib, single ? 2 : top))}${this.findingsAppendix ? this.findings(data.findings, 2) : ''}
</main>
${this.findingsAppendix ? html`<footer><p>Exported from ${this.text(data.source)} · jobstd JSON shape ${JSON_EXPORT_VERSION}</p></footer>` : ''}`;
        // The running header of every printed page after the first: title left, revision right.
        const revision = revisionOf(data);
        const runningHeader = `
@page { @top-left { content: ${cssString(shorten(title, 70))}; } @top-right { content: ${revision ? cssString(revision) : 'none'}; } }
@page :first { @top-left { content: none; } @top-right { content: none; } }
`;
        return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${plainText(title)}</title>
<style>${new Html(PAGE_STYLE + DOCUMENT_STYLE + runningHeader)}</style>
</head>
<body>${body}
</body>
</html>
`;
    }

    // ----- text ---------------------------------------------------------------

    /** User text, escaped, with unfilled placeholders marked. Paragraph breaks become line breaks. */
    private text(value: string): Html {
        const out: Part[] = [];
        let at = 0;
        for (const match of findPlaceholders(value, this.placeholderPattern)) {
            out.push(value.slice(at, match.offset));
            out.push(html`<mark class="placeholder">${match.text}</mark>`);
            at = match.offset + match.text.length;
        }
        out.push(value.slice(at));
        const markup = out.map(part => render(part).replace(/\n\n/g, '<br><br>')).join('');
        return new Html(needsIsolation(value) ? `<bdi>${markup}</bdi>` : markup);
    }

    /** Prose as paragraphs: one `p` per paragraph the writer left a blank line for. */
    private prose(value: string, className?: string): Html {
        return html`${value.split('\n\n').map(p => className ? html`<p class="${className}">${this.text(p)}</p>\n` : html`<p>${this.text(p)}</p>\n`)}`;
    }

    /** Prose inside a list item or cell: bare text for one paragraph, paragraphs for several. */
    private flow(value: string): Html {
        return value.includes('\n\n') ? this.prose(value) : this.text(value);
    }

    private quantity(q: QuantityJson | { text: string; placeholder: boolean }): Html {
        return q.placeholder ? html`<mark class="placeholder">${new Html(isolate(q.text))}</mark>` : this.text(q.text);
    }

    /** A line of the view: its pieces escaped, placeholders, values, labels and notes set apart, references linked. */
    private inline(line: Line): Html {
        return html`${line.map(piece => {
            const text = piece.mark === 'placeholder' ? html`<mark class="placeholder">${new Html(isolate(piece.text))}</mark>` : this.plain(piece.text);
            switch (piece.mark) {
                case 'value': return html`<span class="value">${text}</span>`;
                case 'label': return html`<span class="term">${text}</span>`;
                case 'note': return html`<span class="scale">${text}</span>`;
                case 'unresolved': return html`<span class="unresolved">${text}</span>`;
                default: {
                    const anchor = piece.ref && (piece.ref.kind === 'level' ? this.anchors?.levels : this.anchors?.taskGroups)?.get(piece.ref.id);
                    return anchor ? html`<a href="#${anchor}">${text}</a>` : text;
                }
            }
        })}`;
    }

    /** Text the view has already searched for placeholders: escaped, isolated, paragraph breaks kept. */
    private plain(value: string): Html {
        const markup = escapeHtml(value).replace(/\n\n/g, '<br><br>');
        return new Html(needsIsolation(value) ? `<bdi>${markup}</bdi>` : markup);
    }

    private heading(level: number, content: Part): Html {
        const n = Math.min(Math.max(level, 1), 6);
        return new Html(`<h${n}>${render(content)}</h${n}>\n`);
    }

    // ----- jobs and libraries -------------------------------------------------

    private job(job: JobJson, level: number): Html {
        this.jobIndex++;
        this.anchors = { taskGroups: new Map(), levels: new Map(), weights: job.weights };
        (job.levels ?? []).forEach((l, i) => {
            if (!this.anchors!.levels.has(l.id)) this.anchors!.levels.set(l.id, `job${this.jobIndex}-level${i + 1}`);
        });
        let groupIndex = 0;
        const collect = (elements: ElementJson[]): void => {
            for (const e of elements) {
                if (e.kind === 'taskGroup' && !this.anchors!.taskGroups.has(e.id)) {
                    this.anchors!.taskGroups.set(e.id, `job${this.jobIndex}-group${++groupIndex}`);
                }
                if (e.kind === 'section' || e.kind === 'role') collect(e.elements);
            }
        };
        collect(job.elements);
        for (const l of job.levels ?? []) collect(l.elements);
        const factList = this.facts(this.view.jobFacts(job));
        const content = html`${job.summary ? html`<section class="summary">\n${this.heading(level + 1, 'Summary')}${this.prose(job.summary)}</section>\n` : ''}${this.elements(job.elements, level + 1, undefined)}${job.levels ? this.levels(job, level + 1) : ''}${job.disclaimer ? this.prose(job.disclaimer, 'disclaimer') : ''}`;
        // A reviewer reading a printout learns once, at the top, what the marked values mean.
        const unfilled = (factList.value + content.value).includes('<mark class="placeholder">');
        const note = unfilled
            ? html`<p class="placeholder-note">Values marked <mark class="placeholder">like this</mark> are placeholders still to be filled in.</p>\n`
            : '';
        const out = html`<article class="job">
<header>
${this.heading(level, this.text(job.title))}${job.subtitle ? html`<p class="subtitle">${this.text(job.subtitle)}</p>\n` : ''}${factList}${note}</header>
${content}</article>
`;
        this.anchors = undefined;
        return out;
    }

    // ----- ladders ------------------------------------------------------------

    /** The levels of a ladder: the competency × level matrix first, then each level in the order written. */
    private levels(job: JobJson, level: number): Html {
        const levels = job.levels ?? [];
        return html`<section class="levels">
${this.heading(level, 'Levels')}${this.matrix(job)}${levels.map(l => this.careerLevel(l, level + 1, job.weights.duties))}</section>
`;
    }

    private matrix(job: JobJson): Html {
        const matrix = proficiencyMatrix(job);
        if (!matrix || matrix.rows.length === 0) return html``;
        const head = matrix.levels.map(l => html`<th scope="col">${this.text(levelName(l))}</th>`);
        const rows = matrix.rows.map(row => html`<tr><th scope="row">${this.text(row.title)}${row.resolved ? '' : html` <span class="unresolved">(not found)</span>`}</th>${row.cells.map(cell => cell ? html`<td>${this.matrixCell(cell)}</td>` : html`<td></td>`)}</tr>\n`);
        return html`<table class="proficiency-matrix">
<caption>Proficiency required at each level <span class="caption-note">(an empty cell: nothing required)</span></caption>
<thead><tr><th scope="col">Competency</th>${head}</tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
    }

    private matrixCell(cell: ProficiencyMatrixCell): Html {
        const from = cell.from === undefined ? ''
            : 'ladder' in cell.from ? html` <span class="inherited">(every level)</span>`
                : html` <span class="inherited">(inherited from ${this.text(cell.from.level.id)})</span>`;
        const indicators = cell.descriptor && cell.descriptor.indicators.length > 0
            ? html`<ul class="indicators">\n${cell.descriptor.indicators.map(i => html`<li>${this.flow(i.text)}</li>\n`)}</ul>`
            : '';
        return html`<span class="proficiency-value">${this.proficiencyValue(cell.requirement)}</span>${from}${indicators}`;
    }

    private proficiencyValue(r: ProficiencyRequirementJson): Html {
        const label = r.label ?? undefined;
        return html`${this.quantity({ text: r.text, placeholder: r.value === null })}${label ? html` ${this.text(label)}` : ''}`;
    }

    private careerLevel(l: CareerLevelJson, level: number, duties: DutySetJson[] | undefined): Html {
        const id = this.anchors?.levels.get(l.id);
        this.currentLevel = l.id;
        const content = this.elements(l.elements, level + 1, undefined);
        this.currentLevel = undefined;
        return html`<section class="career-level"${id ? html` id="${id}"` : ''}>
${this.heading(level, this.text(levelName(l)))}${this.facts(this.view.levelFacts(l, duties))}${l.summary ? this.prose(l.summary) : ''}${content}</section>
`;
    }

    private facts(facts: Fact[]): Html {
        if (facts.length === 0) return html``;
        return html`<dl class="facts">\n${facts.map(fact => html`<dt>${fact.label}</dt><dd>${this.flowLine(fact.value)}</dd>\n`)}</dl>\n`;
    }

    /** A line of one paragraph as bare text, of several as paragraphs. */
    private flowLine(line: Line): Html {
        const paragraphs = paragraphsOf(line);
        return paragraphs.length === 1 ? this.inline(line) : html`${paragraphs.map(p => html`<p>${this.inline(p)}</p>\n`)}`;
    }

    private library(library: LibraryJson, level: number): Html {
        return html`<section class="library">
${this.heading(level, html`Competency library: ${this.text(library.title)}`)}${this.elements(library.members, level + 1, undefined)}</section>
`;
    }

    // ----- elements -----------------------------------------------------------

    /**
     * Runs of like elements are shown together: task groups, competencies and (outside lists) targets
     * as one table each. In a numbered, lettered or bulleted section every one-line element
     * (statement, target, authority, pay, benefit) is an item of the list, so the numbering is the writer's.
     */
    private elements(elements: ElementJson[], level: number, style: ListStyle): Html {
        return html`${elementRuns(elements, style).map(run => {
            switch (run.kind) {
                case 'item': return this.list(run.elements, style, run.start - 1);
                // Duties with a share of time or a mark read as a table; plain statements as prose.
                case 'statement': return (run.elements as StatementJson[]).some(isDuty)
                    ? this.duties(run.elements as StatementJson[])
                    : html`${run.elements.map(e => this.prose((e as StatementJson).text))}`;
                case 'proficiencyRequirement': return this.proficiencies(run.elements as ProficiencyRequirementJson[]);
                case 'target': return this.targets(run.elements as TargetJson[]);
                case 'taskGroup': return this.taskGroups(run.elements as TaskGroupJson[], level);
                case 'competency': return this.competencies(run.elements as CompetencyJson[], level);
                // Signatures written together are signed together: one block, never split over pages.
                case 'signature': return html`<div class="signatures">\n${run.elements.map(e => this.signature(e as SignatureJson))}</div>\n`;
                default: {
                    const element = run.elements[0];
                    return element.kind === 'section' ? this.section(element, level, ordinal(style, run.start)) : this.element(element, level);
                }
            }
        })}`;
    }

    /** A list in the section's style; an ordered list interrupted by a table or subsection counts on. */
    private list(items: ElementJson[], style: ListStyle, before: number): Html {
        const lis = items.map(e => html`<li>${this.listItem(e)}</li>\n`);
        const start = before > 0 ? html` start="${before + 1}"` : '';
        switch (style) {
            case 'numbered': return html`<ol${start}>\n${lis}</ol>\n`;
            case 'lettered': return html`<ol type="a"${start}>\n${lis}</ol>\n`;
            default: return html`<ul>\n${lis}</ul>\n`;
        }
    }

    private listItem(e: ElementJson): Html {
        switch (e.kind) {
            case 'statement': return html`${this.flow(e.text)}${this.dutyNote(e)}`;
            case 'target': case 'kpi': case 'authority': case 'pay': case 'benefit': return this.inline(this.view.termLine(e));
            default: return this.element(e, 6);
        }
    }

    private element(element: ElementJson, level: number): Html {
        switch (element.kind) {
            case 'section': return this.section(element, level);
            case 'authority': return this.authority(element);
            case 'requirements': return this.requirements(element, level);
            case 'characteristics': return this.characteristics(element, level);
            case 'role': return this.role(element, level);
            case 'scale': return this.scale(element);
            case 'schedule': return this.schedule(element);
            case 'letter': return this.letter(element);
            case 'signature': return this.signature(element);
            case 'incentive': return this.incentive(element, level);
            case 'pay': return html`<p class="pay">${this.inline(this.view.pay(element))}</p>\n`;
            case 'benefit': return html`<p class="benefit">${this.inline(this.view.termLine(element))}</p>\n`;
            case 'statement': return this.prose(element.text);
            case 'target': case 'kpi': return this.targets([element]);
            case 'taskGroup': return this.taskGroups([element], level);
            case 'competency': return this.competencies([element], level);
            case 'proficiencyRequirement': return this.proficiencies([element]);
            case 'conditions': return this.conditions(element, level);
        }
    }

    /** A section, numbered as an item of its parent's list ("2.") when the parent numbers or letters its items. */
    private section(section: SectionJson, level: number, number?: string): Html {
        const className = section.variant === 'trainingPlan' ? 'section training-plan' : 'section';
        const duties = this.anchors?.weights.duties?.find(d => d.section === section.title && d.level === this.currentLevel);
        const title = number ? html`<span class="ordinal">${number}</span> ${this.text(section.title)}` : this.text(section.title);
        return html`<section class="${className}">
${this.heading(level, title)}${this.facts(this.view.sectionFacts(section, duties))}${section.intro ? this.prose(section.intro, 'intro') : ''}${this.elements(section.elements, level + 1, listStyleOf(section))}</section>
`;
    }

    /** Duties with their share of time and whether each is an essential or a marginal function. */
    private duties(duties: StatementJson[]): Html {
        const weighted = duties.some(d => d.weight);
        const marked = duties.some(d => d.function ?? d.mark);
        const rows = duties.map(d => html`<tr><td>${this.flow(d.text)}</td>${weighted ? html`<td class="num">${d.weight ? this.quantity(d.weight) : ''}</td>` : ''}${marked ? html`<td>${capitalise(d.function ?? d.mark ?? '')}</td>` : ''}</tr>\n`);
        return html`<table class="duties">
<caption>${weighted ? 'Duties and their shares of time' : 'Duties'}</caption>
<thead><tr><th scope="col">Duty</th>${weighted ? html`<th scope="col" class="num">Share of time</th>` : ''}${marked ? html`<th scope="col">Function</th>` : ''}</tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
    }

    /** A duty's share and mark after its text, where it is an item of a list: " (35%, essential)". */
    private dutyNote(d: StatementJson | TaskJson): Html | '' {
        const mark = d.function ?? ('necessity' in d ? d.necessity : undefined) ?? d.mark;
        if (!d.weight && !mark) return '';
        return html` <span class="duty-note">(${join([d.weight && this.quantity(d.weight), mark], ', ')})</span>`;
    }

    /** What a level requires of each competency: the level's column of the matrix, as a list. */
    private proficiencies(requirements: ProficiencyRequirementJson[]): Html {
        const items = requirements.map(r => html`<li><span class="term">${this.text(r.title ?? r.competency)}${r.resolved ? '' : html` <span class="unresolved">(not found)</span>`}:</span> ${this.proficiencyValue(r)}</li>\n`);
        return html`<p class="term">Proficiency required</p>\n<ul class="proficiencies">\n${items}</ul>\n`;
    }

    /** Physical demands or working conditions, each with how often it occurs, as written and as a share of the day. */
    private conditions(c: ConditionsJson, level: number): Html {
        const title = c.variant === 'physicalDemands' ? 'Physical demands' : 'Working conditions';
        const rows = c.items.map(item => html`<tr><td>${this.flow(item.text)}</td><td>${item.frequency ? html`${item.frequency.word} <span class="scale">(${item.frequency.share})</span>` : ''}</td></tr>\n`);
        return html`<section class="conditions">
${this.heading(level, title)}<table class="conditions">
<caption>${title} and how often they occur</caption>
<thead><tr><th scope="col">${c.variant === 'physicalDemands' ? 'Demand' : 'Condition'}</th><th scope="col">Frequency</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</section>
`;
    }

    /** Targets and KPIs as written, their numbers set apart: the sentence is what people agree to. */
    private targets(targets: TargetJson[]): Html {
        const rows = targets.map(t => html`<tr><td>${t.kind === 'kpi' ? 'KPI' : 'Target'}</td><td>${this.inline(this.view.termLine(t))}</td></tr>\n`);
        return html`<table class="targets">
<caption>Targets and KPIs</caption>
<thead><tr><th scope="col">Kind</th><th scope="col">As written</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
    }

    private authority(a: AuthorityJson): Html {
        return html`<p class="authority">${this.inline(this.view.termLine(a))}</p>\n`;
    }

    private requirements(r: RequirementsJson, level: number): Html {
        const necessity = (word: string | undefined) => word && html`<span class="necessity">(${word})</span>`;
        const items = r.items.map(item => item.kind === 'statement'
            ? html`<li>${join([this.flow(item.text), necessity(item.necessity ?? item.mark)], ' ')}</li>\n`
            : html`<li><span class="term">${item.keyword === 'licence' ? 'Licence' : capitalise(item.category)}:</span> ${join([
                this.text(item.text),
                item.issuer !== undefined && html`issued by ${this.text(item.issuer)}`,
                item.duration && this.duration(item.duration),
                necessity(item.necessity),
            ], ' ')}</li>\n`);
        return html`<section class="requirements">
${this.heading(level, 'Requirements')}<ul>
${items}</ul>
</section>
`;
    }

    /** A duration as written: "at least 3 years", "2+ years", "three (3) years", "3–5 years". */
    private duration(d: DurationJson): Html {
        const number = d.range ? this.range(d.range)
            : d.spelled !== undefined ? html`${this.text(d.spelled)} (${this.quantity(d)})`
                : html`${this.quantity(d)}${d.plus ? '+' : ''}`;
        return join([d.comparator && this.text(d.comparator), number, this.text(d.unit)], ' ');
    }

    /** A range as written; a blank at either end marks the whole range as still to fill in. */
    private range(r: RangeJson): Html {
        return this.quantity({ text: r.text, placeholder: r.placeholder });
    }

    private taskGroups(groups: TaskGroupJson[], _level: number): Html {
        const set = this.anchors?.weights.taskGroups;
        const shares = sharesDiffer(set);
        const rows = groups.map(g => {
            const id = this.anchors?.taskGroups.get(g.id);
            const name = breakAtSlashes(g.title === g.id ? this.text(g.id) : html`${this.text(g.id)}: ${this.text(g.title)}`);
            const tasks = g.tasks.length > 0 ? html`<ul>\n${g.tasks.map(t => html`<li>${this.flow(t.text)}${this.dutyNote(t)}</li>\n`)}</ul>` : '';
            return html`<tr${id ? html` id="${id}"` : ''}><th scope="row">${name}</th><td>${tasks}</td>${this.weightCells(g.weight, shares)}</tr>\n`;
        });
        // The total belongs under the table only when the table holds every group of the job.
        const total = set && set.total !== null && set.count === groups.length
            ? html`<tfoot><tr><th scope="row">Total</th><td></td><td class="num">${formatWeight(set.total, set.unit)}</td>${shares ? html`<td class="num">100%</td>` : ''}</tr></tfoot>\n`
            : '';
        return html`<table class="task-groups">
<caption>${groups.length === 1 ? 'Task group' : 'Task groups'}${barNote(groups)}</caption>
<thead><tr><th scope="col">Task group</th><th scope="col">Tasks</th><th scope="col" class="num">Weight</th>${shares ? html`<th scope="col" class="num">Share</th>` : ''}</tr></thead>
<tbody>
${rows}</tbody>
${total}</table>
`;
    }

    /** The written weight, and its share as a number and a bar; where the weights are their own shares, the weight with the bar. */
    private weightCells(weight: WeightJson | undefined, shares: boolean): Html {
        if (!weight) return shares ? html`<td class="num"></td><td class="num"></td>` : html`<td class="num"></td>`;
        if (!shares) return html`<td class="num share">${this.quantity(weight)}${weight.share === null ? '' : shareBar(weight.share)}</td>`;
        const share = weight.share === null ? '' : html`${formatShare(weight.share)}${shareBar(weight.share)}`;
        return html`<td class="num">${this.quantity(weight)}</td><td class="num share">${share}</td>`;
    }

    private competencies(competencies: CompetencyJson[], level: number): Html {
        const set = this.anchors?.weights.competencies;
        const shares = sharesDiffer(set);
        // When every level is on one scale, the scale is named once, in the column's header, not in each row.
        const scales = new Set(competencies.map(c => c.level && c.level.resolved ? c.level.scaleTitle ?? c.level.scale : undefined));
        const sharedScale = scales.size === 1 && competencies.length > 1 ? [...scales][0] : undefined;
        const rows = competencies.map(c => html`<tr><th scope="row">${this.text(c.title)}${c.resolved ? '' : html` <span class="unresolved">(not found)</span>`}</th>${this.weightCells(c.weight, shares)}<td>${c.level ? this.level(c.level, sharedScale === undefined) : ''}</td><td>${join(c.linkedTo.map(link => {
            const anchor = link.resolved ? this.anchors?.taskGroups.get(link.id) : undefined;
            const label = breakAtSlashes(link.title && link.title !== link.id ? html`${this.text(link.id)} (${this.text(link.title)})` : this.text(link.id));
            if (!link.resolved) return html`<span class="unresolved">${this.text(link.id)} (not found)</span>`;
            return anchor ? html`<a href="#${anchor}">${label}</a>` : label;
        }), ', ')}</td></tr>\n`);
        const total = set && set.total !== null && set.count === competencies.length
            ? html`<tfoot><tr><th scope="row">Total</th><td class="num">${formatWeight(set.total, set.unit)}</td>${shares ? html`<td class="num">100%</td>` : ''}<td></td><td></td></tr></tfoot>\n`
            : '';
        const details = competencies.filter(c => c.definition !== undefined || c.behaviours.length > 0 || c.smes.length > 0 || c.lastUpdated !== undefined || c.proficiency !== undefined);
        // A library's competencies carry no job's weights or links, and neither do a ladder's that only
        // describe proficiency: their definitions are the whole story, and a table of empty cells would say nothing.
        const bare = competencies.every(c => !c.weight && !c.level && c.linkedTo.length === 0);
        if (bare && (this.anchors === undefined || competencies.every(c => c.proficiency !== undefined))) return html`${competencies.map(c => this.competencyDetails(c, level))}`;
        return html`<table class="competencies">
<caption>${competencies.length === 1 ? 'Competency' : 'Competencies'}${barNote(competencies)}</caption>
<thead><tr><th scope="col">Competency</th><th scope="col" class="num">Weight</th>${shares ? html`<th scope="col" class="num">Share</th>` : ''}<th scope="col">Level${sharedScale ? html` <span class="column-note">(${this.text(sharedScale)})</span>` : ''}</th><th scope="col">Linked to</th></tr></thead>
<tbody>
${rows}</tbody>
${total}</table>
${details.map(c => this.competencyDetails(c, level))}`;
    }

    private competencyDetails(c: CompetencyJson, level: number): Html {
        return html`<section class="competency">
${this.heading(level, this.text(c.title))}${c.definition ? this.prose(c.definition) : ''}${c.behaviours.length > 0
            ? html`<p class="term">Behaviours</p>\n<ul class="behaviours">\n${c.behaviours.map(b => html`<li>${this.flow(b.text)}</li>\n`)}</ul>\n`
            : ''}${this.proficiencyLevels(c)}${this.facts(this.view.competencyFacts(c, this.anchors !== undefined))}</section>
`;
    }

    /** What the competency looks like at each level of its scale: each level's value, label and indicators. */
    private proficiencyLevels(c: CompetencyJson): Html | '' {
        const p = c.proficiency;
        if (!p || p.levels.length === 0) return '';
        const scale = p.scale !== undefined ? html` <span class="scale">(${this.text(p.scaleTitle ?? p.scale)}${p.resolved === false ? ', not found' : ''})</span>` : '';
        return html`<p class="term">Proficiency levels${scale}</p>
<dl class="proficiency-levels">
${p.levels.map(d => html`<dt>${d.value === null ? '' : String(d.value)}${d.label ? html` ${this.text(d.label)}` : ''}</dt><dd>${d.indicators.length > 0 ? html`<ul class="indicators">\n${d.indicators.map(i => html`<li>${this.flow(i.text)}</li>\n`)}</ul>` : ''}</dd>\n`)}</dl>
`;
    }

    private level(level: LevelJson, showScale = true): Html {
        const scale = level.scaleTitle ?? level.scale;
        const value = this.quantity({ text: level.text, placeholder: level.value === null });
        const scaleSays = level.scaleLabel !== undefined && level.scaleLabel !== level.label ? html`where ${level.text} is “${this.text(level.scaleLabel)}”` : '';
        const note = showScale
            ? html` <span class="scale">(${this.text(scale)}${level.resolved ? '' : ', not found'}${scaleSays ? html`, ${scaleSays}` : ''})</span>`
            : scaleSays ? html` <span class="scale">(${scaleSays})</span>` : '';
        return html`${value}${level.label ? html` ${this.text(level.label)}` : ''}${note}`;
    }

    private characteristics(c: CharacteristicsJson, level: number): Html {
        const rows = c.ratings.map(r => html`<tr><th scope="row">${this.text(r.scaleTitle ?? r.scale)}</th><td class="num">${this.quantity({ text: r.text, placeholder: r.value === null })}</td><td>${r.label ? this.text(r.label) : ''}</td></tr>\n`);
        // Its own heading: after a run of competency definitions a bare table would read as part of the last one.
        return html`<section class="characteristics">
${this.heading(level, 'Job characteristics')}<table class="characteristics">
<caption>Ratings of the job's characteristics</caption>
<thead><tr><th scope="col">Characteristic</th><th scope="col" class="num">Rating</th><th scope="col">Description</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</section>
`;
    }

    private role(role: RoleJson, level: number): Html {
        return html`<section class="role">
${this.heading(level, html`Role: ${this.text(role.title)}`)}${this.facts(this.view.roleFacts(role))}${role.summary ? this.prose(role.summary) : ''}${this.elements(role.elements, level + 1, undefined)}</section>
`;
    }

    private scale(scale: ScaleJson): Html {
        const range = scale.min !== undefined && scale.max !== undefined ? ` (${scale.min} to ${scale.max})` : '';
        if (scale.levels.length === 0) {
            return html`<p class="scale"><span class="term">Scale:</span> ${this.text(scale.title)}${range}</p>\n`;
        }
        return html`<table class="scale">
<caption>Scale: ${this.text(scale.title)}${range}</caption>
<thead><tr><th scope="col" class="num">Level</th><th scope="col">Label</th></tr></thead>
<tbody>
${scale.levels.map(l => html`<tr><th scope="row" class="num">${l.value}</th><td>${this.text(l.label)}</td></tr>\n`)}</tbody>
</table>
`;
    }

    private schedule(schedule: ScheduleJson): Html {
        const rows = schedule.shifts.flatMap(shift => shift.spans.map(span => html`<tr><th scope="row">Shift ${this.text(shift.name)}</th><td>${this.text(span.lastDay ? `${span.firstDay}–${span.lastDay}` : span.firstDay)}</td><td>${this.text(`${span.start}–${span.end}`)}</td></tr>\n`));
        return html`<table class="schedule">
<caption>${schedule.title ? this.text(schedule.title) : 'Schedule'}</caption>
<thead><tr><th scope="col">Shift</th><th scope="col">Days</th><th scope="col">Hours</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
    }

    private letter(letter: LetterJson): Html {
        return html`<div class="letter">
${this.facts(this.view.letterFacts(letter))}${letter.paragraphs.map(p => this.prose(p.text))}${letter.signedBy ? html`<p class="signed-by">${this.text(letter.signedBy)}</p>\n` : ''}</div>
`;
    }

    /**
     * A line to sign on with its label beneath, as on a paper form, and a shorter line for the date.
     * A written blank is the line itself, not an unfilled value.
     */
    private signature(s: SignatureJson): Html {
        const isBlank = (value: string) => /^_+$/.test(value);
        const filled = (value: string | undefined) => value !== undefined && !isBlank(value) ? this.text(value) : '';
        const date = s.dated
            ? html`<div class="signature-field signature-date"><span class="signature-line">${filled(s.date && humanDate(s.date))}</span><span class="signature-label">Date</span></div>`
            : '';
        return html`<div class="signature"><div class="signature-field"><span class="signature-line">${filled(s.line)}</span><span class="signature-label">${this.text(s.label)}</span></div>${date}</div>\n`;
    }

    private incentive(incentive: IncentiveJson, level: number): Html {
        const out: Html[] = [];
        let run: Html[] = [];
        const flush = () => {
            if (run.length > 0) out.push(html`<ul class="clauses">\n${run}</ul>\n`);
            run = [];
        };
        for (const clause of incentive.clauses) {
            if (clause.kind === 'incentive' || clause.kind === 'section') {
                flush();
                out.push(clause.kind === 'incentive' ? this.incentive(clause, level + 1) : this.section(clause, level + 1));
            } else {
                run.push(html`<li>${this.clause(clause)}</li>\n`);
            }
        }
        flush();
        return html`<section class="incentive">
${this.heading(level, html`${incentive.variant === 'bonus' ? 'Bonus' : 'Incentive'}: ${this.text(incentive.title)}`)}${out}</section>
`;
    }

    /** An incentive's term as written; a sentence that states terms is shown whole, its terms are its structure. */
    private clause(clause: Exclude<IncentiveClauseJson, IncentiveJson | SectionJson>): Html {
        return clause.kind === 'statement' ? this.flow(clause.text) : this.inline(this.view.termLine(clause));
    }

    // ----- findings -----------------------------------------------------------

    private findings(findings: FindingsJson, level: number): Html {
        const others = findings.items.length - findings.errors - findings.warnings;
        const summary = `${plural(findings.errors, 'error')}, ${plural(findings.warnings, 'warning')}${others > 0 ? `, ${plural(others, 'note')}` : ''}`;
        const table = findings.items.length === 0 ? html`<p>No findings.</p>\n` : html`<table class="findings">
<caption>Findings by line</caption>
<thead><tr><th scope="col" class="num">Line</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th></tr></thead>
<tbody>
${findings.items.map(f => html`<tr class="finding-${f.severity}"><td class="num">${f.line}:${f.column}</td><td>${f.severity}</td><td><code>${f.code}</code></td><td>${new Html(isolate(f.message))}</td></tr>\n`)}</tbody>
</table>
`;
        return html`<section class="findings">
${this.heading(level, 'Findings')}<p class="findings-summary">${summary}</p>
${table}</section>
`;
    }
}

/** A statement that is a duty: it has a share of time or a mark. */
function isDuty(s: StatementJson): boolean {
    return s.weight !== undefined || s.mark !== undefined;
}

/** Says how the bars are drawn, when a table has more than one. */
function barNote(items: Array<{ weight?: WeightJson }>): Html | '' {
    return items.filter(i => i.weight?.share !== null && i.weight?.share !== undefined).length > 1
        ? html` <span class="caption-note">(a full bar is the whole)</span>`
        : '';
}

/** Lets a long name like "Administrative/Miscellaneous" wrap after its slashes rather than mid-word. */
function breakAtSlashes(markup: Html): Html {
    return new Html(markup.value.replace(/\/(?=[^<>]*(<|$))/g, '/<wbr>'));
}

/**
 * A share as a bar: an outlined track with a dark fill, so it reads in black and white and
 * prints without background graphics. Decorative: the number beside it says the same.
 */
function shareBar(share: number): Html {
    // To scale: 7.4% draws as 7.4% of the track, never as a full bar because it is the largest.
    const width = Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
    return html`<svg class="bar" width="64" height="10" aria-hidden="true" focusable="false"><rect class="bar-track" x="0.5" y="0.5" width="63" height="9"/><rect class="bar-fill" x="0.5" y="0.5" width="${(width * 0.63).toFixed(1)}" height="9"/></svg>`;
}



/** A long title cut at a word for the running header, where it shares one line with the revision. */
function shorten(text: string, length: number): string {
    const plain = plainText(text).replace(/\s+/g, ' ').trim();
    if (plain.length <= length) return plain;
    const cut = plain.slice(0, length - 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}



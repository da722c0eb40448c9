import type { Document } from '../generated/ast.js';
import { compilePlaceholderPatterns, findPlaceholders } from '../validation/placeholders.js';
import {
    exportJson, JSON_EXPORT_VERSION,
    type AuthorityJson, type CareerLevelJson, type CharacteristicsJson, type CompetencyJson,
    type DurationJson, type DutySetJson, type ElementJson, type ExportContext,
    type FindingsJson, type IncentiveClauseJson, type IncentiveJson, type JobJson, type JobStdJson, type LetterJson,
    type LibraryJson, type ProficiencyRequirementJson, type QuantityJson, type RangeJson,
    type RequirementsJson, type RoleJson, type ScaleJson, type ScheduleJson, type SectionJson, type SignatureJson,
    type StatementJson, type TargetJson, type TaskGroupJson, type TaskJson
} from './json-export.js';
import { humanDate } from './dates.js';
import { findingsTable, type CellView, type TableView } from './document-tables.js';
import { DocumentView, documentTitle, elementRuns, listStyleOf, ordinal, paragraphsOf, revisionOf, type Fact, type Inline, type Line, type Ref } from './document-view.js';
import { DOCUMENT_STYLE, PAGE_STYLE } from './html-style.js';
import { levelName } from './proficiency-matrix.js';
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

    /**
     * A line of the view: its pieces escaped, placeholders, values, labels and notes set apart; the pieces
     * of one reference (an id and its title) linked as one.
     */
    private inline(line: Line): Html {
        const out: Html[] = [];
        for (let i = 0; i < line.length;) {
            const ref = line[i].ref;
            let end = i + 1;
            while (ref && end < line.length && line[end].ref?.kind === ref.kind && line[end].ref?.id === ref.id) end++;
            const text = html`${line.slice(i, end).map(piece => this.piece(piece))}`;
            out.push(ref ? this.reference(ref, text) : text);
            i = end;
        }
        return html`${out}`;
    }

    private piece(piece: Inline): Html {
        const text = piece.mark === 'placeholder' ? html`<mark class="placeholder">${new Html(isolate(piece.text))}</mark>` : this.plain(piece.text);
        switch (piece.mark) {
            case 'value': return html`<span class="value">${text}</span>`;
            case 'label': return html`<span class="term">${text}</span>`;
            case 'note': return html`<span class="scale">${text}</span>`;
            case 'unresolved': return html`<span class="unresolved">${text}</span>`;
            case 'code': return html`<code>${text}</code>`;
            default: return text;
        }
    }

    /** A level or task group named in the text, linked to where it stands on the page; a task group's name wraps after its slashes. */
    private reference(ref: Ref, text: Html): Html {
        const anchor = this.anchorOf(ref);
        const name = ref.kind === 'taskGroup' ? breakAtSlashes(text) : text;
        return anchor ? html`<a href="#${anchor}">${name}</a>` : name;
    }

    /** The id of the element a level or task group of the current job is written in. */
    private anchorOf(ref: Ref): string | undefined {
        return (ref.kind === 'level' ? this.anchors?.levels : this.anchors?.taskGroups)?.get(ref.id);
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
        const matrix = this.view.proficiencyMatrixTable(job);
        return matrix ? this.table(matrix) : html``;
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
                    ? this.table(this.view.dutyTable(run.elements as StatementJson[]))
                    : html`${run.elements.map(e => this.prose((e as StatementJson).text))}`;
                case 'proficiencyRequirement': return this.proficiencies(run.elements as ProficiencyRequirementJson[]);
                case 'target': return this.targets(run.elements as TargetJson[]);
                case 'taskGroup': return this.taskGroups(run.elements as TaskGroupJson[]);
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
            case 'taskGroup': return this.taskGroups([element]);
            case 'competency': return this.competencies([element], level);
            case 'proficiencyRequirement': return this.proficiencies([element]);
            case 'conditions': return this.table(this.view.conditionsTable(element), level);
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

    /** A duty's share and mark after its text, where it is an item of a list: " (35%, essential)". */
    private dutyNote(d: StatementJson | TaskJson): Html | '' {
        return this.aside(this.view.dutyNote(d), 'duty-note');
    }

    /** A note after some text, set apart: a duty's share and mark, where a requirement is inherited from. */
    private aside(note: Line | undefined, className: string): Html | '' {
        return note ? html` <span class="${className}">${this.inline(note)}</span>` : '';
    }

    /** What a level requires of each competency: the level's column of the matrix, as a list. */
    private proficiencies(requirements: ProficiencyRequirementJson[]): Html {
        const items = requirements.map(r => html`<li><span class="term">${this.text(r.title ?? r.competency)}${r.resolved ? '' : html` <span class="unresolved">(not found)</span>`}:</span> ${this.proficiencyValue(r)}</li>\n`);
        return html`<p class="term">Proficiency required</p>\n<ul class="proficiencies">\n${items}</ul>\n`;
    }

    /** Targets and KPIs as written, their numbers set apart: the sentence is what people agree to. */
    private targets(targets: TargetJson[]): Html {
        return this.table(this.view.targetTable(targets));
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

    private taskGroups(groups: TaskGroupJson[]): Html {
        return this.table(this.view.taskGroupTable(groups, this.anchors?.weights.taskGroups));
    }

    private competencies(competencies: CompetencyJson[], level: number): Html {
        const table = this.view.competencyTable(competencies, this.anchors?.weights.competencies, this.anchors !== undefined);
        if (!table) return html`${competencies.map(c => this.competencyDetails(c, level))}`;
        const details = competencies.filter(c => c.definition !== undefined || c.behaviours.length > 0 || c.smes.length > 0 || c.lastUpdated !== undefined || c.proficiency !== undefined);
        return html`${this.table(table)}${details.map(c => this.competencyDetails(c, level))}`;
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

    private characteristics(c: CharacteristicsJson, level: number): Html {
        return this.table(this.view.characteristicsTable(c), level);
    }

    private role(role: RoleJson, level: number): Html {
        return html`<section class="role">
${this.heading(level, html`Role: ${this.text(role.title)}`)}${this.facts(this.view.roleFacts(role))}${role.summary ? this.prose(role.summary) : ''}${this.elements(role.elements, level + 1, undefined)}</section>
`;
    }

    private scale(scale: ScaleJson): Html {
        const range = scale.min !== undefined && scale.max !== undefined ? ` (${scale.min} to ${scale.max})` : '';
        const table = this.view.scaleTable(scale);
        return table ? this.table(table) : html`<p class="scale"><span class="term">Scale:</span> ${this.text(scale.title)}${range}</p>\n`;
    }

    private schedule(schedule: ScheduleJson): Html {
        return this.table(this.view.scheduleTable(schedule));
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

    // ----- tables -------------------------------------------------------------

    /**
     * Every table of the page. What is in it is the view's; here is only how HTML shows it: the
     * column that names each row as row headers, numbers in `num` cells, shares as bars, task groups'
     * rows as the targets of their links. A table with a heading of its own stands in a section,
     * its heading at `level`.
     */
    private table(table: TableView, level = 6): Html {
        const head = table.columns.map(column => html`<th scope="col"${column.numeric ? html` class="num"` : ''}>${typeof column.header === 'string' ? column.header : this.inline(column.header)}${this.aside(column.note, 'column-note')}</th>`);
        const rows = table.rows.map(row => {
            const id = row.anchor && this.anchorOf(row.anchor);
            const attributes = id ? html` id="${id}"` : row.severity ? html` class="finding-${row.severity}"` : '';
            return html`<tr${attributes}>${this.cells(table, row.cells, row.anchor?.kind === 'taskGroup')}</tr>\n`;
        });
        const total = table.total ? html`<tfoot><tr>${this.cells(table, table.total, false)}</tr></tfoot>\n` : '';
        const markup = html`<table class="${table.kind}">
<caption>${this.inline(table.caption)}${this.aside(table.captionNote, 'caption-note')}${barNote(table)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}</tbody>
${total}</table>
`;
        return table.heading === undefined ? markup : html`<section class="${table.kind}">
${this.heading(level, table.heading)}${markup}</section>
`;
    }

    /** A row's cells; a task group's name, heading its row, wraps after its slashes. */
    private cells(table: TableView, cells: CellView[], taskGroup: boolean): Html {
        return html`${cells.map((cell, c) => {
            const classes = [table.columns[c]?.numeric ? 'num' : '', cell.share !== undefined ? 'share' : ''].filter(name => name !== '').join(' ');
            const attributes = classes ? html` class="${classes}"` : '';
            const content = this.cell(cell);
            return c === table.rowHeader
                ? html`<th scope="row"${attributes}>${taskGroup ? breakAtSlashes(content) : content}</th>`
                : html`<td${attributes}>${content}</td>`;
        })}`;
    }

    /** A cell's value, text, aside and list; the list under a value is what that value looks like, its indicators. */
    private cell(cell: CellView): Html {
        const items = cell.items ?? [];
        const list = items.length === 0 ? ''
            : html`<ul${cell.value ? html` class="indicators"` : ''}>\n${items.map(item => html`<li>${this.flowLine(item.line)}${this.aside(item.note, 'duty-note')}</li>\n`)}</ul>`;
        return html`${cell.value ? html`<span class="proficiency-value">${this.inline(cell.value)}</span>` : ''}${cell.line ? this.flowLine(cell.line) : ''}${this.aside(cell.note, 'inherited')}${list}${typeof cell.share === 'number' ? shareBar(cell.share) : ''}`;
    }

    // ----- findings -----------------------------------------------------------

    private findings(findings: FindingsJson, level: number): Html {
        const others = findings.items.length - findings.errors - findings.warnings;
        const summary = `${plural(findings.errors, 'error')}, ${plural(findings.warnings, 'warning')}${others > 0 ? `, ${plural(others, 'note')}` : ''}`;
        const table = findings.items.length === 0 ? html`<p>No findings.</p>\n` : this.table(findingsTable(findings));
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
function barNote(table: TableView): Html | '' {
    return table.rows.filter(row => row.cells.some(cell => typeof cell.share === 'number')).length > 1
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



// The print and screen styles of the HTML exports: document pages and the index share PAGE_STYLE.

/**
 * The look shared by document pages and the index: a sober HR document on screen, and on paper
 * pages that fit A4 and Letter alike (the margins leave room for either; the printer picks the size).
 */
export const PAGE_STYLE = `
:root { --ink: #1f2328; --muted: #59636e; --rule: #afb8c1; --rule-light: #d8dee4; --head: #eef1f4; --mark: #fff1a8; --error: #b42318; --link: #0a58ca; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.8em 0 .6em; break-after: avoid; page-break-after: avoid; overflow-wrap: break-word; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.4rem; border-bottom: 2px solid var(--ink); padding-bottom: .25em; }
h3 { font-size: 1.15rem; }
h4, h5, h6 { font-size: 1rem; }
a { color: var(--link); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.75rem; }
caption { text-align: left; font-weight: 700; padding: 0 0 .4rem; caption-side: top; }
.caption-note { font-weight: 400; font-size: .85rem; color: var(--muted); }
th, td { border: 1px solid var(--rule); padding: .4rem .6rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: var(--head); border-bottom: 2px solid var(--ink); }
tfoot th, tfoot td { background: var(--head); border-top: 2px solid var(--ink); font-weight: 700; }
tbody th { font-weight: 600; }
tr { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
@page { margin: 20mm 16mm 18mm; }
@page {
  @top-left { font: 8.5pt system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { font: 8.5pt system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8.5pt system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: #444; vertical-align: top; padding-top: 3mm; }
}
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; line-height: 1.4; }
  a { color: inherit; text-decoration: none; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; }
  h3 { font-size: 12pt; }
  h4, h5, h6 { font-size: 10.5pt; }
  table { font-size: 9.5pt; }
  thead { display: table-header-group; }
  th, td { padding: 3pt 5pt; }
  /* A heading keeps at least two lines of what it heads: its first list item goes with the second. */
  :is(h2, h3, h4, h5, h6) + :is(ul, ol, dl) > :first-child { break-after: avoid; page-break-after: avoid; }
  /* A table's header row never stands alone at the foot of a page: the first row comes with it. */
  tbody > tr:first-child { break-before: avoid; page-break-before: avoid; }
}
`;

/** What only document pages need: facts, weights with bars, placeholders, signatures. */
export const DOCUMENT_STYLE = `
.subtitle { color: var(--muted); font-size: 1.15rem; margin: -.4rem 0 0; }
article.job > header { border-bottom: 2px solid var(--ink); padding-bottom: .75rem; margin-bottom: 1.5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.25rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
td ul, td ol { margin: 0; padding-left: 1.2rem; }
li + li { margin-top: .25rem; }
.term { font-weight: 600; }
/* A number inside a sentence as written (a target's "within 3 rings"): set apart, the words kept as they are. */
.value { font-weight: 600; }
.scale, .necessity { color: var(--muted); }
.unresolved { color: var(--error); }
.disclaimer { color: var(--muted); font-size: .9rem; border-top: 1px solid var(--rule); padding-top: .5rem; margin-top: 2rem; }
/*
 * Column widths as shares of the table, so that long names wrap instead of squeezing the tasks;
 * the layout stays automatic, so a column is never narrower than its longest word: a narrow
 * column widens rather than break "Miscellaneous" mid-word (names break after their slashes).
 */
table.task-groups thead th:nth-child(1) { width: 26%; }
table.task-groups thead th:nth-child(2) { width: 40%; }
table.task-groups thead th:nth-child(3) { width: 14%; }
table.task-groups thead th:nth-child(4) { width: 20%; }
table.competencies thead th:nth-child(1) { width: 22%; }
table.competencies thead th:nth-child(2) { width: 10%; }
table.competencies thead th:nth-child(3) { width: 19%; }
table.competencies thead th:nth-child(4) { width: 17%; }
table.competencies thead th:nth-child(5) { width: 32%; }
table.characteristics th[scope="row"] { width: 35%; }
td.share { width: 1%; }
.column-note { font-weight: 400; font-size: .85rem; color: var(--muted); }
caption { break-after: avoid; page-break-after: avoid; }
/* The competency × level matrix: the competency column a sixth, the levels sharing the rest, each as wide as its longest word. */
table.proficiency-matrix { font-size: .9rem; }
table.proficiency-matrix thead th:first-child { width: 16%; }
.proficiency-value { font-weight: 600; display: block; }
.inherited, .duty-note { color: var(--muted); }
ul.indicators { margin: .25rem 0 0; padding-left: 1.1rem; }
dl.proficiency-levels { margin: .25rem 0 .75rem; }
dl.proficiency-levels dt { font-weight: 600; }
dl.proficiency-levels dd { margin: 0 0 .4rem 1rem; }
table.duties th:nth-child(2), table.duties td:nth-child(2) { width: 9rem; }
table.conditions td:nth-child(2) { width: 40%; }
section.career-level { border-top: 1px solid var(--rule); margin-top: 2rem; }
table.findings code { white-space: nowrap; }
svg.bar { display: inline-block; vertical-align: -1px; margin-left: .4rem; }
svg.bar .bar-track { fill: #fff; stroke: var(--ink); stroke-width: 1; }
svg.bar .bar-fill { fill: #3b4550; stroke: none; }
/* Placeholders: a tint on screen, and on paper (even black and white) brackets and a dotted underline. */
mark.placeholder { background: var(--mark); color: inherit; padding: 0 .1em; border-bottom: 1.5px dotted var(--ink); border-radius: 2px; }
mark.placeholder::before { content: "["; font-weight: 700; }
mark.placeholder::after { content: "]"; font-weight: 700; }
.placeholder-note { font-size: .9rem; color: var(--muted); }
section.competency, .letter, .signatures, .signature, table.scale, table.characteristics { break-inside: avoid; page-break-inside: avoid; }
section.competency { border-left: 3px solid var(--rule-light); padding-left: 1rem; margin: 1.25rem 0; }
section.competency > h3, section.competency > h4, section.competency > h5, section.competency > h6 { margin-top: 0; }
.behaviours-label { margin-bottom: .25rem; }
.signatures { margin: 2.5rem 0 1.5rem; }
.signature { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; margin: 0 0 2rem; }
.signature-field { display: flex; flex-direction: column; flex: 1 1 18rem; max-width: 26rem; }
.signature-field.signature-date { flex: 0 1 11rem; }
.signature-line { min-height: 2.5rem; border-bottom: 1.5px solid var(--ink); padding: 0 .25rem .15rem; display: flex; align-items: flex-end; }
.signature-label { font-size: .85rem; color: var(--muted); padding-top: .2rem; }
.letter { border-left: 3px solid var(--rule); padding-left: 1rem; }
.findings-summary { font-weight: 600; }
tr.finding-error td:nth-child(2) { color: var(--error); font-weight: 600; }
footer { color: var(--muted); font-size: .85rem; margin-top: 3rem; border-top: 1px solid var(--rule); }
@media print {
  article.job > header { margin-bottom: 1rem; }
  section.findings { break-before: page; }
  footer { display: none; }
  /* A total belongs once, under the last row, not at the foot of every page the table spans. */
  tfoot { display: table-row-group; }
  /* A task group with many tasks may continue on the next page rather than leave a page empty. */
  table.task-groups tr { break-inside: auto; page-break-inside: auto; }
  table.task-groups li { break-inside: avoid; }
  /* Five levels side by side fit between A4's margins only in small type with little indent. */
  table.proficiency-matrix { font-size: 8.5pt; }
  table.proficiency-matrix :is(th, td) { padding: 2pt 3.5pt; }
  table.proficiency-matrix ul.indicators { padding-left: .9em; }
  table.proficiency-matrix tr { break-inside: auto; page-break-inside: auto; }
  table.proficiency-matrix li { break-inside: avoid; }
  /* A list of facts (grade, scope, time in level) is a few lines: it goes whole, with its heading. */
  dl.facts { break-inside: avoid; page-break-inside: avoid; }
  /* A short table reads whole: a scale, ratings, shifts, conditions, targets and duties. */
  table.scale, table.characteristics, table.schedule, table.conditions, table.targets, table.duties { break-inside: avoid; page-break-inside: avoid; }
  .signature-line { min-height: 2.2rem; }
}
`;

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/**
 * Generators of .jobstd text for the fuzz test: documents built from the language's own
 * constructs, the real examples broken by editing, and text no editor should ever send
 * but a file on disk may hold.
 */

const examplesDir = join(__dirname, '../../../examples');

/** The real job standards and the library, read when the tests run. */
export const examples: string[] = readdirSync(examplesDir).filter(f => f.endsWith('.jobstd')).sort()
    .map(f => readFileSync(join(examplesDir, f), 'utf8'));

// ---------------------------------------------------------------------------
// (a) Documents written in the language

/** What HR prose holds: apostrophes, %, $, &, backslashes, typographic quotes, scripts other than Latin. */
const PROSE_PIECES = [
    ' ', ' ', ' ', 'the', 'customer', 'calls', "Tom's", '100%', '7.4%', '$1,000', '$ xxx,000', '\\$00,000', '\\_\\_\\_',
    '&', '\\', '\\n', '%', '$', '20XX', 'xx', '___', '–', '—', '“', '”', '’', 'é', 'ß', '日本語', '💼', '👩🏽‍💼', 'עברית',
    'العربية', '\t', '\n', '\n\n', '*/', '/*', '//', '{', '}', ',', ':', '<b>', '</script>', '\u200b', '\u00a0',
];

const prosePiece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PROSE_PIECES) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);

/** Prose with no double quote, for "…". */
const plainProse = fc.array(prosePiece, { maxLength: 8 }).map(parts => parts.join('').replace(/"/g, '\u201d'));

/** Prose that quotes someone, for """…""": double quotes inside, never three in a row, none at the end. */
const quotingProse = fc.tuple(plainProse, plainProse, plainProse)
    .map(([a, b, c]) => `${a} "${b}" ${c}.`.replace(/"{2,}/g, '"'));

export const text = fc.oneof(
    { weight: 4, arbitrary: plainProse.map(p => `"${p}"`) },
    { weight: 1, arbitrary: quotingProse.map(p => `"""${p}"""`) },
);

/** Few names, so that links resolve often and duplicates happen. */
const name = fc.constantFrom('A', 'B', 'C', 'Adaptability', 'CustomerFocus', 'DPL', 'Pace', 'Manager', 'Director', 'X_1');

const number = fc.oneof(fc.nat({ max: 120 }).map(String), fc.constantFrom('0', '7.4', '1,000', '99999999999999999999', '0.05'));
const percent = fc.oneof(number.map(n => `${n}%`), fc.constantFrom('00%', 'x%', 'xx%', '100.0%'));
const money = fc.oneof(number.map(n => `$${n}`), fc.constantFrom('$ xxx,000', '$00,000', '\\$00,000', '$ XX', '$ 1,000.50'));
const placeholder = fc.constantFrom('xx', 'XX', '20XX', '___', '\\_\\_\\_', '_______________', '[Salary]', '[Grade]', 'TBD', 'TBC', '00/00/20XX', 'MM/DD/YYYY');
const quantity = fc.oneof(number, percent, money, placeholder);
const date = fc.oneof(
    fc.tuple(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    fc.constantFrom('2003-09-23T03:35:00', '2012-07', '2024-02-30', '20XX', '2025', '___', '00/00/20XX', 'TBD', '[Date]'),
);

const weight = fc.oneof(
    number.map(n => `${n} points`), number.map(n => `${n} pts`), percent, placeholder, fc.constant('-5%'), fc.constant(''));
const level = fc.tuple(name, fc.oneof(number, placeholder), fc.option(text, { nil: '' }))
    .map(([scale, value, label]) => `level ${scale} ${value} ${label}`);
const links = fc.array(name, { minLength: 1, maxLength: 3 }).map(names => `linked to ${names.join(', ')}`);
const comparator = fc.constantFrom('within', 'at least', 'at most', 'no more than', 'up to', 'up to a maximum of',
    'a minimum of', 'more than', 'over', 'below', 'meet or exceed', 'reach or exceed', 'exactly', '');
const unit = fc.constantFrom('', 'rings', 'hours', 'minutes', 'calls', 'years', 'levels');
const period = fc.oneof(
    fc.constant(''), fc.oneof(number, placeholder).map(y => `in ${y}`), unit.map(u => `per ${u || 'hour'}`),
    fc.constantFrom('each month', 'daily', 'weekly', 'quarterly', 'annually', 'once', 'hourly', 'yearly', 'per level', 'per status'));
const bound = fc.constantFrom('', 'or higher', 'or more', 'or better', 'or lower', 'or fewer');

/** Essential or marginal for a duty; required, preferred, essential or desirable for a criterion. */
const mark = fc.constantFrom('', '', 'essential', 'marginal', 'desirable', 'required', 'preferred');
const separator = fc.constantFrom('–', '-', 'to', 'through');
/** A duty with its share of time and its mark: "Processes weekly payroll" 35% essential. */
const statement = fc.oneof(
    { weight: 3, arbitrary: text },
    { weight: 2, arbitrary: fc.tuple(text, weight, mark).map(parts => parts.join(' ')) },
);
const measured = fc.oneof(
    fc.tuple(comparator.filter(c => c !== ''), fc.option(quantity, { nil: '' })).map(p => p.join(' ')), quantity);
const target = fc.tuple(fc.constantFrom('target', 'kpi'), text,
    fc.option(fc.tuple(measured, unit, bound, period).map(p => p.join(' ')), { nil: '' }))
    .map(parts => parts.join(' '));
const authority = fc.tuple(text, comparator, quantity, fc.option(text.map(t => `when ${t}`), { nil: '' }))
    .map(([action, c, limit, when]) => `authority ${action} ${c} ${limit} ${when}`);
/** "at least 3 years", "2+ years", "three (3) years", "3–5 years", "3 - 5 years" */
const duration = fc.oneof(
    fc.tuple(comparator, quantity, unit.filter(u => u !== '')).map(p => p.join(' ')),
    fc.tuple(fc.constantFrom('two', 'three', 'five', 'X'), fc.oneof(number, placeholder), unit).map(([w, v, u]) => `${w} (${v}) ${u}`),
    fc.tuple(number, unit).map(([v, u]) => `${v}+ ${u}`),
    fc.tuple(quantity, fc.constantFrom('–', ' – ', '-', ' - ', ' to ', ' through '), quantity, unit).map(([low, to, high, u]) => `${low}${to}${high} ${u}`),
);
const requirement = fc.tuple(
    fc.constantFrom('education', 'experience', 'certification', 'license', 'licence', 'skill'), text,
    fc.option(fc.tuple(fc.constantFrom('from', 'issued by'), text).map(p => p.join(' ')), { nil: '' }),
    fc.option(duration, { nil: '' }),
    fc.constantFrom('', 'required', 'preferred', 'essential', 'desirable'),
).map(parts => parts.join(' '));
const requirements = fc.array(fc.oneof(requirement, statement), { maxLength: 4 })
    .map(items => `requirements {\n${items.join('\n')}\n}`);
const task = fc.oneof(text, fc.tuple(text, weight, mark).map(parts => parts.join(' ')));
const taskGroup = fc.tuple(name, fc.option(text, { nil: '' }), weight, fc.array(task, { maxLength: 4 }))
    .map(([n, title, w, tasks]) => `task group ${n} ${title} ${w} { ${tasks.join('\n')} }`);
/** What a competency looks like at each level of its scale: `proficiency Scale { 1 "Basic" { "…" } }`. */
const proficiency = fc.tuple(fc.option(name, { nil: '' }),
    fc.array(fc.tuple(number, fc.option(text, { nil: '' }), fc.array(text, { maxLength: 3 })), { maxLength: 4 }))
    .map(([scale, levels]) => `proficiency ${scale} {\n${levels.map(([v, l, b]) => `${v} ${l} {\n${b.join('\n')}\n}`).join('\n')}\n}`);
const competencyBody = fc.array(fc.oneof(
    text.map(t => `definition ${t}`), text.map(t => `sme ${t}`), date.map(d => `last updated ${d}`),
    fc.tuple(fc.constantFrom('behaviours', 'behaviors'), fc.array(text, { maxLength: 3 })).map(([k, b]) => `${k} { ${b.join(' ')} }`),
    level, links, proficiency,
), { maxLength: 5 });
const competency = fc.tuple(name, fc.option(text, { nil: '' }), weight, fc.option(competencyBody, { nil: undefined }))
    .map(([n, title, w, body]) => `competency ${n} ${title} ${w}${body ? ` {\n${body.join('\n')}\n}` : ''}`);
const uses = fc.tuple(name, weight, fc.option(level, { nil: '' }), fc.option(links, { nil: '' }))
    .map(([n, w, l, k]) => `uses ${n} ${w} ${l} ${k}`);
const scale = fc.tuple(name, fc.option(text, { nil: '' }), fc.option(fc.tuple(number, number), { nil: undefined }),
    fc.option(fc.array(fc.tuple(number, text), { maxLength: 4 }), { nil: undefined }))
    .map(([n, title, range, levels]) => `scale ${n} ${title} ${range ? `${range[0]} to ${range[1]}` : ''}${
        levels ? ` { ${levels.map(([v, l]) => `${v} ${l}`).join(' ')} }` : ''}`);
const characteristics = fc.array(fc.tuple(name, fc.oneof(number, placeholder), fc.option(text, { nil: '' })), { maxLength: 4 })
    .map(ratings => `characteristics { ${ratings.map(r => r.join(' ')).join('\n')} }`);
const day = fc.constantFrom('Mon', 'Tue', 'Wednesday', 'Thu', 'Fri', 'Saturday', 'Sun');
/** The demands of the work on the frequency scale of job analysis. */
const conditions = fc.tuple(fc.constantFrom('physical demands', 'working conditions'),
    fc.array(fc.tuple(text, fc.constantFrom('', 'never', 'rarely', 'occasionally', 'frequently', 'constantly')), { maxLength: 4 }))
    .map(([kind, items]) => `${kind} {\n${items.map(i => i.join(' ')).join('\n')}\n}`);
/** A cell of the competency × level matrix. */
const requires = fc.tuple(name, fc.oneof(number, placeholder)).map(([n, v]) => `requires ${n} ${v}`);
const time = fc.constantFrom('7:00am', '4:00pm', '10:00 a.m.', '12:30 P.M.', '9:00', '17:00', '25:99');
const span = fc.tuple(day, fc.option(fc.tuple(separator, day).map(p => p.join(' ')), { nil: '' }), time, separator, time)
    .map(parts => parts.join(' '));
const shift = fc.tuple(fc.oneof(name, number), fc.array(span, { minLength: 1, maxLength: 3 }))
    .map(([n, spans]) => `shift ${n} ${spans.join(', ')}`);
const schedule = fc.tuple(fc.option(text, { nil: '' }), fc.array(shift, { maxLength: 3 }))
    .map(([title, shifts]) => `schedule ${title} {\n${shifts.join('\n')}\n}`);
const letter = fc.array(fc.oneof(
    text.map(t => `to ${t}`), text.map(t => `from ${t}`), text.map(t => `subject ${t}`), text.map(t => `signed ${t}`), statement,
), { maxLength: 6 }).map(parts => `letter {\n${parts.join('\n')}\n}`);
const signature = fc.tuple(text, fc.option(placeholder, { nil: '' }), fc.constantFrom('', 'date', 'date _____', 'date 2024-06-01'))
    .map(([label, line, dated]) => `signature ${label} ${line} ${dated}`);
/** One pay term: "Base salary" $52,000–$68,000 yearly. */
const payTerms = fc.tuple(text, quantity, fc.option(fc.tuple(separator, quantity).map(p => p.join(' ')), { nil: '' }), period)
    .map(parts => parts.join(' '));
/** A pay term and its alternatives, on one line or going on below: `or "Hourly pay" $25 per hour`. */
const pay = fc.tuple(payTerms, fc.array(fc.tuple(fc.constantFrom(' or ', '\n  or '), payTerms), { maxLength: 2 }))
    .map(([first, alternatives]) => `pay ${first}${alternatives.map(([or, terms]) => `${or}${terms}`).join('')}`);
const benefit = text.map(t => `benefit ${t}`);
const reportsTo = fc.oneof(name.map(n => `reports to ${n}`), text.map(t => `reports to ${t}`));

/** Elements that hold elements (sections, roles, incentives) nest a few deep. */
const { element, role } = fc.letrec<{ element: string; section: string; role: string; incentive: string }>(tie => ({
    element: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        statement, target, authority, requirements, taskGroup, competency, uses, scale, characteristics, schedule,
        letter, signature, pay, benefit, conditions, requires, tie('section'), tie('role'), tie('incentive'),
    ),
    section: fc.tuple(
        fc.constantFrom('section', 'training plan'), text, fc.option(weight, { nil: '' }), mark,
        fc.constantFrom('', 'numbered', 'lettered', 'bulleted'),
        fc.option(text.map(t => `intro ${t}`), { nil: '' }), fc.array(tie('element'), { maxLength: 4 }),
    ).map(([kind, title, w, m, style, intro, elements]) => `${kind} ${title} ${w} ${m} ${style} {\n${intro}\n${elements.join('\n')}\n}`),
    role: fc.tuple(name, fc.option(text, { nil: '' }), fc.option(fc.array(fc.oneof(
        reportsTo, text.map(t => `location ${t}`), fc.constantFrom('flsa exempt', 'flsa non-exempt'),
        text.map(t => `summary ${t}`), text.map(t => `scope ${t}`), tie('element'),
    ), { maxLength: 4 }), { nil: undefined }))
        .map(([n, title, body]) => `role ${n} ${title}${body ? ` {\n${body.join('\n')}\n}` : ''}`),
    incentive: fc.tuple(fc.constantFrom('incentive', 'bonus'), text, fc.array(fc.oneof(
        fc.tuple(text, comparator, quantity, unit).map(([m, c, v, u]) => `when ${m} ${c} ${v} ${u}`),
        fc.tuple(quantity, text, fc.option(fc.tuple(comparator, quantity), { nil: undefined }), fc.option(text, { nil: undefined }))
            .map(([r, base, floor, among]) => `rate ${r} of ${base}${floor && floor[0] ? ` ${floor[0]} ${floor[1]}` : ''}${among ? ` shared among ${among}` : ''}`),
        fc.tuple(quantity, fc.boolean()).map(([a, once]) => `amount ${a}${once ? ' one-time' : ''}`),
        text.map(t => `condition ${t}`), fc.constantFrom('paid quarterly', 'paid monthly', 'paid once'),
        target, pay, benefit, statement, tie('incentive'), tie('section'),
    ), { maxLength: 5 }))
        .map(([kind, title, clauses]) => `${kind} ${title} {\n${clauses.join('\n')}\n}`),
}));

const gradeValue = fc.oneof(text, name, number, placeholder, fc.constantFrom('P3', 'GS12'));
const occupation = fc.tuple(fc.constantFrom('onet', 'soc', 'isco'),
    fc.constantFrom('"15-1232.00"', '"43-4051"', '"2635"', '"15-1232"', '"1234.5"', '""', '"XX-XXXX.XX"'), fc.option(text, { nil: '' }))
    .map(([taxonomy, code, title]) => `occupation ${taxonomy} ${code} ${title}`);
const status = fc.tuple(fc.constantFrom('draft', 'in review', 'approved', 'retired'),
    fc.option(text.map(t => `by ${t}`), { nil: '' }), fc.option(date.map(d => `on ${d}`), { nil: '' }))
    .map(([value, by, on]) => `status ${value} ${by} ${on}`);
/** "1–2 years", "typically 18 months", "2+ years", reversed now and then: "5 - 3 years". */
const timeInLevel = fc.tuple(fc.constantFrom('', 'typically', 'about'), number,
    fc.constantFrom('', '+', ' – 3', '-4', ' to 2', ' through 6'), fc.constantFrom('years', 'months', 'levels'))
    .map(([approximately, low, rest, u]) => `time in level ${approximately} ${low}${rest} ${u}`);

/** A level of a ladder: its facts, its duties and the proficiencies it requires. */
const careerLevel = fc.tuple(name, fc.option(text, { nil: '' }), fc.array(fc.oneof(
    gradeValue.map(g => `grade ${g}`), gradeValue.map(g => `band ${g}`), text.map(t => `scope ${t}`), text.map(t => `summary ${t}`),
    timeInLevel, name.map(n => `inherits ${n}`), requires, statement, target, pay, requirements, conditions,
), { maxLength: 6 })).map(([n, title, body]) => `level ${n} ${title} {\n${body.join('\n')}\n}`);

const jobFact = fc.oneof(
    text.map(t => `subtitle ${t}`), text.map(t => `code ${t}`), text.map(t => `level ${t}`), text.map(t => `family ${t}`),
    reportsTo, fc.constantFrom('flsa exempt', 'flsa non-exempt', 'flsa "Exempt"'), text.map(t => `location ${t}`),
    date.map(d => `created ${d}`), date.map(d => `updated ${d}`), date.map(d => `next review ${d}`),
    text.map(t => `sme ${t}`), text.map(t => `summary ${t}`), text.map(t => `disclaimer ${t}`),
    gradeValue.map(g => `grade ${g}`), gradeValue.map(g => `band ${g}`), number.map(n => `levels ${n}`),
    occupation, status, date.map(d => `effective ${d}`),
);

/** A job, or a ladder: one family whose levels each say what differs. */
const job = fc.tuple(fc.constantFrom('job', 'job', 'ladder'), text, fc.array(fc.oneof(
    { weight: 1, arbitrary: jobFact }, { weight: 2, arbitrary: element }, { weight: 1, arbitrary: careerLevel },
), { maxLength: 10 }))
    .map(([kind, title, body]) => `${kind} ${title} {\n  ${body.join('\n  ')}\n}`);

const library = fc.tuple(name, fc.option(text, { nil: '' }), fc.array(fc.oneof(competency, scale, role), { maxLength: 6 }))
    .map(([n, title, members]) => `library ${n} ${title} {\n${members.join('\n')}\n}`);

/** A whole file: jobs and libraries, with comments between them now and then. */
export const jobstdDocument = fc.array(
    fc.oneof({ weight: 3, arbitrary: job }, { weight: 1, arbitrary: library }, { weight: 1, arbitrary: fc.constantFrom('// a note', '/* a\nnote */') }),
    { minLength: 1, maxLength: 3 },
).map(parts => parts.join('\n'));

// ---------------------------------------------------------------------------
// (b) The examples, edited badly

/** What a slip of the keyboard, or a half-typed line, leaves in a file. */
const INSERTS = ['"', '"""', '{', '}', '/*', '//', ',', ':', '%', '$', '\\', '\n', 'job', 'section "x" {', 'task group', 'uses', 'level',
    'ladder', 'level L1 {', 'requires', 'inherits', 'proficiency {', '1 "Basic" {', 'physical demands {', ' 35% essential', ' or ',
    'time in level', 'status', ' on ', ' by ', 'issued by', '[Field]', 'TBD'];

export type Mutation =
    | { kind: 'delete-line' | 'duplicate-line'; at: number }
    | { kind: 'swap-lines' | 'swap-chars'; at: number; with: number }
    | { kind: 'delete-chars' | 'duplicate-chars'; at: number; length: number }
    | { kind: 'insert'; at: number; piece: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constantFrom('swap-lines' as const, 'swap-chars' as const), at: fc.nat(), with: fc.nat() }),
    fc.record({ kind: fc.constantFrom('delete-chars' as const, 'duplicate-chars' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...INSERTS) }),
);

/** Applies one edit; positions are taken modulo the text's size, so any number fits. */
export function mutate(text: string, m: Mutation): string {
    if (m.kind.endsWith('line')) {
        const lines = text.split('\n');
        const i = m.at % lines.length;
        if (m.kind === 'delete-line') lines.splice(i, 1);
        else if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]);
        else if (m.kind === 'swap-lines') {
            const j = (m as { with: number }).with % lines.length;
            [lines[i], lines[j]] = [lines[j], lines[i]];
        }
        return lines.join('\n');
    }
    const size = Math.max(1, text.length);
    const at = m.at % size;
    switch (m.kind) {
        case 'swap-chars': {
            const other = m.with % size;
            const [i, j] = at < other ? [at, other] : [other, at];
            if (i === j || j >= text.length) return text;
            return text.slice(0, i) + text[j] + text.slice(i + 1, j) + text[i] + text.slice(j + 1);
        }
        case 'delete-chars': return text.slice(0, at) + text.slice(at + m.length);
        case 'duplicate-chars': return text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
        case 'insert': return text.slice(0, at) + m.piece + text.slice(at);
    }
    return text;
}

export const mutatedExample = fc.tuple(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([example, edits]) => edits.reduce(mutate, example));

// ---------------------------------------------------------------------------
// (c) Hostile text

const HOSTILE_CHARS = ['\u0000', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '\uFEFF', '\r', '\u2028', '\u2029', '\u0085', '\x1b', '\u202e'];

/** Control characters, lone surrogates, non-characters and stray line ends anywhere in a real document. */
export const hostileCharacters = fc.tuple(fc.constantFrom(...examples),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_CHARS)), { minLength: 1, maxLength: 20 }))
    .map(([example, inserts]) => inserts.reduce((t, [at, c]) => { const i = at % (t.length + 1); return t.slice(0, i) + c + t.slice(i); }, example));

/** The same document with Mac (CR only) or Windows (CRLF) line ends, and perhaps a byte-order mark. */
export const lineEndings = fc.tuple(fc.oneof(fc.constantFrom(...examples), jobstdDocument), fc.constantFrom('\r', '\r\n', '\n\r'), fc.boolean())
    .map(([doc, ending, bom]) => (bom ? '\uFEFF' : '') + doc.replace(/\r?\n/g, ending));

/** One line of 100,000 characters: prose, a name, digits, a comment, or a quote that never closes. */
export const longLine = fc.tuple(
    fc.constantFrom('x', 'a', '9', ' ', '"', '*', '_', '%', '$', 'é', '💼', 'ab ', 'x"', '"a"b'),
    fc.constantFrom('job "J" {\n  "{}"\n}\n', 'job "J" {\n  {}\n}\n', 'job "{}" { }', '// {}\njob "J" { }', '{}',
        'job "J" {\n  """{}', 'job "J" {\n  /*{}'),
).map(([unit, frame]) => frame.replace('{}', unit.repeat(Math.ceil(100_000 / unit.length))));

/** Hundreds of levels: sections, roles or incentives opened, closed or left open. */
export const deepNesting = fc.tuple(
    fc.integer({ min: 100, max: 400 }),
    fc.constantFrom('section "x" {', 'role R {', 'role R{', 'bonus "b" {', 'section "x" numbered { intro "i"'),
    fc.boolean(),
).map(([depth, opener, closed]) => `job "Deep" {\n${`${opener}\n`.repeat(depth)}"inner"\n${closed ? '}\n'.repeat(depth + 1) : ''}`);

// Generates job standards of a chosen size for the benchmark (bench/run.mjs).
// Deterministic: the same arguments always give the same text, so runs compare.
// Every link resolves; the only findings are a few unfilled placeholders.

const TASK_VERBS = ['Takes', 'Prepares', 'Reviews', 'Maintains', 'Resolves', 'Coordinates', 'Calculates', 'Schedules', 'Documents', 'Verifies'];
const TASK_OBJECTS = ['customer orders', 'billing complaints', 'warranty claims', 'shift rosters', 'monthly reports',
    'service requests', 'account records', 'refund approvals', 'delivery schedules', 'training records'];
const QUALITIES = ['Adaptability', 'Communication', 'Customer Focus', 'Initiative', 'Judgment', 'Planning',
    'Problem Solving', 'Teamwork', 'Accuracy', 'Negotiation', 'Persuasiveness', 'Resilience'];
const BEHAVIOURS = ['Adjusts responses to changing customer needs', 'Explains decisions in plain language',
    'Follows up on open requests until closed', 'Shares information with the team in time',
    'Checks the work of others before it goes out', 'Asks questions to find the real problem',
    'Keeps promises made to customers', 'Escalates risks before they become problems'];
// One label per level, as the DPL scale declares it: labels never conflict.
const DPL_LABELS = ['Awareness', 'Basic', 'Intermediate', 'Advanced', 'Expert'];
const CHARACTERISTICS = [
    ['Pace', 3, 'Fast-Paced'], ['Independence', 2, 'Slight Independence'], ['Travel', 1, 'Seldom or never Travel'],
    ['Interaction', 5, 'High Interaction'], ['Structure', 3, 'Moderate Structure'],
];

/** Lines one part (see jobPart) and one library competency add: used to size a document, so sizes are approximate. */
const LINES_PER_PART = 85;
const LINES_PER_LIBRARY_COMPETENCY = 11;

function pick(list, i) {
    return list[i % list.length];
}

/** The scales a library declares: proficiency, and one per job characteristic. */
function scales() {
    const lines = [`  scale DPL "Desired Proficiency Level" 1 to 5 {`];
    DPL_LABELS.forEach((label, i) => lines.push(`    ${i + 1} "${label}"`));
    lines.push('  }');
    for (const [name] of CHARACTERISTICS) lines.push(`  scale ${name} 1 to 5`);
    return lines;
}

function libraryCompetency(name, k) {
    const lines = [`  competency ${name} "${pick(QUALITIES, k)} ${k}" {`,
        `    definition "Shows ${pick(QUALITIES, k).toLowerCase()} in the situations of variant ${k}."`,
        `    last updated 2012-07`,
        '    behaviours {'];
    for (let b = 0; b < 6; b++) lines.push(`      "${pick(BEHAVIOURS, k + b)} (${k}.${b})."`);
    lines.push('    }', '  }');
    return lines;
}

/** A competency library: `count` competencies named `${prefix}0..`, the scales, and the role jobs report to. */
export function generateLibrary(name, count, prefix = 'Lib') {
    const lines = [`library ${name} "${name} Competency Toolkit" {`, ...scales(),
        `  role Supervisor "Customer Service Supervisor"`];
    for (let k = 0; k < count; k++) lines.push(...libraryCompetency(`${prefix}${k}`, k));
    lines.push('}');
    return lines.join('\n') + '\n';
}

/**
 * One part of a job: task groups with tasks, competencies that link to them, uses of
 * library competencies, statements, targets and KPIs. Names carry the part number `p`,
 * so a job of many parts has many names; `firstUse` is the first library competency it uses.
 */
function jobPart(p, firstUse, usePrefix) {
    const groups = [0, 1, 2, 3].map(g => `T${p}_${g}`);
    // Writers leave notes in comments; one per part, as in the examples.
    const lines = [`  // Part ${p}: ${pick(TASK_OBJECTS, p)}`, `  section "Task Groups ${p}" {`];
    groups.forEach((group, g) => {
        lines.push(`    task group ${group} "${pick(TASK_OBJECTS, p + g)} (${p}.${g})" ${10 + g * 5} points {`);
        for (let t = 0; t < 5; t++) lines.push(`      "${pick(TASK_VERBS, p + g + t)} ${pick(TASK_OBJECTS, p * 3 + g + t)} (${p}.${g}.${t})"`);
        lines.push('    }');
    });
    lines.push('  }');

    lines.push(`  section "Competencies ${p}" {`);
    for (let c = 0; c < 3; c++) {
        const level = 1 + (p + c) % 5;
        lines.push(`    competency C${p}_${c} "${pick(QUALITIES, p + c)} (${p}.${c})" ${2 + c} points {`,
            `      definition "Applies ${pick(QUALITIES, p + c).toLowerCase()} to the work of part ${p}."`,
            '      behaviours {');
        for (let b = 0; b < 4; b++) lines.push(`        "${pick(BEHAVIOURS, p + c + b)} (${p}.${c}.${b})."`);
        lines.push('      }',
            `      level DPL ${level} "${DPL_LABELS[level - 1]}"`,
            `      linked to ${groups[c]}, ${groups[(c + 1) % 4]}`,
            '    }');
    }
    for (let u = 0; u < 4; u++) {
        const level = 1 + (p + u) % 5;
        lines.push(`    uses ${usePrefix}${firstUse + u} ${1 + u} points level DPL ${level} "${DPL_LABELS[level - 1]}" linked to ${groups[u]}, ${groups[(u + 2) % 4]}`);
    }
    lines.push('  }');

    lines.push(`  section "Knowledge of Work ${p}" bulleted {`);
    for (let s = 0; s < 6; s++) {
        lines.push(`    "Knows how ${pick(TASK_OBJECTS, p + s)} are handled in unit ${p}.${s} and who to refer questions to."`);
    }
    lines.push('  }');

    lines.push(`  section "Targets and KPIs ${p}" {`,
        `    target "Answers the main phones in unit ${p}" within 3 rings`,
        `    kpi "Customer satisfaction rating in unit ${p}" 9.0 or higher`,
        `    kpi "First-call resolution in unit ${p}" at least 85% in 2025`,
        `    target "Closes service requests of unit ${p}" within 24 hours`,
        // A template blank now and then, as half-filled standards have.
        p % 10 === 0 ? `    kpi "Service agreements sold in unit ${p}" xx in 2025` : `    kpi "Service agreements sold in unit ${p}" 40 in 2025`,
        '  }');
    return lines;
}

/** How many library competencies a job of `parts` parts uses: four per part. */
export function usesPerJob(parts) {
    return parts * 4;
}

/** A job of `parts` parts, using library competencies `${usePrefix}0..` in order. */
export function generateJob(title, parts, usePrefix = 'Lib', firstUse = 0) {
    const lines = [`job "${title}" {`,
        '  level "Professional"',
        '  family "Customer Service"',
        '  reports to Supervisor',
        `  summary "As a ${title} you will be an important member of the team responsible for maintaining customer relationships."`,
        '  created 2024-01-15',
        '  next review 2099-01-01',
        '  requirements {',
        '    education "Highschool degree" required',
        '    experience "customer service experience" at least 3 years',
        '  }'];
    for (let p = 0; p < parts; p++) lines.push(...jobPart(p, firstUse + p * 4, usePrefix));
    lines.push('  characteristics {');
    for (const [name, value, label] of CHARACTERISTICS) lines.push(`    ${name} ${value} "${label}"`);
    lines.push('  }',
        '  signature "Employee Signature" _______________ date',
        '}');
    return lines.join('\n') + '\n';
}

/**
 * One file of about `targetLines` lines: a library and a job that uses it. The job's
 * names all live in one job, the case where a per-link scan of every name is quadratic.
 */
export function generateStandard(targetLines) {
    // Each part needs 4 library competencies: solve parts*(85 + 4*11) ≈ targetLines.
    const parts = Math.max(1, Math.round(targetLines / (LINES_PER_PART + 4 * LINES_PER_LIBRARY_COMPETENCY)));
    return generateLibrary('CTK', usesPerJob(parts)) + generateJob('Customer Service Representative', parts);
}

/**
 * A workspace of `files` files: one library of 100 competencies (for one-part jobs), and
 * `files - 1` jobs of `partsPerJob` parts, each using its own run of library competencies.
 */
export function generateWorkspace(files, partsPerJob = 1) {
    const perJob = usesPerJob(partsPerJob);
    const libraryCount = perJob * 25;
    const result = [{ name: 'library.jobstd', text: generateLibrary('CTK', libraryCount) }];
    for (let f = 1; f < files; f++) {
        const firstUse = ((f - 1) * perJob) % (libraryCount - perJob + 1);
        result.push({ name: `job-${String(f).padStart(4, '0')}.jobstd`, text: generateJob(`Representative ${f}`, partsPerJob, 'Lib', firstUse) });
    }
    return result;
}

export function countLines(text) {
    let n = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    return n;
}

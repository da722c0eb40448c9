import type {
    CareerLevelJson, CompetencyJson, ElementJson, JobJson, ProficiencyDescriptorJson, ProficiencyRequirementJson
} from './json-export.js';

/**
 * The competency × level matrix of a ladder, read from the JSON export so that the HTML page and
 * the Word document show the same cells: one row per competency that any level requires, one
 * column per level in the order written, and in each cell what that level requires.
 */
export interface ProficiencyMatrix {
    levels: CareerLevelJson[];
    rows: ProficiencyMatrixRow[];
}

export interface ProficiencyMatrixRow {
    /** The competency's name, as `requires` names it. */
    competency: string;
    /** Its title when the competency is found, else its name. */
    title: string;
    resolved: boolean;
    /** One per level, in the levels' order; undefined where the level requires nothing. */
    cells: Array<ProficiencyMatrixCell | undefined>;
}

export interface ProficiencyMatrixCell {
    requirement: ProficiencyRequirementJson;
    /** What the competency looks like at that value, when it describes it. */
    descriptor?: ProficiencyDescriptorJson;
    /**
     * Where the requirement is written when not in the level itself: the level it inherits it
     * from (by id), or the ladder, whose own requirements hold for every level.
     */
    from?: { level: CareerLevelJson } | { ladder: true };
}

export function proficiencyMatrix(job: JobJson): ProficiencyMatrix | undefined {
    const levels = job.levels ?? [];
    if (levels.length === 0) return undefined;
    const byId = new Map(levels.map(l => [l.id, l]));
    const ladderOwn = requirementsIn(job.elements);
    const own = new Map(levels.map(l => [l, requirementsIn(l.elements)]));
    // A level inherits what its parent requires (and so on up the chain), unless it says otherwise.
    const cellOf = (level: CareerLevelJson, competency: string): ProficiencyMatrixCell | undefined => {
        const mine = own.get(level)!.get(competency);
        if (mine) return { requirement: mine };
        const seen = new Set<CareerLevelJson>([level]);
        for (let parent = parentOf(level); parent && !seen.has(parent); parent = parentOf(parent)) {
            seen.add(parent);
            const theirs = own.get(parent)!.get(competency);
            if (theirs) return { requirement: theirs, from: { level: parent } };
        }
        const ladder = ladderOwn.get(competency);
        return ladder ? { requirement: ladder, from: { ladder: true } } : undefined;
    };
    const parentOf = (level: CareerLevelJson): CareerLevelJson | undefined =>
        level.inherits?.resolved ? byId.get(level.inherits.id) : undefined;

    // Rows in the order the job declares (or uses) its competencies; those it does not, after, as first required.
    const competencies = competenciesIn([...job.elements, ...levels.flatMap(l => l.elements)]);
    const required: string[] = [];
    for (const map of [ladderOwn, ...own.values()]) for (const name of map.keys()) if (!required.includes(name)) required.push(name);
    const order = (name: string) => {
        const at = competencies.findIndex(c => c.id === name);
        return at < 0 ? competencies.length + required.indexOf(name) : at;
    };
    required.sort((a, b) => order(a) - order(b));

    const rows = required.map((name): ProficiencyMatrixRow => {
        const competency = competencies.find(c => c.id === name);
        const cells = levels.map(level => {
            const cell = cellOf(level, name);
            if (!cell) return undefined;
            const value = cell.requirement.value;
            const descriptor = value === null ? undefined : competency?.proficiency?.levels.find(d => d.value === value);
            return descriptor ? { ...cell, descriptor } : cell;
        });
        const first = cells.find(c => c !== undefined)!.requirement;
        return { competency: name, title: first.title ?? competency?.title ?? name, resolved: first.resolved, cells };
    });
    return { levels, rows };
}

/** The proficiency requirements written among some elements (sections included, roles not: they are other jobs), the first of each competency. */
function requirementsIn(elements: ElementJson[]): Map<string, ProficiencyRequirementJson> {
    const found = new Map<string, ProficiencyRequirementJson>();
    const visit = (list: ElementJson[]) => {
        for (const e of list) {
            if (e.kind === 'proficiencyRequirement' && !found.has(e.competency)) found.set(e.competency, e);
            else if (e.kind === 'section') visit(e.elements);
        }
    };
    visit(elements);
    return found;
}

function competenciesIn(elements: ElementJson[]): CompetencyJson[] {
    return elements.flatMap(e => e.kind === 'competency' ? [e] : e.kind === 'section' ? competenciesIn(e.elements) : []);
}

/** A level as its column and heading name it: "L1: Support Engineer I", or the id alone when it has no title. */
export function levelName(level: CareerLevelJson): string {
    return level.title === level.id ? level.id : `${level.id}: ${level.title}`;
}

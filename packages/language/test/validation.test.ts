import { describe, expect, it } from 'vitest';
import { codesOf, findingsFor, findingsOf, job } from './helpers.js';

const LIBRARY = `library CTK "CTK Competency Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5 { 5 "Expert" }
  competency Adaptability { definition "Maintains effectiveness." }
  competency Communication { definition "Conveys thoughts." }
}`;

/** Competencies with the given percent weights, all linked to one task group. */
function competencies(weights: string[]): string {
    return job(`  task group A "Functional" 100 points { "Takes orders" }
  section "Competencies" {
${weights.map((w, i) => `    competency C${i + 1} ${w}`).join('\n')}
  }`);
}

describe('weight-sum', () => {
    it('says the real total and calls rounding drift a warning (seed 002: 21 weights to 0.1% total 100.1%)', async () => {
        const weights = ['7.4%', '6.5%', '7.4%', '6.5%', '4.1%', '2.4%', '3.3%', '4.1%', '2.4%', '4.1%', '7.4%',
            '4.8%', '2.4%', '6.5%', '4.1%', '4.1%', '6.5%', '2.4%', '6.5%', '2.4%', '4.8%'];
        const findings = (await findingsOf(competencies(weights))).filter(f => f.code === 'weight-sum');
        expect(findings).toHaveLength(1);
        expect(findings[0].severity).toBe('warning');
        expect(findings[0].message).toContain('Competency weights total 100.1%, expected 100%');
        expect(findings[0].message).toContain('±1.05%');
    });

    it('is an error beyond what rounding explains', async () => {
        const findings = (await findingsOf(competencies(['50%', '40%']))).filter(f => f.code === 'weight-sum');
        expect(findings.map(f => [f.severity, f.message])).toEqual([
            ['error', expect.stringContaining('Competency weights total 90%, expected 100% (-10%')],
        ]);
    });

    it('points at the title of the section that holds the set', async () => {
        const { found } = await findingsFor('weight-sum', `job "J" {
  section <|"Competencies"|> {
    competency A 60%
    competency B 30%
  }
}`);
        expect(found.map(f => f.at)).toEqual(['"Competencies"']);
    });

    it('is silent when the weights total exactly 100%', async () => {
        expect(await codesOf(competencies(['33.3%', '33.3%', '33.4%']))).toEqual([]);
    });

    it('obeys a configured tolerance', async () => {
        const loose = (await findingsOf(competencies(['50%', '45%']), { config: { weights: { tolerance: 5 } } })).filter(f => f.code === 'weight-sum');
        expect(loose.map(f => f.severity)).toEqual(['warning']);
        expect(loose[0].message).toContain('configured tolerance of ±5%');
        const strict = (await findingsOf(competencies(['33.3%', '33.3%', '33.3%']), { config: { weights: { tolerance: 0 } } })).filter(f => f.code === 'weight-sum');
        expect(strict.map(f => f.severity)).toEqual(['error']);
    });

    it('counts the weight a job gives a library competency', async () => {
        const findings = await findingsOf(job(`  task group A "Functional" 100 points { "Takes orders" }
  uses Adaptability 60% level DPL 5 "Expert" linked to A
  uses Communication 30% level DPL 5 "Expert" linked to A`), { workspace: [LIBRARY] });
        expect(findings.map(f => f.code)).toEqual(['weight-sum']);
        expect(findings[0].message).toContain('total 90%');
    });

    it('leaves point weights alone: they are relative', async () => {
        expect(await codesOf(job(`  task group A "Functional" 100 points { "Takes orders" }
  task group B "People" 60 points { "Keeps up to date" }
  task group C "Administrative" 20 points { "Organizes records" }`))).toEqual([]);
    });
});

describe('weight-range', () => {
    it('rejects zero, negative and over-100% weights', async () => {
        const { found, expected } = await findingsFor('weight-range', job(`  competency A <|0%|>
  competency B <|120%|>
  competency C 50%
  task group T "Tasks" <|0 points|> { "Task" }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found.every(f => f.severity === 'error')).toBe(true);
        expect(found[1].message).toContain('cannot be more than 100%');
    });
});

describe('weight-unit', () => {
    it('rejects a set that mixes points and percent, at the odd one out', async () => {
        const { found, expected } = await findingsFor('weight-unit', job(`  task group A "One" 100 points { "Task one" }
  task group B "Two" 60 points { "Task two" }
  task group C "Three" <|20%|> { "Task three" }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('weighted in percent');
    });

    it('asks for a unit on a bare number', async () => {
        const { found, expected } = await findingsFor('weight-unit', job(`  task group A "One" <|100|> { "Task one" }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('write 100 points or 100%');
    });
});

describe('placeholder', () => {
    it('finds every unfilled placeholder in prose, escaped or not, one finding each', async () => {
        const { found, expected } = await findingsFor('placeholder', job(`  section "Quality of Work" {
    "Maintains an average of <|\\_\\_\\_\\_\\_|> per customer"
    "Approves loans up to a maximum of <|\\$00,000|>"
    "Decides within <|xx|> minutes, <|00%|> of the time, no more than <|x%|> complaints"
    "Gross sales reach <|$ xxx,000|> in <|20XX|> and <|$00,000|> by <|_____|>"
  }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found.every(f => f.severity === 'warning')).toBe(true);
    });

    it('finds placeholders in value positions and says what they stand for', async () => {
        const { found, expected } = await findingsFor('placeholder', job(`  next review <|20XX|>
  kpi "Agreements sold" <|xx|> in 2025
  pay "Base Salary" <|$ XX|> weekly
  summary "Employee name: <|______|>"`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found.map(f => f.message)).toEqual([
            expect.stringContaining('a year'),
            expect.stringContaining('a number'),
            expect.stringContaining('a dollar amount'),
            expect.stringContaining('a blank'),
        ]);
    });

    it("leaves a signature line's blanks alone: they are where a person signs and dates the page", async () => {
        const { found, expected } = await findingsFor('placeholder', job(`  signature "Employee Signature" ______ date ______
  signature "Manager Signature" \\_\\_\\_ date
  signature "Witness" <|[Name]|> date <|MM/DD/YYYY|>`));
        expect(found.map(f => f.at)).toEqual(expected);
    });

    it('leaves real values alone', async () => {
        expect(await codesOf(job(`  summary "Answers within 3 rings, 100% of the time, $1,000 bonus, 7:00 AM start, EXCEL training in 2025, 0% errors"`))).toEqual([]);
    });

    it('takes extra patterns from the configuration', async () => {
        const { found, expected } = await findingsFor('placeholder', job(`  summary "Reports to <|[NAME]|> by <|TBD|>"`),
            { config: { placeholders: { patterns: [String.raw`\[NAME\]`, String.raw`\bTBD\b`] } } });
        expect(found.map(f => f.at)).toEqual(expected);
    });
});

describe('unresolved-reference', () => {
    it('reports a link to a task group that does not exist, at the link', async () => {
        const { found, expected } = await findingsFor('unresolved-reference', job(`  task group A "One" 100 points { "Task" }
  competency X 100% { linked to A, <|D|> }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe("Unresolved reference: no task group named 'D' in this file or the workspace.");
        expect(found[0].severity).toBe('error');
    });

    it('resolves library competencies and scales from another file', async () => {
        expect(await codesOf(job(`  task group A "One" 100 points { "Task" }
  uses Adaptability 100% level DPL 5 "Expert" linked to A`), { workspace: [LIBRARY] })).toEqual([]);
        const { found, expected } = await findingsFor('unresolved-reference', job(`  uses <|Adaptibility|> 100% level <|DLP|> 5`), { workspace: [LIBRARY] });
        expect(found.map(f => f.at)).toEqual(expected);
    });

    it('resolves reporting lines between roles', async () => {
        const { found, expected } = await findingsFor('unresolved-reference', job(`  role Director { "Directs the division" }
  role Manager { reports to Director }
  role Supervisor { reports to <|Manger|> }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('no role named');
    });
});

describe('duplicate-name', () => {
    it('reports a second task group, competency, scale or role of the same name', async () => {
        const { found, expected } = await findingsFor('duplicate-name', job(`  task group A "One" 50 points { "Task" }
  task group <|A|> "Two" 50 points { "Other task" }
  competency Teamwork 100%
  section "More" { competency <|Teamwork|> }
  scale Pace 1 to 5
  scale <|Pace|> 1 to 3
  role Manager
  role <|Manager|>`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe("Duplicate task group 'A': it is already declared on line 2.");
    });

    it('reports the same competency in two library files', async () => {
        const { found, expected } = await findingsFor('duplicate-name', `library Mine {
  competency <|Adaptability|> { definition "Another definition." }
}`, { workspace: [LIBRARY] });
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('another library declares it in');
    });

    it('allows the same task group names in two different jobs', async () => {
        expect(await codesOf(job(`  task group A "One" 100 points { "Task" }`), { workspace: [job(`  task group A "One" 100 points { "Task" }`)] })).toEqual([]);
    });
});

describe('level-out-of-scale', () => {
    it('reports a level outside its scale', async () => {
        const { found, expected } = await findingsFor('level-out-of-scale', job(`  scale Pace "Pace" 1 to 5
  characteristics {
    Pace <|7|> "Very fast"
    Pace 3 "Fast-Paced"
  }
  competency A { level Pace <|0|> }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe('Level 7 is outside the Pace scale (1 to 5).');
    });

    it('uses the defined levels when a scale has no range', async () => {
        const { found, expected } = await findingsFor('level-out-of-scale', job(`  scale Grade { 1 "Low" 2 "High" }
  characteristics { Grade <|3|> Grade 2 }`));
        expect(found.map(f => f.at)).toEqual(expected);
    });
});

describe('level-label-conflict', () => {
    it('reports a level labelled differently from its scale (seed 002: 5 - Expert and 5 - Always)', async () => {
        const { found, expected } = await findingsFor('level-label-conflict', job(`  task group A "One" 100 points { "Task" }
  uses Adaptability 50% level DPL 5 "Expert" linked to A
  uses Communication 50% level DPL 5 <|"Always"|> linked to A`), { workspace: [LIBRARY] });
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe("Level 5 of DPL is labelled 'Always' here but 'Expert' in the Desired Proficiency Level scale.");
    });

    it('reports labels that disagree between uses when the scale names none', async () => {
        const { found, expected } = await findingsFor('level-label-conflict', job(`  scale Skill 1 to 5
  competency A { level Skill 4 "Advanced" }
  competency B { level Skill 4 <|"Always"|> }
  competency C { level Skill 4 "advanced" }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain("'Advanced' in line 3");
    });
});

describe('target-incomplete', () => {
    it('reports a target without a number or without a unit', async () => {
        const { found, expected } = await findingsFor('target-incomplete', job(`  section "Targets" {
    target <|"Answer the phones"|>
    target "Resolve complaints" <|within hours|>
    target "Answer the main phones" within <|3|>
    target "Answering the main phones" within 3 rings
    kpi "Customer satisfaction rating" 9.0 or higher
    kpi "Renewals of service agreements" 85% in 2025
    kpi "Agreements sold" xx in 2025
  }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('has no number');
        expect(found[2].message).toContain('has no unit');
    });
});

describe('empty-section', () => {
    it('reports a section, task group or block with nothing in it', async () => {
        const { found, expected } = await findingsFor('empty-section', job(`  section <|"Problem Analysis"|> {}
  task group A <|"One"|> 100 points {}
  section "Full" { "Statement" }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe("Section 'Problem Analysis' is empty.");
    });
});

describe('duplicate-statement', () => {
    it('reports the same statement twice in a job, ignoring case and punctuation', async () => {
        const { found, expected } = await findingsFor('duplicate-statement', job(`  section "Knowledge" { "Knows the products." }
  section "Quality" { <|"knows the products"|> "Knows the services" }
  task group A "One" 100 points { "Takes orders" <|"Takes orders"|> }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe('Duplicate statement: the same text is already on line 2.');
    });

    it('reports a behaviour repeated within a competency, not across competencies', async () => {
        const { found, expected } = await findingsFor('duplicate-statement', job(`  competency A { behaviours { "Listens." <|"Listens."|> } }
  competency B { behaviours { "Listens." } }`));
        expect(found.map(f => f.at)).toEqual(expected);
    });
});

describe('review-overdue', () => {
    it('reports a next review date in the past (today is 2026-01-15 in these tests)', async () => {
        const { found, expected } = await findingsFor('review-overdue', job(`  next review <|2013-05-01T00:00|>`));
        expect(found.map(f => f.at)).toEqual(expected);
        // The day it is compared with is not in the message, so exports that carry it do not change from day to day.
        expect(found[0].message).toBe('Review overdue: the next review was due on 2013-05-01.');
    });

    it('is silent for a future review date', async () => {
        expect(await codesOf(job(`  next review 2026-06-01`))).toEqual([]);
    });
});

describe('duplicate-fact', () => {
    it('reports a fact given twice, since only one can be kept', async () => {
        const { found, expected } = await findingsFor('duplicate-fact', job(`  summary "First"
  summary <|"Second"|>`));
        expect(found.map(f => f.at)).toEqual(expected);
    });
});

describe('configured severities', () => {
    it('turns a rule off or changes its severity', async () => {
        const text = job(`  summary "Within xx minutes"
  section "Empty" {}`);
        expect(await codesOf(text, { config: { rules: { placeholder: 'off' } } })).toEqual(['empty-section']);
        const findings = await findingsOf(text, { config: { rules: { 'empty-section': 'error' } } });
        expect(findings.find(f => f.code === 'empty-section')?.severity).toBe('error');
    });
});

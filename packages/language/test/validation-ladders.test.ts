import { describe, expect, it } from 'vitest';
import { codesOf, findingsFor, findingsOf, job } from './helpers.js';

/** The one-edit repair a finding carries for its quick fix. */
function fixOf(finding: { data?: unknown }): unknown {
    return (finding.data as { fix?: unknown } | undefined)?.fix;
}

/** A ladder whose levels require the given proficiencies of Troubleshooting (T) and Communication (C). */
function ladder(levels: string[], head = ''): string {
    return `ladder "Support Engineer" {
${head}  scale P "Proficiency" 1 to 4 {
    1 "Basic"
    2 "Intermediate"
    3 "Advanced"
    4 "Expert"
  }
  competency T "Troubleshooting" {
    proficiency P {
      1 "Basic" {
        "Follows runbooks."
      }
    }
  }
  competency C "Communication"
${levels.join('\n')}
}
`;
}

describe('weight-sum, weight-unit and weight-range on duties', () => {
    it('totals the shares of time of a job\'s duties, at the section that holds them', async () => {
        const { found, expected } = await findingsFor('weight-sum', job(`  section <|"Examples of duties"|> {
    "Reviews building permit applications." 35%
    "Answers questions at the counter." 25%
    "Keeps permit records." 30%
  }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('The shares of time of the duties of this job total 90%, expected 100%');
        expect(found[0].severity).toBe('error');
    });

    it('is silent when the shares total 100%, and keeps the rounding rule', async () => {
        expect(await codesOf(job(`  section "Duties" {
    "Reviews applications." 33.3%
    "Answers questions." 33.3%
    "Keeps records." 33.4%
  }`))).toEqual([]);
        const drift = (await findingsOf(job(`  section "Duties" {
    "Reviews applications." 33%
    "Answers questions." 33%
    "Keeps records." 33%
    "Orders supplies." 2%
  }`))).filter(f => f.code === 'weight-sum');
        expect(drift.map(f => f.severity)).toEqual(['warning']);
        expect(drift[0].message).toContain('total 101%');
    });

    it('gives each level of a ladder its own set, reported at the level', async () => {
        const { found, expected } = await findingsFor('weight-sum', `ladder "L" {
  level <|L1|> "One" {
    "Resolves tickets" 60%
    "Writes articles" 30%
  }
  level L2 "Two" {
    "Resolves tickets" 50%
    "Mentors" 50%
  }
}`);
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('of level L1 total 90%');
    });

    it('totals the duties of a weighted section to the section\'s own share', async () => {
        const { found, expected } = await findingsFor('weight-sum', job(`  section "Essential duties" 60% {
    "Reviews applications." 40%
    "Answers questions." 20%
  }
  section <|"Other duties"|> 40% {
    "Orders supplies." 10%
    "Files records." 20%
  }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain("of section 'Other duties' total 30%, expected the section's 40%");
    });

    it('says which duty has no share where the others of its section do', async () => {
        const { found, expected } = await findingsFor('weight-unit', job(`  section "Duties" {
    "Reviews applications." 60%
    <|"Answers questions."|>
    "Keeps records." 40%
  }
  section "About the team" {
    "We are a friendly team."
  }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe("Duty 'Answers questions.' has no share of time, but the other duties of this job do.");
    });

    it('leaves statements alone when no duty has a share', async () => {
        expect(await codesOf(job(`  section "Duties" {
    "Reviews applications."
    "Answers questions."
  }`))).toEqual([]);
    });

    it('rejects a share over 100%, or over the share of its section', async () => {
        const { found } = await findingsFor('weight-range', job(`  section "Essential" 50% {
    "Reviews applications." 60%
  }
  section "Other" 50% {
    "Answers questions." 50%
  }`));
        expect(found.map(f => f.message)).toEqual([
            "Weight 60% of duty 'Reviews applications.' cannot be more than its section's 50%.",
        ]);
    });
});

describe('no-essential-function', () => {
    it('reports marks with no essential function, at the first mark', async () => {
        const { found, expected } = await findingsFor('no-essential-function', job(`  section "Duties" {
    "Files records" 50% <|marginal|>
    "Orders supplies" 50% marginal
  }`));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].severity).toBe('warning');
    });

    it('counts a section\'s mark for the duties inside it', async () => {
        expect(await codesOf(job(`  section "Essential functions" essential {
    "Reviews applications."
  }
  section "Marginal functions" marginal {
    "Orders supplies."
  }`))).toEqual([]);
    });

    it('is silent when nothing is marked, and reads essential in requirements as a necessity', async () => {
        expect(await codesOf(job(`  requirements {
    "Degree in social work" essential
  }
  "Answers phones" marginal
  "Takes messages" essential`))).toEqual([]);
        expect(await codesOf(job(`  requirements {
    "Degree in social work" essential
  }
  "Answers phones" marginal`))).toEqual(['no-essential-function']);
    });
});

describe('level-count', () => {
    it('reports a ladder that declares more levels than it describes, with a fix', async () => {
        const findings = (await findingsOf(`ladder "L" {
  levels 3
  level L1 "One" { "Resolves tickets" }
  level L2 "Two" { "Mentors" }
}`)).filter(f => f.code === 'level-count');
        expect(findings.map(f => f.message)).toEqual(['The ladder declares 3 levels but describes 2.']);
        expect(fixOf(findings[0])).toMatchObject({ title: 'Declare 2 levels', newText: '2' });
    });

    it('reports the reverse too, and is silent when they agree', async () => {
        const { found, expected } = await findingsFor('level-count', `ladder "L" {
  levels <|1|>
  level L1 "One" { "Resolves tickets" }
  level L2 "Two" { "Mentors" }
}`);
        expect(found.map(f => f.at)).toEqual(expected);
        expect(await codesOf(`ladder "L" {
  levels 2
  level L1 "One" { "Resolves tickets" }
  level L2 "Two" { "Mentors" }
}`)).toEqual([]);
    });
});

describe('duplicate-level-title', () => {
    it('reports the second level of a title, ignoring case', async () => {
        const { found, expected } = await findingsFor('duplicate-level-title', `ladder "L" {
  level L1 "Clerk I" { "Files" }
  level L2 <|"clerk i"|> { "Files more" }
  level L3 "Clerk III" { "Files most" }
}`);
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('Levels L1 and L2 have the same title');
    });

    it('reports two levels of one name as duplicate names', async () => {
        expect(await codesOf(`ladder "L" {
  level L1 "One" { "Files" }
  level L1 "Two" { "Files more" }
}`)).toEqual(['duplicate-name']);
    });
});

describe('proficiency-falls', () => {
    it('reports a level that requires less than the level below, at its value, with a fix', async () => {
        const { found, expected } = await findingsFor('proficiency-falls', ladder([
            '  level L1 "One" {\n    requires T 2\n  }',
            '  level L2 "Two" {\n    requires T <|1|>\n  }',
            '  level L3 "Three" {\n    requires T 3\n  }',
        ]));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe('Level L2 requires T at 1, less than the 2 that level L1 requires: proficiency should not fall as the level rises.');
        expect(fixOf(found[0])).toMatchObject({ newText: '2' });
    });

    it('is silent when proficiency stays or rises', async () => {
        expect(await codesOf(ladder([
            '  level L1 "One" {\n    requires T 1\n    requires C 1\n  }',
            '  level L2 "Two" {\n    requires T 1\n    requires C 2\n  }',
            '  level L3 "Three" {\n    requires T 3\n    requires C 2\n  }',
        ]))).toEqual([]);
    });

    it('reads what a level inherits and what the ladder requires of every level', async () => {
        const findings = (await findingsOf(ladder([
            '  level L1 "One" {\n    requires T 3\n  }',
            '  level L2 "Two" {\n    inherits L1\n  }',
            '  level L3 "Three" {\n    requires C 2\n  }',
        ], '  requires C 1\n'))).filter(f => f.code.startsWith('proficiency') || f.code.startsWith('level-'));
        // L2 inherits T 3 from L1; L3 neither inherits nor requires T.
        expect(findings.map(f => [f.code, f.message])).toEqual([
            ['level-competency-missing', 'Level L3 does not require T, which level L2 requires at 3.'],
        ]);
    });
});

describe('level-competency-missing', () => {
    it('reports a level that drops a competency the level below requires, at the level, with a fix', async () => {
        const text = ladder([
            '  level L1 "One" {\n    requires T 1\n    requires C 1\n  }',
            '  level <|L2|> "Two" {\n    requires T 2\n  }',
        ]);
        const { found, expected } = await findingsFor('level-competency-missing', text);
        expect(found.map(f => f.at)).toEqual(expected);
        const fix = fixOf(found[0]) as { newText: string; range: { start: { line: number } } };
        expect(fix.newText).toBe('    requires C 1\n');
    });

    it('is silent for a competency a higher level adds', async () => {
        expect(await codesOf(ladder([
            '  level L1 "One" {\n    requires T 1\n  }',
            '  level L2 "Two" {\n    requires T 2\n    requires C 1\n  }',
        ]))).toEqual([]);
    });
});

describe('level-out-of-scale on proficiency requirements', () => {
    it('reports a proficiency beyond the competency\'s scale', async () => {
        const { found, expected } = await findingsFor('level-out-of-scale', ladder([
            '  level L1 "One" {\n    requires T <|5|>\n  }',
        ]));
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toContain('outside the levels Troubleshooting describes (1 to 4)');
    });

    it('reports an unknown competency as an unresolved reference', async () => {
        expect(await codesOf(ladder(['  level L1 "One" {\n    requires Typing 2\n  }']))).toEqual(['unresolved-reference']);
    });
});

describe('range-reversed', () => {
    it('reports a pay range, an alternative, a time in level and an experience range written backwards', async () => {
        const { found, expected } = await findingsFor('range-reversed', `ladder "L" {
  level L1 "One" {
    time in level <|3–2|> years
    pay "Base salary" <|$68,000–$52,000|> yearly or "Hourly" <|$30.00 - $25.00|> per hour
    requirements {
      experience "support" <|5 to 3|> years essential
    }
  }
}`);
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found.map(f => fixOf(f))).toMatchObject([
            { newText: '2–3' }, { newText: '$52,000–$68,000' }, { newText: '$25.00 - $30.00' }, { newText: '3 to 5' },
        ]);
    });

    it('is silent for ranges that run low to high, and for open ones', async () => {
        expect(await codesOf(`ladder "L" {
  level L1 "One" {
    time in level 1–2 years
    pay "Base salary" $52,000–$68,000 yearly
    requirements {
      experience "support" 2+ years
      experience "team leadership" 3–5 years
      experience "clerical work" two (2) years
    }
  }
  level L2 "Two" {
    time in level typically 18 months
  }
}`)).toEqual([]);
    });
});

describe('occupation-code', () => {
    it('checks the shape of each taxonomy\'s codes', async () => {
        const { found, expected } = await findingsFor('occupation-code', `job "A" {
  occupation onet <|"43-4051"|>
}
job "B" {
  occupation soc <|"43-4051.00"|>
}
job "C" {
  occupation isco <|"42221"|>
}`);
        expect(found.map(f => f.at)).toEqual(expected);
        expect(found[0].message).toBe("'43-4051' does not have the shape of an O*NET-SOC 2019 code: they are written like 43-4051.00.");
    });

    it('accepts well-formed codes', async () => {
        expect(await codesOf(`job "A" {
  occupation onet "43-4051.00" "Customer Service Representatives"
}
job "B" {
  occupation soc "43-4051"
}
job "C" {
  occupation isco "4222"
}`)).toEqual([]);
    });
});

describe('new facts', () => {
    it('reports a repeated grade, status or time in level', async () => {
        const findings = (await findingsOf(`ladder "L" {
  grade P3
  grade P4
  status draft
  status approved by "Dana" on 2026-03-14
  level L1 "One" {
    time in level 1–2 years
    time in level 2–3 years
  }
}`)).filter(f => f.code === 'duplicate-fact');
        expect(findings.map(f => f.message.split(' is given')[0])).toEqual(["'grade'", "'status'", "'timeInLevel'"]);
    });

    it('does not call a duty repeated in two levels a duplicate', async () => {
        expect(await codesOf(`ladder "L" {
  level L1 "One" { "Resolves tickets" }
  level L2 "Two" { "Resolves tickets" }
}`)).toEqual([]);
    });
});

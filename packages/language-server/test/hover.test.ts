import { beforeAll, describe, expect, it } from 'vitest';
import { expectHover, parseHelper } from 'langium/test';
import { createServices, readExample } from './helpers.js';

const services = createServices();
const hover = expectHover(services.JobStd);

const TEAM = `job "Team Lead" {
  section "Task Groups" {
    task group A "Functional/Technical" 100 points {
      "Takes orders"
    }
    task group B "People" 60 points {
      "Coaches"
    }
    task group C 20 points {
      "Files"
    }
  }
  section "Competencies" {
    uses Ada<|>ptability 7.4% level DPL 5 "Expert" linked to A, B
    uses Focus 82.6% level DPL 5 "Always" linked to <|>A
  }
  competency Own<|>ed 10% {
    linked to C
  }
}
`;

beforeAll(async () => {
    // The library the job uses, in the workspace but not the file under test.
    await parseHelper(services.JobStd)(`library CTK "CTK Competency Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5 {
    5 "Expert"
    3 "Intermediate"
  }
  competency Adaptability {
    definition "Maintains effectiveness when things change."
  }
  competency Focus "Customer Focus" 10%
}
`, { documentUri: 'file:///workspace/ctk.jobstd' });
});

describe('hover', () => {
    it('on a use of a library competency: weight, normalised share, level label, linked task groups, definition', async () => {
        await hover({
            text: TEAM, index: 0,
            hover: '**Competency Adaptability**\n\n'
                + 'Weight **7.4%** · share **7.4%** of 100%\n\n'
                + 'Level **5 "Expert"** on DPL (Desired Proficiency Level)\n\n'
                + 'Linked to task groups A (Functional/Technical), B (People)\n\n'
                + 'Maintains effectiveness when things change.',
            disposeAfterCheck: true,
        });
    });

    it('says when a level label differs from the scale', async () => {
        await hover({
            text: TEAM.replace('Ada<|>ptability', 'Adaptability').replace('uses Focus', 'uses Fo<|>cus'), index: 0,
            hover: /Level \*\*5 "Always"\*\* on DPL \(Desired Proficiency Level\) \(the scale calls level 5 "Expert"\)/,
            disposeAfterCheck: true,
        });
    });

    it('on a task group reference: its points, its share of all points, and the competencies linked to it', async () => {
        await hover({
            text: TEAM, index: 1,
            hover: '**Task group A** — Functional/Technical\n\n'
                + 'Weight **100 points** · share **55.6%** of 180 points\n\n'
                + '1 task\n\n'
                + 'Linked from competencies Adaptability, Focus',
            disposeAfterCheck: true,
        });
    });

    it('on a competency declared in the job (its declaration)', async () => {
        await hover({
            text: TEAM, index: 2,
            hover: '**Competency Owned**\n\nWeight **10%** · share **10.0%** of 100%\n\nLinked to task groups C',
            disposeAfterCheck: true,
        });
    });

    it('says the share is unknown while a weight is a placeholder', async () => {
        await hover({
            text: 'job "J" {\n  task group <|>A 10 points {\n    "a"\n  }\n  task group B xx points {\n    "b"\n  }\n}\n', index: 0,
            hover: /Weight \*\*10 points\*\* · share unknown until every task group weight is filled in/,
            disposeAfterCheck: true,
        });
    });

    it('on a scale: its range and its levels', async () => {
        await hover({
            text: 'job "J" {\n  uses Adaptability level D<|>PL 5\n}\n', index: 0,
            hover: '**Scale DPL** — Desired Proficiency Level\n\nLevels 1 to 5\n\n5 "Expert" · 3 "Intermediate"',
            disposeAfterCheck: true,
        });
    });

    it('on a placeholder, in a value or in prose: what it stands for', async () => {
        const text = 'job "J" {\n  pay "Base" $ X<|>X weekly\n  "Sales grow 0<|>0% in 20X<|>X."\n  signature "Employee" __<|>___\n}\n';
        await hover({ text, index: 0, hover: '**Placeholder** `$ XX`: a dollar amount still to be filled in.', disposeAfterCheck: true });
        await hover({ text, index: 1, hover: '**Placeholder** `00%`: a percentage still to be filled in.', disposeAfterCheck: true });
        await hover({ text, index: 2, hover: '**Placeholder** `20XX`: a year still to be filled in.', disposeAfterCheck: true });
        // A signature line's blank is where a person signs: the check leaves it alone, and so does the hover.
        await hover({ text, index: 3, hover: '**Signature line** `_____`: left blank, to be signed and dated on the page.', disposeAfterCheck: true });
    });

    it('on a placeholder inside prose, points at the placeholder, not the whole text', async () => {
        const text = 'job "J" {\n  "Sales grow 00% in 2025."\n}\n';
        const document = await parseHelper(services.JobStd)(text);
        const result = await services.JobStd.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('00%') + 1),
        });
        expect(document.textDocument.getText(result!.range)).toBe('00%');
    });

    it('on the seed 002 job: the 100.1% set gives each competency its normalised share', async () => {
        const job = readExample('customer-service-representative.jobstd');
        await hover({
            text: job.replace('uses LearningAgility', 'uses Learning<|>Agility'), index: 0,
            hover: /Weight \*\*7\.4%\*\* · share \*\*7\.4%\*\* of 100\.1%/,
            disposeAfterCheck: true,
        });
        expect(job).toContain('uses LearningAgility 7.4%');
    });
});

describe('hover on numbers', () => {
    it('on a points weight: the member, its normalised share and the set total', async () => {
        await hover({
            text: TEAM.replace('B "People" 60 points', 'B "People" 6<|>0 points'), index: 0,
            hover: '**B**: 60 points · share **33.3%** of 180 points',
            disposeAfterCheck: true,
        });
        // The unit word is part of the weight.
        await hover({
            text: TEAM.replace('C 20 points', 'C 20 poi<|>nts'), index: 0,
            hover: '**C**: 20 points · share **11.1%** of 180 points',
            disposeAfterCheck: true,
        });
    });

    it('on a percent weight of the seed 002 job: the share of its 100.1% total', async () => {
        const job = readExample('customer-service-representative.jobstd');
        await hover({
            text: job.replace('uses Adaptability 7.4%', 'uses Adaptability 7.<|>4%'), index: 0,
            hover: '**Adaptability**: 7.4% · share **7.4%** of a 100.1% total',
            disposeAfterCheck: true,
        });
    });

    it('on a weight while another is a placeholder: the share is not known yet', async () => {
        await hover({
            text: 'job "J" {\n  task group A 1<|>0 points {\n    "a"\n  }\n  task group B xx points {\n    "b"\n  }\n}\n', index: 0,
            hover: '**A**: 10 points · share unknown until every task group weight is filled in, in one unit',
            disposeAfterCheck: true,
        });
    });

    it('on a level number: its label and its scale\'s name and range', async () => {
        await hover({
            // TEAM's first marker is on the name; the second is on the level.
            text: TEAM.replace('level DPL 5 "Expert"', 'level DPL <|>5 "Expert"'), index: 1,
            hover: 'Level **5 "Expert"** on DPL (Desired Proficiency Level)\n\nScale DPL runs **1 to 5**',
            disposeAfterCheck: true,
        });
    });

    it('on a characteristic rating outside its scale: says so', async () => {
        await hover({
            text: 'job "J" {\n  characteristics {\n    DPL <|>7 "Fast-Paced"\n  }\n}\n', index: 0,
            hover: 'Rating **7 "Fast-Paced"** on DPL (Desired Proficiency Level)\n\nScale DPL runs **1 to 5** — level 7 is outside it',
            disposeAfterCheck: true,
        });
    });

    it('on a target or KPI number: comparator, number, unit and period as read', async () => {
        const text = 'job "J" {\n  target "Answering the main phones" within <|>3 rings\n'
            + '  kpi "Renewals" 8<|>5% in 2025\n  kpi "Customer satisfaction rating" 9.0 or hig<|>her\n  kpi "Agreements sold" xx i<|>n 2025\n}\n';
        await hover({ text, index: 0, hover: '**Target**: within 3 rings — comparator within, number 3, unit rings', disposeAfterCheck: true });
        await hover({ text, index: 1, hover: '**KPI**: 85% in 2025 — number 85, unit percent, period in 2025', disposeAfterCheck: true });
        await hover({ text, index: 2, hover: '**KPI**: 9.0 or higher — number 9, bound or higher', disposeAfterCheck: true });
        await hover({ text, index: 3, hover: '**KPI**: xx in 2025 — number still to be filled in (xx), period in 2025', disposeAfterCheck: true });
    });

    it('on an authority limit and a bonus threshold', async () => {
        const text = 'job "J" {\n  authority "Approves loans" up to a maximum of $5,0<|>00\n'
            + '  bonus "Bonus Program" {\n    when "Gross Sales" reach or exceed $ 25<|>0,000\n  }\n}\n';
        await hover({ text, index: 0, hover: '**Authority limit**: up to a maximum of $5,000 — comparator up to a maximum of, number 5000, unit dollars', disposeAfterCheck: true });
        await hover({ text, index: 1, hover: '**Threshold**: reach or exceed $ 250,000 — comparator reach or exceed, number 250000, unit dollars', disposeAfterCheck: true });
    });
});

const LADDER = `ladder "Support Engineer" {
  levels 2
  scale PL "Proficiency" 1 to 4
  competency Troubleshooting "Troubleshooting" {
    proficiency PL {
      1 "Basic" { "Follows the runbook for known faults." }
      3 "Advanced" { "Isolates intermittent faults." "Writes the runbook others follow." }
    }
  }
  level L1 "Support Engineer I" {
    grade "P1"
    scope "Own tickets"
    time in level 1–2 years
    requires Troubleshooting 1
    "Answers tickets." 70% essential
    "Writes notes." 30% marginal
  }
  level L2 "Support Engineer II" {
    inherits L<|>1
    requires Troubleshooting <|>3
    section "Essential functions" 6<|>0% essential {
      "Resolves escalations." 4<|>0%
      "Mentors L1 engineers." 20%
    }
    section "Other duties" 40% {
      "Improves tooling." 40%
    }
  }
  physical demands {
    "Lifts equipment of up to 25 lbs" occa<|>sionally
  }
  occupation on<|>et "15-1232.00" "Computer User Support Specialists"
}
`;

describe('hover on a ladder', () => {
    it('on a level named by inherits: its title, grade, scope, time in level and what it requires', async () => {
        await hover({
            text: LADDER, index: 0,
            hover: '**Level L1** — Support Engineer I\n\ngrade P1 · time in level 1–2 years\n\nScope: Own tickets\n\nRequires Troubleshooting 1',
            disposeAfterCheck: true,
        });
    });

    it('on a required proficiency: the label and the indicators of that cell of the matrix', async () => {
        await hover({
            text: LADDER, index: 1,
            hover: '**Troubleshooting 3 "Advanced"** at level L2\n\n- Isolates intermittent faults.\n- Writes the runbook others follow.',
            disposeAfterCheck: true,
        });
    });

    it("on a section's share and on a duty's: the share of time, the mark and the set's total", async () => {
        await hover({
            text: LADDER, index: 2,
            hover: '**Section "Essential functions"**: 60% of the time · essential\n\n2 shares here total **100%** of 100%',
            disposeAfterCheck: true,
        });
        await hover({
            text: LADDER, index: 3,
            hover: "**Duty**: 40% of the time · essential\n\n2 shares here total **60%** of the section's 60%",
            disposeAfterCheck: true,
        });
    });

    it('on the frequency of a physical demand, and on an occupation: what they mean', async () => {
        await hover({ text: LADDER, index: 4, hover: '**Occasionally**: up to a third of the time', disposeAfterCheck: true });
        await hover({
            text: LADDER, index: 5,
            hover: /^\*\*Occupation\*\* 15-1232\.00 — Computer User Support Specialists\n\nO\*NET-SOC/,
            disposeAfterCheck: true,
        });
    });
});

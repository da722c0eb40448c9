import { HOSTILE } from './export-fixtures.js';

/** Right-to-left override, embedding and isolate controls, and a right-to-left word. */
export const BIDI = {
    override: 'Invoice \u202Efdp.exe',
    embedding: '\u202BEmbedded without an end',
    isolate: 'Open \u2067isolate',
    hebrew: 'שלום',
};

/** Where a careless exporter would make a link. */
export const JS_LINK = 'javascript:alert(1)';

/** A job whose text could reorder the page around it, or become a link, if it were not isolated and escaped. */
export const BIDI_JOB = `job "${BIDI.override}" {
  subtitle "${JS_LINK}"
  summary "See ${JS_LINK} and ${BIDI.embedding}"
  section "${BIDI.isolate}" {
    "${BIDI.hebrew}: ${HOSTILE.script}"
    task group A "${BIDI.override}" 100 points { "${JS_LINK}" }
    competency C "${BIDI.embedding}" 100% { linked to A }
  }
  signature "${BIDI.override}" date
}
`;

/** Index entries with hostile titles, links and fields. */
export const HOSTILE_INDEX = [
    { file: 'jobs/evil.jobstd', href: JS_LINK, title: HOSTILE.script, errors: 0, warnings: 0 },
    { file: 'jobs/data.jobstd', href: 'data:text/html,<script>alert(1)</script>', title: 'Data', errors: 0, warnings: 0 },
    { file: 'jobs/host.jobstd', href: '//evil.example/x.html', title: 'Host', errors: 0, warnings: 0 },
    { file: `jobs/${BIDI.override}.jobstd`, href: HOSTILE.img, title: BIDI.override, code: HOSTILE.img, family: BIDI.hebrew, level: HOSTILE.quotes, errors: 2, warnings: 1 },
    { file: 'jobs/a b.jobstd', href: 'jobs/a b.html', title: 'Plain', code: 'P-1', errors: 0, warnings: 0 },
];

/**
 * A ladder of three levels: facts, two competencies with proficiency descriptors (one level's
 * label from the scale), duties with shares and marks, a level that inherits another, and one
 * that requires a single competency, so that the matrix has cells inherited, written and empty.
 */
export const LADDER_JOB = `ladder "Support Engineer" {
  family "Customer Support"
  levels 3
  band "B4"
  occupation onet "15-1232.00" "Computer User Support Specialists"
  status approved by "Dana Whitfield, HR Director" on 2026-03-14
  effective 2026-04-01
  scale PL "Proficiency" 1 to 4 { 1 "Basic" 2 "Intermediate" 3 "Advanced" 4 "Expert" }
  competency Troubleshooting "Technical troubleshooting" {
    definition "Finds the cause of a problem."
    proficiency PL {
      1 "Basic" { "Follows runbooks to resolve known issues." }
      2 "Intermediate" { "Diagnoses issues that span two systems." }
    }
  }
  competency Writing "Customer writing" {
    proficiency PL {
      3 { "Writes post-incident reviews." }
    }
  }
  level L1 "Support Engineer I" {
    grade "P1"
    scope "Individual tickets"
    time in level 1–2 years
    "Resolves tier-1 tickets" 60% essential
    "Writes knowledge base articles" 40% marginal
    requires Troubleshooting 1
    requires Writing 1
    pay "Base salary" $52,000–$68,000 yearly
      or "Hourly pay" $25.00 - $32.50 per hour
  }
  level L2 "Support Engineer II" {
    inherits L1
    time in level typically 18 months
    requires Troubleshooting 2
    requirements {
      experience "support experience" three (3) years essential
      experience "scripting" 2+ years desirable
      experience "team leadership" 3–5 years
      licence "Driving licence" issued by "DVLA" essential
      certification "CompTIA A+" from "CompTIA" preferred
      "Degree in a technical field" desirable
    }
  }
  level L3 "Senior Support Engineer" {
    grade P3
    requires Writing 3
  }
}
`;

/** A class specification: grade, occupation code, essential and weighted sections, demands and conditions. */
export const CLASS_SPEC_JOB = `job "Permit Technician" {
  grade 24
  occupation soc "43-4031" "Court, Municipal, and License Clerks"
  status in review
  section "Essential functions" essential {
    "Reviews building permit applications." 35%
    "Answers questions at the counter." 25%
  }
  section "Other duties" 40% marginal {
    "Orders supplies." 40%
  }
  physical demands {
    "Lifts boxes of up to 25 lbs" occasionally
    "Sits at a desk" constantly
  }
  working conditions {
    "Works in an office with moderate noise" frequently
  }
}
`;

/** Hostile text in every field the ladder and the new duty, pay and demand lines carry. */
export const HOSTILE_LADDER = `ladder "${HOSTILE.script}" {
  grade """${HOSTILE.img}"""
  band "${HOSTILE.quotes.replace(/"/g, '')}"
  occupation isco "${HOSTILE.script}" """${HOSTILE.img}"""
  status draft by """${HOSTILE.quotes}"""
  scale PL "${HOSTILE.script}" 1 to 2 { 1 """${HOSTILE.img}""" 2 "${HOSTILE.script}" }
  competency Evil """${HOSTILE.img}""" {
    proficiency PL {
      1 "${HOSTILE.script}" { """${HOSTILE.quotes}""" }
    }
  }
  section """${HOSTILE.img}""" 100% essential {
    "${HOSTILE.script}" 100%
  }
  level L1 """${HOSTILE.img}""" {
    grade "${HOSTILE.script}"
    scope """${HOSTILE.quotes}"""
    summary "${HOSTILE.script}"
    """${HOSTILE.img}""" 100% marginal
    requires Evil 1
    requirements {
      certification "${HOSTILE.script}" from """${HOSTILE.img}""" preferred
      """${HOSTILE.quotes}""" desirable
    }
    pay "${HOSTILE.script}" $1–$2 yearly or """${HOSTILE.img}""" $3 per hour
  }
  level L2 "${HOSTILE.script}" { inherits L1 }
  physical demands { "${HOSTILE.script}" rarely }
  working conditions { """${HOSTILE.img}""" never }
}
`;

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type SchemaObject } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { LangiumDocument } from 'langium';
import { toFinding, type Document, type ExportContext } from '../src/index.js';

/** What the export tests share: the examples, the schema, and a document that uses every part of the grammar. */

export const examplesDir = join(__dirname, '../../../examples');

/** Globbed when the tests run, so that every example written so far is covered. */
export function exampleFiles(): string[] {
    return readdirSync(examplesDir).filter(f => f.endsWith('.jobstd')).sort();
}

export function readExample(file: string): string {
    return readFileSync(join(examplesDir, file), 'utf8');
}

/** The parts of the published JSON Schema the tests read; ajv takes it whole. */
export interface JobStdSchema extends SchemaObject {
    $schema: string;
    $id: string;
    $defs: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
}

export const schema = JSON.parse(readFileSync(join(__dirname, '../schema/jobstd.schema.json'), 'utf8')) as JobStdSchema;

export function schemaValidator() {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    // ajv-formats is CommonJS with no named export: imported from ESM, the plugin is its `default`.
    ajvFormats.default(ajv);
    return ajv.compile(schema);
}

export function contextOf(document: LangiumDocument<Document>, file: string): ExportContext {
    return { file, findings: (document.diagnostics ?? []).map(d => toFinding(file, d)) };
}

/** A job and a library that between them use every rule of the grammar. */
export const EVERYTHING = `job "Service Desk Lead" {
  subtitle "Job Standards"
  code "SDL-01"
  level "Professional"
  family "Customer Service"
  reports to Manager
  flsa non-exempt
  location "Head office"
  created 2020-01-15
  updated 2021-02
  next review 2030-01-01
  sme "Pat Lee"
  sme "Sam Roe"
  summary "Leads the desk.

    Keeps the queue short."
  disclaimer "A representative list only."
  role Manager "Service Manager" {
    reports to "The Director"
    location "Remote"
    flsa exempt
    summary "Runs the service."
    scope "All regions"
    "Approves rotas"
  }
  requirements {
    "Works calmly under pressure"
    education "Highschool degree" required
    experience "help desk work" at least 3 years preferred
    certification "ITIL Foundation"
    license "Driving licence"
    skill "Touch typing" 2 years
  }
  section "Task Groups" numbered {
    intro "The work falls into three groups."
    task group A "Functional/Technical" 100 points { "Takes calls" "Logs tickets" }
    task group B "People" 60 pts { "Coaches new staff" }
    task group C 20 point { "Files reports" }
  }
  section "Competencies" lettered {
    competency Listening "Active Listening" 40% {
      definition "Hears what is meant."
      sme "Pat Lee"
      last updated 2021-03-04
      behaviours { "Paraphrases" "Asks follow-up questions" }
      level DPL 4 "Advanced"
      linked to A, B
    }
    uses Communication 60% level DPL 5 linked to A, C
  }
  training plan "Year One" bulleted {
    "Shadow a senior agent"
    "Complete the ITIL course"
  }
  characteristics { Pace 3 "Fast-Paced" }
  section "Targets" {
    target "Answering the phone" within 3 rings
    kpi "Customer satisfaction" 9.0 or higher
    kpi "Agreements sold" xx in 2025
    kpi "Tickets closed" at least 85% each month
    target "Report filed" 1 report weekly
    authority "Approves refunds" up to a maximum of $ 500 when "the customer has a receipt"
    authority "Orders supplies" $ 1,000
  }
  scale Local "Local scale" 1 to 3 { 1 "Low" 3 "High" }
  schedule "Work Hours" {
    shift 1 Mon–Fri 7:00am–4:00pm
    shift Late Fri through Mon 12:00pm to 12:30 a.m., Wednesday 9:00-17:00
  }
  letter {
    to "The Lead"
    from "The Manager"
    subject "20XX Expectations"
    "First paragraph."
    "Second paragraph."
    signed "The Manager"
  }
  signature "Employee Signature" _______________ date _________
  signature "Manager Signature" date
  signature "Witness"
  signature "Approved" date 2024-06-01
  pay "Base Salary" $ XX weekly
  benefit "Standard Company Benefit Program"
  incentive "20XX Incentive Program" {
    pay "Hourly Pay" $ 20 per hour
    benefit "Gym membership"
    bonus "Sales Bonus" {
      when "Gross Sales" reach or exceed $ xxx,000
      when "Calls answered" 500 calls
      rate 10% of "all incremental profit dollars" over $ xxx,000 shared among "the service team"
      rate 2% of "gross sales"
      condition "the margin percentage remains above 60%"
      paid quarterly
      amount $ 1000 one-time
      amount $ 250
      target "Upsell rate" at least 5%
      "Paid with the next salary run"
    }
    section "Quarterly measures" {
      kpi "Renewals" 85% in 2025
    }
  }
}
library CTK "CTK Competency Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5 { 1 "Basic" 4 "Advanced" 5 "Expert" }
  scale Pace 1 to 5
  competency Communication "Communication" {
    definition "Conveys information clearly."
    sme "Jo Bloggs"
    last updated 2012-05-29
    behaviours { "Speaks clearly" "Writes concisely" }
  }
  role Director "The Director"
}
`;

/** Strings that would run as markup if any export let them through unescaped. */
export const HOSTILE = {
    script: '<script>alert(1)</script>',
    img: '"><img src=x onerror=alert(1)>',
    quotes: `Tom's "best" & <b>boldest</b>`,
};

/**
 * A job whose titles, statements and labels are hostile. Strings with a double quote
 * need triple quotes; the leading quote of HOSTILE.img makes four in a row.
 */
export const HOSTILE_JOB = `job "${HOSTILE.script}" {
  subtitle """${HOSTILE.img}"""
  summary """${HOSTILE.quotes}"""
  reports to "${HOSTILE.script}"
  section """${HOSTILE.img}""" numbered {
    intro "${HOSTILE.script}"
    "${HOSTILE.script}"
    """${HOSTILE.quotes}"""
    kpi """${HOSTILE.img}""" at least 5 calls
  }
  section "Weights" {
    task group A """${HOSTILE.img}""" 100 points { "${HOSTILE.script}" }
    competency Evil """${HOSTILE.img}""" 100% {
      definition "${HOSTILE.script}"
      behaviours { """${HOSTILE.quotes}""" }
      level S 1 "${HOSTILE.script}"
      linked to A
    }
  }
  section "Targets" {
    target """${HOSTILE.img}""" within 3 rings
    authority "${HOSTILE.script}" up to $ 500 when """${HOSTILE.img}"""
  }
  scale S """${HOSTILE.img}""" 1 to 5 { 1 """${HOSTILE.quotes}""" }
  characteristics { S 1 """${HOSTILE.img}""" }
  schedule "${HOSTILE.script}" { shift 1 Mon–Fri 7:00am–4:00pm }
  letter { to "${HOSTILE.script}" subject """${HOSTILE.img}""" """${HOSTILE.quotes}""" }
  signature "${HOSTILE.script}" date
  signature """${HOSTILE.img}""" ______
  pay """${HOSTILE.img}""" $ 20 per hour
  benefit "${HOSTILE.script}"
  incentive "${HOSTILE.script}" {
    when """${HOSTILE.img}""" reach $ 1,000
    rate 10% of "${HOSTILE.script}" shared among """${HOSTILE.img}"""
    condition """${HOSTILE.quotes}"""
  }
}
`;

/**
 * A ladder and a job that between them use every construct of ladders, duties, proficiency,
 * pay ranges, requirements and conditions, and a library whose competency a job uses.
 */
export const CAREER = `ladder "Support Engineer" {
  family "Customer Support"
  levels 3
  grade P3
  band "B4"
  occupation onet "15-1232.00" "Computer User Support Specialists"
  status in review by "Dana Whitfield, HR Director" on 2026-03-14
  effective 2026-04-01
  scale Proficiency "Proficiency" 1 to 4 { 1 "Basic" 2 "Intermediate" 3 "Advanced" 4 "Expert" }
  competency Troubleshooting "Technical troubleshooting" {
    definition "Finds the cause of a problem."
    proficiency Proficiency {
      1 "Novice" {
        "Follows runbooks to resolve known issues."
      }
      2 {
        "Diagnoses issues that span two systems."
        "Reproduces problems without a runbook."
      }
    }
  }
  level L1 "Support Engineer I" {
    grade "P1"
    scope "Individual tickets"
    summary "Works tier-1 tickets."
    time in level 1–2 years
    "Resolves tier-1 tickets" 60% essential
    "Writes knowledge base articles" 40% marginal
    requires Troubleshooting 1
    pay "Base salary" $52,000–$68,000 yearly
      or "Hourly pay" $25.00 - $32.50 per hour
  }
  level L2 {
    band B5
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
  level L3 "Principal" {
    time in level about 3+ years
    inherits Nowhere
    requires Troubleshooting 2
  }
}
job "Permit Technician" {
  section "Essential functions" essential {
    "Reviews building permit applications." 35%
    "Answers questions at the counter." 25%
  }
  section "Other duties" 40% marginal {
    "Orders supplies." 25%
    task group A "Filing" {
      "Files permits" 15% marginal
    }
  }
  uses Listening
  requires Listening 3
  requires Nobody xx
  physical demands {
    "Lifts boxes of up to 25 lbs" occasionally
    "Sits at a desk" constantly
    "Climbs ladders"
  }
  working conditions {
    "Works in an office with moderate noise" frequently
  }
  pay "Salary" $40,000–$XX per year
}
library CTK "CTK Toolkit" {
  scale DPL "Desired Proficiency Level" 1 to 5 { 3 "Skilled" }
  competency Listening "Active listening" {
    proficiency DPL {
      3 {
        "Paraphrases what was said."
      }
    }
  }
}
`;

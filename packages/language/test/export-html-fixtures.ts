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

import type { HtmlIndexEntry } from '../src/export/html-index.js';
import { HOSTILE } from './export-fixtures.js';
import { BIDI } from './export-html-fixtures.js';

/**
 * An index a reviewer could misread: two clerks told apart by their job family, two porters
 * by nothing but their files (one title in capitals), a hostile subtitle and
 * findings whose messages and rule codes are hostile, and two source files whose names fold
 * to the same fragment.
 */
export const NAMESAKES_INDEX: HtmlIndexEntry[] = [
    {
        file: 'jobs/retail/clerk.jobstd', href: 'retail/clerk.html', title: 'Clerk', family: 'Retail', errors: 0, warnings: 1,
        findings: [{ line: 3, column: 5, severity: 'warning', code: 'placeholder', message: `Placeholder ${HOSTILE.script}` }],
    },
    {
        file: 'jobs/office/clerk.jobstd', href: 'office/clerk.html', title: 'Clerk', family: 'Office', subtitle: HOSTILE.img, errors: 2, warnings: 0,
        findings: [
            { line: 9, column: 1, severity: 'error', code: HOSTILE.quotes, message: BIDI.override },
            { line: 2, column: 10, severity: 'error', code: 'unresolved-reference', message: 'Unresolved reference: no competency named \'Nothing\'.' },
        ],
    },
    { file: 'jobs/a/porter.jobstd', href: 'a/porter.html', title: 'Porter', errors: 0, warnings: 0, findings: [] },
    { file: 'jobs/b/porter.jobstd', href: 'b/porter.html', title: 'PORTER', errors: 0, warnings: 0 },
    { file: 'jobs/cashier.jobstd', href: 'cashier.html', title: 'Cashier', errors: 0, warnings: 0, findings: [{ line: 1, column: 1, severity: 'info', code: 'note-rule', message: 'A note.' }] },
    { file: 'jobs/a b.jobstd', href: 'a%20b.html', title: 'Teller', code: 'T-2', errors: 0, warnings: 1, findings: [{ line: 4, column: 2, severity: 'warning', code: 'empty-section', message: 'Empty.' }] },
    { file: 'jobs/a-b.jobstd', href: 'a-b.html', title: 'Usher', code: 'U-1', errors: 0, warnings: 1, findings: [{ line: 5, column: 3, severity: 'warning', code: 'empty-section', message: 'Empty too.' }] },
];

import { describe, expect, it } from 'vitest';
import { humanDate } from '../src/export/dates.js';

describe('dates in the human documents', () => {
    it.each([
        ['2003-09-23', '23 September 2003'],
        ['2003-09-23T03:35:00', '23 September 2003, 03:35'],
        ['2013-05-01T00:00', '1 May 2013'],
        ['2026-03-14T09:30:00Z', '14 March 2026, 09:30 UTC'],
        ['2026-03-14T09:30+01:00', '14 March 2026, 09:30 +01:00'],
        ['2012-07', 'July 2012'],
        ['2012', '2012'],
    ])('writes %s as %s', (iso, written) => {
        expect(humanDate(iso)).toBe(written);
    });

    it.each(['20XX', 'MM/DD/YYYY', '00/00/20XX', '2012-13-01', 'next spring'])('leaves %s as written: it is not a date it can read', value => {
        expect(humanDate(value)).toBe(value);
    });
});

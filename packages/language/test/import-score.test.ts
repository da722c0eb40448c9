import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BAR, corpusDocuments, importName, PARTS, report, scoreCorpus, type PartScore } from './import-score.js';

/**
 * The import score as a test: every document of the labelled corpus imports, parses, keeps every
 * word, and the structure recognised does not fall below what it was when these figures were
 * measured.
 *
 * RATCHET: these figures only go up. When the importer gets better, raise them to the new
 * figures of `npm run import-score`; never lower them to make a change pass.
 * The bar is recall ≥ 85% and precision ≥ 95% on held-out (BAR in import-score.ts).
 */
const RATCHET: Record<typeof PARTS[number], { recall: number; precision: number }> = {
    // Measured on the corpus of 32 documents with the importer as committed: dev 232 correct of 385
    // expected and 263 found; held-out 110 of 185 expected and 133 found. (Before the field
    // recogniser, developed on dev alone: dev 203/385/249, held-out 110/185/130. Held-out
    // precision fell from 84.6% to 82.7%: it now finds four levels, named otherwise than the key.)
    // With level matrices read as competencies and their proficiency descriptors: dev 274/385/305,
    // held-out 128/185/151.
    'dev': { recall: 0.711, precision: 0.898 },
    'held-out': { recall: 0.691, precision: 0.847 },
};

let parts: PartScore[] = [];

describe('import score on the labelled corpus', () => {
    beforeAll(async () => {
        const result = await scoreCorpus();
        parts = result.parts;
        const text = report(result);
        if (process.env.JOBSTD_IMPORT_SCORE_REPORT) writeFileSync(process.env.JOBSTD_IMPORT_SCORE_REPORT, text);
    }, 300_000);

    it('has documents in both parts, each with its answer key', () => {
        for (const part of PARTS) {
            expect(corpusDocuments(part).length, part).toBeGreaterThan(0);
            const score = parts.find(p => p.part === part)!;
            expect(score.documents.filter(d => d.error?.startsWith('no answer key') || d.error?.startsWith('unknown kinds')).map(d => `${d.name}: ${d.error}`)).toEqual([]);
        }
    });

    it.each(PARTS)('%s: every document imports without throwing and its output parses with no syntax error', part => {
        const score = parts.find(p => p.part === part)!;
        expect(score.documents.filter(d => d.error).map(d => `${d.name}: ${d.error}`)).toEqual([]);
        expect(score.documents.filter(d => d.syntaxErrors.length > 0).map(d => `${d.name}: ${d.syntaxErrors.join('; ')}`)).toEqual([]);
    });

    it.each(PARTS)('%s: word coverage is 100% for every document', part => {
        const score = parts.find(p => p.part === part)!;
        expect(score.documents.filter(d => d.coverage < 1).map(d => `${d.name}: ${d.missingSentences.join(' | ')}`)).toEqual([]);
    });

    it.each(PARTS)('%s: recall and precision do not fall below the ratchet', part => {
        const score = parts.find(p => p.part === part)!;
        const floor = RATCHET[part];
        // Rounded down to 0.1%, as recorded.
        expect(Math.floor(score.recall * 1000) / 1000, `${part} recall`).toBeGreaterThanOrEqual(floor.recall);
        expect(Math.floor(score.precision * 1000) / 1000, `${part} precision`).toBeGreaterThanOrEqual(floor.precision);
    });

    it('says how far held-out is from the bar', () => {
        const heldOut = parts.find(p => p.part === 'held-out')!;
        const gap = { recall: Math.max(0, BAR.recall - heldOut.recall), precision: Math.max(0, BAR.precision - heldOut.precision) };
        console.log(`held-out: recall ${(100 * heldOut.recall).toFixed(1)}% (bar ${100 * BAR.recall}%, ${(100 * gap.recall).toFixed(1)} points short), `
            + `precision ${(100 * heldOut.precision).toFixed(1)}% (bar ${100 * BAR.precision}%, ${(100 * gap.precision).toFixed(1)} points short)`);
        expect(heldOut.documents.map(d => d.name)).toEqual(corpusDocuments('held-out').map(importName));
    });
});

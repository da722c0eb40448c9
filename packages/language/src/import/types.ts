/**
 * The import contract: a document an HR team already has (plain text, Markdown, HTML or
 * Word) goes in; a formatted .jobstd text and a report of what was recognised come out.
 */

/** The formats the importer reads, told apart by the file name's extension. */
export type ImportFormat = 'text' | 'markdown' | 'html' | 'docx';

export interface ImportSource {
    /** The file name (or path); its extension decides the format. */
    name: string;
    /** The file's bytes, or its text when it is already decoded. */
    content: Uint8Array | string;
}

export interface ImportOptions {
    /**
     * Inputs larger than this are refused (bytes; 10 MB by default); so is a Word file whose
     * contents unzip to more than 10 times this.
     */
    maxBytes?: number;
}

/** What the importer took out because it is not content, with a few examples. */
export interface RemovedNoise {
    /** 'page header', 'Word artefact', 'Markdown escape', 'empty field', 'blank line'… */
    kind: string;
    count: number;
    /** Up to three of the removed texts, as they were in the input. */
    examples: string[];
}

/** How much of the input's text reappears in the output. */
export interface ImportCoverage {
    /** Sentences of the input, after the reported noise is taken out. */
    sentences: number;
    /** Of those, the sentences whose words all appear, in order, in the output. */
    covered: number;
    /** covered / sentences (1 when there is nothing to cover). */
    ratio: number;
    /** The sentences not found, as they were in the input. */
    missing: string[];
}

/** How many of each structure the importer recognised. */
export interface ImportCounts {
    sections: number;
    statements: number;
    taskGroups: number;
    tasks: number;
    competencies: number;
    behaviours: number;
    characteristics: number;
    requirements: number;
    targets: number;
    kpis: number;
    authorities: number;
    roles: number;
    shifts: number;
    signatures: number;
    pay: number;
    benefits: number;
    incentives: number;
}

export interface ImportReport {
    /** The input's name, as given. */
    source: string;
    format: ImportFormat;
    /** The job's title, as found in the input. */
    title: string;
    recognised: ImportCounts;
    removed: RemovedNoise[];
    coverage: ImportCoverage;
    /** Lines kept as free text in the "Other content" section, because no structure fitted them. */
    unrecognised: string[];
    /** Things the reader noticed in the input (e.g. Word content it could not convert). */
    warnings: string[];
    /** What was recognised, in reading order: "3 task groups, 13 tasks, 21 competencies, 157 behaviours". */
    found: string;
    /** One line: "coverage 100%, 3 page headers removed". */
    summary: string;
}

export interface ImportResult {
    /** The .jobstd text, in the formatter's canonical layout. */
    text: string;
    report: ImportReport;
}

/** Why an input cannot be imported at all. */
export type ImportErrorReason = 'empty' | 'binary' | 'too-large' | 'too-deep' | 'not-docx' | 'unsupported';

/** An input that cannot be imported; the message says which file and why. */
export class ImportError extends Error {
    constructor(readonly source: string, readonly reason: ImportErrorReason, message: string) {
        super(`${source}: ${message}`);
        this.name = 'ImportError';
    }
}

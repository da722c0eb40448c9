import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, replaceIndices } from 'langium/test';
import { Clock, createJobStdServices, sortFindings, toFinding, type Document, type Finding, type JobStdConfig } from '../src/index.js';

/** The date the tests live on, so that review dates are judged the same every day. */
export const TODAY = new Date(Date.UTC(2026, 0, 15));

export const services = createJobStdServices({
    ...EmptyFileSystem,
    modules: [{ config: { Clock: () => new Clock(TODAY) } }],
});

let counter = 0;

/** Builds the given documents together (a job and the library it uses), with validation. */
export async function build(texts: string[], config: JobStdConfig = {}): Promise<Array<LangiumDocument<Document>>> {
    await clearDocuments(services.shared);
    services.JobStd.config.ConfigProvider.set(config);
    const documents = texts.map(text => services.shared.workspace.LangiumDocumentFactory.fromString<Document>(
        text, URI.parse(`file:///test/doc${++counter}.jobstd`)));
    for (const document of documents) services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents;
}

/** Every finding of a document written in a test (the first text; the others are its workspace). */
export async function findingsOf(text: string, options: { config?: JobStdConfig; workspace?: string[] } = {}): Promise<Finding[]> {
    const [document] = await build([text, ...(options.workspace ?? [])], options.config);
    return (document.diagnostics ?? []).map(d => toFinding('doc.jobstd', d));
}

export async function codesOf(text: string, options?: { config?: JobStdConfig; workspace?: string[] }): Promise<string[]> {
    return (await findingsOf(text, options)).map(f => f.code);
}

export interface Located extends Finding {
    /** The text the finding points at. */
    at: string;
}

/**
 * Findings of one code, each with the text it points at. `<|` and `|>` in the input mark
 * where findings are expected; they are removed before parsing and returned as `expected`.
 */
export async function findingsFor(code: string, marked: string, options?: { config?: JobStdConfig; workspace?: string[] }): Promise<{ found: Located[]; expected: string[] }> {
    const { output, ranges } = replaceIndices({ text: marked });
    const findings = sortFindings((await findingsOf(output, options)).filter(f => f.code === code));
    const lines = output.split('\n');
    const offsetOf = (line: number, column: number) =>
        lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
    return {
        found: findings.map(f => ({ ...f, at: output.slice(offsetOf(f.line, f.column), offsetOf(f.endLine, f.endColumn)) })),
        expected: ranges.map(([start, end]) => output.slice(start, end)),
    };
}

/** A minimal job around some body lines. */
export function job(body: string): string {
    return `job "Test Job" {\n${body}\n}\n`;
}

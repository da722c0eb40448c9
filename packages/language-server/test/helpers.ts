import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, TextDocument, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { Clock, type Document } from 'jobstd-language';
import { createJobStdLspServices, type JobStdLspContext } from '../src/index.js';

/** The date the tests live on: review dates and "in <year>" completions are the same every day. */
export const TODAY = new Date(Date.UTC(2026, 0, 15));

export function createServices(context: Partial<JobStdLspContext> = {}) {
    return createJobStdLspServices({
        ...EmptyFileSystem,
        ...context,
        modules: [{ config: { Clock: () => new Clock(TODAY) } }],
    });
}

export const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

export function exampleFiles(): string[] {
    return readdirSync(examplesDir).filter(f => f.endsWith('.jobstd')).sort();
}

export function readExample(name: string): string {
    return readFileSync(path.join(examplesDir, name), 'utf8');
}

type Services = ReturnType<typeof createServices>;
let counter = 0;

/** Builds documents together, as one workspace (a job and the library it uses), with every check. */
export async function buildWorkspace(services: Services, texts: string[], names?: string[]): Promise<Array<LangiumDocument<Document>>> {
    await clearDocuments(services.shared);
    const documents = texts.map((text, i) => services.shared.workspace.LangiumDocumentFactory.fromString<Document>(
        text, URI.parse(`file:///workspace/${names?.[i] ?? `doc${++counter}.jobstd`}`)));
    for (const document of documents) services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents;
}

/** A document's text after applying edits to it. */
export function applyEdits(document: LangiumDocument, edits: Parameters<typeof TextDocument.applyEdits>[1]): string {
    return TextDocument.applyEdits(document.textDocument, edits);
}

/** The job standard every test can read: a job of two task groups and two competencies. */
export function job(body: string): string {
    return `job "Test Job" {\n${body}\n}\n`;
}

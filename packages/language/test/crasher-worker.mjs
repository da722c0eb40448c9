// Reads one crasher, then a normal job on the same services, in a worker thread: the test
// can stop a worker whose parse never ends, which it cannot do to its own thread.
// It runs the built language (`npm run build` first), as the CLI does.
import { parentPort, workerData } from 'node:worker_threads';
import { AstUtils, EmptyFileSystem, URI } from 'langium';
import { createJobStdServices } from '../out/index.js';

const internal = [];
console.error = (...args) => internal.push(args.map(String).join(' ').slice(0, 500));

const services = createJobStdServices({ ...EmptyFileSystem });
let counter = 0;

async function read(text) {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///crashers/${++counter}.jobstd`));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

const report = { internal, findings: [] };
try {
    const document = await read(workerData.crasher);
    report.findings = (document.diagnostics ?? []).map(d => ({ code: String(d.code), message: d.message }));
} catch (error) {
    report.threw = String(error?.stack ?? error).split('\n').slice(0, 4).join('\n');
}
try {
    const next = await read(workerData.next);
    const root = next.parseResult.value;
    report.next = {
        syntaxErrors: next.parseResult.lexerErrors.length + next.parseResult.parserErrors.length,
        shape: { jobs: root.jobs.length, libraries: root.libraries.length, nodes: AstUtils.streamAst(root).count() },
    };
} catch (error) {
    report.next = { threw: String(error?.stack ?? error).split('\n')[0] };
}
parentPort.postMessage(report);

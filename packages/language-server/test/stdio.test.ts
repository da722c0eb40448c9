import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-languageserver-protocol/node.js';
import { bundledServer, pathToUri, StdioClient } from './stdio-client.js';

// The server the extension ships, spoken to over stdio as an editor does.

const TEAM = `job "Team Lead" {
  task group A "Functional" 100 points {
    "Takes orders"
  }
  uses Adaptability 50% linked to A
  uses Focus 30% linked to A
}
`;
/** 300 sections, each opened inside the last and none closed: the kind of text that has crashed parsers. */
const DEEP = 'job "Deep" {\n' + 'section "x" {\n'.repeat(300);

const weights = (a: string, b: string) => `job "Open" {\n  task group A ${a} {\n    "a"\n  }\n  task group B ${b} {\n    "b"\n  }\n}\n`;

let folder: string;
let client: StdioClient;
const open = () => pathToUri(path.join(folder, 'open.jobstd'));

beforeAll(async () => {
    if (!existsSync(bundledServer)) throw new Error(`${bundledServer} is missing: run npm run build first`);
    folder = mkdtempSync(path.join(tmpdir(), 'jobstd-stdio-'));
    writeFileSync(path.join(folder, 'team.jobstd'), TEAM);
    writeFileSync(path.join(folder, 'deep.jobstd'), DEEP);
    client = await StdioClient.start({ workspaceFolder: folder });
});

afterAll(async () => {
    const code = await client?.stop();
    rmSync(folder, { recursive: true, force: true });
    expect(code).toBe(0);
});

describe('the bundled server over stdio', () => {
    it('publishes an opened job\'s diagnostics with the version they were computed from', async () => {
        await client.open(open(), weights('60%', '30%'), 1);
        const published = await client.waitForDiagnostics(open(), p => p.version === 1);
        expect(published.diagnostics.map(d => d.message)).toContainEqual(expect.stringMatching(/^Task group weights total 90%/));
    });

    it('ignores a change whose version is not newer, and goes on from the newer text', async () => {
        const start = client.published.length;
        await client.change(open(), 2, weights('60%', '40%'));
        const second = await client.waitForDiagnostics(open(), p => p.version === 2, { from: start });
        expect(second.diagnostics.map(d => d.code)).not.toContain('weight-sum');

        // An old version arrives late: it must not be applied.
        await client.change(open(), 2, weights('10%', '10%'));
        await client.change(open(), 1, weights('10%', '10%'));
        // Version 3 edits "40%" where version 2 has it; on any other text the range would miss.
        const text2 = weights('60%', '40%');
        const at = text2.indexOf('40%');
        const line = text2.slice(0, at).split('\n').length - 1;
        const character = at - text2.lastIndexOf('\n', at - 1) - 1;
        await client.change(open(), 3, [{ range: { start: { line, character }, end: { line, character: character + 2 } }, text: '45' }]);
        const third = await client.waitForDiagnostics(open(), p => p.version === 3, { from: start });
        expect(third.diagnostics.map(d => d.message)).toContainEqual(expect.stringMatching(/^Task group weights total 105%/));
        // Nothing was ever published for the stale text.
        const since = client.published.slice(start).filter(p => p.uri === open());
        expect(since.every(p => (p.version ?? 0) >= 2)).toBe(true);
        expect(since.flatMap(p => p.diagnostics).map(d => d.message)).not.toContainEqual(expect.stringMatching(/total 20%/));
        expect(client.logs.map(l => l.message)).toContainEqual(expect.stringMatching(/Ignored a change to .*open\.jobstd at version 1: the open document is already at version 2/));
    });

    it('hovers a weight with its share of the set', async () => {
        const uri = pathToUri(path.join(folder, 'hover.jobstd'));
        const text = weights('60 points', '120 points');
        await client.open(uri, text, 1);
        await client.waitForDiagnostics(uri, p => p.version === 1);
        const offset = text.indexOf('60 points') + 1;
        const result = await client.hover(uri, { line: text.slice(0, offset).split('\n').length - 1, character: offset - text.lastIndexOf('\n', offset - 1) - 1 });
        expect(result?.contents).toEqual({ kind: 'markdown', value: '**A**: 60 points · share **33.3%** of 180 points' });
    });

    it('answers a rename to a name that is not one with an error carrying the reason', async () => {
        const uri = pathToUri(path.join(folder, 'team.jobstd'));
        await client.open(uri, TEAM, 1);
        await client.waitForDiagnostics(uri, p => p.version === 1);
        const position = { line: 1, character: 13 };
        expect(await client.prepareRename(uri, position)).toEqual({ range: { start: position, end: { line: 1, character: 14 } }, placeholder: 'A' });
        const error = await client.rename(uri, position, 'Accuracy Detail').then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError).message).toBe("'Accuracy Detail' is not a name: a name is one word of letters, digits and _ that starts with a letter, such as AccuracyDetail.");
    });

    it('stays up beside a file of 300 unclosed nested sections, and checks its neighbour', async () => {
        const neighbour = await client.waitForDiagnostics(pathToUri(path.join(folder, 'team.jobstd')));
        expect(neighbour.diagnostics.map(d => d.code)).toContain('weight-sum');
        const deep = await client.waitForDiagnostics(pathToUri(path.join(folder, 'deep.jobstd')));
        expect(deep.diagnostics.map(d => d.code)).toContain('syntax-error');
        expect(client.isAlive).toBe(true);
        // And it still answers.
        const uri = pathToUri(path.join(folder, 'after.jobstd'));
        await client.open(uri, weights('1%', '2%'), 1);
        await client.waitForDiagnostics(uri, p => p.version === 1);
    });
});

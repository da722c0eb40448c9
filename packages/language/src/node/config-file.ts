import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, parseConfig, type JobStdConfig } from '../config.js';
import { describeError } from './files.js';

export interface LoadedConfig {
    config: JobStdConfig;
    /** The file it came from; undefined when none was found and the defaults apply. */
    file?: string;
}

/** The nearest jobstd.config.json at or above `startDir`, or the defaults when there is none. */
export async function loadConfig(startDir: string): Promise<LoadedConfig> {
    const file = await findConfigFile(startDir);
    return file ? { config: await loadConfigFile(file), file } : { config: {} };
}

export async function findConfigFile(startDir: string): Promise<string | undefined> {
    let folder = path.resolve(startDir);
    for (;;) {
        const candidate = path.join(folder, CONFIG_FILE_NAME);
        const stat = await fs.stat(candidate).catch(() => undefined);
        if (stat?.isFile()) return candidate;
        const parent = path.dirname(folder);
        if (parent === folder) return undefined;
        folder = parent;
    }
}

/**
 * Reads and checks one configuration file. Every problem is a ConfigError that names
 * the file and says what is wrong; a JSON syntax error also says where (line:column).
 */
export async function loadConfigFile(file: string, shownAs = file): Promise<JobStdConfig> {
    let text: string;
    try {
        text = await fs.readFile(file, 'utf8');
    } catch (error) {
        throw new ConfigError(`${shownAs}: cannot read the configuration: ${describeError(error as NodeJS.ErrnoException)}`);
    }
    let value: unknown;
    try {
        value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
        const message = (error as Error).message;
        const { line, column } = jsonErrorPosition(text, message);
        throw new ConfigError(`${shownAs}:${line}:${column}: invalid JSON: ${cleanJsonMessage(message)}`);
    }
    return parseConfig(value, shownAs);
}

/**
 * Where JSON.parse stopped. Node 20 gives an offset for some errors ("at position 12") and
 * none for others ("Unexpected token"), so when it gives none, the text is scanned here.
 */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : firstJsonErrorOffset(text);
    const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Where the JSON reader stopped, thrown to leave its recursion at once. */
class JsonStop extends Error {
    constructor(readonly offset: number) {
        super(`JSON syntax breaks at offset ${offset}`);
    }
}

/** The offset of the first character that breaks JSON syntax (text.length for an early end). */
export function firstJsonErrorOffset(text: string): number {
    let at = text.startsWith('\uFEFF') ? 1 : 0;
    const fail = (): never => { throw new JsonStop(at); };
    const space = () => { while (at < text.length && ' \t\r\n'.includes(text[at])) at++; };
    const expect = (char: string) => { if (text[at] !== char) fail(); at++; };
    const string = () => {
        expect('"');
        while (at < text.length && text[at] !== '"') {
            if (text.charCodeAt(at) < 0x20) fail();
            if (text[at] === '\\') {
                at++;
                if (text[at] === 'u') {
                    for (let i = 1; i <= 4; i++) if (!/[0-9a-fA-F]/.test(text[at + i] ?? '')) { at += i; fail(); }
                    at += 4;
                } else if (!'"\\/bfnrt'.includes(text[at] ?? '') || at >= text.length) fail();
            }
            at++;
        }
        expect('"');
    };
    const value = (): void => {
        space();
        const char = text[at];
        if (char === '{') {
            at++; space();
            if (text[at] === '}') { at++; return; }
            for (;;) {
                space(); string(); space(); expect(':'); value(); space();
                if (text[at] === ',') { at++; continue; }
                expect('}'); return;
            }
        } else if (char === '[') {
            at++; space();
            if (text[at] === ']') { at++; return; }
            for (;;) {
                value(); space();
                if (text[at] === ',') { at++; continue; }
                expect(']'); return;
            }
        } else if (char === '"') {
            string();
        } else {
            const literal = /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(text.slice(at));
            if (!literal) fail();
            at += literal![0].length;
        }
    };
    try {
        value(); space();
        if (at < text.length) fail();
    } catch (stop) {
        if (stop instanceof JsonStop) return Math.min(stop.offset, text.length);
        throw stop;
    }
    return text.length;
}

function cleanJsonMessage(message: string): string {
    // The position is already in front; V8 also quotes the whole input, which can be long.
    return message
        .replace(/,\s*"[\s\S]*" is not valid JSON$/, '')
        .replace(/\s*in JSON at position \d+( \(line \d+ column \d+\))?/, '')
        .trim();
}

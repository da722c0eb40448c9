#!/usr/bin/env node
// Tests the TextMate grammar that the root `npm run build` generates from the Langium grammar
// (syntaxes/jobstd.tmLanguage.json), which gives .jobstd files their colours in VS Code:
//   1. the unit tests in test/grammar/*.jobstd, in vscode-tmgrammar-test's format
//      (`// ^^^ scope - excluded.scope` lines assert the scopes of the line above);
//   2. every file in examples/ tokenizes with vscode-textmate without an error, and the colours
//      agree with the language's own lexer: keywords are keywords, quoted text and comments are
//      strings and comments. Disagreements are listed; with --strict they count as failures.
// Ends with `N passed, N failed`.
//
//   node packages/extension/test/grammar/run.mjs [--strict]   (npm run test:grammar uses --strict)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJobStdServices } from 'jobstd-language';
import { EmptyFileSystem } from 'langium';

const grammarTests = dirname(fileURLToPath(import.meta.url));
const repo = join(grammarTests, '..', '..', '..', '..');
const grammarFile = join(repo, 'syntaxes', 'jobstd.tmLanguage.json');
const examples = join(repo, 'examples');
const strict = process.argv.includes('--strict');

const KEYWORD = 'keyword.control.jobstd';
const STRING = 'string.quoted.double.jobstd';
const COMMENT = /^comment\.(line|block)\.jobstd$/;
/** The Langium lexer's terminals; every other token type is a keyword. */
const TERMINALS = new Set(['WS', 'ML_COMMENT', 'SL_COMMENT', 'TEXT', 'STRING', 'DATE', 'TIME', 'PLACEHOLDER', 'MONEY', 'PERCENT', 'NUMBER', 'ID']);

let passed = 0;
let failed = 0;
const rel = file => relative(process.cwd(), file);

if (!existsSync(grammarFile)) {
    console.log(`${rel(grammarFile)} is missing: run \`npm run build\` at the repository root (it generates the TextMate grammar).`);
    console.log('0 passed, 1 failed');
    process.exit(1);
}

// ---- 1. unit tests ---------------------------------------------------------------------------

const toolRequire = createRequire(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json'));
const unitCli = toolRequire.resolve('./dist/unit.js');
const testFiles = (await readdir(grammarTests)).filter(name => name.endsWith('.jobstd')).sort();
console.log(`TextMate grammar unit tests (${rel(grammarFile)}):`);
for (const name of testFiles) {
    // One file per run, so each counts on its own and one broken file does not hide the others.
    const run = spawnSync(process.execPath, [unitCli, `--grammar=${grammarFile}`, name], { cwd: grammarTests, encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`.trimEnd();
    console.log(output ? output.replace(/^/gm, '  ') : `  ✖ ${name}: no output (exit ${run.status})`);
    if (run.status === 0) passed++; else failed++;
}

// ---- 2. the examples, tokenized as VS Code does ---------------------------------------------

const textmate = toolRequire('vscode-textmate');
const oniguruma = toolRequire('vscode-oniguruma');
await oniguruma.loadWASM((await readFile(toolRequire.resolve('vscode-oniguruma/release/onig.wasm'))).buffer);
const registry = new textmate.Registry({
    onigLib: Promise.resolve({
        createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
        createOnigString: text => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(await readFile(grammarFile, 'utf8'), grammarFile),
});
const grammar = await registry.loadGrammar('source.jobstd');
const lexer = createJobStdServices({ ...EmptyFileSystem }).JobStd.parser.Lexer;

/** The scopes of every character of `text`, line by line as the editor tokenizes it. */
function scopesPerCharacter(text) {
    const scopes = new Array(text.length);
    let state = textmate.INITIAL;
    let offset = 0;
    for (const line of text.split('\n')) {
        // A line that takes longer than this is cut short: the editor would show it uncoloured.
        const result = grammar.tokenizeLine(line, state, 1_000);
        if (result.stoppedEarly) throw new Error(`tokenizing stopped early at line ${text.slice(0, offset).split('\n').length}`);
        for (const token of result.tokens) {
            for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) scopes[offset + i] = token.scopes;
        }
        state = result.ruleStack;
        offset += line.length + 1;
    }
    return scopes;
}

function lineColumn(text, offset) {
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** Where the colours disagree with the lexer: one message per token. */
function disagreements(text, scopes) {
    const { tokens, hidden } = lexer.tokenize(text);
    const found = [];
    const check = (token, wanted, describe) => {
        for (let i = token.startOffset; i < token.startOffset + token.image.length; i++) {
            if (/\s/.test(text[i])) continue;
            if (!wanted(scopes[i] ?? [])) {
                found.push(`${lineColumn(text, i)} ${describe} ${JSON.stringify(token.image.length > 40 ? `${token.image.slice(0, 40)}…` : token.image)}: '${text[i]}' is scoped ${(scopes[i] ?? []).slice(1).join(' ') || '(nothing)'}`);
                return;
            }
        }
    };
    for (const token of [...tokens, ...hidden]) {
        const type = token.tokenType.name;
        if (type === 'STRING' || type === 'TEXT') {
            check(token, s => s.includes(STRING), 'the text');
        } else if (type === 'SL_COMMENT' || type === 'ML_COMMENT') {
            check(token, s => s.some(scope => COMMENT.test(scope)), 'the comment');
        } else if (!TERMINALS.has(type) && /^[A-Za-z]/.test(type)) {
            check(token, s => s.includes(KEYWORD), 'the keyword');
        } else {
            check(token, s => !s.includes(KEYWORD) && !s.includes(STRING), `the ${type.toLowerCase()}`);
        }
    }
    return found;
}

const exampleFiles = (await readdir(examples)).filter(name => name.endsWith('.jobstd')).sort();
console.log(`Examples tokenized with vscode-textmate:`);
let differences = 0;
for (const name of exampleFiles) {
    const file = join(examples, name);
    const text = (await readFile(file, 'utf8')).replace(/\r\n?/g, '\n');
    let problems;
    try {
        problems = disagreements(text, scopesPerCharacter(text));
    } catch (error) {
        console.log(`  ✖ ${name}: ${error instanceof Error ? error.message : error}`);
        failed++;
        continue;
    }
    differences += problems.length;
    const ok = !strict || problems.length === 0;
    console.log(`  ${ok ? '✓' : '✖'} ${name}${problems.length ? `: highlighting differs from the lexer in ${problems.length} place(s)` : ''}`);
    for (const problem of problems) console.log(`      ${name}:${problem}`);
    if (ok) passed++; else failed++;
}
if (differences > 0 && !strict) {
    console.log(`  (${differences} difference(s) listed, not counted as failures; --strict counts them.)`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

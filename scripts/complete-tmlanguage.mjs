#!/usr/bin/env node
// Run after `langium generate` and `tsc -b`.
// Completes the TextMate grammar that `langium generate` writes into syntaxes/: Langium emits
// keywords, "…" strings and comments only. This adds, from the same .langium grammar, the
// """…""" text blocks and the value terminals (dates, times, placeholders, amounts, percentages,
// numbers), marks placeholders inside prose, and drops the escape rule: in .jobstd a backslash in
// prose is a literal character, not an escape.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const grammarFile = join(root, 'packages/language/src/jobstd.langium');
const tmFile = join(root, 'syntaxes/jobstd.tmLanguage.json');

/** The value terminals and the scope each one gets; order as in the grammar (first match wins). */
const VALUE_SCOPES = {
    DATE: 'constant.numeric.date.jobstd',
    TIME: 'constant.numeric.time.jobstd',
    PLACEHOLDER: 'constant.other.placeholder.jobstd',
    MONEY: 'constant.numeric.money.jobstd',
    PERCENT: 'constant.numeric.percent.jobstd',
    NUMBER: 'constant.numeric.jobstd',
};

const source = readFileSync(grammarFile, 'utf8');
const terminals = new Map();
for (const match of source.matchAll(/^\s*terminal\s+(\w+)\s*:\s*\/(.*)\/\s*;\s*$/gm)) {
    terminals.set(match[1], match[2]);
}
for (const name of Object.keys(VALUE_SCOPES)) {
    if (!terminals.has(name)) throw new Error(`terminal ${name} not found in ${grammarFile}`);
}

const tm = JSON.parse(readFileSync(tmFile, 'utf8'));
// A value never starts inside a word ("A1", "Step2").
const valuePatterns = Object.entries(VALUE_SCOPES).map(([name, scope]) => ({
    name: scope,
    match: `(?<![A-Za-z0-9_])(?:${terminals.get(name)})`,
}));
// In prose, the same patterns the placeholder check uses (from the built language package).
const { DefaultPlaceholderPatterns } = await import(pathToFileURL(join(root, 'packages/language/out/validation/placeholders.js')).href);
const placeholderInProse = { name: VALUE_SCOPES.PLACEHOLDER, match: DefaultPlaceholderPatterns.map(p => `(?:${p})`).join('|') };

const keywords = tm.patterns.find(p => p.name?.startsWith('keyword.'));
const strings = tm.patterns.find(p => p.name?.startsWith('string.'));
if (!keywords || !strings) throw new Error(`unexpected shape of ${tmFile}: no keyword or string rule`);
strings.patterns = [{ include: '#placeholder-in-prose' }];
const textBlock = {
    name: strings.name,
    begin: '"""',
    end: '"""',
    patterns: [{ include: '#placeholder-in-prose' }],
};

tm.patterns = [{ include: '#comments' }, textBlock, strings, keywords, ...valuePatterns];
delete tm.repository['string-character-escape'];
tm.repository['placeholder-in-prose'] = placeholderInProse;
writeFileSync(tmFile, JSON.stringify(tm, null, 2) + '\n');
console.log(`Completed ${tmFile.slice(root.length + 1)}: text blocks, ${valuePatterns.length} value kinds, placeholders in prose.`);

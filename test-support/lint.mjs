#!/usr/bin/env node
// ESLint over every package's sources and tests, the scripts, the test support and the bench,
// ending with "lint: N passed, N failed" (files checked, files with errors) for run-all's total.
// Warnings are printed but do not fail; any error does.
import { ESLint } from 'eslint';

// The whole workspace: eslint.config.mjs says which files are JavaScript or TypeScript and
// ignores generated code, build output and node_modules.
const eslint = new ESLint();
const results = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
const report = await formatter.format(results);
if (report) process.stdout.write(report);

const failed = results.filter(result => result.errorCount > 0 || result.fatalErrorCount > 0).length;
console.log(`lint: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

// ESLint for the whole workspace: the TypeScript of every package (sources and tests, with
// type information from the same tsconfigs `npm run typecheck` uses) and the plain
// JavaScript of the build scripts, test runners and bench.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Unused names are mistakes, except where a leading underscore says the name is kept on purpose
// (a parameter an override must accept, a value skipped in destructuring).
const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }];

const typeScriptProjects = [
    './tsconfig.test.json',
    './packages/language/tsconfig.test.json',
    './packages/language-server/tsconfig.test.json',
    './packages/cli/tsconfig.test.json',
    './packages/extension/tsconfig.json',
    './packages/extension/test/tsconfig.json',
];

export default tseslint.config(
    {
        ignores: [
            '**/node_modules/**',
            // Dot-folders hold tool caches and personal scratch files, not the project's code.
            '.*/**',
            '**/out/**',
            'packages/language/src/generated/**',
            'syntaxes/**',
            'packages/extension/syntaxes/**',
            'packages/*/test-results/**',
            'packages/extension/.vscode-test*/**',
            '**/*.d.ts.map',
        ],
    },
    {
        files: ['**/*.{js,mjs,cjs}'],
        extends: [js.configs.recommended],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: 'module',
            globals: { ...globals.node },
        },
        rules: {
            'no-unused-vars': unusedVars,
            // The importer, the HTML index and the test runner match control characters on purpose.
            'no-control-regex': 'off',
        },
    },
    {
        files: ['**/*.ts'],
        extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
        languageOptions: {
            parserOptions: {
                project: typeScriptProjects,
                // import.meta.dirname needs Node 20.11; the workspace supports 20.10.
                tsconfigRootDir: fileURLToPath(new URL('.', import.meta.url)),
            },
        },
        rules: {
            '@typescript-eslint/no-unused-vars': unusedVars,
            // Langium's checks are registered as `{ Job: [validator.checkX] }` and bound by the registry.
            '@typescript-eslint/unbound-method': 'off',
            // Langium's service methods return promises; an override with nothing to wait for is still async.
            '@typescript-eslint/require-await': 'off',
            // The importer, the HTML index and the test runner match control characters on purpose.
            'no-control-regex': 'off',
        },
    },
    {
        files: ['packages/*/test/**/*.ts'],
        rules: {
            // vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`;
            // reading an `any` is still caught by no-unsafe-member-access and no-unsafe-call.
            '@typescript-eslint/no-unsafe-assignment': 'off',
        },
    },
);

// The linter: TypeScript's recommended rules, one import order, and a warning for functions past 60
// lines (a sign a function does two things). Layout is prettier's (.prettierrc.json), not the linter's.
import js from '@eslint/js';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'templates/', '.ci/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Stand-ins decode AWS's loosely typed JSON wire formats; tests poke at them.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'max-lines-per-function': 'off' },
  },
);

// Lint: typescript-eslint's recommended rules, the size limits of STYLE.md, and the layering
// of DESIGN.md (tools/eslintLayering.js), plus purity bans for src/core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layering } from './tools/eslintLayering.js';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'demo-run/',
      'test-artifacts/',
      'node_modules/',
      'site/vendor/',
      'test/fixtures/',
      '**/__golden__/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { cred: { rules: { layering } } },
    rules: {
      'cred/layering': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'site/src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/testing/**'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 70, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core is pure: pass settings in.' },
        { name: 'fetch', message: 'core does no I/O.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core takes the clock as a parameter.' },
        { object: 'Math', property: 'random', message: 'core takes randomness as a parameter.' },
      ],
    },
  },
  {
    files: ['**/*.js', 'site/**/*.js'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
      },
    },
  },
);

/**
 * Lint: ESLint's and typescript-eslint's recommended rules, the type-aware
 * rules that catch lost promises, huijia's own (no wall clock outside the
 * Clock), and Prettier for the layout (eslint-config-prettier turns off the
 * rules that would fight it). `npm run lint` runs both; `npm test` runs it
 * before the tests.
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import huijia from './tools/eslint/huijia-plugin.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.jest/**', 'coverage/**', 'apps/web/src/generated/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { huijia },
    rules: {
      'huijia/no-wall-clock': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  { files: ['libs/platform/src/time/clock.ts'], rules: { 'huijia/no-wall-clock': 'off' } },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', globalThis: 'readonly', console: 'readonly', URL: 'readonly' } },
    plugins: { huijia },
    rules: { 'huijia/no-wall-clock': 'error' },
  },
  prettier,
);

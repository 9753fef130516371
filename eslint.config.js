import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.parity/', 'coverage/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Expected table output reads better with its spaces written out.
      'no-regex-spaces': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read environment variables only in src/cli (docs/architecture.md, Layers).',
        },
      ],
    },
  },
  {
    // Pure layers (docs/decisions/0215-report-split.md): callers read files and catalogs and pass the data in.
    files: ['src/spec/**', 'src/analysis/**', 'src/report/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      // The typescript-eslint twin of no-restricted-imports, so that a src-wide no-restricted-imports block
      // (the CLI layout's) does not replace this one.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'os', 'node:os'].map((name) => ({
            name,
            message: 'spec, analysis and report do no I/O; the caller passes the data in.',
          })),
          patterns: [
            {
              group: ['**/load-catalog.ts', '**/catalog-price-for-spec.ts', '**/package-files/**'],
              message: 'spec, analysis and report read no catalog or package file; the caller passes it in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**', 'test/**', 'bench/**', 'bin/**', 'scripts/**', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
  },
);

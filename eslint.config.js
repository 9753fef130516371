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
  // One folder per command (docs/decisions/0220-cli-layout.md): a command's files import their own folder and the
  // shared CLI modules, never another command's folder; only main.ts imports commands, and only their register-*.ts.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/main.ts', 'src/cli/commands/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)cli/commands/|^(\\./|\\.\\./)*commands/',
              message:
                'Only src/cli/main.ts registers commands; move what two commands share out of their folders.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\./commands/(?![^/]+/register-[^/]+\\.ts$)',
              message:
                "main.ts imports a command's register-*.ts only; the command itself is imported when it runs.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)|(^|/)commands/',
              message:
                "A command imports its own folder and shared CLI modules, not another command's files: move what is shared to src/cli (docs/decisions/0220-cli-layout.md).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
  },
);

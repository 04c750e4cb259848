// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders a layer may not import: `core ← engine ← pipeline ← adapters, interfaces`. */
const layerBans = {
  core: ['engine', 'pipeline', 'adapters', 'interfaces'],
  engine: ['pipeline', 'adapters', 'interfaces'],
  pipeline: ['adapters', 'interfaces'],
  adapters: ['interfaces'],
};
const drivers = [
  '@duckdb/*',
  'pg',
  'pg-*',
  'node:*',
  'fs',
  'path',
  'yaml',
  'csv-parse',
  'csv-parse/*',
];

const dependencyRule = Object.entries(layerBans).map(([layer, banned]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: banned.flatMap((b) => [`**/${b}/**`, `**/${b}`]),
            message: `the dependency rule: src/${layer} may not import ${banned.join(', ')}`,
          },
          ...(layer === 'core'
            ? [{ group: drivers, message: 'core is pure: no drivers and no I/O' }]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'demo-data/',
      'test-artifacts/',
      'bin/',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      'no-throw-literal': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...dependencyRule,
);

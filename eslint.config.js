import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const electronOnlyInAdapter = {
  paths: [{ name: 'electron', message: 'Only src-main/electron may import electron.' }],
}

export default tseslint.config(
  // src-wasm is AssemblyScript (its own types and compiler, npm run build:wasm), not TypeScript.
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'src-wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-imports': ['error', electronOnlyInAdapter],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ['src-main/electron/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    // expect.any() and friends are typed any by design.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['src-main/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInAdapter,
          patterns: [
            {
              group: ['node:*', '../core/**', '../../*'],
              message: 'The contract is pure TypeScript, shared with the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-worker/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInAdapter,
          patterns: [
            {
              group: ['better-sqlite3', 'mysql2', 'mysql2/*'],
              message: 'Workers open no database handles.',
            },
            {
              group: ['**/src-main/core/**'],
              message: 'Workers run pure code; the core stays in the main thread.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInAdapter,
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox.' },
            {
              group: ['**/src-main/**'],
              message:
                'The renderer talks to the core only through the API contract: import it as @api/*.',
            },
          ],
        },
      ],
    },
  },
)

// Type-aware lint for the server, shared-types, the mini-program and the web console: floating promises and unawaited assertions fail it.
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'miniapp/config/**', 'miniapp/babel.config.*', 'scripts/**', 'artifacts/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['server/**/*.ts', 'shared-types/**/*.ts', 'miniapp/src/**/*.{ts,tsx}', 'miniapp/test/**/*.{ts,tsx}', 'admin/src/**/*.{ts,tsx}', 'admin/test/**/*.{ts,tsx}', 'admin/vite.config.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['server/**/*.spec.ts', 'server/test/**/*.ts', 'miniapp/test/**/*.{ts,tsx}', 'admin/test/**/*.{ts,tsx}'],
    plugins: { jest },
    rules: {
      'jest/valid-expect': ['error', { alwaysAwait: true }],
      'jest/no-disabled-tests': 'error',
      'jest/no-focused-tests': 'error',
    },
  },
);

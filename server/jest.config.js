/** Unit specs sit next to the code; integration specs boot the app against a real database. */
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
// @fastify/static 10 requires an ESM-only package, which Node loads natively but Jest does not.
transform['node_modules/content-disposition/.+\\.js$'] = ['@swc/jest', { module: { type: 'commonjs' } }];
const transformIgnorePatterns = ['/node_modules/(?!content-disposition/)'];
const moduleNameMapper = { '^@huiyuan/shared-types$': '<rootDir>/../shared-types/src' };
module.exports = {
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, transformIgnorePatterns, moduleNameMapper, roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.int-spec.ts'],
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60000,
  // Keep-alive sockets and queue timers can outlive a suite by a moment; never let CI hang on them.
  forceExit: true,
};

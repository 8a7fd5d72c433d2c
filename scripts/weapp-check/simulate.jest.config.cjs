/** Runs the miniprogram-simulate smoke test over the built weapp; no transform touches dist/. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/simulate.test.cjs'],
  transform: {},
  testTimeout: 20000,
}

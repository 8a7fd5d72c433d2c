/** Component tests for the console: jsdom + babel-jest + Testing Library. */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  transform: { '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': 'babel-jest' },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|@ant-design|antd|rc-[a-z-]+|@rc-component|@babel/runtime|dayjs)/)'],
  moduleNameMapper: {
    '^@huiyuan/shared-types$': '<rootDir>/../shared-types/src/index.ts',
    '\\.(css|less)$': '<rootDir>/test/style-stub.ts',
  },
  testTimeout: 60000,
}

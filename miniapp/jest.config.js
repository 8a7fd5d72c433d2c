/** Unit tests for the mini-program: jsdom + babel-jest with Taro's preset (see shared/reference/stack-notes.md). */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  transform: { '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': 'babel-jest' },
  transformIgnorePatterns: ['/node_modules/(?!(\.pnpm|@tarojs|@stencil|swiper|tslib)/)'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/__mocks__/taro.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@huiyuan/shared-types$': '<rootDir>/../shared-types/src/index.ts',
    '\\.(css|scss|less)$': '<rootDir>/test/__mocks__/style.ts',
    '\\.(svg|png)$': '<rootDir>/test/__mocks__/file.ts',
  },
  globals: {
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
  },
}

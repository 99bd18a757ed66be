import type { Config } from 'jest';

// ts-jest with isolatedModules only transpiles; `npm run typecheck` is the type gate.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testRegex: '/__tests__/.*\\.test\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 20_000,
  // Finds or starts a redis-server for the shared-state suites, or says once that they are skipped.
  globalSetup: '<rootDir>/src/testing/redis-global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/redis-global-teardown.ts',
};

export default config;

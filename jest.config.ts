import type { Config } from 'jest';

// ts-jest with isolatedModules only transpiles; `npm run typecheck` is the type gate.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testRegex: '/__tests__/.*\\.test\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 20_000,
};

export default config;

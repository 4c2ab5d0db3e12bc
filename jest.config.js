/**
 * One command runs unit tests (`*.spec.ts` next to the code) and e2e tests
 * (`test/**\/*.e2e-spec.ts`). The global setup starts a real PostgreSQL and a
 * real redis-server unless TEST_DATABASE_URL / TEST_REDIS_URL are given.
 * @type {import('jest').Config}
 */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^#app/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 60_000,
  // Two cores in CI: two workers keep both busy without starving the databases.
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
};

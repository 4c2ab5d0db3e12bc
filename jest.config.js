/**
 * One command runs unit tests (`*.spec.ts` next to the code) and e2e tests
 * (`test/**\/*.e2e-spec.ts`). The global setup starts a real PostgreSQL and a
 * real redis-server unless TEST_DATABASE_URL / TEST_REDIS_URL are given.
 *
 * Time is an input: every test stands on one base date, TEST_TODAY (a fixed
 * day unless the environment names another), and the suites whose outcome
 * depends on the date run again on awkward days: 29 February, and the last
 * day of a leap year six years ahead (day 366; minors grow up, plans end, the
 * next year's working calendar is missing).
 * @type {import('jest').Config}
 */
const BASE_DATE = process.env.TEST_TODAY ?? '2026-11-23';

/** The suites whose behaviour depends on "today": ages, deadlines, plans, clocks. */
const DATE_SENSITIVE = [
  '<rootDir>/test/case/rules.e2e-spec.ts',
  '<rootDir>/test/case/lives.e2e-spec.ts',
  '<rootDir>/test/case/buyer-household.e2e-spec.ts',
  '<rootDir>/test/case/closure.e2e-spec.ts',
  '<rootDir>/test/followup/followup.e2e-spec.ts',
  '<rootDir>/test/followup/my-files.e2e-spec.ts',
  '<rootDir>/test/referral/referrals.e2e-spec.ts',
  '<rootDir>/test/household/household.e2e-spec.ts',
  '<rootDir>/test/tracing/tracing.e2e-spec.ts',
];
const OTHER_DATES = ['2028-02-29', '2032-12-31'];

const project = {
  rootDir: '.',
  testEnvironment: 'node',
  // apps/web has its own runner (Playwright, npm run test:web).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
  testTimeout: 60_000,
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^#app/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default {
  projects: [
    {
      ...project,
      displayName: BASE_DATE,
      globals: { TEST_TODAY: BASE_DATE },
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
    },
    ...(process.env.TEST_TODAY ? [] : OTHER_DATES).map((date) => ({ ...project, displayName: date, globals: { TEST_TODAY: date }, testMatch: DATE_SENSITIVE })),
  ],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // Longest first, also on a fresh clone with no timings cached (see the file).
  testSequencer: '<rootDir>/test/support/slowest-first.js',
  testTimeout: 60_000,
  // Two cores in CI: two workers keep both busy without starving the databases.
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
};

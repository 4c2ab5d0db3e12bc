/** Environment variables the global setup hands to the jest workers. */
export const HARNESS_ENV = {
  adminUrl: 'HUIJIA_TEST_ADMIN_URL',
  /** The same cluster as huijia_app, the role the apps under test connect as. */
  appUrl: 'HUIJIA_TEST_APP_URL',
  template: 'HUIJIA_TEST_TEMPLATE',
  redisUrl: 'HUIJIA_TEST_REDIS_URL',
  scratch: 'HUIJIA_TEST_SCRATCH',
};

/** huijia_app's password on a test cluster: fixed, so runs sharing a TEST_DATABASE_URL cluster agree on it. Tests only. */
export const TEST_APP_PASSWORD = 'huijia-app-test-only';

export function harnessValue(name) {
  const value = process.env[HARNESS_ENV[name]];
  if (!value) throw new Error(`${HARNESS_ENV[name]} is not set: run the tests with npm test (jest's global setup starts the stores)`);
  return value;
}

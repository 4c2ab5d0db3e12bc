export declare const HARNESS_ENV: {
  readonly adminUrl: 'HUIJIA_TEST_ADMIN_URL';
  readonly appUrl: 'HUIJIA_TEST_APP_URL';
  readonly template: 'HUIJIA_TEST_TEMPLATE';
  readonly redisUrl: 'HUIJIA_TEST_REDIS_URL';
  readonly scratch: 'HUIJIA_TEST_SCRATCH';
};
export declare const TEST_APP_PASSWORD: string;
export declare function harnessValue(name: keyof typeof HARNESS_ENV): string;

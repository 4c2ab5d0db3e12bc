/**
 * The browser suite (npm run test:web): the built app served by the real api
 * with a real PostgreSQL, Redis and worker, started by e2e/global-setup.ts the
 * way the jest harness does, driven by Debian's chromium (Playwright cannot
 * download a browser here). Chinese locale, China's time zone.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/playwright',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // A cap, not a measure: the scenarios screenshot and axe-check every page at two widths, on 2 shared cores.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../../.jest/playwright.json' }]],
  use: {
    baseURL: process.env.HUIJIA_E2E_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});

/**
 * The browser suite (npm run test:web): the built app served by the real api
 * with a real PostgreSQL, Redis and worker, started by e2e/global-setup.ts the
 * way the jest harness does, driven by Debian's chromium (Playwright cannot
 * download a browser here). Chinese locale, China's time zone.
 */
import { defineConfig } from '@playwright/test';

/**
 * Specs that need the stack to themselves: partner.spec moves the running stack's clock (R18), which every other
 * spec's dates stand on. The others that count an inbox or a queue exactly (civil, workbench, approvals, journey,
 * files, police, admin) do it as people of their own, in a county of their own, set up in their beforeAll: they run
 * side by side.
 */
const STACK_TO_THEMSELVES = ['**/partner.spec.ts'];

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/playwright',
  globalSetup: './e2e/global-setup.ts',
  // Two workers on CI's two cores: a browser test waits on the page, the api and the database more than it computes.
  // Spec files run side by side; the tests of one file run in order in one worker.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // A cap, not a measure: the scenarios screenshot and axe-check every page at two widths, on 2 shared cores.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  projects: [
    { name: 'own-data', testIgnore: STACK_TO_THEMSELVES },
    // After the others, one at a time.
    { name: 'alone', testMatch: STACK_TO_THEMSELVES, dependencies: ['own-data'], workers: 1 },
  ],
  reporter: [['list'], ['json', { outputFile: '../../.jest/playwright.json' }]],
  use: {
    baseURL: process.env.HUIJIA_E2E_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    // The app then turns antd's animations off (providers.tsx): no click on a dialog still zooming in, no wait for it.
    contextOptions: { reducedMotion: 'reduce' },
    // A trace records every action's DOM: worth it at a desk, where a failure's trace can be opened; CI keeps only the log.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    // No GPU process: on a machine without one chromium emulates it in software (SwiftShader), and that process was
    // chromium's busiest on CI's two cores; the screenshots rasterise on the CPU just the same.
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] },
  },
});

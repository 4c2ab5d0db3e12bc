/**
 * The suite's `test`: every page it opens is watched for uncaught errors,
 * console errors and 5xx answers (a 4xx is an answer the app shows, and the
 * browser logs it as "Failed to load resource"), checked after each test.
 * `checkPage` photographs a page at 1440 and 390 px and runs axe on both;
 * `signIn` signs in through the API as the app does (the cookie lands in the
 * page's context), so only the sign-in test uses the form.
 */
import { expect, test as base, type Page } from '@playwright/test';
import path from 'node:path';
import { REPO_ROOT } from '../../../../test/support/processes.js';
import { axeViolations } from './axe.js';
import { USERS, type SeededUser } from './users.js';

export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
          problems.push(`console error: ${message.text()}`);
        }
      });
      page.on('response', (response) => {
        if (response.status() >= 500) problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
      });
      await use(problems);
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

const WIDTHS = [1440, 390] as const;

/**
 * Screenshots at both widths into test-results/screens/<name>-<width>.png, and
 * no serious or critical axe violation at either width: every page, each
 * state, dialog and tab, as a desktop and as a phone lays it out.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  // The page's data first. A resize fetches nothing (networkidle would wait half a second for nothing): two frames let
  // the components that follow the width (antd's breakpoints) render again before the photograph.
  await page.waitForLoadState('networkidle');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.evaluate(() => new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled))));
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'screens', `${name}-${width}.png`), fullPage: true });
    const serious = (await axeViolations(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(
      serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.targets.join(', ')}`),
      `${name} at ${width} px`,
    ).toEqual([]);
  }
  if (original) await page.setViewportSize(original);
}

/** Someone a spec created itself, beside the seeded users. */
export type Credentials = { username: string; password: string };

export async function signIn(page: Page, who: SeededUser | Credentials): Promise<void> {
  const { username, password } = typeof who === 'string' ? USERS[who] : who;
  const response = await page.request.post('/auth/login', { data: { username, password, session: 'cookie' } });
  expect(response.status()).toBe(200);
}

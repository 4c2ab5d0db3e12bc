/**
 * Everything works by keyboard (issue 13, WCAG 2.1.1): a caseworker signs in,
 * passes the navigation by with the skip link, finds a file, opens it,
 * moves between its tabs and opens and closes a step's form — Tab, arrows,
 * Enter and Escape only, never the mouse.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test.js';
import { USERS } from './support/users.js';

/** Presses Tab until `target` has the focus: it can be reached by keyboard, in a sane number of steps. */
async function tabTo(page: Page, target: Locator, most = 40): Promise<void> {
  for (let step = 0; step < most; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement)).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reached by ${most} presses of Tab: ${target.toString()}`);
}

test('a caseworker does a round of work by keyboard alone', async ({ page }) => {
  await page.goto('/app/login');
  await tabTo(page, page.getByLabel('用户名'));
  await page.keyboard.type(USERS.caseworker.username);
  await tabTo(page, page.getByLabel('密码'));
  await page.keyboard.type(USERS.caseworker.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();

  // The first Tab offers to skip the navigation; taking it puts the focus on the page's content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  await tabTo(page, page.getByRole('link', { name: '个案档案' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '个案档案', level: 1 })).toBeVisible();
  await tabTo(page, page.getByRole('searchbox', { name: '搜索个案' }));
  await page.keyboard.type('小兰');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('cell', { name: /张建国/ })).toHaveCount(0);
  const row = page.getByRole('row', { name: /周小兰/ }).getByRole('link');
  await tabTo(page, row);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '周小兰' })).toBeVisible();

  // The tabs: reach the selected one, move with the arrow keys, choose with Enter.
  const tabs = page.getByRole('tab');
  await tabTo(page, page.getByRole('tab', { selected: true }));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');

  // A step's form opens on Enter with the focus inside it, and Escape closes it, giving the focus back.
  const action = page.getByRole('region', { name: '可办理事项' }).getByRole('button').first();
  await tabTo(page, action);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(action).toBeFocused();
});

/**
 * English is a whole language of the app, not a half-translated one (WEB.md
 * §6): with English chosen, every page of the civil-affairs workspace and
 * every tab of a file shows no Chinese word of its own — Chinese on the page
 * must come from the data (names, places, the interview), which the API sent —
 * and no untranslated key; what is Chinese on purpose is marked `lang`. Form errors are shown in English too, legibly (axe
 * checks their contrast).
 */
import type { Page } from '@playwright/test';
import { openAs, reunifiedChild } from './support/api.js';
import { checkPage, expect, test } from './support/test.js';

/** The text of every API answer the page received, without `message` (a server message is bilingual; the page must pick its English half). */
function recordData(page: Page): () => string {
  const bodies: string[] = [];
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'message')
        .map(([key, inner]) => [key, strip(inner)]),
    );
  };
  page.on('response', async (response) => {
    if (!(response.headers()['content-type'] ?? '').includes('application/json')) return;
    try {
      bodies.push(JSON.stringify(strip(await response.json())));
    } catch {
      // A body already gone (the page navigated on): its data is not on the page either.
    }
  });
  return () => bodies.join('\n');
}

/** Chinese runs on the page that no API answer holds, and anything that looks like an i18n key left untranslated. */
async function untranslated(page: Page, data: () => string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  // What is marked as Chinese (the language switch names 简体中文 in itself) is meant to be.
  const text = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[lang^="zh"]')].reduce((rest, part) => rest.replace(part.innerText, ''), document.body.innerText),
  );
  const chinese = [...new Set(text.match(/[\u3400-\u9fff]+/g) ?? [])].filter((run) => !data().includes(run));
  const keys = text.match(/\b[a-z]+(?:\.[a-zA-Z]+){1,}\b/g)?.filter((key) => !/^(?:e2e|www|huijia)\./.test(key)) ?? [];
  return [...chinese, ...keys];
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('huijia.language', 'en'));
});

test('in English, the workbench, the files list and the intake form (with its field errors) hold no Chinese of their own', async ({ page }) => {
  const data = recordData(page);
  await openAs(page, 'caseworker', '/app/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await untranslated(page, data), 'workbench').toEqual([]);
  await checkPage(page, 'en-workbench');

  await page.goto('/app/files');
  await expect(page.getByRole('table')).toBeVisible();
  expect(await untranslated(page, data), 'files').toEqual([]);
  await checkPage(page, 'en-files');

  await page.goto('/app/intake');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.locator('.ant-form-item-explain-error').first()).toBeVisible();
  expect(await untranslated(page, data), 'intake').toEqual([]);
  await checkPage(page, 'en-intake-errors');
});

test('in English, every tab of a reunified child’s file holds no Chinese of its own', async ({ page, request }) => {
  const id = await reunifiedChild(request, '杨雨欣');
  const data = recordData(page);
  await openAs(page, 'caseworker', `/app/files/${id}`);
  const tabs = page.getByRole('tab');
  await expect(tabs.first()).toBeVisible();
  const names = await tabs.allInnerTexts();
  expect(names.length).toBeGreaterThanOrEqual(7);
  for (const [index, name] of names.entries()) {
    await tabs.nth(index).click();
    await expect(tabs.nth(index)).toHaveAttribute('aria-selected', 'true');
    // The tab's code and data have arrived: no fallback, spinner or skeleton left in it.
    const panel = page.getByRole('tabpanel').filter({ visible: true });
    await expect(panel.getByText('Loading…')).toHaveCount(0);
    await expect(panel.locator('.ant-spin-spinning, .ant-skeleton')).toHaveCount(0);
    expect(await untranslated(page, data), name).toEqual([]);
    await checkPage(page, `en-file-tab-${index + 1}`);
  }
});

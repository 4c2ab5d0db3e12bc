/**
 * 转介 and 回访 on the file page (issue 13, page 5): a caseworker refers an
 * interviewed child to a school; the trafficking history is not disclosed
 * unless consented (R16), and the referral is listed as sent. A reunified
 * child's follow-up plan is shown and a visit recorded (R17). Data is set up
 * through the API; the browser's clock stands on the server's.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { chinaMorning, TEST_TODAY } from '../../../test/support/clock.js';
import { checkPage, expect, signIn, test } from './support/test.js';
import { USERS, type SeededUser } from './support/users.js';

const SCHOOL = '五华区红山小学';

async function open(page: Page, who: SeededUser, url: string) {
  await page.clock.setFixedTime(chinaMorning(TEST_TODAY));
  await signIn(page, who);
  await page.goto(url);
}

async function apiAs(request: APIRequestContext, who: SeededUser) {
  const login = await request.post('/auth/login', { data: { username: USERS[who].username, password: USERS[who].password } });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}` };
  return async <T>(method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<T> => {
    const response = await request.fetch(url, { method, headers, data });
    expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
}

/** A girl handed over by the police and interviewed; she gave no consent to share her history. */
async function interviewedChild(request: APIRequestContext, name: string, birthDate: string): Promise<string> {
  const api = await apiAs(request, 'caseworker');
  const police = await api<{ items: { id: string }[] }>('GET', '/organisations?kind=public_security&limit=1');
  const intake = await api<{ file: { id: string } }>('POST', '/intake/police-handovers', {
    person: { name, sex: 'female', birthDate, identityStatus: 'claimed' },
    handover: {
      policeOrganisationId: police.items[0].id,
      policeCaseNumber: `WH-2026-${name}`,
      handoverDate: TEST_TODAY,
      placeCode: '530102',
      materials: [],
      circumstances: '解救移交',
    },
    duplicateDecision: { action: 'new_person' },
  });
  const id = intake.file.id;
  await api('POST', `/files/${id}/interview`, {
    conductedAt: new Date(chinaMorning(TEST_TODAY).getTime() - 3600_000).toISOString(),
    language: 'zh',
    attendees: [],
    circumstances: '被拐卖至外省，由公安解救。',
    needs: ['schooling'],
    consents: { schooling: { given: true, by: 'guardian' } },
  });
  return id;
}

/** The same child, home with her father: reunification approved by the supervisor; the plan follows (R17). */
async function reunifiedChild(request: APIRequestContext, name: string): Promise<string> {
  const id = await interviewedChild(request, name, '2014-03-09');
  const api = await apiAs(request, 'caseworker');
  const version = async () => (await api<{ version: number }>('GET', `/files/${id}`)).version;
  await api('POST', `/files/${id}/guardians`, { kind: 'parent', name: '杨建华', relation: '父亲', since: TEST_TODAY });
  await api('POST', `/files/${id}/transitions`, { event: 'start_return_home', expectedVersion: await version() });
  await api('PUT', `/files/${id}/return-home`, {
    recipientName: '杨建华',
    relation: '父亲',
    address: '五华区红云街道 8 号',
    placeCode: '530102',
    expectedVersion: await version(),
  });
  const requested = await api<{ outcome: string; approval: { id: string } }>('POST', `/files/${id}/transitions`, {
    event: 'reunify',
    expectedVersion: await version(),
    payload: {},
  });
  expect(requested.outcome).toBe('approval_requested');
  const supervisor = await apiAs(request, 'supervisor');
  await supervisor('POST', `/approvals/${requested.approval.id}/approve`, { reason: '同意返家' });
  const login = await request.post('/auth/login', { data: { username: USERS.caseworker.username, password: USERS.caseworker.password } });
  const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  await expect.poll(async () => (await request.get(`/files/${id}/followup`, { headers })).status()).toBe(200);
  return id;
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: option }).click();
}

test.beforeAll(async ({ request }) => {
  // A school of the county to refer to (R14), created once by the administrator.
  const login = await request.post('/auth/login', { data: { username: USERS.admin.username, password: USERS.admin.password } });
  const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const found = await request.get(`/organisations?kind=school&q=${encodeURIComponent(SCHOOL)}`, { headers });
  if (((await found.json()) as { items: unknown[] }).items.length > 0) return;
  const created = await request.post('/organisations', { headers, data: { name: SCHOOL, kind: 'school', jurisdictionCode: '530102' } });
  expect(created.status()).toBe(201);
});

test('R16: a caseworker refers an interviewed child to a school without disclosing her trafficking history, and sees it sent', async ({ page, request }) => {
  const id = await interviewedChild(request, '杨小雨', '2016-05-01');
  await open(page, 'caseworker', `/app/files/${id}?tab=referrals`);
  await expect(page.getByRole('tab', { name: '转介', selected: true })).toBeVisible();
  await expect(page.getByText('尚无转介')).toBeVisible();
  await checkPage(page, 'file-tab-referrals-empty');

  await page.getByRole('button', { name: '新建转介' }).click();
  const form = page.getByRole('dialog', { name: '新建转介' });
  await pick(page, '转介类型', '入学');
  await pick(page, '接收机构', SCHOOL);
  await form.getByLabel('转介事由').fill('适龄儿童，安排就近入学。');
  await form.getByLabel('拟入读年级').fill('四年级');
  // Nothing is disclosed by default (R16): her history is not ticked.
  await expect(form.getByRole('checkbox', { name: '被拐经历' })).not.toBeChecked();
  // Ticked without her consent, the server refuses it on the field.
  await form.getByRole('checkbox', { name: '被拐经历' }).check();
  await form.getByRole('button', { name: '发送转介' }).click();
  await expect(form.getByText(/没有本人或监护人分享 trafficking_history 的同意记录/)).toBeVisible();
  await checkPage(page, 'file-referral-form');
  await form.getByRole('checkbox', { name: '被拐经历' }).uncheck();

  const sent = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(`/files/${id}/referrals`));
  await form.getByRole('button', { name: '发送转介' }).click();
  // The wire: sent at once, nothing disclosed beyond the minimum a school needs.
  const created = (await (await sent).json()) as { status: string; disclosed: string[] };
  expect(created).toMatchObject({ status: 'sent', disclosed: [] });
  await expect(form).toBeHidden();

  const item = page.locator('.referral-item').filter({ hasText: SCHOOL });
  await expect(item.getByText('入学', { exact: true })).toBeVisible();
  await expect(item.getByText('已发送').first()).toBeVisible();
  await expect(item.getByText('仅基本信息（未披露被拐经历等）')).toBeVisible();
  await expect(item.getByRole('button', { name: '撤回' })).toBeVisible();
  await checkPage(page, 'file-tab-referrals');
});

test('R17: the follow-up tab of a reunified child shows the plan and records a visit', async ({ page, request }) => {
  const id = await reunifiedChild(request, '杨小燕');
  await open(page, 'caseworker', `/app/files/${id}?tab=followup`);
  await expect(page.getByRole('tab', { name: '回访', selected: true })).toBeVisible();
  await expect(page.getByText('已完成 0 次')).toBeVisible();
  await expect(page.getByText('待回访').first()).toBeVisible();
  await checkPage(page, 'file-tab-followup');

  await page.getByRole('button', { name: '记录回访' }).first().click();
  const form = page.getByRole('dialog', { name: '记录第 1 次回访' });
  await expect(form.getByRole('textbox', { name: '回访日期' })).toHaveValue(TEST_TODAY);
  await form.getByLabel('生活状况').fill('与父亲同住，生活稳定。');
  await form.getByLabel('就学或就业情况').fill('已在本地小学就读。');
  await checkPage(page, 'file-visit-form');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('已完成 1 次')).toBeVisible();
  await expect(page.getByRole('cell', { name: '与父亲同住，生活稳定。' })).toBeVisible();
});

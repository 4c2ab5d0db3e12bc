/**
 * Data for the browser specs, set up through the API as a role would (each
 * call its own login, no cookie in the page), and the page opened as a role
 * with the browser's clock on the server's (CLOCK_AT: 10:00 in China on
 * TEST_TODAY), so "today" in a form is the server's today.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { chinaMorning, TEST_TODAY } from '../../../../test/support/clock.js';
import { addDays } from '#app/platform';
import { expect, signIn } from './test.js';
import { USERS, type SeededUser } from './users.js';

export type Api = <T>(method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown) => Promise<T>;

export async function openAs(page: Page, who: SeededUser, url: string): Promise<void> {
  await page.clock.setFixedTime(chinaMorning(TEST_TODAY));
  await signIn(page, who);
  await page.goto(url);
}

export async function apiAs(request: APIRequestContext, who: SeededUser): Promise<Api> {
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

export async function organisationId(request: APIRequestContext, kind: string): Promise<string> {
  const api = await apiAs(request, 'caseworker');
  const page = await api<{ items: { id: string }[] }>('GET', `/organisations?kind=${kind}&limit=1`);
  return page.items[0].id;
}

/** A girl handed over by the police and interviewed; she gave no consent to share her history. */
export async function interviewedChild(request: APIRequestContext, name: string, birthDate: string): Promise<string> {
  const api = await apiAs(request, 'caseworker');
  const intake = await api<{ file: { id: string } }>('POST', '/intake/police-handovers', {
    person: { name, sex: 'female', birthDate, identityStatus: 'claimed' },
    handover: {
      policeOrganisationId: await organisationId(request, 'public_security'),
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
export async function reunifiedChild(request: APIRequestContext, name: string): Promise<string> {
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
  // The plan is made by the worker from the reunification's event: wait for it.
  const login = await request.post('/auth/login', { data: { username: USERS.caseworker.username, password: USERS.caseworker.password } });
  const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  await expect.poll(async () => (await request.get(`/files/${id}/followup`, { headers })).status()).toBe(200);
  return id;
}

/** Picks an option of an antd select by its accessible label. */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: option }).click();
}

/** The API outside the page, for setting data up as people would (its own logins: no cookie in the page). */
export async function api<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${process.env.HUIJIA_E2E_BASE_URL!}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An access token for a user. */
export const tokenOf = async (username: string, password: string) => (await api<{ accessToken: string }>('POST', '/auth/login', { username, password })).accessToken;

/** Someone the institution of `staff` found `daysAgo` days ago (in 五华区 unless `placeCode` says), identity unknown, interviewed the next day; the file's id. */
export async function foundInCare(
  staff: string,
  { daysAgo, person, remembers, placeCode = '530102' }: { daysAgo: number; person: Record<string, unknown>; remembers: string; placeCode?: string },
): Promise<string> {
  const intake = await api<{ file: { id: string } }>(
    'POST',
    '/intake/discoveries',
    {
      person: { identityStatus: 'unknown', ...person },
      discovery: { discoveredOn: addDays(TEST_TODAY, -daysAgo), placeCode, circumstances: '在客运站独自徘徊，由救助保护中心接回。' },
    },
    staff,
  );
  const id = intake.file.id;
  await api(
    'POST',
    `/files/${id}/interview`,
    { conductedAt: chinaMorning(addDays(TEST_TODAY, 1 - daysAgo)).toISOString(), language: 'zh', attendees: [], circumstances: remembers, needs: ['shelter'], consents: {} },
    staff,
  );
  return id;
}

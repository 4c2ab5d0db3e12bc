/**
 * Data for the browser specs, set up through the API as a role would (each
 * call its own login, no cookie in the page), and the page opened as a role
 * with the browser's clock on the server's (CLOCK_AT: 10:00 in China on
 * TEST_TODAY), so "today" in a form is the server's today.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { chinaMorning, TEST_TODAY } from '../../../../test/support/clock.js';
import { addDays } from '#app/platform';
import pg from 'pg';
import { expect, signIn, type Credentials } from './test.js';
import { api, policeHandover, threeHandedOver, tokenOf, type Api } from './http.js';
import { USERS, type SeededUser } from './users.js';

export { api, policeHandover, threeHandedOver, tokenOf, type Api };

export async function openAs(page: Page, who: SeededUser | Credentials, url: string): Promise<void> {
  await page.clock.setFixedTime(chinaMorning(TEST_TODAY));
  await signIn(page, who);
  await page.goto(url);
}

export async function apiAs(request: APIRequestContext, who: SeededUser | Credentials): Promise<Api> {
  const { username, password } = typeof who === 'string' ? USERS[who] : who;
  const login = await request.post('/auth/login', { data: { username, password } });
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
  return interviewedPerson(request, name, { birthDate, needs: ['schooling'], consents: { schooling: { given: true, by: 'guardian' } } });
}

/** Someone handed over by the police to the seeded bureau and interviewed: the file's id. */
export async function interviewedPerson(
  request: APIRequestContext,
  name: string,
  { birthDate, needs, consents }: { birthDate: string; needs: string[]; consents: Record<string, unknown> },
): Promise<string> {
  const api = await apiAs(request, 'caseworker');
  const { id } = await policeHandover(
    api,
    { name, sex: 'female', birthDate, identityStatus: 'claimed' },
    { police: await organisationId(request, 'public_security'), caseNumber: `WH-2026-${name}`, placeCode: '530102' },
  );
  await api('POST', `/files/${id}/interview`, {
    conductedAt: new Date(chinaMorning(TEST_TODAY).getTime() - 3600_000).toISOString(),
    language: 'zh',
    attendees: [],
    circumstances: '被拐卖至外省，由公安解救。',
    needs,
    consents,
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

/**
 * Picks an option of a single antd select by its accessible label, and waits until
 * the select shows it: under load a click while the dropdown still opens was
 * lost, and the form was sent without the value. Each step waits once (the
 * expect timeout), no retry loop.
 */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  const combobox = page.getByRole('combobox', { name: label, exact: true });
  await combobox.click();
  const dropdown = page.locator('.ant-select-dropdown').filter({ visible: true });
  await expect(dropdown).toBeVisible();
  const choice = dropdown.locator('.ant-select-item-option', { hasText: option });
  await expect(choice).toBeVisible();
  await choice.click();
  await expect(dropdown).toBeHidden();
  await expect(page.locator('.ant-select').filter({ has: combobox })).toContainText(option);
}

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

/** The API outside the page as the holder of `token`, in the shape of apiAs's. */
export const withToken =
  (token: string): Api =>
  <T>(method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown) =>
    api<T>(method, url, data, token);

/**
 * The organisation of that name and kind, created by `admin` the first time:
 * a spec's setup run again (its worker restarted after a failure) finds its
 * own, and two specs that share one (昆明市民政局) and set up side by side
 * both find the one that whichever came first created (the name is unique in
 * its division: the other's creation is refused).
 */
export async function organisationNamed(admin: Api, name: string, kind: string, jurisdictionCode: string): Promise<string> {
  const find = async () =>
    (await admin<{ items: { id: string; name: string }[] }>('GET', `/organisations?kind=${kind}&q=${encodeURIComponent(name)}`)).items.find((one) => one.name === name)?.id;
  const found = await find();
  if (found) return found;
  try {
    return (await admin<{ id: string }>('POST', '/organisations', { name, kind, jurisdictionCode })).id;
  } catch (error) {
    const created = await find();
    if (created) return created;
    throw error;
  }
}

/** A spec's own user, created by `admin` unless they can already sign in (the setup run again). */
export async function userNamed(admin: Api, user: Credentials & { displayName: string }, role: string, organisationId: string): Promise<void> {
  const signedIn = await tokenOf(user.username, user.password).catch(() => null);
  if (!signedIn) await admin('POST', '/users', { ...user, role, organisationId });
}

/**
 * A reminder for `username`, due the day before the stack's day, written
 * where no route writes one, and the worker told: it delivers it to the inbox
 * and the live stream as one that came due.
 */
export async function dueReminder(username: string, kind: string, title: string): Promise<void> {
  const db = new pg.Client({ connectionString: process.env.HUIJIA_E2E_DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO reminder (kind, title, due_at, assignee_user_id, assignee_organisation_id)
       SELECT $2, $3, $4::timestamptz, u.id, u.organisation_id FROM user_account u WHERE u.username = $1`,
      [username, kind, title, `${addDays(TEST_TODAY, -1)}T10:00:00+08:00`],
    );
    await db.query(`SELECT pg_notify('reminder', '')`);
  } finally {
    await db.end();
  }
}

/** A spec's own people, all with the spec's password: by key, [username, display name]. */
export function ownPeople<K extends string>(password: string, people: Record<K, [username: string, displayName: string]>): Record<K, Credentials & { displayName: string }> {
  const entries = Object.entries(people) as [K, [string, string]][];
  return Object.fromEntries(entries.map(([key, [username, displayName]]) => [key, { username, displayName, password }])) as Record<K, Credentials & { displayName: string }>;
}

/**
 * A spec's people of their own in a county of their own (its counts its own, the seeded pages untouched), set
 * up by the administrator, found again when the setup runs again: the county's civil affairs bureau, the other
 * organisations by key ([name, kind], in the county unless a jurisdiction is given) and the people, each with
 * a role, in the bureau unless an organisation's key is given. The ids, by key (the bureau's: `bureau`).
 */
export async function countyTeam<K extends string = never>(
  county: { code: string; bureau: string },
  {
    organisations,
    people,
  }: { organisations?: Record<K, [name: string, kind: string, jurisdictionCode?: string]>; people: [Credentials & { displayName: string }, string, (NoInfer<K> | 'bureau')?][] },
): Promise<Record<K | 'bureau', string> & { admin: Api }> {
  const admin = withToken(await tokenOf(USERS.admin.username, USERS.admin.password));
  const ids = { bureau: await organisationNamed(admin, county.bureau, 'civil_affairs_bureau', county.code) } as Record<K | 'bureau', string>;
  for (const [key, [name, kind, code]] of Object.entries(organisations ?? {}) as [K, [string, string, string?]][]) {
    ids[key] = await organisationNamed(admin, name, kind, code ?? county.code);
  }
  for (const [person, role, where] of people) await userNamed(admin, person, role, ids[where ?? 'bureau']);
  return { ...ids, admin };
}

/**
 * The API outside the page, for setting data up as people would: a call
 * with a bearer token, a sign-in, and someone an institution found some days
 * ago, interviewed the next day (her R11 clock runs from the day she came).
 */
import { chinaMorning, TEST_TODAY } from '../../../../test/support/clock.js';
import { addDays } from '#app/platform';

const BASE = () => process.env.HUIJIA_E2E_BASE_URL!;

export async function api<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${BASE()}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const tokenOf = async (username: string, password: string) => (await api<{ accessToken: string }>('POST', '/auth/login', { username, password })).accessToken;

/** Someone the institution of `staff` found `daysAgo` days ago, identity unknown, interviewed the next day; the file's id. */
export async function foundInCare(staff: string, { daysAgo, person, remembers }: { daysAgo: number; person: Record<string, unknown>; remembers: string }): Promise<string> {
  const intake = await api<{ file: { id: string } }>(
    'POST',
    '/intake/discoveries',
    {
      person: { identityStatus: 'unknown', ...person },
      discovery: { discoveredOn: addDays(TEST_TODAY, -daysAgo), placeCode: '530102', circumstances: '在客运站独自徘徊，由救助保护中心接回。' },
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

import { residentId } from '../../../../test/support/case-fixtures.js';
import { TEST_TODAY } from '../../../../test/support/clock.js';
import { addDays } from '#app/platform';

/**
 * The API outside the page, for setting data up as people would (its own
 * logins: no cookie in the page), on the stack global-setup.ts started. No
 * Playwright here: global-setup's seed uses it too.
 */
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

/** The API outside the page as one person (apiAs, withToken): method, url, body. */
export type Api = <T>(method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown) => Promise<T>;

/** What a police handover says besides the person (R1): the unit, its case number, the day and place. */
export interface Handover {
  police: string;
  caseNumber: string;
  placeCode: string;
  /** TEST_TODAY unless said. */
  handoverDate?: string;
  circumstances?: string;
  materials?: { item: string }[];
  /** The bureau that takes the file, when the one recording it is the police. */
  responsibleOrganisationId?: string;
}

/** A police handover of a new person, recorded through the API by `by` (a token, or an Api): the file. */
export async function policeHandover(
  by: string | Api,
  person: Record<string, unknown>,
  { police, caseNumber, placeCode, handoverDate = TEST_TODAY, circumstances = '解救移交', materials = [], responsibleOrganisationId }: Handover,
): Promise<{ id: string; reference: string; version: number }> {
  const body = {
    person,
    ...(responsibleOrganisationId ? { responsibleOrganisationId } : {}),
    handover: { policeOrganisationId: police, policeCaseNumber: caseNumber, handoverDate, placeCode, materials, circumstances },
    duplicateDecision: { action: 'new_person' },
  };
  const url = '/intake/police-handovers';
  type Intake = { file: { id: string; reference: string; version: number } };
  const intake = typeof by === 'string' ? await api<Intake>('POST', url, body, by) : await by<Intake>('POST', url, body);
  return intake.file;
}

/**
 * Three people the police unit handed over to the county of `placeCode`, 10 to 12 days ago, each identity
 * confirmed: 周小兰 (11), 陈小梅 (15) and 张建国 (41), case numbers `${casePrefix}-101` to 103.
 */
export async function threeHandedOver(token: string, police: string, placeCode: string, casePrefix: string): Promise<void> {
  const people = [
    { name: '周小兰', sex: 'female', idNumber: residentId(placeCode, '20150301', '022') },
    { name: '陈小梅', sex: 'female', idNumber: residentId(placeCode, '20110716', '046') },
    { name: '张建国', sex: 'male', idNumber: residentId(placeCode, '19850612', '031') },
  ];
  for (const [index, person] of people.entries()) {
    await policeHandover(
      token,
      { ...person, identityStatus: 'confirmed' },
      { police, caseNumber: `${casePrefix}-${101 + index}`, placeCode, handoverDate: addDays(TEST_TODAY, -10 - index) },
    );
  }
}

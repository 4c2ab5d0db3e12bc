import request from 'supertest';
import type { App } from 'supertest/types.js';
import { checkDigitOf } from '#app/case';
import { chinaMorning, day } from './clock.js';

/** A valid resident ID number (GB 11643) from its parts. */
export function residentId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkDigitOf(first17);
}

/** The one-stop interview, held a week before the base date. */
export const interview = {
  conductedAt: chinaMorning(day(-7)).toISOString(),
  place: '昆明市未成年人救助保护中心',
  language: 'zh',
  attendees: [
    { name: '李个案', role: '民政个案工作者' },
    { name: '赵警官', role: '公安民警', agency: '五华分局' },
  ],
  circumstances: '被拐卖至外省，由公安解救。',
  needs: ['shelter', 'schooling', 'psychological'],
  risks: '收买家庭可能再次接触',
  wishes: '回到父母身边',
  consents: { schooling: { given: true, by: 'guardian' }, trafficking_history: { given: false, by: 'guardian' } },
};

/** Fires an event at the file's current version and returns the response. */
export async function step(server: App, auth: { authorization: string }, fileId: string, event: string, payload: Record<string, unknown> = {}) {
  const current = await request(server).get(`/files/${fileId}/transitions`).set(auth);
  if (current.status !== 200) throw new Error(`transitions of ${fileId}: ${current.status} ${JSON.stringify(current.body)}`);
  return request(server).post(`/files/${fileId}/transitions`).set(auth).send({ event, expectedVersion: current.body.version, payload });
}

/** Requests an event that needs approval and has another supervisor approve it; returns the approval's answer. */
export async function approved(
  server: App,
  requester: { authorization: string },
  supervisor: { authorization: string },
  fileId: string,
  event: string,
  payload: Record<string, unknown> = {},
) {
  const requested = await step(server, requester, fileId, event, payload);
  if (requested.body.outcome !== 'approval_requested') throw new Error(`${event}: ${requested.status} ${JSON.stringify(requested.body)}`);
  return request(server).post(`/approvals/${requested.body.approval.id}/approve`).set(supervisor).send({ reason: '同意 / approved' });
}

/** The file's version now, as the caller sees it (for versioned writes: return home, repatriation, identity, guardians). */
export async function versionOf(server: App, auth: { authorization: string }, fileId: string): Promise<number> {
  const file = await request(server).get(`/files/${fileId}`).set(auth);
  if (file.status !== 200) throw new Error(`file ${fileId}: ${file.status} ${JSON.stringify(file.body)}`);
  return file.body.version;
}

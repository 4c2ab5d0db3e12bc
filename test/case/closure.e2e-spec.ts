/**
 * Closing a file closes what hangs on it (R16, R22): no referral left open,
 * partners and the police see the file no longer than their work needs it,
 * reminders stop. And a referral's errors say what happened (404 only for a
 * referral that is missing or out of scope).
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { OutboxRelay } from '#app/platform';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { approved, interview, step, versionOf } from '../support/case-fixtures.js';
import { bornAged, chinaMorning, day } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

describe('closing a file closes what hangs on it (R16, R22)', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let caseworker: User;
  let supervisor: User;
  let police: User;
  let socialWorker: User;
  let legalAid: User;
  let otherSocialWorker: User;

  beforeAll(async () => {
    stack = await startStack({ worker: true });
    server = stack.api!.getHttpServer();
    stack.worker!.get(OutboxRelay).start();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, db, 'supervisor', { id: bureau });
    police = await signedIn(server, db, 'police_liaison', { kind: 'public_security', jurisdictionCode: '530102' });
    socialWorker = await signedIn(server, db, 'social_worker', { kind: 'social_work_organisation', jurisdictionCode: '530102' });
    legalAid = await signedIn(server, db, 'legal_aid_staff', { kind: 'legal_aid_centre', jurisdictionCode: '530102' });
    otherSocialWorker = await signedIn(server, db, 'social_worker', { kind: 'social_work_organisation', jurisdictionCode: '530102' });
  });
  afterAll(() => stack?.close());

  const as = (user: User) => ({
    get: (path: string) => request(server).get(path).set(user.auth),
    post: (path: string, body: object = {}) => request(server).post(path).set(user.auth).send(body),
  });

  let serial = 0;
  /** A girl handed over by the police, interviewed, with the bureau as guardian. */
  async function handedOver(): Promise<string> {
    serial += 1;
    const intake = await as(police)
      .post('/intake/police-handovers', {
        responsibleOrganisationId: bureau,
        person: { name: `结案${serial}`, sex: 'female', identityStatus: 'claimed', birthDateRange: { from: bornAged(12), to: bornAged(11) }, languages: ['zh'] },
        handover: {
          policeOrganisationId: police.organisationId,
          policeCaseNumber: `JA-${serial}`,
          handoverDate: day(-60),
          placeCode: '530102',
          materials: [],
          circumstances: '移交',
        },
        duplicateDecision: { action: 'new_person' },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    await as(caseworker).post(`/files/${fileId}/interview`, interview).expect(201);
    await as(caseworker)
      .post(`/files/${fileId}/guardians`, { kind: 'civil_affairs', name: '五华区民政局', organisationId: bureau, since: day(-60) })
      .expect(201);
    return fileId;
  }

  /** Home to her parents: the return home recorded, the reunification approved. */
  async function reunified(fileId: string): Promise<void> {
    expect((await step(server, caseworker.auth, fileId, 'start_return_home')).body).toMatchObject({ to: 'returning_home' });
    await request(server)
      .put(`/files/${fileId}/return-home`)
      .set(caseworker.auth)
      .send({
        recipientName: '张建国',
        relation: '父亲',
        address: '云南省昆明市五华区某街道3号',
        placeCode: '530102',
        expectedVersion: await versionOf(server, caseworker.auth, fileId),
      })
      .expect(200);
    const done = await approved(server, caseworker.auth, supervisor.auth, fileId, 'reunify', { handedOverAt: chinaMorning(day(-1)).toISOString() });
    expect(done.body).toMatchObject({ to: 'reunified' });
  }

  const openGrants = async (fileId: string) =>
    (await stack.database.query<{ n: number }>('SELECT count(*)::int AS n FROM file_access_grant WHERE file_id = $1 AND revoked_at IS NULL', [fileId]))[0].n;

  it('R16, R22: the police view of a reunified child ends; the police keep their own DNA worklist', async () => {
    const fileId = await handedOver();
    await as(police).get(`/files/${fileId}`).expect(200);
    await reunified(fileId);
    await as(police).get(`/files/${fileId}`).expect(404);
    expect((await as(police).post(`/files/${fileId}/buyer-household`, { name: '某人', address: '某地' })).status).toBe(404);
    // What the law leaves them is theirs, not a view of the child: the comparisons asked of the unit.
    await as(police).get('/tracing/dna-comparisons?status=all').expect(200);
    const [grant] = await stack.database.query<{ revoked_at: Date | null }>(`SELECT revoked_at FROM file_access_grant WHERE file_id = $1 AND source = 'police_handover'`, [fileId]);
    expect(grant.revoked_at).not.toBeNull();
  });

  it('R16, R22: closure is refused while referrals are open, at the request and at the approval; withdrawn (partner told) and closed, partners and the police see nothing and reminders stop', async () => {
    const fileId = await handedOver();
    await reunified(fileId);
    expect((await step(server, caseworker.auth, fileId, 'start_follow_up')).body).toMatchObject({ to: 'follow_up' });
    // The follow-up plan's visits are reminders (R17).
    await eventually(async () => (await stack.database.query('SELECT 1 FROM reminder WHERE file_id = $1', [fileId])).length > 0);

    // The closure is asked for while nothing is open…
    const requested = await step(server, caseworker.auth, fileId, 'close', { reason: '回访稳定，结案' });
    expect(requested.body.outcome).toBe('approval_requested');
    // …then a legal-aid case and a rehabilitation are referred before the supervisor decides.
    const rehab = await as(caseworker)
      .post(`/files/${fileId}/referrals`, { kind: 'rehabilitation', organisationId: socialWorker.organisationId, purpose: '康复', send: true })
      .expect(201);
    const legal = await as(caseworker)
      .post(`/files/${fileId}/referrals`, { kind: 'legal_aid', organisationId: legalAid.organisationId, purpose: '刑事附带民事诉讼', details: { matter: '索赔' }, send: true })
      .expect(201);
    await as(socialWorker).post(`/referrals/${rehab.body.id}/accept`).expect(200);
    await as(socialWorker).post(`/referrals/${rehab.body.id}/start`).expect(200);
    await as(socialWorker).post(`/referrals/${rehab.body.id}/notes`, { kind: 'progress', text: '第一次面谈' }).expect(201);
    await as(socialWorker).get(`/files/${fileId}`).expect(200);

    // The approval re-checks: refused, listing what is open — nobody abandons a case in court by a click.
    const refused = await as(supervisor).post(`/approvals/${requested.body.approval.id}/approve`, { reason: '同意' }).expect(409);
    expect(refused.body.error.code).toBe('OPEN_REFERRALS');
    const listed = [
      { id: rehab.body.id, kind: 'rehabilitation', status: 'in_progress', organisation: { id: socialWorker.organisationId, name: expect.any(String) } },
      { id: legal.body.id, kind: 'legal_aid', status: 'sent', organisation: { id: legalAid.organisationId, name: expect.any(String) } },
    ];
    expect(refused.body.error.details).toEqual({ referrals: expect.arrayContaining(listed) });
    expect(refused.body.error.details.referrals).toHaveLength(2);
    // Asking again is refused the same way, and the transitions say why.
    await as(caseworker).post(`/approvals/${requested.body.approval.id}/withdraw`, { reason: '先处理转介' }).expect(200);
    const again = await step(server, caseworker.auth, fileId, 'close', { reason: '回访稳定，结案' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'OPEN_REFERRALS', details: { referrals: expect.arrayContaining(listed) } });
    const transitions = await as(caseworker).get(`/files/${fileId}/transitions`).expect(200);
    expect(transitions.body.transitions.find((t: { event: string }) => t.event === 'close')).toMatchObject({
      allowed: false,
      reasons: [expect.objectContaining({ code: 'OPEN_REFERRALS' })],
    });
    expect(await auditRecords(stack.database, `action = 'file.close' AND outcome = 'denied' AND entity_id = $1`, [fileId])).toHaveLength(2);

    // The caseworker withdraws both, with the reason; each partner finds it in its inbox.
    await as(caseworker).post(`/referrals/${rehab.body.id}/withdraw`, { reason: '康复目标已达成，结案' }).expect(200);
    await as(caseworker).post(`/referrals/${legal.body.id}/withdraw`, { reason: '家属已自行委托律师' }).expect(200);
    // (Their inboxes also hold the notice of the new referral: event-notifications.e2e-spec.ts.)
    const withdrawals = async (partner: typeof socialWorker) =>
      (await as(partner).get('/me/notifications').expect(200)).body.items.filter((n: { kind: string }) => n.kind === 'referral_withdrawn');
    expect(await withdrawals(socialWorker)).toEqual([expect.objectContaining({ body: expect.stringContaining('康复目标已达成，结案'), fileId: null })]);
    expect(await withdrawals(legalAid)).toHaveLength(1);
    expect((await as(otherSocialWorker).get('/me/notifications').expect(200)).body.items).toEqual([]);

    const closed = await approved(server, caseworker.auth, supervisor.auth, fileId, 'close', { reason: '回访稳定，结案' });
    expect(closed.body).toMatchObject({ to: 'closed' });

    // The social worker neither reads nor writes any more; nor do the police; no grant is left open.
    await as(socialWorker).get(`/files/${fileId}`).expect(404);
    expect((await as(socialWorker).post(`/referrals/${rehab.body.id}/notes`, { kind: 'progress', text: '结案后补记' }).expect(409)).body.error.code).toBe('FILE_CLOSED');
    await as(police).get(`/files/${fileId}`).expect(404);
    expect(await openGrants(fileId)).toBe(0);
    // Nothing is left to remind anyone of.
    await eventually(async () => (await stack.database.query(`SELECT 1 FROM reminder WHERE file_id = $1 AND status IN ('scheduled', 'delivered')`, [fileId])).length === 0);
  });

  it('R22: a partner may not write on a file closed with its referral still open (closed before closure checked referrals)', async () => {
    const fileId = await handedOver();
    const rehab = await as(caseworker)
      .post(`/files/${fileId}/referrals`, { kind: 'rehabilitation', organisationId: socialWorker.organisationId, purpose: '康复', send: true })
      .expect(201);
    await as(socialWorker).post(`/referrals/${rehab.body.id}/accept`).expect(200);
    await stack.database.query(`UPDATE victim_file SET state = 'closed', closed_at = now() WHERE id = $1`, [fileId]);
    const note = await as(socialWorker).post(`/referrals/${rehab.body.id}/start`);
    expect(note.status).toBe(409);
    expect(note.body.error.code).toBe('FILE_CLOSED');
    expect((await as(socialWorker).post(`/referrals/${rehab.body.id}/notes`, { kind: 'progress', text: '结案后补记' }).expect(409)).body.error.code).toBe('FILE_CLOSED');
    // The referral is the partner's own record still; the person is not.
    const seen = await as(socialWorker).get(`/referrals/${rehab.body.id}`).expect(200);
    expect(seen.body.person).toBeUndefined();
    await as(socialWorker).get(`/files/${fileId}`).expect(404);
  });

  it('referral errors say what happened: 404 only for a missing or out-of-scope referral, 409 FILE_CLOSED for a closed file, a database error not disguised', async () => {
    const fileId = await handedOver();
    const rehab = await as(caseworker)
      .post(`/files/${fileId}/referrals`, { kind: 'rehabilitation', organisationId: socialWorker.organisationId, purpose: '康复', send: true })
      .expect(201);
    expect((await as(socialWorker).post(`/referrals/${randomUUID()}/notes`, { kind: 'progress', text: '无此转介' }).expect(404)).body.error.code).toBe('REFERRAL_NOT_FOUND');
    expect((await as(otherSocialWorker).post(`/referrals/${rehab.body.id}/accept`).expect(404)).body.error.code).toBe('REFERRAL_NOT_FOUND');
    expect((await as(socialWorker).post(`/referrals/${rehab.body.id}/notes`, { kind: 'progress', text: '尚未接收' }).expect(409)).body.error.code).toBe('REFERRAL_NOT_ALLOWED');
    // A database failure is no missing referral: it is not disguised (a 500 is a bug, and it says so).
    await stack.database.query('ALTER TABLE referral_history RENAME TO referral_history_away');
    try {
      const failed = await as(caseworker).post(`/referrals/${rehab.body.id}/withdraw`, { reason: '数据库故障' });
      expect(failed.status).toBe(500);
      expect(failed.body.error.code).toBe('INTERNAL_ERROR');
    } finally {
      await stack.database.query('ALTER TABLE referral_history_away RENAME TO referral_history');
    }
    await stack.database.query(`UPDATE victim_file SET state = 'closed', closed_at = now() WHERE id = $1`, [fileId]);
    expect((await as(caseworker).post(`/referrals/${rehab.body.id}/withdraw`, { reason: '结案' }).expect(409)).body.error.code).toBe('FILE_CLOSED');
    expect((await as(socialWorker).post(`/referrals/${rehab.body.id}/accept`).expect(409)).body.error.code).toBe('FILE_CLOSED');
  });
});

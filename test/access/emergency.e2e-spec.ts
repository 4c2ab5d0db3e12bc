import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createFile, createOrganisation, signedIn } from '../support/access-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

describe('emergency access ("break the glass")', () => {
  let stack: TestStack;
  let server: App;
  let daliFile: string;
  let wuhuaFile: string;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    daliFile = await createFile(stack.database, {
      jurisdictionCode: '532901',
      organisationId: await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '532901' }),
    });
    wuhuaFile = await createFile(stack.database, {
      jurisdictionCode: '530102',
      organisationId: await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' }),
    });
  });
  afterAll(() => stack?.close());

  it('opens a file outside the scope for a limited time, flagged, listed for review by the next level, and ends by itself', async () => {
    const county = await signedIn(server, stack.database, 'supervisor', { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    await request(server).get(`/files/${daliFile}`).set(county.auth).expect(404);

    const opened = await request(server)
      .post(`/files/${daliFile}/emergency-access`)
      .set(county.auth)
      .send({ reason: '当事人在五华区被发现，需立即核对大理档案 / found in Wuhua, must check the Dali file now' })
      .expect(201);
    const hours = (new Date(opened.body.expiresAt).getTime() - new Date(opened.body.grantedAt).getTime()) / 3600_000;
    expect(hours).toBeCloseTo(4, 5);
    expect(opened.body).toMatchObject({ fileId: daliFile, active: true, review: null });
    await request(server).get(`/files/${daliFile}`).set(county.auth).expect(200);
    const [flag] = await auditRecords(stack.database, `action = 'file.emergency_access' AND actor_user_id = $1`, [county.userId]);
    expect(flag).toMatchObject({ outcome: 'allowed', file_ids: [daliFile], details: expect.objectContaining({ flagged: true }) });

    // The prefecture's supervisor (the level above) sees it for review; a peer in the same bureau does not.
    const prefecture = await signedIn(server, stack.database, 'supervisor', { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
    const peer = await signedIn(server, stack.database, 'supervisor', { id: county.organisationId });
    const queue = await request(server).get('/emergency-access').set(prefecture.auth).expect(200);
    expect(queue.body.items.map((entry: { id: string }) => entry.id)).toContain(opened.body.id);
    expect((await request(server).get('/emergency-access').set(peer.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });
    const reviewed = await request(server).post(`/emergency-access/${opened.body.id}/review`).set(prefecture.auth).send({ note: '理由充分 / justified' }).expect(200);
    expect(reviewed.body.review).toMatchObject({ by: prefecture.username, note: '理由充分 / justified' });
    await request(server).post(`/emergency-access/${opened.body.id}/review`).set(prefecture.auth).send({ note: 'again' }).expect(409);
    expect((await request(server).get('/emergency-access').set(prefecture.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });

    // Time passes: the access ends without anyone acting.
    await stack.database.query(`UPDATE emergency_access SET granted_at = $2::timestamptz - interval '5 hours', expires_at = $2::timestamptz - interval '1 hour' WHERE id = $1`, [
      opened.body.id,
      stack.clock.now(),
    ]);
    await request(server).get(`/files/${daliFile}`).set(county.auth).expect(404);
    const mine = await request(server).get('/me/emergency-access').set(county.auth).expect(200);
    expect(mine.body.items[0]).toMatchObject({ id: opened.body.id, active: false });
  });

  it('is for supervisors only, needs a reason, is not needed in scope, and 404s an unknown file', async () => {
    const caseworker = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    await request(server).post(`/files/${daliFile}/emergency-access`).set(caseworker.auth).send({ reason: 'I would like to see it please' }).expect(403);
    const supervisor = await signedIn(server, stack.database, 'supervisor', { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    const short = await request(server).post(`/files/${daliFile}/emergency-access`).set(supervisor.auth).send({ reason: 'need' }).expect(422);
    expect(short.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const inScope = await request(server).post(`/files/${wuhuaFile}/emergency-access`).set(supervisor.auth).send({ reason: 'a file I can already see' }).expect(409);
    expect(inScope.body.error.code).toBe('ALREADY_IN_SCOPE');
    await request(server).post('/files/00000000-0000-4000-8000-000000000000/emergency-access').set(supervisor.auth).send({ reason: 'a file that does not exist' }).expect(404);
    expect(Number((await stack.database.query('SELECT count(*) AS n FROM emergency_access WHERE user_id = $1', [supervisor.userId]))[0].n)).toBe(0);
  });
});

import { jest } from '@jest/globals';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { AuditService } from '#app/audit';
import { AppError, PlatformErrors, QUEUES, QueueRegistry } from '#app/platform';
import { auditRecords, createOrganisation, createUser, login, signedIn, type Session } from '../support/access-fixtures.js';
import { queries, startStack, type TestStack } from '../support/test-context.js';

describe('organisations and users, managed by administrators within their jurisdiction', () => {
  let stack: TestStack;
  let server: App;
  let admin: Session & { organisationId: string; userId: string };
  let countyHospital: string;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    // An administrator of Kunming (prefecture 530100).
    admin = await signedIn(server, stack.database, 'administrator', { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
    countyHospital = await createOrganisation(stack.database, { kind: 'hospital', jurisdictionCode: '530102', name: '五华区测试医院' });
  });
  afterAll(() => stack?.close());

  const count = async (table: string) => Number((await stack.database.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('R12: creates a designated hospital in a county of its prefecture, and lists it', async () => {
    const created = await request(server)
      .post('/organisations')
      .set(admin.auth)
      .send({ name: '官渡区定点医院', kind: 'hospital', jurisdictionCode: '530111', designated: true })
      .expect(201);
    expect(created.body).toMatchObject({ kind: 'hospital', designated: true, jurisdictionCode: '530111', jurisdictionName: '官渡区', active: true });
    const listed = await request(server).get('/organisations?kind=hospital&designated=true&within=530100').set(admin.auth).expect(200);
    expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
    expect(await auditRecords(stack.database, `action = 'organisation.create' AND entity_id = $1`, [created.body.id])).toHaveLength(1);
  });

  it.each([
    ['an invalid kind', { name: 'X 机构', kind: 'bank', jurisdictionCode: '530102' }, 'kind', 'VALIDATION_FAILED'],
    ['an unknown jurisdiction code', { name: 'X 机构', kind: 'school', jurisdictionCode: '539999' }, 'jurisdictionCode', 'UNKNOWN_JURISDICTION'],
    ['a malformed jurisdiction code', { name: 'X 机构', kind: 'school', jurisdictionCode: '53' }, 'jurisdictionCode', 'VALIDATION_FAILED'],
    ['a designated school', { name: 'X 学校', kind: 'school', jurisdictionCode: '530102', designated: true }, 'designated', 'DESIGNATED_ONLY_FOR_HOSPITALS'],
    ['a name taken in that jurisdiction', { name: '五华区测试医院', kind: 'hospital', jurisdictionCode: '530102' }, 'name', 'ORGANISATION_NAME_TAKEN'],
  ])('refuses an organisation with %s (422 naming the field), writing nothing', async (_case, body, field, code) => {
    const before = await count('organisation');
    const response = await request(server).post('/organisations').set(admin.auth).send(body).expect(422);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count('organisation')).toBe(before);
  });

  it('refuses an organisation outside its jurisdiction (403), recording the denial', async () => {
    const response = await request(server).post('/organisations').set(admin.auth).send({ name: '大理某学校', kind: 'school', jurisdictionCode: '532901' }).expect(403);
    expect(response.body.error.code).toBe('OUTSIDE_JURISDICTION');
    expect(await auditRecords(stack.database, `action = 'organisation.create' AND outcome = 'denied' AND actor_user_id = $1`, [admin.userId])).toHaveLength(1);
  });

  it('creates a user whose role fits the organisation, who can then sign in', async () => {
    const created = await request(server)
      .post('/users')
      .set(admin.auth)
      .send({ username: 'wuhua.doctor', displayName: '陈医生', organisationId: countyHospital, role: 'hospital_staff', password: 'Doctor-Pass-2026' })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'wuhua.doctor', role: 'hospital_staff', organisation: { id: countyHospital } });
    expect(created.body).not.toHaveProperty('passwordHash');
    await login(server, 'wuhua.doctor', 'Doctor-Pass-2026');
  });

  it.each([
    ['a role that does not fit the organisation', { role: 'caseworker' }, 'role', 'ROLE_ORGANISATION_MISMATCH'],
    ['a duplicate username', { username: 'wuhua.doctor' }, 'username', 'USERNAME_TAKEN'],
    ['a weak password', { password: 'password' }, 'password', 'WEAK_PASSWORD'],
    ['a common password made long', { password: 'Password2026!' }, 'password', 'WEAK_PASSWORD'],
    ['a password containing the username', { password: 'new.user-2026-x' }, 'password', 'WEAK_PASSWORD'],
    ['an unknown organisation', { organisationId: '00000000-0000-4000-8000-000000000000' }, 'organisationId', 'UNKNOWN_ORGANISATION'],
    ['an unknown role', { role: 'chief' }, 'role', 'VALIDATION_FAILED'],
    ['an invalid username', { username: 'Has Spaces' }, 'username', 'VALIDATION_FAILED'],
  ])('refuses a user with %s (422 naming the field), writing nothing', async (_case, change, field, code) => {
    const before = await count('user_account');
    const body = { username: 'new.user', displayName: '新用户', organisationId: countyHospital, role: 'hospital_staff', password: 'Good-Pass-2026', ...change };
    const response = await request(server).post('/users').set(admin.auth).send(body).expect(422);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count('user_account')).toBe(before);
  });

  it('cannot place a user in an organisation of another jurisdiction: it is as unknown as a missing one', async () => {
    const dali = await createOrganisation(stack.database, { kind: 'hospital', jurisdictionCode: '532901' });
    const response = await request(server)
      .post('/users')
      .set(admin.auth)
      .send({ username: 'dali.doctor', displayName: '医生', organisationId: dali, role: 'hospital_staff', password: 'Good-Pass-2026' })
      .expect(422);
    expect(response.body.error.code).toBe('UNKNOWN_ORGANISATION');
  });

  it('lists and reads users only within its jurisdiction; another one is 404', async () => {
    const other = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: '532901' });
    const list = await request(server).get('/users').set(admin.auth).expect(200);
    expect(list.body.items.map((u: { username: string }) => u.username)).toContain('wuhua.doctor');
    expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(other.userId);
    await request(server).get(`/users/${other.userId}`).set(admin.auth).expect(404);
  });

  it('deactivates a user (their logins end) and resets a forgotten password', async () => {
    const nurse = await signedIn(server, stack.database, 'hospital_staff', { id: countyHospital });
    await request(server).post(`/users/${nurse.userId}/password`).set(admin.auth).send({ newPassword: 'Reset-Pass-2026' }).expect(204);
    await request(server).get('/me').set(nurse.auth).expect(401);
    const again = await login(server, nurse.username, 'Reset-Pass-2026');
    await request(server).patch(`/users/${nurse.userId}`).set(admin.auth).send({ active: false }).expect(200);
    await request(server).get('/me').set(again.auth).expect(401);
    await request(server).post('/auth/login').send({ username: nurse.username, password: 'Reset-Pass-2026' }).expect(401);
  });

  it('an administrator cannot deactivate themselves or change their own role (422 OWN_ACCOUNT naming the field): another administrator does it', async () => {
    const deactivate = await request(server).patch(`/users/${admin.userId}`).set(admin.auth).send({ active: false }).expect(422);
    expect(deactivate.body.error).toMatchObject({ code: 'OWN_ACCOUNT', details: [{ field: 'active' }] });
    const demote = await request(server).patch(`/users/${admin.userId}`).set(admin.auth).send({ role: 'supervisor' }).expect(422);
    expect(demote.body.error).toMatchObject({ code: 'OWN_ACCOUNT', details: [{ field: 'role' }] });
    // Nothing changed, and their own login goes on.
    const me = await request(server).get('/me').set(admin.auth).expect(200);
    expect(me.body).toMatchObject({ role: 'administrator' });
    // A rename of oneself is fine.
    await request(server).patch(`/users/${admin.userId}`).set(admin.auth).send({ displayName: '市局管理员' }).expect(200);
  });

  it("requires a change after an administrator's reset: /me says so, and everything else is 403 PASSWORD_CHANGE_REQUIRED until then", async () => {
    const nurse = await signedIn(server, stack.database, 'hospital_staff', { id: countyHospital });
    const weak = await request(server).post(`/users/${nurse.userId}/password`).set(admin.auth).send({ newPassword: 'qwertyuiop123' }).expect(422);
    expect(weak.body.error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ field: 'newPassword' }] });
    await request(server).post(`/users/${nurse.userId}/password`).set(admin.auth).send({ newPassword: 'Reset-Pass-2026' }).expect(204);
    expect((await request(server).get(`/users/${nurse.userId}`).set(admin.auth).expect(200)).body).toMatchObject({ passwordChangeRequired: true });

    const session = await login(server, nurse.username, 'Reset-Pass-2026');
    expect((await request(server).get('/me').set(session.auth).expect(200)).body).toMatchObject({ userId: nurse.userId, passwordChangeRequired: true });
    for (const path of ['/me/notifications', '/files', '/organisations']) {
      const refused = await request(server).get(path).set(session.auth).expect(403);
      expect(refused.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    // The administrator's password is not the user's own: it must change.
    const same = await request(server).post('/auth/password').set(session.auth).send({ currentPassword: 'Reset-Pass-2026', newPassword: 'Reset-Pass-2026' }).expect(422);
    expect(same.body.error.details).toEqual([{ field: 'newPassword', reason: expect.stringContaining('must differ from the current password') }]);
    await request(server).post('/auth/password').set(session.auth).send({ currentPassword: 'Reset-Pass-2026', newPassword: 'My-Own-Ward-Round-7' }).expect(204);

    expect((await request(server).get('/me').set(session.auth).expect(200)).body).toMatchObject({ passwordChangeRequired: false });
    await request(server).get('/me/notifications').set(session.auth).expect(200);
    expect((await request(server).get(`/users/${nurse.userId}`).set(admin.auth).expect(200)).body).toMatchObject({ passwordChangeRequired: false });
    await login(server, nurse.username, 'My-Own-Ward-Round-7');
    await request(server).post('/auth/logout').set(session.auth).expect(204);
  });

  it('a caseworker may not create organisations or users (403, recorded)', async () => {
    const caseworker = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
    const response = await request(server).post('/users').set(caseworker.auth).send({}).expect(403);
    expect(response.body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect(await auditRecords(stack.database, `action = 'access.denied' AND actor_user_id = $1`, [caseworker.userId])).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ method: 'POST', route: '/users' }) }),
    ]);
  });

  /** Every item of a list, page by page (`limit` each), following nextCursor. */
  async function everyPage(path: string, limit: number): Promise<{ id?: string; code?: string; username?: string }[]> {
    const items: { id?: string; code?: string; username?: string }[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: request.Response = await request(server)
        .get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        .set(admin.auth)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('lists users in keyset pages, one query per page whatever its size (no N+1), and finds them by (part of) a username or a name', async () => {
    const clinic = await createOrganisation(stack.database, { kind: 'hospital', jurisdictionCode: '530102', name: '五华区分页诊所' });
    const created = await Promise.all(
      Array.from({ length: 55 }, (_, i) => createUser(stack.database, { role: 'hospital_staff', organisationId: clinic, username: `page.user-${String(i).padStart(2, '0')}` })),
    );
    const counted = async (limit: number) => {
      const requestId = `count-users-${limit}`;
      const response = await request(server).get(`/users?organisationId=${clinic}&limit=${limit}`).set(admin.auth).set('x-request-id', requestId).expect(200);
      expect(response.body.items).toHaveLength(limit);
      return queries(stack.api).of(requestId);
    };
    const one = await counted(1);
    expect(await counted(50)).toBe(one);
    expect(one).toBeLessThanOrEqual(2);

    const all = await everyPage(`/users?organisationId=${clinic}`, 20);
    expect(all.map((user) => user.username)).toEqual(created.map((user) => user.username).sort());
    const found = await request(server).get('/users?q=USER-4').set(admin.auth).expect(200);
    expect(found.body.items.map((user: { username: string }) => user.username)).toEqual(Array.from({ length: 10 }, (_, i) => `page.user-4${i}`));
    expect(
      (
        await request(server)
          .get(`/users?q=${encodeURIComponent('陈医')}`)
          .set(admin.auth)
          .expect(200)
      ).body.items.map((user: { username: string }) => user.username),
    ).toEqual(['wuhua.doctor']);
    // A wildcard typed in the search box is a character, not a pattern.
    expect(
      (
        await request(server)
          .get(`/users?q=${encodeURIComponent('%')}`)
          .set(admin.auth)
          .expect(200)
      ).body.items,
    ).toEqual([]);
    const tampered = await request(server).get('/users?cursor=bm90LWEtY3Vyc29y').set(admin.auth).expect(422);
    expect(tampered.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('lists the directory of organisations in keyset pages, searchable by (part of) a name', async () => {
    const named = await request(server)
      .get(`/organisations?q=${encodeURIComponent('测试医院')}`)
      .set(admin.auth)
      .expect(200);
    expect(named.body.items.map((o: { id: string }) => o.id)).toEqual([countyHospital]);
    const everyOne = await everyPage('/organisations?within=530100', 2);
    expect(everyOne.length).toBeGreaterThanOrEqual(3);
    expect(new Set(everyOne.map((o) => o.id)).size).toBe(everyOne.length);
    expect(everyOne.map((o) => o.id)).toContain(countyHospital);
  });

  it('versions edits of users and organisations: a stale expectedVersion is 409, and each edit moves the version on', async () => {
    const hospital = (await request(server).get(`/organisations/${countyHospital}`).set(admin.auth).expect(200)).body;
    const renamed = await request(server).patch(`/organisations/${countyHospital}`).set(admin.auth).send({ designated: true, expectedVersion: hospital.version }).expect(200);
    expect(renamed.body).toMatchObject({ designated: true, version: hospital.version + 1 });
    const stale = await request(server).patch(`/organisations/${countyHospital}`).set(admin.auth).send({ designated: false, expectedVersion: hospital.version }).expect(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', details: { expectedVersion: hospital.version, currentVersion: hospital.version + 1 } });

    const nurse = await createUser(stack.database, { role: 'hospital_staff', organisationId: countyHospital });
    const user = (await request(server).get(`/users/${nurse.id}`).set(admin.auth).expect(200)).body;
    expect((await request(server).patch(`/users/${nurse.id}`).set(admin.auth).send({ displayName: '护士甲' }).expect(200)).body.version).toBe(user.version + 1);
    expect((await request(server).patch(`/users/${nurse.id}`).set(admin.auth).send({ displayName: '护士乙', expectedVersion: user.version }).expect(409)).body.error.code).toBe(
      'STALE_VERSION',
    );
    expect((await request(server).get(`/users/${nurse.id}`).set(admin.auth).expect(200)).body.displayName).toBe('护士甲');
  });

  it('pages the provinces and the divisions below one (GB/T 2260)', async () => {
    const provinces = await everyPage('/jurisdictions', 10);
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces.map((p) => p.code)).toEqual([...provinces.map((p) => p.code)].sort());
    expect(provinces.map((p) => p.code)).toContain('530000');
    expect((await request(server).get('/jurisdictions/530102').set(admin.auth).expect(200)).body).toEqual({ code: '530102', name: '五华区', level: 3, parentCode: '530100' });
    const counties = await everyPage('/jurisdictions/530100/children', 5);
    expect(counties.map((c) => c.code)).toEqual(expect.arrayContaining(['530102', '530111']));
    expect((await request(server).get('/jurisdictions/539999/children').set(admin.auth).expect(404)).body.error.code).toBe('NOT_FOUND');
    const malformed = await request(server).get('/jurisdictions/53/children').set(admin.auth).expect(422);
    expect(malformed.body.error.details).toEqual([{ field: 'code', reason: '须为 6 位 GB/T 2260 行政区划代码 / code must be a 6-digit GB/T 2260 code' }]);
  });

  describe('R21: the queue dashboard (/admin/queues): actions recorded before they are carried out, a paused queue never silent', () => {
    const reminders = () => stack.api!.get(QueueRegistry).queue(QUEUES.reminders);
    const queueRecords = (action: string, userId: string) => auditRecords(stack.database, `action = $1 AND actor_user_id = $2`, [action, userId]);

    it('R21: an administrator pausing the reminders queue is recorded (who, which queue, what); readiness names the paused queue; resuming is recorded and clears it', async () => {
      await request(server).put('/admin/queues/api/queues/reminders/pause').set(admin.auth).expect(200);
      expect(await reminders().isPaused()).toBe(true);
      expect(await queueRecords('queue.pause', admin.userId)).toEqual([
        expect.objectContaining({
          outcome: 'allowed',
          entity_id: 'reminders',
          details: expect.objectContaining({ method: 'PUT', queue: 'reminders', path: '/api/queues/reminders/pause' }),
        }),
      ]);

      // 200 (the api still serves) but degraded, naming the queue: reminders do not fire while it is paused.
      const paused = await request(server).get('/health/ready').expect(200);
      expect(paused.body.status).toBe('degraded');
      expect(paused.body.details.queues).toMatchObject({ status: 'degraded', paused: ['reminders'], warning: expect.stringContaining('reminders') });

      await request(server).put('/admin/queues/api/queues/reminders/resume').set(admin.auth).expect(200);
      expect(await reminders().isPaused()).toBe(false);
      expect(await queueRecords('queue.resume', admin.userId)).toEqual([expect.objectContaining({ outcome: 'allowed', entity_id: 'reminders' })]);
      const resumed = await request(server).get('/health/ready').expect(200);
      expect(resumed.body.details.queues).toEqual({ status: 'up', paused: [] });
    });

    it('R21: a caseworker may not pause a queue (403), and the attempt is recorded with the queue and the action', async () => {
      const caseworker = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
      const refused = await request(server).put('/admin/queues/api/queues/reminders/pause').set(caseworker.auth).expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      expect(await reminders().isPaused()).toBe(false);
      expect(await queueRecords('access.denied', caseworker.userId)).toEqual([
        expect.objectContaining({
          outcome: 'denied',
          details: expect.objectContaining({ route: '/admin/queues', attempted: expect.objectContaining({ action: 'queue.pause', queue: 'reminders' }) }),
        }),
      ]);
      expect(await queueRecords('queue.pause', caseworker.userId)).toEqual([]);
    });

    it('R21: an action whose audit record cannot be written is refused (503 AUDIT_NOT_RECORDED) and not carried out', async () => {
      const record = jest.spyOn(stack.api!.get(AuditService), 'record').mockRejectedValueOnce(new AppError(PlatformErrors.AUDIT_NOT_RECORDED));
      try {
        const refused = await request(server).put('/admin/queues/api/queues/reminders/pause').set(admin.auth).expect(503);
        expect(refused.body.error.code).toBe('AUDIT_NOT_RECORDED');
        expect(await reminders().isPaused()).toBe(false);
      } finally {
        record.mockRestore();
      }
    });

    it('R21: cleaning and retrying failed jobs are recorded with the queue and the job state', async () => {
      await request(server).put('/admin/queues/api/queues/escalations/clean/failed').set(admin.auth).expect(200);
      await request(server).put('/admin/queues/api/queues/escalations/retry/failed').set(admin.auth);
      expect(await queueRecords('queue.clean', admin.userId)).toEqual([
        expect.objectContaining({ outcome: 'allowed', entity_id: 'escalations', details: expect.objectContaining({ target: 'failed' }) }),
      ]);
      expect(await queueRecords('queue.retry', admin.userId)).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: 'allowed', entity_id: 'escalations' })]));
    });
  });
});

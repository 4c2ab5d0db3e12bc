import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createFile, createOrganisation, createUser, login, signedIn, type Session } from '../support/access-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

/**
 * A caseworker leaves, or takes another post: their files and open reminders go to a colleague first, so that no
 * reminder escalates to nobody.
 */
describe('deactivating a caseworker who still holds work, or changing their role', () => {
  let stack: TestStack;
  let server: App;
  let admin: Session & { userId: string };
  let bureau: string;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    admin = await signedIn(server, stack.database, 'administrator', { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
    bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530111' });
  });
  afterAll(() => stack?.close());

  async function caseworkerHolding(): Promise<{ leaving: string; fileId: string; closedFileId: string; reminderId: string }> {
    const leaving = (await createUser(stack.database, { role: 'caseworker', organisationId: bureau })).id;
    const fileId = await createFile(stack.database, { jurisdictionCode: '530111', organisationId: bureau, caseworkerId: leaving });
    const closedFileId = await createFile(stack.database, { jurisdictionCode: '530111', organisationId: bureau, caseworkerId: leaving, state: 'closed' });
    const [reminder] = await stack.database.query<{ id: string }>(
      `INSERT INTO reminder (kind, title, due_at, assignee_user_id, assignee_organisation_id) VALUES ('other', '回访提醒', $3, $1, $2) RETURNING id`,
      [leaving, bureau, stack.clock.now()],
    );
    return { leaving, fileId, closedFileId, reminderId: reminder.id };
  }

  it('refuses (409 USER_HOLDS_WORK naming the open files and reminders), keeps the user active, and records the refusal', async () => {
    const { leaving } = await caseworkerHolding();
    const refused = await request(server).patch(`/users/${leaving}`).set(admin.auth).send({ active: false }).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'USER_HOLDS_WORK', details: { held: { files: 1, reminders: 1 } } });
    expect(refused.body.error.message).toContain('1 open files and 1 open reminders');
    const user = await request(server).get(`/users/${leaving}`).set(admin.auth).expect(200);
    expect(user.body.active).toBe(true);
    const workload = await request(server).get(`/users/${leaving}/workload`).set(admin.auth).expect(200);
    expect(workload.body).toEqual({ files: 1, reminders: 1 });
    expect(await auditRecords(stack.database, `action = 'user.update' AND outcome = 'denied' AND entity_id = $1`, [leaving])).toHaveLength(1);
  });

  it('hands the open files and reminders to a colleague, after which the caseworker can be deactivated', async () => {
    const { leaving, fileId, closedFileId, reminderId } = await caseworkerHolding();
    const colleague = (await createUser(stack.database, { role: 'caseworker', organisationId: bureau })).id;
    const [before] = await stack.database.query<{ version: number }>('SELECT version FROM victim_file WHERE id = $1', [fileId]);
    const handed = await request(server).post(`/users/${leaving}/handover`).set(admin.auth).send({ toUserId: colleague, reason: '调岗' }).expect(200);
    expect(handed.body).toEqual({ toUserId: colleague, files: 1, reminders: 1 });

    const [file] = await stack.database.query<{ responsible_caseworker_id: string; version: number }>('SELECT responsible_caseworker_id, version FROM victim_file WHERE id = $1', [
      fileId,
    ]);
    expect(file.responsible_caseworker_id).toBe(colleague);
    // The file changed hands as a write: a form still open on the old version is told (409) instead of saving over it.
    expect(file.version).toBe(before.version + 1);
    // A closed file keeps the name of whoever closed it.
    const [closed] = await stack.database.query<{ responsible_caseworker_id: string }>('SELECT responsible_caseworker_id FROM victim_file WHERE id = $1', [closedFileId]);
    expect(closed.responsible_caseworker_id).toBe(leaving);
    const [reminder] = await stack.database.query<{ assignee_user_id: string }>('SELECT assignee_user_id FROM reminder WHERE id = $1', [reminderId]);
    expect(reminder.assignee_user_id).toBe(colleague);
    const history = await stack.database.query(`SELECT 1 FROM file_history WHERE file_id = $1 AND event = 'assign_caseworker' AND note = '调岗'`, [fileId]);
    expect(history).toHaveLength(1);
    const [audit] = await auditRecords(stack.database, `action = 'file.assign_caseworker' AND entity_id = $1`, [leaving]);
    expect(audit.file_ids).toEqual([fileId]);
    expect(await auditRecords(stack.database, `action = 'user.handover' AND entity_id = $1`, [leaving])).toHaveLength(1);

    const deactivated = await request(server).patch(`/users/${leaving}`).set(admin.auth).send({ active: false }).expect(200);
    expect(deactivated.body.active).toBe(false);
  });

  it.each([
    ['the user themselves', 'self', 'HANDOVER_TO_SELF'],
    ['someone of another organisation', 'elsewhere', 'UNKNOWN_USER'],
    ['an inactive colleague', 'inactive', 'UNKNOWN_USER'],
  ])('refuses a handover to %s (422 naming toUserId), moving nothing', async (_case, target, code) => {
    const { leaving, fileId } = await caseworkerHolding();
    let toUserId = leaving;
    if (target === 'elsewhere') {
      const other = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
      toUserId = (await createUser(stack.database, { role: 'caseworker', organisationId: other })).id;
    } else if (target === 'inactive') {
      toUserId = (await createUser(stack.database, { role: 'caseworker', organisationId: bureau })).id;
      await stack.database.query('UPDATE user_account SET active = false WHERE id = $1', [toUserId]);
    }
    const refused = await request(server).post(`/users/${leaving}/handover`).set(admin.auth).send({ toUserId, reason: '调岗' }).expect(422);
    expect(refused.body.error.code).toBe(code);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'toUserId' })]);
    const [file] = await stack.database.query<{ responsible_caseworker_id: string }>('SELECT responsible_caseworker_id FROM victim_file WHERE id = $1', [fileId]);
    expect(file.responsible_caseworker_id).toBe(leaving);
  });

  describe('changing a role', () => {
    const roleOf = async (id: string) => (await request(server).get(`/users/${id}`).set(admin.auth).expect(200)).body.role as string;

    it('refuses to make a caseworker who still holds work an administrator (409 USER_HOLDS_WORK naming the reason in Chinese and English), and records the refusal', async () => {
      const { leaving } = await caseworkerHolding();
      const refused = await request(server).patch(`/users/${leaving}`).set(admin.auth).send({ role: 'administrator' }).expect(409);
      expect(refused.body.error).toMatchObject({ code: 'USER_HOLDS_WORK', details: { held: { files: 1, reminders: 1 } } });
      expect(refused.body.error.message).toContain('请先移交给同事再更改其角色');
      expect(refused.body.error.message).toContain('hand them over to a colleague before changing their role');
      expect(await roleOf(leaving)).toBe('caseworker');
      const [denied] = await auditRecords(stack.database, `action = 'user.update' AND outcome = 'denied' AND entity_id = $1`, [leaving]);
      expect(denied.details).toMatchObject({ code: 'USER_HOLDS_WORK', change: 'role' });
    });

    it('lets a caseworker holding work become a supervisor (who keeps it), and an administrator once it is handed over: audited, their logins end', async () => {
      const { leaving } = await caseworkerHolding();
      const promoted = await request(server).patch(`/users/${leaving}`).set(admin.auth).send({ role: 'supervisor' }).expect(200);
      expect(promoted.body.role).toBe('supervisor');

      const colleague = (await createUser(stack.database, { role: 'caseworker', organisationId: bureau })).id;
      await request(server).post(`/users/${leaving}/handover`).set(admin.auth).send({ toUserId: colleague, reason: '调任系统管理员' }).expect(200);
      const { username } = (await request(server).get(`/users/${leaving}`).set(admin.auth).expect(200)).body as { username: string };
      const session = await login(server, username);
      const changed = await request(server).patch(`/users/${leaving}`).set(admin.auth).send({ role: 'administrator', expectedVersion: promoted.body.version }).expect(200);
      expect(changed.body.role).toBe('administrator');
      await request(server).get('/me').set(session.auth).expect(401);
      const records = await auditRecords(stack.database, `action = 'user.update' AND outcome = 'allowed' AND entity_id = $1`, [leaving]);
      expect(records.map((record) => record.details)).toEqual([
        expect.objectContaining({ role: 'supervisor', previousRole: 'caseworker' }),
        expect.objectContaining({ role: 'administrator', previousRole: 'supervisor' }),
      ]);
    });

    it('refuses a role that does not fit the organisation (422 naming role): a school user cannot become a police liaison', async () => {
      const school = await createOrganisation(stack.database, { kind: 'school', jurisdictionCode: '530111' });
      const teacher = (await createUser(stack.database, { role: 'school_staff', organisationId: school })).id;
      const refused = await request(server).patch(`/users/${teacher}`).set(admin.auth).send({ role: 'police_liaison' }).expect(422);
      expect(refused.body.error.code).toBe('ROLE_ORGANISATION_MISMATCH');
      expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'role', reason: expect.stringContaining('not school') })]);
      expect(await roleOf(teacher)).toBe('school_staff');
    });

    it('changes only the roles of users in the jurisdiction: another one is 404, recorded', async () => {
      const elsewhere = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530300' });
      const stranger = (await createUser(stack.database, { role: 'caseworker', organisationId: elsewhere })).id;
      await request(server).patch(`/users/${stranger}`).set(admin.auth).send({ role: 'supervisor' }).expect(404);
      const [row] = await stack.database.query<{ role: string }>('SELECT role FROM user_account WHERE id = $1', [stranger]);
      expect(row.role).toBe('caseworker');
      expect(await auditRecords(stack.database, `action = 'user.update' AND outcome = 'denied' AND entity_id = $1`, [stranger])).toHaveLength(1);
    });
  });
});

import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createFile, createOrganisation, createUser, signedIn, type Session } from '../support/access-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

/** A caseworker leaves: their files and open reminders go to a colleague first, so that no reminder escalates to nobody. */
describe('deactivating a caseworker who still holds work', () => {
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
    const handed = await request(server).post(`/users/${leaving}/handover`).set(admin.auth).send({ toUserId: colleague, reason: '调岗' }).expect(200);
    expect(handed.body).toEqual({ toUserId: colleague, files: 1, reminders: 1 });

    const [file] = await stack.database.query<{ responsible_caseworker_id: string }>('SELECT responsible_caseworker_id FROM victim_file WHERE id = $1', [fileId]);
    expect(file.responsible_caseworker_id).toBe(colleague);
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
});

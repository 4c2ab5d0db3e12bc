/**
 * Issue 14: the audit record's verification is queued, not run in the
 * request. POST /audit/verification answers 202 with the verification's id;
 * the worker walks every chain and checks the checkpoints (queue
 * `audit-verifications`) and stores the result, append-only like the record,
 * read with GET /audit/verifications/{id} and listed, the latest first.
 */
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { asApp, auditRecords, createOrganisation, PERMISSION_DENIED, signedIn, type Session } from '../support/access-fixtures.js';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/test-context.js';

interface Verification {
  id: string;
  status: 'queued' | 'running' | 'finished' | 'failed';
  requestedAt: string;
  requestedBy: { id: string; username: string };
  startedAt: string | null;
  finishedAt: string | null;
  intact: boolean | null;
  records: number | null;
  chains: number | null;
  firstBroken?: { chain: string; seq: number; recordId: string; reason: string };
  checkpoints?: { checked: number };
}

describe('R21: the audit record verified by the worker, when an administrator asks', () => {
  let stack: TestStack;
  let server: App;
  let admin: Session & { userId: string; username: string };

  beforeAll(async () => {
    stack = await startStack({ worker: true });
    server = stack.api!.getHttpServer();
    admin = await signedIn(server, stack.database, 'administrator', { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
  });
  afterAll(() => stack.close());

  /** Asks (202, queued), then waits for the worker's result. */
  async function verified(): Promise<Verification> {
    const asked = await request(server).post('/audit/verification').set(admin.auth).expect(202);
    expect(asked.body).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/^(queued|running)$/), intact: null, finishedAt: null });
    return eventually(async () => {
      const { body } = await request(server).get(`/audit/verifications/${asked.body.id}`).set(admin.auth).expect(200);
      expect(body.status).toBe('finished');
      return body as Verification;
    });
  }

  it('R21: 202 with an id; the worker walks every chain and checks the checkpoints; the result (from the injected clock, who asked) is read back and audited', async () => {
    const before = stack.clock.now();
    const result = await verified();
    expect(result).toMatchObject({ intact: true, requestedBy: { id: admin.userId, username: admin.username }, checkpoints: { checked: expect.any(Number) } });
    expect(result.firstBroken).toBeUndefined();
    expect(result.records).toBeGreaterThan(0);
    expect(result.chains).toBeGreaterThan(0);
    // The stack's clock (TEST_TODAY), not the wall clock.
    const [requested, started, finished] = [result.requestedAt, result.startedAt!, result.finishedAt!].map((at) => new Date(at).getTime());
    expect(requested).toBeGreaterThanOrEqual(before.getTime());
    expect(started).toBeGreaterThanOrEqual(requested);
    expect(finished).toBeGreaterThanOrEqual(started);
    expect(finished).toBeLessThanOrEqual(stack.clock.now().getTime());

    expect(await auditRecords(stack.database, `action = 'audit.verification_request' AND entity_id = $1 AND actor_user_id = $2`, [result.id, admin.userId])).toHaveLength(1);
    const [run] = await auditRecords(stack.database, `action = 'audit.verify' AND entity_id = $1`, [result.id]);
    expect(run.details).toMatchObject({ requestedBy: admin.userId, intact: true, records: result.records });
  });

  it('keeps the verifications to administrators within the jurisdiction: another one is 404 (recorded) and not listed; a caseworker is 403', async () => {
    const { body: asked } = await request(server).post('/audit/verification').set(admin.auth).expect(202);
    const elsewhere = await signedIn(server, stack.database, 'administrator', { kind: 'civil_affairs_bureau', jurisdictionCode: '532900' });
    await request(server).get(`/audit/verifications/${asked.id}`).set(elsewhere.auth).expect(404);
    expect(await auditRecords(stack.database, `action = 'audit.verification_read' AND outcome = 'denied' AND entity_id = $1`, [asked.id])).toHaveLength(1);
    expect((await request(server).get('/audit/verifications').set(elsewhere.auth).expect(200)).body.items).toEqual([]);
    const caseworker = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    await request(server).post('/audit/verification').set(caseworker.auth).expect(403);
    await request(server).get(`/audit/verifications/${asked.id}`).set(caseworker.auth).expect(403);
  });

  it('R21: verifications and their results are append-only for huijia_app, like the record', async () => {
    const statements = ['audit_verification', 'audit_verification_result'].flatMap((table) => [
      `UPDATE ${table} SET ${table === 'audit_verification' ? 'request_id' : 'intact'} = NULL`,
      `DELETE FROM ${table}`,
      `TRUNCATE ${table}`,
    ]);
    expect(await asApp(stack.database.url, statements)).toEqual(statements.map((sql) => ({ sql, code: PERMISSION_DENIED })));
  });

  // Last: the chain stays broken for the rest of this stack.
  it('R21: a record altered behind the trigger’s back is reported through the queued path, naming the first broken link; the latest verification is listed first', async () => {
    const bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    await request(server).get('/files').set(caseworker.auth).expect(200);
    const [victim] = await stack.database.query<{ id: string; chain: string; seq: string }>(
      'SELECT id, chain, seq FROM audit_record WHERE actor_user_id = $1 ORDER BY id LIMIT 1',
      [caseworker.userId],
    );
    await stack.database.query('ALTER TABLE audit_record DISABLE TRIGGER audit_record_no_update');
    await stack.database.query(`UPDATE audit_record SET outcome = 'denied' WHERE id = $1`, [victim.id]);
    await stack.database.query('ALTER TABLE audit_record ENABLE TRIGGER audit_record_no_update');

    const result = await verified();
    expect(result).toMatchObject({
      intact: false,
      firstBroken: { chain: victim.chain, seq: Number(victim.seq), recordId: String(victim.id), reason: 'content does not match its hash: the record was altered' },
    });
    const { body: listed } = await request(server).get('/audit/verifications?limit=2').set(admin.auth).expect(200);
    expect(listed.items[0]).toMatchObject({ id: result.id, status: 'finished', intact: false });
    expect(listed.nextCursor).toEqual(expect.any(String));
  });
});

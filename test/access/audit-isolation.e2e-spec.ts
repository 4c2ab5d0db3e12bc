import { jest } from '@jest/globals';
import { Controller, Get, Inject, Logger } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { AuditVerifier } from '#app/audit';
import { AUDIT_SINK, Public, type AuditEntry, type AuditSink } from '#app/platform';
import { createFile, createOrganisation, signedIn } from '../support/access-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

/** An entry PostgreSQL refuses whatever its text: an outcome the column's check does not allow. */
const FAILING: AuditEntry = { action: 'probe.read', outcome: 'exploded' as AuditEntry['outcome'] };

/** A read whose audit record cannot be written (the forced failure), inside the app under test. */
@Public()
@Controller('isolation-probe')
class FailingReadController {
  constructor(@Inject(AUDIT_SINK) private readonly audit: AuditSink) {}

  @Get('failing-read')
  async failingRead(): Promise<{ secret: string }> {
    await this.audit.record(FAILING);
    return { secret: 'never sent' };
  }
}

async function settled(promises: Promise<void>[]): Promise<{ ok: number; refused: string[] }> {
  const results = await Promise.allSettled(promises);
  return {
    ok: results.filter((result) => result.status === 'fulfilled').length,
    refused: results
      .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      .map((result) => (result.reason as { code?: string }).code ?? String(result.reason)),
  };
}

describe('R21, R22: one audit entry never affects another', () => {
  let stack: TestStack;
  let server: App;
  let sink: AuditSink;
  let bureau: string;
  let fileId: string;

  beforeAll(async () => {
    stack = await startStack({ apiMetadata: { controllers: [FailingReadController] } });
    server = stack.api!.getHttpServer();
    sink = stack.api!.get<AuditSink>(AUDIT_SINK);
    bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    fileId = await createFile(stack.database, { jurisdictionCode: '530102', organisationId: bureau });
  });
  afterAll(() => stack?.close());

  it('R21: a refused entry in a shared batch is refused alone; the others of the batch are written', async () => {
    // Recorded in one tick, they are group-committed in one batch.
    const good = Array.from({ length: 20 }, (_, i) => sink.record({ action: 'probe.batch', outcome: 'allowed', details: { n: i } }));
    const bad = sink.record(FAILING);
    expect(await settled(good)).toEqual({ ok: 20, refused: [] });
    expect(await settled([bad])).toEqual({ ok: 0, refused: ['AUDIT_NOT_RECORDED'] });
    const [row] = await stack.database.query(`SELECT count(*)::int AS n FROM audit_record WHERE action = 'probe.batch'`);
    expect(row.n).toBe(20);
    expect(await stack.database.query(`SELECT 1 FROM audit_record WHERE action = 'probe.read'`)).toEqual([]);
  });

  it('R21: hostile text reaching the writer (lone surrogate, NUL, huge strings, a file id that is no uuid) is recorded, cleaned, not refused', async () => {
    const hostile = sink.record({
      action: 'auth.login',
      outcome: 'denied',
      entityId: 'x\u0000y',
      fileIds: ['not-a-uuid'],
      details: { username: 'li\ud800ming\u0000', route: '/files/\udfff', filters: { q: '王'.repeat(100_000) } },
    });
    const neighbours = Array.from({ length: 5 }, () => sink.record({ action: 'probe.neighbour', outcome: 'allowed' }));
    expect(await settled([hostile, ...neighbours])).toEqual({ ok: 6, refused: [] });
    const [row] = await stack.database.query<{
      entity_id: string;
      file_ids: string[];
      details: { username: string; route: string; filters: { q: string }; invalidFileIds: string[] };
    }>(`SELECT entity_id, file_ids, details FROM audit_record WHERE action = 'auth.login' AND details->>'username' LIKE 'li%'`);
    expect(row.entity_id).toBe('xy');
    expect(row.file_ids).toEqual([]);
    expect(row.details.username).toBe('li\ufffdming');
    expect(row.details.route).toBe('/files/\ufffd');
    expect(row.details.filters.q.length).toBeLessThan(2100);
    expect(row.details.invalidFileIds).toEqual(['not-a-uuid']);
    expect(await stack.api!.get(AuditVerifier).verify()).toMatchObject({ intact: true });
  });

  it("R22: while hostile logins and failing entries flood in, every one of a caseworker's reads answers 200 and has its record", async () => {
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    let reading = true;
    const injected: Promise<void>[] = [];
    const flood = (async () => {
      while (reading) {
        injected.push(sink.record(FAILING));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const hostileLogins = Array.from({ length: 10 }, (_, i) =>
      request(server)
        .post('/auth/login')
        .send({ username: i % 2 === 0 ? 'li\ud800ming' : 'li\u0000ming', password: 'x'.repeat(12) }),
    );
    const reads = Array.from({ length: 40 }, (_, i) => request(server).get(`/files/${fileId}`).set(caseworker.auth).set('x-request-id', `isolation-read-${i}`));
    const [readResponses, loginResponses] = await Promise.all([Promise.all(reads), Promise.all(hostileLogins)]);
    reading = false;
    await flood;

    expect(readResponses.map((response) => response.status)).toEqual(readResponses.map(() => 200));
    // The request-shape guard refuses these at the door (issue 12 §1): an answer, never a 5xx.
    expect(loginResponses.every((response) => response.status === 422)).toBe(true);
    const [recorded] = await stack.database.query(
      `SELECT count(DISTINCT request_id)::int AS n FROM audit_record WHERE request_id LIKE 'isolation-read-%' AND action = 'file.read' AND actor_user_id = $1`,
      [caseworker.userId],
    );
    expect(recorded.n).toBe(40);
    const outcome = await settled(injected);
    expect(injected.length).toBeGreaterThan(0);
    expect(outcome.ok).toBe(0);
    expect(new Set(outcome.refused)).toEqual(new Set(['AUDIT_NOT_RECORDED']));
    expect(await stack.api!.get(AuditVerifier).verify()).toMatchObject({ intact: true });
  });

  it('R21: a read whose record cannot be written is refused alone (503 AUDIT_NOT_RECORDED, logged with its request id); reads beside it succeed', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
      const [failing, ...reads] = await Promise.all([
        request(server).get('/isolation-probe/failing-read').set('x-request-id', 'isolation-failing'),
        ...Array.from({ length: 10 }, (_, i) => request(server).get(`/files/${fileId}`).set(caseworker.auth).set('x-request-id', `isolation-beside-${i}`)),
      ]);
      expect(failing.status).toBe(503);
      expect(failing.body).toEqual({ error: expect.objectContaining({ code: 'AUDIT_NOT_RECORDED', requestId: 'isolation-failing' }) });
      expect(JSON.stringify(failing.body)).not.toContain('never sent');
      expect(reads.map((response) => response.status)).toEqual(reads.map(() => 200));
      const [recorded] = await stack.database.query(`SELECT count(*)::int AS n FROM audit_record WHERE request_id LIKE 'isolation-beside-%' AND action = 'file.read'`);
      expect(recorded.n).toBe(10);
      expect(errors).toHaveBeenCalledWith(expect.objectContaining({ requestId: 'isolation-failing' }), 'audit record not written: request refused');
    } finally {
      errors.mockRestore();
    }
  });
});

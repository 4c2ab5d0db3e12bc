import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { App } from 'supertest/types.js';
import { AuditVerifier, type VerificationResult } from '#app/audit';
import { auditRecords, createFile, createOrganisation, signedIn } from '../support/access-fixtures.js';
import { builtEntry, childEnv, runToEnd } from '../support/processes.js';
import { startStack, type TestStack } from '../support/test-context.js';

describe('R21: the audit record', () => {
  let stack: TestStack;
  let server: App;
  let fileId: string;
  let bureau: string;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    fileId = await createFile(stack.database, { jurisdictionCode: '530102', organisationId: bureau });
  });
  afterAll(() => stack?.close());

  it('answers "who looked at this child\'s file?" for a supervisor, and records that question too', async () => {
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200);
    const supervisor = await signedIn(server, stack.database, 'supervisor', { id: bureau });
    const page = await request(server).get(`/audit/files/${fileId}`).set(supervisor.auth).expect(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({ action: 'file.read', outcome: 'allowed', actor: expect.objectContaining({ userId: caseworker.userId, role: 'caseworker' }) }),
    ]);
    expect(await auditRecords(stack.database, `action = 'audit.read' AND actor_user_id = $1`, [supervisor.userId])).toEqual([
      expect.objectContaining({ outcome: 'allowed', entity_id: fileId }),
    ]);

    const byUser = await request(server).get(`/audit/users/${caseworker.userId}`).set(supervisor.auth).expect(200);
    expect(byUser.body.items.map((r: { action: string }) => r.action)).toEqual(['file.read', 'auth.login']);
  });

  it("R22: a searched name is person data — administrators and other organisations see that a search happened, not the name; the searcher's own supervisor sees it", async () => {
    const name = '岩香兰';
    const searched = await createFile(stack.database, { jurisdictionCode: '530102', organisationId: bureau, personName: name });
    await stack.database.query(
      `INSERT INTO person_name (person_id, kind, name, pinyin, pinyin_compact, initials)
       SELECT person_id, 'name', $2, 'yan xiang lan', 'yanxianglan', 'yxl' FROM victim_file WHERE id = $1`,
      [searched, name],
    );
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    const found = await request(server).get('/files').query({ q: name }).set(caseworker.auth).expect(200);
    expect(found.body.items).toHaveLength(1);

    const searchOf = (items: { action: string; details: Record<string, any>; redacted: string[] }[]) => items.find((record) => record.action === 'file.list')!;
    const admin = await signedIn(server, stack.database, 'administrator', { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
    const otherBureau = await signedIn(server, stack.database, 'supervisor', { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    for (const viewer of [admin, otherBureau]) {
      const byUser = await request(server).get(`/audit/users/${caseworker.userId}`).set(viewer.auth).expect(200);
      expect(searchOf(byUser.body.items)).toMatchObject({ details: { filters: { q: '[已隐去 redacted]' } }, redacted: ['filters.q'] });
      expect(JSON.stringify(byUser.body)).not.toContain(name);
    }
    // The file's own record shows the search too (the file was in its results): to the administrator without the name.
    const byFile = await request(server).get(`/audit/files/${searched}`).set(admin.auth).expect(200);
    expect(searchOf(byFile.body.items)).toMatchObject({ redacted: ['filters.q'] });
    expect(JSON.stringify(byFile.body)).not.toContain(name);

    const ownSupervisor = await signedIn(server, stack.database, 'supervisor', { id: bureau });
    const supervised = await request(server).get(`/audit/users/${caseworker.userId}`).set(ownSupervisor.auth).expect(200);
    expect(searchOf(supervised.body.items)).toMatchObject({ details: { filters: { q: name } }, redacted: [] });
    // What was recorded keeps the text: the redaction is of the view, not of the record.
    expect(await auditRecords(stack.database, `action = 'file.list' AND actor_user_id = $1`, [caseworker.userId])).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ filters: expect.objectContaining({ q: name }) }) }),
    ]);
  });

  it('keeps the record of a file from supervisors outside its scope (404) and from caseworkers (403)', async () => {
    const elsewhere = await signedIn(server, stack.database, 'supervisor', { kind: 'civil_affairs_bureau', jurisdictionCode: '532901' });
    await request(server).get(`/audit/files/${fileId}`).set(elsewhere.auth).expect(404);
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    await request(server).get(`/audit/files/${fileId}`).set(caseworker.auth).expect(403);
  });

  it('records every one of many concurrent reads, each before its response, and the chains stay intact', async () => {
    const readers = await Promise.all([0, 1, 2, 3].map(() => signedIn(server, stack.database, 'caseworker', { id: bureau })));
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        request(server)
          .get(`/files/${fileId}`)
          .set(readers[i % readers.length].auth)
          .set('x-request-id', `burst-${i}`),
      ),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const recorded = await stack.database.query(`SELECT count(*)::int AS n FROM audit_record WHERE request_id LIKE 'burst-%' AND action = 'file.read'`);
    expect(recorded[0].n).toBe(60);
    expect(await stack.api!.get(AuditVerifier).verify()).toMatchObject({ intact: true });
  });

  it('R21: a verification running while people keep working stays intact — a record appended to a chain mid-walk waits for the next one', async () => {
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200);
    const [{ chain }] = await stack.database.query<{ chain: string }>('SELECT DISTINCT chain FROM audit_record WHERE actor_user_id = $1', [caseworker.userId]);
    // Just before the verifier reads this chain's records, the caseworker reads the file again: one more record, its head moved.
    const dataSource = stack.api!.get(DataSource);
    const query = dataSource.query.bind(dataSource);
    let appended = false;
    let during: VerificationResult;
    const spy = jest.spyOn(dataSource, 'query').mockImplementation(async (sql, parameters, runner) => {
      if (!appended && sql.includes('FROM audit_record a WHERE chain = $1') && Array.isArray(parameters) && parameters[0] === chain) {
        appended = true;
        await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200);
      }
      return query(sql, parameters, runner);
    });
    try {
      during = await stack.api!.get(AuditVerifier).verify();
      expect(appended).toBe(true);
      expect(during).toMatchObject({ intact: true });
      expect(during.firstBroken).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    // The next verification walks it too.
    const after = await stack.api!.get(AuditVerifier).verify();
    expect(after).toMatchObject({ intact: true });
    expect(after.records).toBeGreaterThan(during.records);
  });

  it("R21: a chain's head moved back leaves a record past it, a head moved on says records were cut — both named", async () => {
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200);
    const [head] = await stack.database.query<{ chain: string; last_seq: string; last_hash: Buffer }>(
      'SELECT c.chain, c.last_seq, c.last_hash FROM audit_chain c JOIN audit_record r ON r.chain = c.chain AND r.seq = c.last_seq WHERE r.actor_user_id = $1',
      [caseworker.userId],
    );
    const moveHead = (seq: number, hash: Buffer) => stack.database.query('UPDATE audit_chain SET last_seq = $2, last_hash = $3 WHERE chain = $1', [head.chain, seq, hash]);
    const last = Number(head.last_seq);
    const [before] = await stack.database.query<{ hash: Buffer }>('SELECT hash FROM audit_record WHERE chain = $1 AND seq = $2', [head.chain, last - 1]);
    try {
      await moveHead(last - 1, before.hash);
      expect((await stack.api!.get(AuditVerifier).verify()).firstBroken).toEqual({
        chain: head.chain,
        seq: last,
        recordId: expect.any(String),
        reason: "lies past the chain's head: the head was moved back",
      });
      await moveHead(last + 1, Buffer.alloc(32, 1));
      expect((await stack.api!.get(AuditVerifier).verify()).firstBroken).toEqual({
        chain: head.chain,
        seq: last + 1,
        recordId: '(missing)',
        reason: `the chain's head says ${last + 1} records but ${last} are there: records were cut from the end`,
      });
    } finally {
      await moveHead(last, head.last_hash);
    }
    expect(await stack.api!.get(AuditVerifier).verify()).toMatchObject({ intact: true });
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(stack.database.query(`UPDATE audit_record SET outcome = 'allowed'`)).rejects.toThrow(/append-only/);
    await expect(stack.database.query('DELETE FROM audit_record')).rejects.toThrow(/append-only/);
    await expect(stack.database.query('TRUNCATE audit_record')).rejects.toThrow(/append-only/);
  });

  it('chains per province: records of Yunnan and of another province form separate intact chains', async () => {
    const guangdong = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: '440100' });
    await request(server).get('/files').set(guangdong.auth).expect(200);
    const provinces = await stack.database.query<{ province: string }>(`SELECT DISTINCT split_part(chain, '.', 1) AS province FROM audit_record ORDER BY 1`);
    expect(provinces.map((row) => row.province)).toEqual(expect.arrayContaining(['44', '53']));
    // One user's actions stay in order in one chain.
    const chainsOfUser = await stack.database.query('SELECT DISTINCT chain FROM audit_record WHERE actor_user_id = $1', [guangdong.userId]);
    expect(chainsOfUser).toHaveLength(1);
    const result = await stack.api!.get(AuditVerifier).verify();
    expect(result).toMatchObject({ intact: true });
  });

  it("audit:verify names the record someone edited behind the trigger's back", async () => {
    const intact = await runToEnd(builtEntry('cli'), ['audit:verify'], childEnv({ DATABASE_URL: stack.database.url }));
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^intact: \d+ records in \d+ chains/m);

    const [victim] = await stack.database.query<{ id: string; chain: string; seq: string }>(
      `SELECT id, chain, seq FROM audit_record WHERE chain LIKE '53.%' ORDER BY chain, seq OFFSET 1 LIMIT 1`,
    );
    await stack.database.query('ALTER TABLE audit_record DISABLE TRIGGER audit_record_no_update');
    await stack.database.query(`UPDATE audit_record SET outcome = 'denied', details = '{"covered": "up"}' WHERE id = $1`, [victim.id]);
    await stack.database.query('ALTER TABLE audit_record ENABLE TRIGGER audit_record_no_update');

    const broken = await runToEnd(builtEntry('cli'), ['audit:verify'], childEnv({ DATABASE_URL: stack.database.url }));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at chain ${victim.chain}, record ${victim.seq} (id ${victim.id}): content does not match its hash`);
  });
});

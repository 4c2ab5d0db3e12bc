/**
 * Issue 12 §2 "Anchoring" (R21, R22): a rewrite of the audit record by someone
 * holding the database owner's credentials — trigger off, a record deleted,
 * the rest re-hashed with the database's own audit_canonical(), the chain's
 * head moved — passes the chain walk; a checkpoint signed before it, with a
 * key that never enters the database, names it.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { AuditVerifier, CHECKPOINT_SCHEDULER_ID, keyIdOf } from '#app/audit';
import { QUEUES, QueueRegistry } from '#app/platform';
import { auditRecords, createFile, createOrganisation, signedIn } from '../support/access-fixtures.js';
import { eventually } from '../support/eventually.js';
import { builtEntry, childEnv, runToEnd } from '../support/processes.js';
import { startStack, type TestDatabase, type TestStack } from '../support/test-context.js';

/**
 * The forgery of issue 12, with the owner's (superuser's) credentials: record
 * `seq` of `chain` deleted, every later record of the chain moved down one
 * place and re-hashed with audit_canonical(), the head moved.
 */
async function forge(database: TestDatabase, chain: string, seq: number): Promise<void> {
  await database.query('ALTER TABLE audit_record DISABLE TRIGGER audit_record_no_update');
  await database.query(`
    DO $$
    DECLARE
      r audit_record;
      previous bytea;
    BEGIN
      SELECT hash INTO previous FROM audit_record WHERE chain = '${chain}' AND seq = ${seq - 1};
      previous := COALESCE(previous, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
      DELETE FROM audit_record WHERE chain = '${chain}' AND seq = ${seq};
      FOR r IN SELECT * FROM audit_record WHERE chain = '${chain}' AND seq > ${seq} ORDER BY seq LOOP
        r.seq := r.seq - 1;
        r.prev_hash := previous;
        r.hash := sha256(previous || convert_to(audit_canonical(r), 'UTF8'));
        UPDATE audit_record SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
        previous := r.hash;
      END LOOP;
      UPDATE audit_chain SET last_seq = last_seq - 1, last_hash = previous WHERE chain = '${chain}';
    END $$`);
  await database.query('ALTER TABLE audit_record ENABLE TRIGGER audit_record_no_update');
}

/** What the database owner can also do to the table of checkpoints. */
async function deleteCheckpoints(database: TestDatabase, where = 'true'): Promise<void> {
  await database.query('ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_no_update');
  await database.query(`DELETE FROM audit_checkpoint WHERE ${where}`);
  await database.query('ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_no_update');
}

describe('R21: audit checkpoints make a rewrite with the owner’s credentials visible', () => {
  let stack: TestStack;
  let server: App;
  let workdir: string;
  let fileId: string;
  let bureau: string;

  const cli = (args: string[], vars: Record<string, string> = {}) =>
    runToEnd(builtEntry('cli'), args, childEnv({ DATABASE_URL: stack.database.url, AUDIT_CHECKPOINT_FILE: '', ...vars }));

  /** Reads by one caseworker: records in one chain. */
  async function reads(count: number): Promise<{ chain: string; userId: string }> {
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    for (let i = 0; i < count; i++) await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200);
    const [{ chain }] = await stack.database.query<{ chain: string }>('SELECT DISTINCT chain FROM audit_record WHERE actor_user_id = $1', [caseworker.userId]);
    return { chain, userId: caseworker.userId };
  }

  async function head(chain: string): Promise<number> {
    const [row] = await stack.database.query<{ last_seq: string }>('SELECT last_seq FROM audit_chain WHERE chain = $1', [chain]);
    return Number(row.last_seq);
  }

  beforeAll(async () => {
    workdir = mkdtempSync(path.join(tmpdir(), 'huijia-checkpoints-'));
    stack = await startStack();
    server = stack.api!.getHttpServer();
    bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    fileId = await createFile(stack.database, { jurisdictionCode: '530102', organisationId: bureau });
  });
  afterAll(async () => {
    await stack?.close();
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  it('R21: without checkpoints, the forgery (trigger off, record deleted, chain re-hashed with audit_canonical(), head moved) passes audit:verify — the threat', async () => {
    const { chain } = await reads(4);
    await forge(stack.database, chain, 2);
    const verified = await cli(['audit:verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^intact: \d+ records in \d+ chains/m);
    expect(verified.stdout).toContain('checkpoints: none found');
  });

  it('R21: a checkpoint signed before the forgery names the chain, the position and the checkpoint’s time', async () => {
    const { chain } = await reads(4);
    const signed = await cli(['audit:checkpoint']);
    expect(signed.stderr).toBe('');
    expect(signed.stdout).toMatch(/^checkpoint \d+ signed at \S+: \d+ chains, key [0-9a-f]{16}$/m);
    const [checkpoint] = await stack.database.query<{ id: string; statement: string }>('SELECT id, statement FROM audit_checkpoint ORDER BY id DESC LIMIT 1');
    const statement = JSON.parse(checkpoint.statement) as { signedAt: string; heads: { chain: string; seq: number }[] };
    const position = await head(chain);
    expect(statement.heads).toContainEqual(expect.objectContaining({ chain, seq: position }));
    // Records after the checkpoint are fine; so is the signing itself, recorded as coming from the CLI.
    await reads(2);
    expect(await auditRecords(stack.database, `action = 'audit.checkpoint_sign'`)).toEqual([expect.objectContaining({ entity_id: checkpoint.id, details: { via: 'cli' } })]);
    const before = await cli(['audit:verify']);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^checkpoints: 1 verified/m);

    await forge(stack.database, chain, 3);

    const walkOnly = await stack.api!.get(AuditVerifier).verify();
    expect(walkOnly.firstBroken).toBeUndefined();
    const after = await cli(['audit:verify']);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain(`BROKEN at chain ${chain}, record ${position}: record ${position} of chain ${chain}`);
    expect(after.stdout).toContain(`rewritten after checkpoint ${checkpoint.id} signed at ${statement.signedAt}`);
  });

  it('R21: with the table of checkpoints emptied too, the copy in AUDIT_CHECKPOINT_FILE (or --checkpoints) still names the rewrite', async () => {
    const file = path.join(workdir, 'anchors.jsonl');
    // The chain as it is now taken for honest (the checkpoint of the test before gone): a checkpoint over it, written to the file as well.
    await deleteCheckpoints(stack.database);
    const { chain } = await reads(3);
    const signed = await cli(['audit:checkpoint'], { AUDIT_CHECKPOINT_FILE: file });
    expect(signed.code).toBe(0);
    const honest = await cli(['audit:verify'], { AUDIT_CHECKPOINT_FILE: file });
    expect(honest.stdout).toMatch(/^checkpoints: 1 verified \(1 also in checkpoint files\), the latest signed at /m);
    const [line] = readFileSync(file, 'utf8').trim().split('\n');
    const copy = JSON.parse(line) as { id: string; signedAt: string; statement: string; signature: string };
    const position = await head(chain);

    // The owner removes every checkpoint from the database and rewrites the chain again.
    await deleteCheckpoints(stack.database);
    await forge(stack.database, chain, 1);
    const blind = await cli(['audit:verify']);
    expect(blind.code).toBe(0);

    const withFile = await cli(['audit:verify'], { AUDIT_CHECKPOINT_FILE: file });
    expect(withFile.code).toBe(1);
    expect(withFile.stdout).toContain(`BROKEN at chain ${chain}, record ${position}`);
    expect(withFile.stdout).toContain(`rewritten after checkpoint ${copy.id} signed at ${copy.signedAt}`);
    const withOption = await cli(['audit:verify', '--checkpoints', file]);
    expect(withOption.code).toBe(1);
    expect(withOption.stdout).toContain(`[${file}:1]`);
  });

  it('R21: a genuine checkpoint in the file but missing from the table is reported', async () => {
    const file = path.join(workdir, 'second.jsonl');
    const signed = await cli(['audit:checkpoint'], { AUDIT_CHECKPOINT_FILE: file });
    expect(signed.code).toBe(0);
    expect((await cli(['audit:verify', '--checkpoints', file])).code).toBe(0);
    const [{ id }] = await stack.database.query<{ id: string }>('SELECT max(id) AS id FROM audit_checkpoint');
    await deleteCheckpoints(stack.database, `id = ${Number(id)}`);
    const verified = await cli(['audit:verify', '--checkpoints', file]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`BROKEN at checkpoint ${id}: this genuine checkpoint is missing from the table audit_checkpoint`);
  });

  it('R21: a checkpoint with a bad signature, or signed with a key AUDIT_VERIFY_KEY does not hold, is named', async () => {
    await deleteCheckpoints(stack.database);
    expect((await cli(['audit:checkpoint'])).code).toBe(0);
    const [genuine] = await stack.database.query<{ statement: string; signature: string; key_id: string }>('SELECT statement, signature, key_id FROM audit_checkpoint');
    // The owner "fixes" a head of a genuine checkpoint to fit a rewritten chain: the signature no longer covers it.
    const altered = JSON.parse(genuine.statement) as { signedAt: string; heads: { hash: string }[] };
    altered.heads[0].hash = '00'.repeat(32);
    await deleteCheckpoints(stack.database);
    const [{ id: forgedId }] = await stack.database.query<{ id: string }>(
      'INSERT INTO audit_checkpoint (signed_at, key_id, statement, signature) VALUES ($1, $2, $3, $4) RETURNING id',
      [altered.signedAt, genuine.key_id, JSON.stringify(altered), genuine.signature],
    );
    const badSignature = await cli(['audit:verify']);
    expect(badSignature.code).toBe(1);
    expect(badSignature.stdout).toContain(`BROKEN at checkpoint ${forgedId}: checkpoint ${forgedId}: its signature is not valid`);

    // A key of the owner's own making.
    await deleteCheckpoints(stack.database);
    const own = generateKeyPairSync('ed25519');
    const statement = JSON.stringify({ ...altered, keyId: keyIdOf(own.publicKey) });
    const [{ id: ownId }] = await stack.database.query<{ id: string }>(
      'INSERT INTO audit_checkpoint (signed_at, key_id, statement, signature) VALUES ($1, $2, $3, $4) RETURNING id',
      [altered.signedAt, keyIdOf(own.publicKey), statement, sign(null, Buffer.from(statement), own.privateKey).toString('base64')],
    );
    const unknownKey = await cli(['audit:verify']);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stdout).toContain(
      `BROKEN at checkpoint ${ownId}: checkpoint ${ownId}: it is signed with key ${keyIdOf(own.publicKey)}, which AUDIT_VERIFY_KEY does not hold`,
    );
  });

  it('R21: the checkpoint table is append-only like the record', async () => {
    await expect(stack.database.query(`UPDATE audit_checkpoint SET key_id = 'x'`)).rejects.toThrow(/append-only/);
    await expect(stack.database.query('DELETE FROM audit_checkpoint')).rejects.toThrow(/append-only/);
    await expect(stack.database.query('TRUNCATE audit_checkpoint')).rejects.toThrow(/append-only/);
  });

  it('audit:keygen prints a pair the configuration accepts', async () => {
    await deleteCheckpoints(stack.database);
    const printed = await runToEnd(builtEntry('cli'), ['audit:keygen'], childEnv({}));
    expect(printed.code).toBe(0);
    const signingKey = /^AUDIT_SIGNING_KEY=(\S+)$/m.exec(printed.stdout)![1];
    const verifyKey = /^AUDIT_VERIFY_KEY=(\S+)$/m.exec(printed.stdout)![1];
    const signed = await cli(['audit:checkpoint'], { AUDIT_SIGNING_KEY: signingKey, AUDIT_VERIFY_KEY: verifyKey });
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    // Its checkpoint is not verifiable with the development key alone; with both keys it is.
    expect((await cli(['audit:verify'])).code).toBe(1);
    const both = await cli(['audit:verify'], { AUDIT_VERIFY_KEY: `${verifyKey},MCowBQYDK2VwAyEADP75z47YHQDQZZRbDQC29RgnbWUI6JtS4rm+fAu4VJE=` });
    expect(both.stdout).not.toContain('which AUDIT_VERIFY_KEY does not hold');
    const mismatched = await cli(['audit:checkpoint'], { AUDIT_SIGNING_KEY: signingKey });
    expect(mismatched.code).not.toBe(0);
    expect(mismatched.stderr).toContain('AUDIT_VERIFY_KEY must include the public key of AUDIT_SIGNING_KEY');
  });
});

describe('R21: the worker signs checkpoints on its schedule and when an administrator asks', () => {
  let stack: TestStack;
  let server: App;
  let workdir: string;
  let file: string;
  /** A receiver of the notification webhook: a third copy, outside PostgreSQL and outside this machine. */
  let webhook: Server;
  const posted: { type?: string; id?: string; statement?: string; signature?: string }[] = [];

  beforeAll(async () => {
    workdir = mkdtempSync(path.join(tmpdir(), 'huijia-checkpoints-'));
    file = path.join(workdir, 'audit-checkpoints.jsonl');
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        posted.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
    stack = await startStack({
      worker: true,
      overrides: { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '600', AUDIT_CHECKPOINT_FILE: file, NOTIFY_CHANNEL: 'webhook', NOTIFY_WEBHOOK_URL: hook },
    });
    server = stack.api!.getHttpServer();
  });
  afterAll(async () => {
    await stack?.close();
    if (webhook) await new Promise((resolve) => webhook.close(resolve));
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  const checkpoints = () => stack.database.query<{ id: string; signed_at: Date; statement: string }>('SELECT id, signed_at, statement FROM audit_checkpoint ORDER BY id');

  it('R21: signs at boot and then every AUDIT_CHECKPOINT_INTERVAL_SECONDS, at the instant of its clock, into the table and the file', async () => {
    const queue = stack.worker!.get(QueueRegistry).queue(QUEUES.auditCheckpoints);
    const scheduler = await queue.getJobScheduler(CHECKPOINT_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ every: 600_000 });
    await eventually(async () => (await checkpoints()).length >= 1);

    // Ten minutes later (the clock moves, nobody waits): the scheduler's next job comes due.
    stack.clock.advance(600_000);
    const movedTo = stack.clock.now().getTime();
    const [next] = await eventually(async () => {
      const delayed = await queue.getDelayed();
      return delayed.length > 0 ? delayed : false;
    });
    await next.promote();
    const signed = await eventually(async () => {
      const rows = await checkpoints();
      return rows.length >= 2 ? rows[rows.length - 1] : false;
    });
    expect(signed.signed_at.getTime()).toBeGreaterThanOrEqual(movedTo);
    expect(JSON.parse(signed.statement)).toMatchObject({ v: 1, signedAt: signed.signed_at.toISOString() });
    // The copy outside PostgreSQL is written once the row is in: the same checkpoints, line by line.
    const ids = (await checkpoints()).map((row) => String(row.id));
    const lines = await eventually(() => {
      const written = readFileSync(file, 'utf8').trim().split('\n');
      expect(written.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(ids);
      return written;
    });
    expect(await stack.worker!.get(AuditVerifier).verify()).toMatchObject({ intact: true, checkpoints: { checked: lines.length } });
    // With NOTIFY_CHANNEL=webhook each one is POSTed there as well, signed text and signature.
    await eventually(() => expect(posted.filter((body) => body.type === 'audit.checkpoint').map((body) => body.id)).toEqual(ids));
    const stored = await stack.database.query<{ statement: string; signature: string }>('SELECT statement, signature FROM audit_checkpoint ORDER BY id');
    expect(posted.map(({ statement, signature }) => ({ statement, signature }))).toEqual(stored);
  });

  it('R21: POST /audit/checkpoints is for administrators (202, audited, signed by the worker); a caseworker or a partner gets 403, recorded', async () => {
    const admin = await signedIn(server, stack.database, 'administrator', { kind: 'civil_affairs_bureau', jurisdictionCode: '530000' });
    const before = (await checkpoints()).length;
    const accepted = await request(server).post('/audit/checkpoints').set(admin.auth).set('x-request-id', 'checkpoint-now').expect(202);
    expect(accepted.body).toEqual({ jobId: expect.stringMatching(/^request-/), requestedAt: expect.any(String) });
    expect(await auditRecords(stack.database, `action = 'audit.checkpoint_request' AND request_id = 'checkpoint-now'`)).toEqual([
      expect.objectContaining({ outcome: 'allowed', actor_user_id: admin.userId, details: { jobId: accepted.body.jobId } }),
    ]);
    await eventually(async () => (await checkpoints()).length > before);
    // The signed heads cover the request's own record.
    const [{ chain, seq }] = await stack.database.query<{ chain: string; seq: string }>(`SELECT chain, seq FROM audit_record WHERE request_id = 'checkpoint-now'`);
    const latest = (await checkpoints()).at(-1)!;
    const headOfChain = (JSON.parse(latest.statement) as { heads: { chain: string; seq: number }[] }).heads.find((h) => h.chain === chain)!;
    expect(headOfChain.seq).toBeGreaterThanOrEqual(Number(seq));

    const caseworker = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    const partner = await signedIn(server, stack.database, 'legal_aid_staff', { kind: 'legal_aid_centre', jurisdictionCode: '530102' });
    for (const [who, session] of [
      ['caseworker', caseworker],
      ['partner', partner],
    ] as const) {
      await request(server).post('/audit/checkpoints').set(session.auth).set('x-request-id', `checkpoint-${who}`).expect(403);
      expect(await auditRecords(stack.database, `request_id = 'checkpoint-${who}'`)).toEqual([expect.objectContaining({ outcome: 'denied', actor_user_id: session.userId })]);
    }
  });
});

/**
 * Least privilege (R21, issue 12 §2): the api, the worker and the CLI connect
 * as huijia_app, which may append to the audit record only through
 * audit_append and can neither change, delete nor re-hash a record, nor move a
 * chain head, nor switch the triggers off. Migrations run as the owner.
 */
import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AuditVerifier, generateCheckpointKeys } from '#app/audit';
import { createOrganisation, signedIn } from '../support/access-fixtures.js';
import { harnessValue } from '../support/harness-env.js';
import { builtEntry, childEnv, Running, runToEnd } from '../support/processes.js';
import { startStack, type TestStack } from '../support/test-context.js';

// Some cases start the built api or CLI as processes.
jest.setTimeout(120_000);

const PERMISSION_DENIED = '42501';
/** Tables besides the audit record that the application may only read and append to: a submitted report or an imported year is never rewritten (R20, R21). */
const APPEND_ONLY = ['statistics_report', 'statistics_report_review', 'statistics_import'];

const checkpointKeys = generateCheckpointKeys();

describe('R21: the application role cannot rewrite the audit record', () => {
  let stack: TestStack;
  let app: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ worker: true });
    // Some records to tamper with: a sign-in and a read, through the api.
    const bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    const caseworker = await signedIn(stack.api!.getHttpServer(), stack.database, 'caseworker', { id: bureau });
    await request(stack.api!.getHttpServer()).get('/files').set(caseworker.auth).expect(200);
    app = new pg.Client({ connectionString: stack.database.url });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await stack?.close();
  });

  /** The statement, run as huijia_app, fails with the error the database gives. */
  async function refused(sql: string): Promise<{ code?: string; message: string }> {
    try {
      await app.query(sql);
    } catch (error) {
      return error as { code?: string; message: string };
    }
    throw new Error(`huijia_app was allowed: ${sql}`);
  }

  it('R21: the api and the worker run as huijia_app, not as the owner', async () => {
    for (const context of [stack.api!, stack.worker!]) {
      const [row] = await context.get<DataSource>(getDataSourceToken()).query('SELECT current_user AS who, session_user AS login');
      expect(row).toEqual({ who: 'huijia_app', login: 'huijia_app' });
    }
    expect((await app.query('SELECT current_user AS who')).rows).toEqual([{ who: 'huijia_app' }]);
  });

  it('R21: huijia_app logs in, is no superuser, may create nothing, owns nothing and is a member of no role', async () => {
    const [role] = await stack.database.query(`SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = 'huijia_app'`);
    expect(role).toEqual({ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false });
    const [owned] = await stack.database.query(
      `WITH r AS (SELECT oid FROM pg_roles WHERE rolname = 'huijia_app')
       SELECT (SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM r))::int AS relations,
              (SELECT count(*) FROM pg_proc WHERE proowner = (SELECT oid FROM r))::int AS functions,
              (SELECT count(*) FROM pg_type WHERE typowner = (SELECT oid FROM r))::int AS types,
              (SELECT count(*) FROM pg_namespace WHERE nspowner = (SELECT oid FROM r))::int AS schemas,
              (SELECT count(*) FROM pg_database WHERE datdba = (SELECT oid FROM r))::int AS databases,
              (SELECT count(*) FROM pg_auth_members WHERE member = (SELECT oid FROM r))::int AS memberships`,
    );
    expect(owned).toEqual({ relations: 0, functions: 0, types: 0, schemas: 0, databases: 0, memberships: 0 });
    expect(await refused('CREATE TABLE audit_shadow (id int)')).toMatchObject({ code: PERMISSION_DENIED, message: expect.stringMatching(/permission denied for schema/) });
  });

  it('R21: UPDATE, DELETE, TRUNCATE and a direct INSERT of audit_record and audit_chain are refused: permission denied', async () => {
    for (const table of ['audit_record', 'audit_chain']) {
      for (const sql of [
        table === 'audit_record' ? `UPDATE audit_record SET outcome = 'allowed'` : `UPDATE audit_chain SET last_seq = last_seq`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table}`,
        table === 'audit_record'
          ? `INSERT INTO audit_record (chain, seq, at, action, outcome, prev_hash, hash) VALUES ('53', 999999, now(), 'forged', 'allowed', '\\x00', '\\x00')`
          : `INSERT INTO audit_chain (chain) VALUES ('99')`,
      ]) {
        expect({ sql, error: await refused(sql) }).toEqual({
          sql,
          error: expect.objectContaining({ code: PERMISSION_DENIED, message: `permission denied for table ${table}` }),
        });
      }
    }
  });

  it('R21: the triggers cannot be switched off nor the functions replaced: only the owner may', async () => {
    expect(await refused('ALTER TABLE audit_record DISABLE TRIGGER audit_record_no_update')).toMatchObject({ message: 'must be owner of table audit_record' });
    expect(await refused('ALTER TABLE audit_record DISABLE TRIGGER ALL')).toMatchObject({ message: 'must be owner of table audit_record' });
    expect(await refused('DROP TRIGGER audit_record_no_update ON audit_record')).toMatchObject({ code: PERMISSION_DENIED, message: expect.stringMatching(/^must be owner of/) });
    expect(await refused(`SET session_replication_role = replica`)).toMatchObject({ code: PERMISSION_DENIED });
    expect(await refused(`CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`)).toMatchObject({
      code: PERMISSION_DENIED,
    });
    expect(await refused(`ALTER FUNCTION audit_append(jsonb) SECURITY INVOKER`)).toMatchObject({ message: 'must be owner of function audit_append' });
  });

  it('R21: the forgery of issue 12 fails: delete a record, re-hash the rest with audit_canonical(), move the head — and the chain stays intact', async () => {
    const [victim] = await stack.database.query<{ chain: string; seq: string }>(`SELECT chain, seq FROM audit_record ORDER BY id LIMIT 1`);
    expect(await refused(`DELETE FROM audit_record WHERE chain = '${victim.chain}' AND seq = ${victim.seq}`)).toMatchObject({ code: PERMISSION_DENIED });
    const rehash = `UPDATE audit_record a SET seq = seq - 1, prev_hash = prev_hash, hash = sha256(a.prev_hash || convert_to(audit_canonical(a), 'UTF8'))
                     WHERE chain = '${victim.chain}' AND seq > ${victim.seq}`;
    expect(await refused(rehash)).toMatchObject({ code: PERMISSION_DENIED, message: 'permission denied for table audit_record' });
    const moveHead = `UPDATE audit_chain SET last_seq = last_seq - 1, last_hash = (SELECT hash FROM audit_record WHERE chain = '${victim.chain}' ORDER BY seq DESC OFFSET 1 LIMIT 1)
                       WHERE chain = '${victim.chain}'`;
    expect(await refused(moveHead)).toMatchObject({ code: PERMISSION_DENIED, message: 'permission denied for table audit_chain' });
    // What it may do: read, compute the canonical form, append through audit_append (which runs as the owner).
    expect((await app.query(`SELECT count(*)::int AS n FROM audit_record a WHERE audit_canonical(a) IS NOT NULL`)).rows[0].n).toBeGreaterThan(0);
    await app.query(`SELECT audit_append($1::jsonb)`, [JSON.stringify({ chain: victim.chain, action: 'roles.test', outcome: 'allowed' })]);
    expect(await stack.api!.get(AuditVerifier).verify()).toMatchObject({ intact: true });
  });

  it('R21: every ordinary table is usable (SELECT, INSERT, UPDATE, DELETE), submitted statistics reports and every audit_* table are read- or append-only, and no table can be truncated', async () => {
    const tables = await stack.database.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') ORDER BY 1`,
    );
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['audit_record', 'audit_chain', 'victim_file', 'outbox', 'reminder', 'migrations']));
    const privileges = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES'];
    const granted = async (table: string) => {
      const held: string[] = [];
      for (const privilege of privileges) {
        const [row] = await stack.database.query(`SELECT has_table_privilege('huijia_app', $1::regclass, $2) AS held`, [table, privilege]);
        if (row.held) held.push(privilege);
      }
      return { table, held };
    };
    for (const { name } of tables) {
      const held = await granted(name);
      if (name.startsWith('audit_')) {
        // Readable; appended to at most (audit_record and audit_chain only through audit_append); never changed, deleted or truncated.
        const allowed = name === 'audit_record' || name === 'audit_chain' ? ['SELECT'] : ['SELECT', 'INSERT'];
        expect({ table: name, held: held.held.filter((privilege) => !allowed.includes(privilege)), readable: held.held.includes('SELECT') }).toEqual({
          table: name,
          held: [],
          readable: true,
        });
      } else {
        // The schema's history is the owner's: readable, never rewritten by the application; submitted reports are appended to only (R20).
        const expected = name === 'migrations' ? ['SELECT'] : APPEND_ONLY.includes(name) ? ['SELECT', 'INSERT'] : ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
        expect(held).toEqual({ table: name, held: expected });
      }
    }
    const [execute] = await stack.database.query(
      `SELECT has_function_privilege('huijia_app', 'audit_append(jsonb)', 'EXECUTE') AS app, has_function_privilege('public', 'audit_append(jsonb)', 'EXECUTE') AS anyone,
              (SELECT prosecdef FROM pg_proc WHERE oid = 'audit_append(jsonb)'::regprocedure) AS definer,
              (SELECT proconfig FROM pg_proc WHERE oid = 'audit_append(jsonb)'::regprocedure) AS config`,
    );
    expect(execute).toEqual({ app: true, anyone: false, definer: true, config: [expect.stringMatching(/^search_path=public, pg_temp$/)] });
  });

  it('R21: a table the owner creates later is usable by huijia_app by default', async () => {
    await stack.database.query('CREATE TABLE later_table (id int GENERATED ALWAYS AS IDENTITY, note text)');
    try {
      await app.query(`INSERT INTO later_table (note) VALUES ('a')`);
      await app.query(`UPDATE later_table SET note = 'b'`);
      expect((await app.query('SELECT note FROM later_table')).rows).toEqual([{ note: 'b' }]);
      await app.query('DELETE FROM later_table');
      expect(await refused('TRUNCATE later_table')).toMatchObject({ code: PERMISSION_DENIED });
    } finally {
      await stack.database.query('DROP TABLE later_table');
    }
  });
});

describe('R21: processes and the role they connect as', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
    // The production worker also needs its checkpoint keys (else it stops earlier, with 78).
    AUDIT_SIGNING_KEY: checkpointKeys.signingKey,
    AUDIT_VERIFY_KEY: checkpointKeys.verifyKey,
  };
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ api: false });
  });
  afterAll(() => stack?.close());

  it('R21: in production the api refuses to start as a superuser or the owner of audit_record: exit 77, one line', async () => {
    const result = await runToEnd(builtEntry('api'), [], childEnv({ ...production, DATABASE_URL: stack.database.ownerUrl, REDIS_URL: harnessValue('redisUrl') }));
    expect(result.code).toBe(77);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^huijia api: refusing to start: DATABASE_URL logs in as \w+, a superuser, who could rewrite the audit record: connect as the least-privilege role huijia_app/,
      ),
    ]);
  });

  it('R21: in production the worker refuses to start as the owner of audit_record who is no superuser: exit 77, one line', async () => {
    const owner = `huijia_owner_${randomBytes(4).toString('hex')}`;
    await stack.database.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'owner-test-only'`);
    try {
      await stack.database.query(`ALTER TABLE audit_record OWNER TO ${owner}`);
      const url = new URL(stack.database.ownerUrl);
      url.username = owner;
      url.password = 'owner-test-only';
      const result = await runToEnd(builtEntry('worker'), [], childEnv({ ...production, DATABASE_URL: url.toString(), REDIS_URL: harnessValue('redisUrl') }));
      expect(result.code).toBe(77);
      expect(result.stderr.trim().split('\n')).toEqual([
        `huijia worker: refusing to start: DATABASE_URL logs in as ${owner}, the owner of audit_record, who could rewrite the audit record: connect as the least-privilege role huijia_app (the owner's connection belongs in DATABASE_MIGRATION_URL, for migrations only)`,
      ]);
    } finally {
      await stack.database.query(`ALTER TABLE audit_record OWNER TO current_user`);
      await stack.database.query(`DROP ROLE ${owner}`);
    }
  });

  it('R21: in development the worker warns when it runs as the owner, and starts', async () => {
    const worker = Running.start(
      builtEntry('worker'),
      childEnv({ DATABASE_URL: stack.database.ownerUrl, REDIS_URL: harnessValue('redisUrl'), QUEUE_PREFIX: 'rolewarn', LOG_LEVEL: 'info' }),
    );
    try {
      await worker.waitFor('worker ready', 60_000);
      expect(worker.output).toMatch(/huijia worker: warning: DATABASE_URL logs in as \w+, a superuser/);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });

  it('R21: migrations need the owner: as huijia_app they stop naming DATABASE_MIGRATION_URL; in production it is required', async () => {
    const cli = (vars: Record<string, string>, ...args: string[]) => runToEnd(builtEntry('cli'), args, childEnv(vars));
    const owner = { DATABASE_URL: stack.database.url, DATABASE_MIGRATION_URL: stack.database.ownerUrl };
    const reverted = await cli(owner, 'migration:revert');
    expect(reverted.stdout).toMatch(/^reverted: /m);
    const asApp = await cli({ DATABASE_URL: stack.database.url }, 'migration:run');
    expect(asApp.code).toBe(1);
    expect(asApp.stderr).toMatch(/connected as huijia_app, which may not change the schema: set DATABASE_MIGRATION_URL/);
    const missing = await cli({ ...production, DATABASE_URL: stack.database.url, REDIS_URL: harnessValue('redisUrl') }, 'migration:run');
    expect(missing.code).toBe(78);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^huijia: configuration error: DATABASE_MIGRATION_URL is required in production to migrate/)]);
    expect((await cli(owner, 'migration:run')).stdout).toMatch(/^applied: /m);
  });
});

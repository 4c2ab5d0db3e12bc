import { jest } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, MIGRATIONS, runningLocalPostgres } from '#app/platform';
import { harnessValue } from '../support/harness-env.js';
import { builtEntry, childEnv, killAllWithEnv, processesWithEnv, Running, runToEnd } from '../support/processes.js';
import { eventually } from '../support/eventually.js';
import { createTestDatabase } from '../support/test-context.js';

// Whole processes (PostgreSQL, Redis, api, worker) start and stop here: minutes on a busy two-core machine.
jest.setTimeout(240_000);

const oneLine = (text: string) => text.trim().split('\n');

describe('a process that cannot start says why in one line', () => {
  it('api: PostgreSQL unreachable → exit 69 and one line naming it', async () => {
    const closed = await freePort();
    const result = await runToEnd(builtEntry('api'), [], childEnv({ DATABASE_URL: `postgres://huijia:secret@127.0.0.1:${closed}/huijia`, REDIS_URL: harnessValue('redisUrl') }));
    expect(result.code).toBe(69);
    expect(oneLine(result.stderr)).toEqual([expect.stringMatching(/^huijia api: cannot reach PostgreSQL at postgres:\/\/huijia:\*\*\*@127\.0\.0\.1:\d+\/huijia: .*ECONNREFUSED/)]);
    expect(result.stderr).not.toContain('secret');
  });

  it('worker: Redis unreachable → exit 69 and one line naming it', async () => {
    const database = await createTestDatabase();
    try {
      const closed = await freePort();
      const result = await runToEnd(builtEntry('worker'), [], childEnv({ DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${closed}` }));
      expect(result.code).toBe(69);
      expect(oneLine(result.stderr)).toEqual([expect.stringMatching(/^huijia worker: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+.*ECONNREFUSED/)]);
    } finally {
      await database.drop();
    }
  });

  it('a bad setting → exit 78 and one line naming the variable and the reason', async () => {
    const result = await runToEnd(builtEntry('api'), [], childEnv({ DATABASE_URL: 'postgres://x@127.0.0.1/x', REDIS_URL: 'redis://127.0.0.1:1', PORT: 'eighty' }));
    expect(result.code).toBe(78);
    expect(oneLine(result.stderr)).toEqual(['huijia api: configuration error: PORT must be an integer between 1 and 65535 (got "eighty")']);
  });

  it('production without connection strings → exit 78, one line per missing variable', async () => {
    const result = await runToEnd(builtEntry('worker'), [], childEnv({ NODE_ENV: 'production' }));
    expect(result.code).toBe(78);
    expect(oneLine(result.stderr)).toEqual([
      expect.stringMatching(/^huijia worker: configuration error: DATABASE_URL is required/),
      expect.stringMatching(/^huijia worker: configuration error: REDIS_URL is required in production/),
      expect.stringMatching(/^huijia worker: configuration error: JWT_SECRET is required in production/),
      expect.stringMatching(/^huijia worker: configuration error: DATA_ENCRYPTION_KEY is required in production/),
      expect.stringMatching(/^huijia worker: configuration error: BLIND_INDEX_KEY is required in production/),
    ]);
  });

  it('R21: a production worker without the audit checkpoint keys → exit 78 naming them (the api needs neither)', async () => {
    const result = await runToEnd(
      builtEntry('worker'),
      [],
      childEnv({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@127.0.0.1:1/huijia',
        REDIS_URL: 'redis://127.0.0.1:1',
        JWT_SECRET: 'x'.repeat(40),
        DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
        BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
      }),
    );
    expect(result.code).toBe(78);
    expect(oneLine(result.stderr)).toEqual([
      'huijia worker: configuration error: AUDIT_SIGNING_KEY is required in production for the worker: it signs the audit checkpoints',
      'huijia worker: configuration error: AUDIT_VERIFY_KEY is required in production for the worker',
    ]);
  });
});

describe('npm start (the launcher)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'huijia-launcher-'));
  });
  // A failed assertion must not leave a launcher and its children running after the stores are gone.
  afterEach(() => killAllWithEnv('DATA_DIR', dataDir));
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function startLauncher(vars: Record<string, string> = {}): Promise<{ launcher: Running; port: number }> {
    const port = await freePort();
    const launcher = Running.start(builtEntry('launcher'), childEnv({ DATA_DIR: dataDir, PORT: String(port), ...vars }));
    await launcher.waitFor('press Ctrl-C to stop');
    return { launcher, port };
  }

  /** Who the api (asked to touch the database just now) and the worker's outbox listener are connected as. */
  async function appConnections(owner: pg.Client, port: number): Promise<{ application_name: string; usename: string }[]> {
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    const { rows } = await owner.query(
      `SELECT DISTINCT application_name, usename::text FROM pg_stat_activity WHERE application_name IN ('huijia-api', 'huijia-outbox-listener') ORDER BY 1`,
    );
    return rows;
  }

  async function stopWithCtrlC(launcher: Running): Promise<void> {
    launcher.child.kill('SIGINT');
    expect(await launcher.exited).toEqual({ code: 0, signal: null });
    expect(processesWithEnv('DATA_DIR', dataDir)).toEqual([]);
  }

  it('starts PostgreSQL, Redis, api and worker with nothing configured, keeps the data, and leaves no process behind', async () => {
    const first = await startLauncher();
    expect(first.launcher.output).toContain(`initialising PostgreSQL in ${path.join(dataDir, 'postgres')}`);
    expect(first.launcher.output).toContain(`http://127.0.0.1:${first.port}/docs`);
    const ready = await fetch(`http://127.0.0.1:${first.port}/health/ready`);
    expect(ready.status).toBe(200);
    // The first start in development seeds the demo set and prints its logins once; they work.
    const supervisorLine = first.launcher.output.split('\n').find((line) => line.trim().startsWith('demo.supervisor '));
    expect(supervisorLine).toBeDefined();
    const password = supervisorLine!.trim().split(/\s+/)[1];
    const signIn = await fetch(`http://127.0.0.1:${first.port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo.supervisor', password }),
    });
    expect(signIn.status).toBe(200);

    const url = await runningLocalPostgres(path.join(dataDir, 'postgres'), 'huijia');
    expect(url).toBeDefined();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // R21: the api and the worker connect as huijia_app, not as the superuser that migrated.
    expect(await appConnections(client, first.port)).toEqual([
      { application_name: 'huijia-api', usename: 'huijia_app' },
      { application_name: 'huijia-outbox-listener', usename: 'huijia_app' },
    ]);
    // The demo set grows with issue 13: three levels of civil affairs, the joint-meeting offices of the province and the city
    // with their statisticians, two institutions with staff, and files in several states made through the services.
    const { rows: organisations } = await client.query<{ name: string; kind: string; jurisdiction_code: string }>('SELECT name, kind, jurisdiction_code FROM organisation');
    expect(organisations).toEqual(
      expect.arrayContaining([
        { name: '云南省民政厅（演示）', kind: 'civil_affairs_bureau', jurisdiction_code: '530000' },
        { name: '昆明市民政局（演示）', kind: 'civil_affairs_bureau', jurisdiction_code: '530100' },
        { name: '官渡区民政局（演示）', kind: 'civil_affairs_bureau', jurisdiction_code: '530111' },
        { name: '云南省反拐联席会议办公室（演示）', kind: 'joint_meeting_office', jurisdiction_code: '530000' },
        { name: '昆明市反拐联席会议办公室（演示）', kind: 'joint_meeting_office', jurisdiction_code: '530100' },
      ]),
    );
    const { rows: users } = await client.query<{ username: string; role: string; organisation: string }>(
      `SELECT u.username, u.role, o.name AS organisation FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE u.username LIKE 'demo.%'`,
    );
    expect(users).toEqual(
      expect.arrayContaining([
        { username: 'demo.caseworker.guandu', role: 'caseworker', organisation: '官渡区民政局（演示）' },
        { username: 'demo.supervisor.guandu', role: 'supervisor', organisation: '官渡区民政局（演示）' },
        { username: 'demo.supervisor.province', role: 'supervisor', organisation: '云南省民政厅（演示）' },
        { username: 'demo.statistician', role: 'statistician', organisation: '昆明市反拐联席会议办公室（演示）' },
        { username: 'demo.statistician.province', role: 'statistician', organisation: '云南省反拐联席会议办公室（演示）' },
        { username: 'demo.institution', role: 'institution_staff', organisation: '昆明市救助管理站（演示）' },
        { username: 'demo.institution.minors', role: 'institution_staff', organisation: '昆明市未成年人救助保护中心（演示）' },
      ]),
    );
    // The printed logins are every demo user, each once.
    const printed = first.launcher.output.split('\n').filter((line) => /^\s+demo\.\S+\s+\S+\s+\w+ @ /.test(line));
    expect(printed.map((line) => line.trim().split(/\s+/)[0]).sort()).toEqual(users.map((user) => user.username).sort());
    const { rows: files } = await client.query<{ reference: string; state: string; bureau: string; institution: string | null }>(
      `SELECT f.reference, f.state, o.name AS bureau, i.name AS institution FROM victim_file f JOIN organisation o ON o.id = f.responsible_organisation_id
         LEFT JOIN organisation i ON i.id = f.current_institution_id ORDER BY f.created_at`,
    );
    expect(files.map(({ state, bureau, institution }) => ({ state, bureau, institution }))).toEqual([
      { state: 'received', bureau: '昆明市民政局（演示）', institution: null },
      { state: 'received', bureau: '昆明市民政局（演示）', institution: null },
      { state: 'in_care', bureau: '昆明市民政局（演示）', institution: '昆明市救助管理站（演示）' },
      { state: 'in_care', bureau: '昆明市民政局（演示）', institution: '昆明市救助管理站（演示）' },
      { state: 'reunified', bureau: '昆明市民政局（演示）', institution: null },
      { state: 'received', bureau: '官渡区民政局（演示）', institution: null },
    ]);
    for (const file of files) expect(first.launcher.output).toContain(`  ${file.reference}  `);
    const [, interviewed, staying, referred, reunified] = files.map((file) => file.reference);
    const facts = async (sql: string, reference: string) => (await client.query(sql, [reference])).rows;
    expect(await facts('SELECT 1 FROM interview i JOIN victim_file f ON f.id = i.file_id WHERE f.reference = $1', interviewed)).toHaveLength(1);
    // The person staying in the assistance station: arrived, two care notes, a leave she came back from.
    expect(
      await facts(
        `SELECT s.room, (SELECT count(*)::int FROM stay_care_note n WHERE n.stay_id = s.id) AS notes,
                (SELECT count(*)::int FROM stay_leave l WHERE l.stay_id = s.id AND l.returned_at IS NOT NULL) AS returns
           FROM institution_stay s JOIN victim_file f ON f.id = s.file_id WHERE f.reference = $1 AND s.departed_at IS NULL AND s.arrived_at IS NOT NULL`,
        staying,
      ),
    ).toEqual([{ room: '302室', notes: 2, returns: 1 }]);
    expect(
      await facts(
        `SELECT r.kind, r.status, o.name FROM referral r JOIN organisation o ON o.id = r.organisation_id JOIN victim_file f ON f.id = r.file_id WHERE f.reference = $1`,
        referred,
      ),
    ).toEqual([{ kind: 'schooling', status: 'sent', name: '五华区实验小学（演示）' }]);
    expect(await facts(`SELECT p.status FROM followup_plan p JOIN victim_file f ON f.id = p.file_id WHERE f.reference = $1`, reunified)).toEqual([{ status: 'active' }]);
    await client.query(`CREATE TABLE launcher_marker (note text); INSERT INTO launcher_marker VALUES ('kept')`);
    // R21: the worker signs an audit checkpoint as it starts, into the table and into DATA_DIR/audit-checkpoints.jsonl.
    const signed = await eventually(async () => {
      const { rows } = await client.query<{ signature: string }>('SELECT signature FROM audit_checkpoint ORDER BY id');
      return rows.length > 0 ? rows : false;
    });
    const copies = await eventually(async () => (await readFile(path.join(dataDir, 'audit-checkpoints.jsonl'), 'utf8')).trim().split('\n'));
    expect(copies.map((line) => (JSON.parse(line) as { signature: string }).signature)).toEqual(expect.arrayContaining([signed[0].signature]));
    // As a cluster of an earlier version: huijia_app unable to log in, and no password kept for it.
    await client.query('ALTER ROLE huijia_app NOLOGIN PASSWORD NULL');
    await client.end();
    await stopWithCtrlC(first.launcher);
    await rm(path.join(dataDir, 'postgres.app-password'));

    const second = await startLauncher();
    expect(second.launcher.output).toContain('starting PostgreSQL from');
    expect(second.launcher.output).toContain('database schema is up to date');
    expect(second.launcher.output).not.toContain('demo logins');
    const again = new pg.Client({ connectionString: await runningLocalPostgres(path.join(dataDir, 'postgres'), 'huijia') });
    await again.connect();
    expect((await again.query('SELECT note FROM launcher_marker')).rows).toEqual([{ note: 'kept' }]);
    expect(await appConnections(again, second.port)).toEqual([
      { application_name: 'huijia-api', usename: 'huijia_app' },
      { application_name: 'huijia-outbox-listener', usename: 'huijia_app' },
    ]);
    await again.end();
    await stopWithCtrlC(second.launcher);
  });

  it('without redis-server on the PATH, says how to install it, and leaves nothing running', async () => {
    const own = await mkdtemp(path.join(os.tmpdir(), 'huijia-launcher-noredis-'));
    try {
      // node itself is started by its absolute path; the PATH holds no redis-server.
      const result = await runToEnd(builtEntry('launcher'), [], { ...childEnv({ DATA_DIR: own, PORT: String(await freePort()) }), PATH: '/nonexistent' }, 60_000);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('redis-server was not found on the PATH');
      expect(result.stderr).toContain('apt-get install redis-server');
      expect(result.stderr).toContain('REDIS_URL');
      expect(processesWithEnv('DATA_DIR', own)).toEqual([]);
    } finally {
      killAllWithEnv('DATA_DIR', own);
      await rm(own, { recursive: true, force: true });
    }
  });

  it('uses DATABASE_URL and REDIS_URL when they are set, and starts nothing embedded', async () => {
    const database = await createTestDatabase();
    const own = await mkdtemp(path.join(os.tmpdir(), 'huijia-launcher-external-'));
    try {
      const port = await freePort();
      const launcher = Running.start(
        builtEntry('launcher'),
        childEnv({
          DATA_DIR: own,
          PORT: String(port),
          DATABASE_URL: database.url,
          DATABASE_MIGRATION_URL: database.ownerUrl,
          REDIS_URL: harnessValue('redisUrl'),
          QUEUE_PREFIX: 'launcherext',
        }),
      );
      await launcher.waitFor('press Ctrl-C to stop');
      expect(launcher.output).not.toContain('PostgreSQL (embedded)');
      expect(launcher.output).toContain('database schema is up to date');
      expect(await readdir(own)).toEqual([]);
      launcher.child.kill('SIGTERM');
      expect((await launcher.exited).code).toBe(0);
      expect(processesWithEnv('DATA_DIR', own)).toEqual([]);
    } finally {
      killAllWithEnv('DATA_DIR', own);
      await database.drop();
      await rm(own, { recursive: true, force: true });
    }
  });
});

describe('the migration commands', () => {
  it('show, revert and run the migrations of DATABASE_MIGRATION_URL; generate finds nothing to change', async () => {
    const database = await createTestDatabase();
    const cli = (...args: string[]) => runToEnd(builtEntry('cli'), args, childEnv({ DATABASE_URL: database.url, DATABASE_MIGRATION_URL: database.ownerUrl }));
    try {
      const last = MIGRATIONS[MIGRATIONS.length - 1].name;
      expect((await cli('migration:show')).stdout).toContain(`[x] ${last}`);
      expect((await cli('migration:revert')).stdout).toContain(`reverted: ${last}`);
      expect((await cli('migration:show')).stdout).toContain(`[ ] ${last}`);
      expect((await cli('migration:run')).stdout).toContain(`applied: ${last}`);
      expect((await cli('migration:show')).stdout).toContain(`[x] ${last}`);
      expect((await cli('migration:generate', 'Nothing')).stdout).toContain('no changes: the entities match the schema');
      const unknown = await cli('migration:dance');
      expect(unknown.code).toBe(64);
      expect(unknown.stderr).toContain('migration:generate <PascalCaseName>');
    } finally {
      await database.drop();
    }
  });
});

describe('the administrative commands', () => {
  it('user:create-admin creates the first administrator, who can sign in; seed:demo refuses production', async () => {
    const database = await createTestDatabase();
    try {
      const created = await runToEnd(builtEntry('cli'), ['user:create-admin', '--username', 'yn.admin', '--jurisdiction', '530000'], childEnv({ DATABASE_URL: database.url }));
      expect(created.stderr).toBe('');
      expect(created.stdout).toContain('created administrator yn.admin in 云南省民政厅');
      const password = /password \(shown once\): (\S+)/.exec(created.stdout)?.[1];
      expect(password).toBeDefined();
      const [admin] = await database.query(
        `SELECT u.role, o.kind, o.jurisdiction_code FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE u.username = 'yn.admin'`,
      );
      expect(admin).toEqual({ role: 'administrator', kind: 'civil_affairs_bureau', jurisdiction_code: '530000' });
      const again = await runToEnd(builtEntry('cli'), ['user:create-admin', '--username', 'yn.admin', '--jurisdiction', '530000'], childEnv({ DATABASE_URL: database.url }));
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('the username yn.admin is taken');

      const production = await runToEnd(
        builtEntry('cli'),
        ['seed:demo'],
        childEnv({
          DATABASE_URL: database.url,
          NODE_ENV: 'production',
          REDIS_URL: 'redis://127.0.0.1:1',
          JWT_SECRET: 'x'.repeat(40),
          DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
          BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
        }),
      );
      expect(production.code).toBe(1);
      expect(production.stderr).toContain('demo data is never seeded in production');
      const verify = await runToEnd(builtEntry('cli'), ['audit:verify'], childEnv({ DATABASE_URL: database.url }));
      expect(verify.stdout).toMatch(/^intact: 1 records in 1 chains/m);

      // The State Council's schedule of a new year, from a file.
      const file = path.join(os.tmpdir(), `huijia-calendar-${process.pid}.json`);
      await writeFile(file, JSON.stringify({ year: 2031, holidays: [{ date: '2031-10-01', name: '国庆节' }], workdays: [{ date: '2031-09-28', name: '国庆节调休' }] }));
      const loaded = await runToEnd(builtEntry('cli'), ['calendar:load', '--file', file], childEnv({ DATABASE_URL: database.url }));
      expect(loaded.stdout).toContain('loaded 2031: 1 holidays, 1 working weekend days');
      expect(await database.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, is_workday FROM calendar_exception WHERE day >= '2031-01-01' ORDER BY day`)).toEqual([
        { day: '2031-09-28', is_workday: true },
        { day: '2031-10-01', is_workday: false },
      ]);
      await rm(file, { force: true });
    } finally {
      await database.drop();
    }
  });
});

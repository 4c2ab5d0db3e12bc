/**
 * Reminders no fault can lose (R17): against a real redis-server with AOF that
 * these tests start, and real worker processes (the built apps/worker) that
 * they kill. Every due reminder reaches the inbox exactly once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { EmbeddedPostgres, freePort, RedisServer, runMigrations } from '#app/platform';
import { TestClock } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { builtEntry, childEnv, Running } from '../support/processes.js';
import { createTestDatabase, type TestDatabase } from '../support/test-context.js';

const TEST_TIMEOUT = 120_000;

/** The time of the test and of every worker it starts (each starts where this clock stands). */
const clock = new TestClock();

interface Fixture {
  organisationId: string;
  userId: string;
}

async function fixture(query: (sql: string, params?: unknown[]) => Promise<{ id: string }[]>): Promise<Fixture> {
  const [organisation] = await query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ($1, 'civil_affairs_bureau', '530102') RETURNING id`, [
    `faults ${randomBytes(3).toString('hex')}`,
  ]);
  const [user] = await query(`INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ($1, 'Faults', $2, 'caseworker', 'x') RETURNING id`, [
    `faults-${randomBytes(4).toString('hex')}`,
    organisation.id,
  ]);
  return { organisationId: organisation.id, userId: user.id };
}

async function schedule(query: (sql: string, params?: unknown[]) => Promise<{ id: string }[]>, who: Fixture, count: number, inMs: number): Promise<string[]> {
  const rows = await query(
    `INSERT INTO reminder (kind, title, due_at, assignee_user_id, assignee_organisation_id)
     SELECT 'other', 'fault test ' || g, $5::timestamptz + make_interval(secs => $1::float / 1000), $2, $3 FROM generate_series(1, $4) g RETURNING id`,
    [inMs, who.userId, who.organisationId, count, clock.now()],
  );
  await query(`SELECT pg_notify('reminder', '') AS id`);
  return rows.map((row) => row.id);
}

/** Every reminder delivered, with exactly one inbox row each. */
async function deliveredExactlyOnce(query: (sql: string, params?: unknown[]) => Promise<Record<string, any>[]>, ids: string[], timeoutMs = 60_000): Promise<void> {
  await eventually(async () => {
    const [row] = await query(`SELECT count(*)::int AS n FROM reminder WHERE id = ANY($1::uuid[]) AND status = 'delivered'`, [ids]);
    return row.n === ids.length;
  }, timeoutMs);
  const counts = await query(`SELECT reminder_id, count(*)::int AS n FROM notification WHERE reminder_id = ANY($1::uuid[]) GROUP BY reminder_id`, [ids]);
  expect(counts).toHaveLength(ids.length);
  expect(counts.every((row) => row.n === 1)).toBe(true);
}

function workerEnv(databaseUrl: string, redisUrl: string, prefix: string): Record<string, string> {
  return childEnv(
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      REMINDER_RELAY_INTERVAL_MS: '200',
      RECONCILE_INTERVAL_MS: '500',
      ESCALATION_SCAN_INTERVAL_MS: '60000',
      WORKER_LOCK_DURATION_MS: '2000',
      // info: the test waits for "worker ready".
      LOG_LEVEL: 'info',
    },
    clock.now(),
  );
}

async function startWorker(env: Record<string, string>): Promise<Running> {
  const worker = Running.start(builtEntry('worker'), env);
  await worker.waitFor('worker ready', 30_000);
  return worker;
}

async function stop(worker: Running | undefined): Promise<void> {
  if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  await worker.exited;
}

describe('reminders through Redis faults', () => {
  let dir: string;
  let redis: RedisServer;
  let database: TestDatabase;
  let who: Fixture;
  let workers: Running[] = [];
  const prefix = `f${randomBytes(4).toString('hex')}`;
  const query = (sql: string, params: unknown[] = []) => database.query<{ id: string }>(sql, params);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'huijia-reminder-faults-'));
    redis = await RedisServer.start({ dataDir: dir, persistent: true });
    database = await createTestDatabase();
    who = await fixture(query);
  });
  afterEach(async () => {
    await Promise.all(workers.map(stop));
    workers = [];
  });
  afterAll(async () => {
    await database?.drop();
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const env = () => workerEnv(database.url, redis.url, prefix);
  const allEnqueued = (ids: string[]) =>
    eventually(async () => (await database.query(`SELECT count(*)::int AS n FROM reminder WHERE id = ANY($1::uuid[]) AND enqueued_at IS NOT NULL`, [ids]))[0].n === ids.length);

  it(
    'FLUSHALL in the middle of a run loses nothing',
    async () => {
      workers.push(await startWorker(env()));
      const ids = await schedule(query, who, 40, 2500);
      await allEnqueued(ids);
      const client = new Redis(redis.url);
      await client.flushall();
      client.disconnect();
      await deliveredExactlyOnce(database.query, ids);
    },
    TEST_TIMEOUT,
  );

  it(
    'a Redis restart loses nothing',
    async () => {
      workers.push(await startWorker(env()));
      const ids = await schedule(query, who, 40, 3000);
      await allEnqueued(ids);
      const port = redis.port;
      await redis.kill();
      redis = await RedisServer.start({ dataDir: dir, persistent: true, port });
      await deliveredExactlyOnce(database.query, ids);
    },
    TEST_TIMEOUT,
  );

  it(
    'a worker killed with SIGKILL mid-job, then two workers racing: each reminder once',
    async () => {
      const first = await startWorker(env());
      workers.push(first);
      // Two batches: 55 reminders due in 2 s, 5 more half a second later.
      const early = await schedule(query, who, 55, 2000);
      const late = await schedule(query, who, 5, 2600);
      const ids = [...early, ...late];
      await allEnqueued(ids);
      // Hold the late five, so the job delivering them hangs mid-transaction.
      const holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM reminder WHERE id = ANY($1::uuid[]) FOR UPDATE', [late]);
      const queue = new Queue('reminders', { connection: { url: redis.url }, prefix });
      queue.on('error', () => undefined);
      try {
        await eventually(async () => (await database.query(`SELECT count(*)::int AS n FROM notification WHERE reminder_id = ANY($1::uuid[])`, [early]))[0].n === 55, 30_000);
        await eventually(async () => (await queue.getActiveCount()) >= 1);
        first.child.kill('SIGKILL');
        await first.exited;
        await holder.query('ROLLBACK');
        workers.push(await startWorker(env()), await startWorker(env()));
        await deliveredExactlyOnce(database.query, ids);
      } finally {
        await holder.end().catch(() => undefined);
        await queue.close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'a malformed job put into Redis by hand fails with the reason, and the worker goes on',
    async () => {
      workers.push(await startWorker(env()));
      const queue = new Queue('reminders', { connection: { url: redis.url }, prefix });
      queue.on('error', () => undefined);
      const job = await queue.add('due', { reminderIds: ['not-a-uuid'] });
      await eventually(async () => (await queue.getJob(job.id!))?.failedReason !== undefined);
      const failed = (await queue.getJob(job.id!))!;
      expect(failed.failedReason).toMatch(/invalid payload for queue reminders: reminderIds/);
      expect(failed.attemptsMade).toBe(1);
      await queue.close();
      await deliveredExactlyOnce(database.query, await schedule(query, who, 5, 0));
    },
    TEST_TIMEOUT,
  );
});

describe('reminders while PostgreSQL is briefly unavailable', () => {
  it(
    'retry with backoff and are delivered once PostgreSQL is back',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'huijia-pg-fault-'));
      const port = await freePort();
      let postgres = await EmbeddedPostgres.start({ dataDir: path.join(dir, 'pg'), persistent: true, durable: false, port });
      const redis = await RedisServer.start({ dataDir: path.join(dir, 'redis'), persistent: false });
      let worker: Running | undefined;
      try {
        await postgres.ensureDatabase('huijia');
        // Migrated and written to by the owner; the worker connects as huijia_app (R21).
        const url = postgres.url('huijia');
        await runMigrations({ url, poolSize: 2 }, 'test');
        const appUrl = await postgres.ensureAppRole('huijia');
        const pool = new pg.Pool({ connectionString: url, max: 2 });
        pool.on('error', () => undefined);
        const query = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
        const who = await fixture(query);
        worker = await startWorker(workerEnv(appUrl, redis.url, 'pgfault'));
        const ids = await schedule(query, who, 20, 2500);
        await eventually(async () => (await query(`SELECT count(*)::int AS n FROM reminder WHERE enqueued_at IS NOT NULL`))[0].n === 20);
        await pool.end();
        await postgres.stop();
        // The jobs come due while the database is down: they fail and back off.
        await new Promise((resolve) => setTimeout(resolve, 4000));
        postgres = await EmbeddedPostgres.start({ dataDir: path.join(dir, 'pg'), persistent: true, durable: false, port });
        const again = new pg.Pool({ connectionString: url, max: 2 });
        try {
          await deliveredExactlyOnce(async (sql, params = []) => (await again.query(sql, params)).rows, ids, 90_000);
        } finally {
          await again.end();
        }
        expect(worker.output).toMatch(/failed on attempt|failed \(/);
      } finally {
        await stop(worker);
        await redis.stop();
        await postgres.stop();
        await rm(dir, { recursive: true, force: true });
      }
    },
    TEST_TIMEOUT,
  );
});

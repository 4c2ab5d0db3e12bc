/**
 * bench/reminders — a million reminders cost Redis nothing; due ones arrive on time.
 *
 * 1. Schedules BENCH_REMINDERS reminders (default 1 000 000) spread over the
 *    next 10 years (progress bar) and lets the worker's relay run: Redis
 *    `used_memory` is printed before and after — flat, as only the next
 *    15 minutes live in Redis.
 * 2. Drives the clock: BENCH_DUE reminders come due over the next seconds;
 *    dispatch lag (delivered_at − due_at) p50 / p99 (target p99 < 1 s).
 * 3. Throughput: BENCH_BURST reminders due at once, delivered to the inbox
 *    (PostgreSQL transaction per reminder), beside a bare BullMQ
 *    producer/worker moving as many jobs in the same run (target ≥ 50 %).
 *   npm run bench:reminders
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ReminderScheduler } from '#app/followup';
import { loadConfig, OutboxRelay } from '#app/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { progress } from '../support/pgbench.js';
import { benchStores, ratioLine } from '../support/stores.js';

const TOTAL = Number(process.env.BENCH_REMINDERS ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 3000);
const BURST = Number(process.env.BENCH_BURST ?? 5000);
const CHUNK = 100_000;

async function usedMemory(url: string): Promise<number> {
  const client = new Redis(url);
  const info = await client.info('memory');
  client.disconnect();
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function waitDelivered(client: pg.Client, ids: string[] | 'burst', timeoutMs = 300_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const [{ n }] = (
      await client.query(
        ids === 'burst'
          ? `SELECT count(*)::int AS n FROM reminder WHERE title = 'burst' AND status <> 'delivered'`
          : `SELECT count(*)::int AS n FROM reminder WHERE id = ANY($1::uuid[]) AND status <> 'delivered'`,
        ids === 'burst' ? [] : [ids],
      )
    ).rows;
    if (n === 0) return;
    if (performance.now() > deadline) throw new Error(`${n} reminders still undelivered`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function bareBullmq(redisUrl: string, count: number): Promise<number> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('bench-bare', { connection, prefix: 'bare' });
  let done = 0;
  let finish!: () => void;
  const all = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker('bench-bare', async () => void (++done === count && finish()), { connection, prefix: 'bare', concurrency: 10 });
  await worker.waitUntilReady();
  const started = performance.now();
  for (let i = 0; i < count; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({ name: 'job', data: { i: i + j }, opts: { jobId: `bare-${i + j}`, removeOnComplete: true } })),
    );
  }
  await all;
  const rate = count / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return rate;
}

async function main(): Promise<void> {
  process.stdout.write(`bench/reminders: ${TOTAL} reminders over 10 years, ${DUE} due over seconds, a burst of ${BURST}; starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  const client = new pg.Client({ connectionString: stores.ownerUrl });
  await client.connect();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_PRETTY: 'false',
    LOG_LEVEL: 'warn',
    DATABASE_URL: stores.databaseUrl,
    REDIS_URL: stores.redisUrl,
    DATABASE_POOL_SIZE: process.env.BENCH_POOL ?? '40',
    WORKER_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '40',
    REMINDER_RELAY_INTERVAL_MS: '200',
    RECONCILE_INTERVAL_MS: '5000',
  });
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { logger: ['error', 'warn'] });
  try {
    const [{ id: organisationId }] = (
      await client.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ('昆明市民政局', 'civil_affairs_bureau', '530100') RETURNING id`)
    ).rows;
    const [{ id: userId }] = (
      await client.query(`INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ('bench', 'Bench', $1, 'caseworker', 'x') RETURNING id`, [
        organisationId,
      ])
    ).rows;
    app.get(OutboxRelay).start();
    app.get(ReminderScheduler).start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = await usedMemory(stores.redisUrl);

    for (let done = 0; done < TOTAL; done += CHUNK) {
      const size = Math.min(CHUNK, TOTAL - done);
      // From an hour ahead to ten years ahead: none in the near-term window yet.
      await client.query(
        `INSERT INTO reminder (kind, title, due_at, assignee_user_id, assignee_organisation_id)
         SELECT 'followup_visit', 'future', now() + interval '1 hour' + (random() * interval '3650 days'), $1, $2 FROM generate_series(1, $3)`,
        [userId, organisationId, size],
      );
      progress('scheduling reminders', done + size, TOTAL);
    }
    await client.query('ANALYZE reminder');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await usedMemory(stores.redisUrl);
    process.stdout.write(`Redis used_memory: ${mb(before)} before, ${mb(after)} with ${TOTAL} reminders scheduled (target < 50 MB, flat)\n`);

    // The clock: reminders coming due over the next seconds, spread evenly.
    const due = (
      await client.query(
        `INSERT INTO reminder (kind, title, due_at, assignee_user_id, assignee_organisation_id)
         SELECT 'other', 'due', now() + interval '2 seconds' + (g * interval '1 millisecond' * 3), $1, $2 FROM generate_series(1, $3) g RETURNING id`,
        [userId, organisationId, DUE],
      )
    ).rows.map((row) => row.id);
    await client.query(`SELECT pg_notify('reminder', '')`);
    await waitDelivered(client, due);
    const lags = (await client.query(`SELECT extract(epoch FROM delivered_at - due_at) * 1000 AS lag FROM reminder WHERE id = ANY($1::uuid[]) ORDER BY 1`, [due])).rows.map((row) =>
      Number(row.lag),
    );
    const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))];
    process.stdout.write(`dispatch lag of ${DUE} due reminders: p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms (target p99 < 1000 ms)\n`);

    // Throughput: a burst due at once, delivered into the inbox.
    await client.query(
      `INSERT INTO reminder (kind, title, due_at, assignee_user_id, assignee_organisation_id) SELECT 'other', 'burst', now() + interval '1 second', $1, $2 FROM generate_series(1, $3)`,
      [userId, organisationId, BURST],
    );
    await client.query(`SELECT pg_notify('reminder', '')`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = performance.now();
    await waitDelivered(client, 'burst');
    const measured = BURST / ((performance.now() - started) / 1000);
    const baseline = await bareBullmq(stores.redisUrl, BURST);
    const end = await usedMemory(stores.redisUrl);
    process.stdout.write(`measured  reminders delivered to the inbox: ${measured.toFixed(0)}/s\n`);
    process.stdout.write(`baseline  bare BullMQ producer/worker:     ${baseline.toFixed(0)} jobs/s\n`);
    process.stdout.write(`${ratioLine('reminder delivery', measured, baseline, '≥ 50 %')}\n`);
    process.stdout.write(`Redis used_memory at the end: ${mb(end)}\n`);
  } finally {
    await app.close();
    await client.end();
    await stores.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench/reminders failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

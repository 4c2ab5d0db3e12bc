/**
 * bench/outbox — what the transactional outbox costs.
 *
 * Baseline: a bare BullMQ producer adding N jobs and a bare Worker processing
 * them. Measured: N domain events, each written in its own PostgreSQL
 * transaction (as domain code does), published by the outbox relay and
 * dispatched by the huijia worker. Both run in this process against the same
 * PostgreSQL and redis-server, so the ratio is what matters, not the times.
 *   npm run bench:outbox            (BENCH_N=5000 by default)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DomainEventSubscriptions, loadConfig, Outbox, OutboxRelay } from '#app/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { benchStores, ratioLine } from '../support/stores.js';

const N = Number(process.env.BENCH_N ?? 5000);
const PRODUCERS = 10;

async function bare(redisUrl: string): Promise<number> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('bench-bare', { connection, prefix: 'bench' });
  let done = 0;
  let resolveAll!: () => void;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const worker = new Worker(
    'bench-bare',
    async () => {
      if (++done === N) resolveAll();
    },
    { connection, prefix: 'bench', concurrency: 10 },
  );
  await worker.waitUntilReady();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async (_, producer) => {
      for (let i = producer; i < N; i += PRODUCERS) await queue.add('bench', { i }, { jobId: `bare-${i}`, removeOnComplete: true });
    }),
  );
  await all;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return N / seconds;
}

async function throughOutbox(databaseUrl: string, redisUrl: string): Promise<number> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_PRETTY: 'false', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'warn', OUTBOX_POLL_INTERVAL_MS: '100' });
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { logger: ['warn', 'error'] });
  await app.init();
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const outbox = app.get(Outbox);
  let done = 0;
  let resolveAll!: () => void;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  app.get(DomainEventSubscriptions).subscribe('platform.probe', 'counter', async () => {
    if (++done === N) resolveAll();
  });
  app.get(OutboxRelay).start();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async (_, producer) => {
      for (let i = producer; i < N; i += PRODUCERS) {
        await dataSource.transaction((manager) => outbox.emit(manager, { type: 'platform.probe', subjectId: String(i), data: { marker: String(i) } }));
      }
    }),
  );
  const written = (performance.now() - started) / 1000;
  await all;
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`          (of which writing the ${N} transactions: ${((written / seconds) * 100).toFixed(0)} % of the time)\n`);
  await app.close();
  return N / seconds;
}

async function main(): Promise<void> {
  process.stdout.write(`bench/outbox: ${N} jobs, ${PRODUCERS} producers, starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  try {
    const baseline = await bare(stores.redisUrl);
    process.stdout.write(`baseline  bare BullMQ add → process:              ${baseline.toFixed(0)} jobs/s\n`);
    const measured = await throughOutbox(stores.databaseUrl, stores.redisUrl);
    process.stdout.write(`measured  PostgreSQL tx + outbox → relay → worker: ${measured.toFixed(0)} events/s\n`);
    process.stdout.write(`${ratioLine('outbox path', measured, baseline)}\n`);
  } finally {
    await stores.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/outbox failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

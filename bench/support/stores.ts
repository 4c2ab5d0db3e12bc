import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { APP_ROLE, EmbeddedPostgres, provisionAppRole, RedisServer, runMigrations, urlAsRole } from '#app/platform';

/** huijia_app's password on a benchmark's cluster: fixed, as in the test harness (benchmarks only). */
const BENCH_APP_PASSWORD = 'huijia-app-bench-only';

export interface BenchStores {
  /** As huijia_app, the least-privilege role the apps connect as (R21): DATABASE_URL of what is measured. */
  databaseUrl: string;
  /** As the owner: migrations and seeding. */
  ownerUrl: string;
  redisUrl: string;
  stop: () => Promise<void>;
}

/** Migrates as the owner and provisions huijia_app; returns both connection strings. */
async function prepare(ownerUrl: string): Promise<{ databaseUrl: string; ownerUrl: string }> {
  await provisionAppRole(ownerUrl, BENCH_APP_PASSWORD);
  await runMigrations({ url: ownerUrl, poolSize: 2 }, 'bench');
  return { databaseUrl: urlAsRole(ownerUrl, APP_ROLE, BENCH_APP_PASSWORD), ownerUrl };
}

/** A throw-away PostgreSQL (migrated) and redis-server for one benchmark run. */
export async function benchStores(): Promise<BenchStores> {
  // An existing (empty) database, named with its owner's credentials, and Redis instead, e.g. to look at query plans afterwards.
  if (process.env.BENCH_DATABASE_URL && process.env.BENCH_REDIS_URL) {
    return { ...(await prepare(process.env.BENCH_DATABASE_URL)), redisUrl: process.env.BENCH_REDIS_URL, stop: async () => undefined };
  }
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'huijia-bench-'));
  const [postgres, redis] = await Promise.all([
    EmbeddedPostgres.start({ dataDir: path.join(scratch, 'postgres'), persistent: false, durable: process.env.BENCH_DURABLE !== '0' }),
    RedisServer.start({ dataDir: path.join(scratch, 'redis'), persistent: false }),
  ]);
  await postgres.ensureDatabase('bench');
  return {
    ...(await prepare(postgres.url('bench'))),
    redisUrl: redis.url,
    stop: async () => {
      await Promise.all([postgres.stop(), redis.stop()]);
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

export function ratioLine(name: string, value: number, baseline: number, target?: string): string {
  const ratio = value / baseline;
  return `${name}: ${(ratio * 100).toFixed(1)} % of the baseline${target ? ` (target ${target})` : ''}`;
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgres, RedisServer, runMigrations } from '#app/platform';

/** A throw-away PostgreSQL (migrated) and redis-server for one benchmark run. */
export async function benchStores(): Promise<{ databaseUrl: string; redisUrl: string; stop: () => Promise<void> }> {
  // An existing (empty) database and Redis instead, e.g. to look at query plans afterwards.
  if (process.env.BENCH_DATABASE_URL && process.env.BENCH_REDIS_URL) {
    await runMigrations({ url: process.env.BENCH_DATABASE_URL, poolSize: 2 }, 'bench');
    return { databaseUrl: process.env.BENCH_DATABASE_URL, redisUrl: process.env.BENCH_REDIS_URL, stop: async () => undefined };
  }
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'huijia-bench-'));
  const [postgres, redis] = await Promise.all([
    EmbeddedPostgres.start({ dataDir: path.join(scratch, 'postgres'), persistent: false, durable: process.env.BENCH_DURABLE !== '0' }),
    RedisServer.start({ dataDir: path.join(scratch, 'redis'), persistent: false }),
  ]);
  await postgres.ensureDatabase('bench');
  const databaseUrl = postgres.url('bench');
  await runMigrations({ url: databaseUrl, poolSize: 2 }, 'bench');
  return {
    databaseUrl,
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

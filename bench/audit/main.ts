/**
 * bench/audit — what recording every read costs (R22).
 *
 * The same api, twice in this process: once with the audit record on (every
 * GET /files/:id appends a hash-chained record in PostgreSQL), once with a
 * sink that records nothing. 16 keep-alive clients, each a caseworker of the
 * prefecture, read random files of one county; the phases alternate (off, on, off, on)
 * so drift on this shared machine hits both. Target: the cost ≤ 15 %.
 *   npm run bench:audit            (BENCH_SECONDS=5 per phase, BENCH_FILES=2000)
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { AUDIT_SINK, configureHttpApp, loadConfig, type AuditSink } from '#app/platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { load, type LoadResult } from '../support/load.js';
import { benchStores, ratioLine } from '../support/stores.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const FILES = Number(process.env.BENCH_FILES ?? 2000);
const CLIENTS = 16;

async function seed(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ id: bureau }] = (await client.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ('昆明市民政局', 'civil_affairs_bureau', '530100') RETURNING id`))
      .rows;
    const passwordHash = await hash('Bench-Pass-2026', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
    for (let user = 0; user < CLIENTS; user++) {
      await client.query(`INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ($1, 'Bench', $2, 'caseworker', $3)`, [
        `bench.caseworker${user}`,
        bureau,
        passwordHash,
      ]);
    }
    const rows = await client.query(
      `INSERT INTO victim_file (reference, state, responsible_jurisdiction_code, responsible_organisation_id)
       SELECT 'B-' || g, 'in_care', '530102', $1 FROM generate_series(1, $2) g RETURNING id`,
      [bureau, FILES],
    );
    return rows.rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

async function startApi(env: Record<string, string>, auditOn: boolean): Promise<{ app: NestExpressApplication; port: number }> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', LOG_PRETTY: 'false', NODE_ENV: 'test', DATABASE_POOL_SIZE: '20' });
  let builder = Test.createTestingModule({ imports: [ApiModule.register(config)] });
  if (!auditOn) builder = builder.overrideProvider(AUDIT_SINK).useValue({ record: async () => undefined } satisfies AuditSink);
  const app = (await builder.compile()).createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureHttpApp(app, config);
  await app.listen(0, '127.0.0.1');
  return { app, port: (app.getHttpServer().address() as AddressInfo).port };
}

async function main(): Promise<void> {
  process.stdout.write(`bench/audit: ${FILES} files, ${CLIENTS} clients, ${SECONDS} s per phase; starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  const env = { DATABASE_URL: stores.databaseUrl, REDIS_URL: stores.redisUrl };
  const apis: Record<'on' | 'off', Awaited<ReturnType<typeof startApi>>> = { off: await startApi(env, false), on: await startApi(env, true) };
  try {
    const ids = await seed(stores.ownerUrl);
    const tokens: string[] = [];
    for (let user = 0; user < CLIENTS; user++) {
      const signIn = await fetch(`http://127.0.0.1:${apis.on.port}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `bench.caseworker${user}`, password: 'Bench-Pass-2026' }),
      });
      tokens.push(((await signIn.json()) as { accessToken: string }).accessToken);
    }
    const headers = (client: number) => ({ authorization: `Bearer ${tokens[client]}` });
    const path = () => `/files/${ids[Math.floor(Math.random() * ids.length)]}`;
    const results: Record<'on' | 'off', LoadResult[]> = { on: [], off: [] };
    // Warm both up, then alternate.
    for (const phase of ['off', 'on'] as const) await load({ port: apis[phase].port, clients: CLIENTS, seconds: 1, path, headers });
    for (const phase of ['off', 'on', 'off', 'on'] as const) {
      const result = await load({ port: apis[phase].port, clients: CLIENTS, seconds: SECONDS, path, headers });
      if (result.errors > 0) throw new Error(`${result.errors} failed requests with auditing ${phase}`);
      results[phase].push(result);
      process.stdout.write(`  audit ${phase.padEnd(3)} ${result.perSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms\n`);
    }
    const rate = (phase: 'on' | 'off') => results[phase].reduce((sum, r) => sum + r.requests, 0) / results[phase].reduce((sum, r) => sum + r.seconds, 0);
    const on = rate('on');
    const off = rate('off');
    process.stdout.write(`baseline  scoped read, audit off: ${off.toFixed(0)} req/s\n`);
    process.stdout.write(`measured  scoped read, audit on:  ${on.toFixed(0)} req/s\n`);
    process.stdout.write(`${ratioLine('throughput with the audit record', on, off)}; cost ${((1 - on / off) * 100).toFixed(1)} % (target ≤ 15 %)\n`);
  } finally {
    await apis.on.app.close();
    await apis.off.app.close();
    await stores.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/audit failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

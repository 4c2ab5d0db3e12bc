/**
 * Starts what the tests run against — a throw-away PostgreSQL and redis-server
 * on free ports, unless TEST_DATABASE_URL / TEST_REDIS_URL name existing ones —
 * and migrates a template database that every test file clones (fast: no
 * migration per file). Plain JavaScript on the built code (`npm test` builds
 * first): jest loads global setup outside its module system.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres, RedisServer, runMigrations } from '../../dist/libs/platform/src/index.js';
import { HARNESS_ENV } from './harness-env.js';

export default async function globalSetup() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'huijia-test-'));
  let postgres;
  let redis;
  const [adminUrl, redisUrl] = await Promise.all([
    (async () => {
      if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
      postgres = await EmbeddedPostgres.start({ dataDir: path.join(scratch, 'postgres'), persistent: false, durable: false });
      return postgres.url('postgres');
    })(),
    (async () => {
      if (process.env.TEST_REDIS_URL) return process.env.TEST_REDIS_URL;
      redis = await RedisServer.start({ dataDir: path.join(scratch, 'redis'), persistent: false });
      return redis.url;
    })(),
  ]);

  const template = `huijia_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await runMigrations({ url: templateUrl.toString(), poolSize: 2 }, 'test-template');

  process.env[HARNESS_ENV.adminUrl] = adminUrl;
  process.env[HARNESS_ENV.template] = template;
  process.env[HARNESS_ENV.redisUrl] = redisUrl;
  process.env[HARNESS_ENV.scratch] = scratch;
  globalThis.__huijiaStores = { postgres, redis, adminUrl, template, scratch };
}

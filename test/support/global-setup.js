/**
 * Starts what the tests run against — a throw-away PostgreSQL and redis-server
 * on free ports, unless TEST_DATABASE_URL / TEST_REDIS_URL name existing ones —
 * and migrates a template database that every test file clones (fast: no
 * migration per file). The template is migrated as the cluster's admin (the
 * owner); the apps under test connect as the least-privilege huijia_app (R21),
 * provisioned here once per cluster with a fixed test-only password: the role
 * is cluster-wide, and two runs sharing a TEST_DATABASE_URL cluster must not
 * change its password under each other. Plain JavaScript on the built code (`npm test` builds
 * first): jest loads global setup outside its module system.
 *
 * A setup that fails half-way stops whatever it had started before failing:
 * no PostgreSQL or redis-server is left running behind a red run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { APP_ROLE, EmbeddedPostgres, provisionAppRole, RedisServer, runMigrations, urlAsRole } from '../../dist/libs/platform/src/index.js';
import { HARNESS_ENV, TEST_APP_PASSWORD } from './harness-env.js';

export default async function globalSetup() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'huijia-test-'));
  const started = { postgres: undefined, redis: undefined };
  try {
    const [postgres, redis] = await Promise.allSettled([
      process.env.TEST_DATABASE_URL ? undefined : EmbeddedPostgres.start({ dataDir: path.join(scratch, 'postgres'), persistent: false, durable: false }),
      process.env.TEST_REDIS_URL ? undefined : RedisServer.start({ dataDir: path.join(scratch, 'redis'), persistent: false }),
    ]);
    started.postgres = postgres.status === 'fulfilled' ? postgres.value : undefined;
    started.redis = redis.status === 'fulfilled' ? redis.value : undefined;
    for (const result of [postgres, redis]) if (result.status === 'rejected') throw result.reason ?? new Error('a test store did not start');
    const adminUrl = process.env.TEST_DATABASE_URL ?? started.postgres.url('postgres');
    const redisUrl = process.env.TEST_REDIS_URL ?? started.redis.url;

    await provisionAppRole(adminUrl, TEST_APP_PASSWORD);

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
    process.env[HARNESS_ENV.appUrl] = urlAsRole(adminUrl, APP_ROLE, TEST_APP_PASSWORD);
    process.env[HARNESS_ENV.template] = template;
    process.env[HARNESS_ENV.redisUrl] = redisUrl;
    process.env[HARNESS_ENV.scratch] = scratch;
    globalThis.__huijiaStores = { ...started, adminUrl, template, scratch };
  } catch (error) {
    await Promise.allSettled([started.postgres?.stop(), started.redis?.stop()]);
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import type { INestApplication, INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import pg from 'pg';
import { Clock, configureHttpApp, loadConfig, type AppConfig } from '#app/platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { TestClock } from './clock.js';
import { ContractOracle, builtDocument } from './contract.js';
import { QueryCounter } from './query-counter.js';
import { harnessValue } from './harness-env.js';

function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: harnessValue('adminUrl') });
  return client
    .connect()
    .then(() => client.query(sql))
    .then(() => undefined)
    .finally(() => client.end());
}

/** A database of its own for one test file, cloned from the migrated template. */
export interface TestDatabase {
  /** As huijia_app, the least-privilege role the apps connect as (R21): DATABASE_URL of everything under test. */
  url: string;
  /** As the owner (the cluster's admin): for migrations and for fixtures written behind the apps' back. */
  ownerUrl: string;
  name: string;
  /** Straight SQL against the test's database as the owner, for fixtures and assertions behind the API's back. */
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `huijia_t_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(5).toString('hex')}`;
  const template = harnessValue('template');
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (error) {
      // Two workers cloning the template in the same instant: PostgreSQL asks the second to wait.
      if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  const ownerUrl = new URL(harnessValue('adminUrl'));
  ownerUrl.pathname = `/${name}`;
  const url = new URL(harnessValue('appUrl'));
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: ownerUrl.toString(), max: 2 });
  // An idle fixture connection that PostgreSQL closes (a database dropped WITH (FORCE) as a test file ends) must not
  // surface as an unhandled error in whichever test runs next in this jest worker; a query still gets its own error.
  pool.on('error', () => undefined);
  return {
    url: url.toString(),
    ownerUrl: ownerUrl.toString(),
    name,
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    drop: async () => {
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The configuration a test runs with: its own database and its own queue prefix in the shared Redis. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: harnessValue('redisUrl'),
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_PRETTY: 'false',
    OUTBOX_POLL_INTERVAL_MS: '50',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    ...overrides,
  });
}

/** A provider the test replaces (e.g. the Clock, to stand on a given day). */
export interface ProviderOverride {
  provide: Function | symbol | string;
  useValue: unknown;
}

export async function createApiApp(config: AppConfig, metadata: ModuleMetadata = {}, overrides: ProviderOverride[] = []): Promise<NestExpressApplication> {
  let builder = Test.createTestingModule({
    imports: [ApiModule.register(config), ...(metadata.imports ?? [])],
    controllers: metadata.controllers ?? [],
    providers: metadata.providers ?? [],
  });
  for (const override of overrides) builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  // Every JSON response is checked against the operation's documented schema and error codes (see ContractOracle).
  const oracle = new ContractOracle(builtDocument());
  app.use(oracle.middleware());
  oracles.set(app, oracle);
  configureHttpApp(app, config);
  await app.init();
  counters.set(app, new QueryCounter(app));
  return app;
}

const counters = new WeakMap<INestApplication, QueryCounter>();

/** The SQL statements the stack's api ran per request (see QueryCounter): `queries(stack.api).of(requestId)`. */
export function queries(app: INestApplication | undefined): QueryCounter {
  const counter = app ? counters.get(app) : undefined;
  if (!counter) throw new Error('no api in this stack');
  return counter;
}

const oracles = new WeakMap<INestApplication, ContractOracle>();

/** What the api of this stack answered that its OpenAPI document does not say. */
export function contractViolations(app: INestApplication | undefined): ContractOracle | undefined {
  return app ? oracles.get(app) : undefined;
}

export async function createWorkerApp(config: AppConfig, metadata: ModuleMetadata = {}, overrides: ProviderOverride[] = []): Promise<INestApplicationContext> {
  let builder = Test.createTestingModule({ imports: [WorkerModule.register(config), ...(metadata.imports ?? [])], providers: metadata.providers ?? [] });
  for (const override of overrides) builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  // A TestingModule is an application context: the worker has no HTTP side.
  moduleRef.useLogger(moduleRef.get(Logger));
  await moduleRef.init();
  return moduleRef;
}

/** Everything one e2e test file needs, and one call to tear it down. */
export interface TestStack {
  config: AppConfig;
  database: TestDatabase;
  /** The one clock of the api and the worker; tests move it (see TestClock). */
  clock: TestClock;
  api?: INestApplication;
  worker?: INestApplicationContext;
  close(): Promise<void>;
}

export async function startStack(
  options: {
    api?: boolean;
    worker?: boolean;
    overrides?: Record<string, string>;
    workerMetadata?: ModuleMetadata;
    apiMetadata?: ModuleMetadata;
    providers?: ProviderOverride[];
    /** Where the clock starts: TEST_TODAY by default. */
    clock?: TestClock;
  } = {},
): Promise<TestStack> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, options.overrides);
  const clock = options.clock ?? new TestClock();
  const providers = [{ provide: Clock, useValue: clock }, ...(options.providers ?? [])];
  const api = options.api === false ? undefined : await createApiApp(config, options.apiMetadata, providers);
  const worker = options.worker ? await createWorkerApp(config, options.workerMetadata, providers) : undefined;
  return {
    config,
    database,
    clock,
    api,
    worker,
    async close() {
      await worker?.close();
      await api?.close();
      await database.drop();
      const oracle = contractViolations(api);
      if (oracle && oracle.violations.length > 0) throw new Error(`responses that do not match the OpenAPI document:\n${oracle.report()}`);
    },
  };
}

/**
 * `npm start`: the whole of huijia on one machine with nothing configured.
 *
 * Without DATABASE_URL it starts an embedded PostgreSQL (data in
 * DATA_DIR/postgres, initialised once) and provisions its two roles: the
 * superuser `postgres`, which owns the schema and migrates, and the
 * least-privilege huijia_app (R21), whose generated password is kept in
 * DATA_DIR/postgres.app-password. Without REDIS_URL it starts redis-server
 * from the PATH (data in DATA_DIR/redis, AOF on, noeviction). Then it applies
 * pending migrations as the owner, starts the api and the worker as
 * huijia_app, prints the URLs, and on Ctrl-C / SIGTERM stops them all,
 * databases last.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkPostgres,
  checkRedis,
  ConfigError,
  EmbeddedPostgres,
  findOnPath,
  loadConfig,
  loadSettings,
  RedisServer,
  RedisServerMissing,
  runMigrations,
  stopChild,
  type AppConfig,
} from '#app/platform';

const distRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Whoever reads our output may go away first (a closed terminal, a test runner): keep stopping cleanly.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
const say = (line: string) => process.stdout.write(`[huijia] ${line}\n`);
const fail = (line: string) => process.stderr.write(`[huijia] ${line}\n`);

let postgres: EmbeddedPostgres | undefined;
let redis: RedisServer | undefined;
const children = new Map<string, ChildProcess>();
let stopping: Promise<void> | undefined;

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env: Record<string, string | undefined> = { ...process.env };
  let settings: { DATA_DIR: string; PORT: number; HOST: string };
  try {
    settings = loadSettings(['NODE_ENV', 'HOST', 'PORT', 'DATA_DIR', 'LOG_LEVEL', 'LOG_PRETTY', 'CORS_ORIGINS', 'BODY_LIMIT', 'QUEUE_PREFIX'], env);
  } catch (error) {
    return exitOnConfigError(error);
  }
  await refuseBusyPort(settings.HOST, settings.PORT);
  // Check before starting anything, so a missing redis-server leaves nothing to clean up.
  if (!env.REDIS_URL && !(await findOnPath('redis-server'))) {
    fail(new RedisServerMissing().message);
    process.exit(1);
  }

  if (!env.DATABASE_URL) {
    const dataDir = path.join(settings.DATA_DIR, 'postgres');
    const firstStart = !existsSync(path.join(dataDir, 'PG_VERSION'));
    say(firstStart ? `initialising PostgreSQL in ${dataDir} …` : `starting PostgreSQL from ${dataDir} …`);
    postgres = await EmbeddedPostgres.start({ dataDir, persistent: true });
    await postgres.ensureDatabase('huijia');
    env.DATABASE_MIGRATION_URL = postgres.url('huijia');
    env.DATABASE_URL = await postgres.ensureAppRole('huijia');
    // The local database's signed audit checkpoints are also kept outside it, beside it (AUDIT_CHECKPOINT_FILE; empty: none).
    env.AUDIT_CHECKPOINT_FILE ??= path.join(settings.DATA_DIR, 'audit-checkpoints.jsonl');
    say(`PostgreSQL (embedded) on 127.0.0.1:${postgres.port}`);
  }
  if (!env.REDIS_URL) {
    const dataDir = path.join(settings.DATA_DIR, 'redis');
    redis = await RedisServer.start({ dataDir, persistent: true });
    env.REDIS_URL = redis.url;
    say(`Redis (redis-server, AOF on) on 127.0.0.1:${redis.port}, data in ${dataDir}`);
  }

  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    return exitOnConfigError(error);
  }
  // Given URLs are checked here; on failure the catch below stops what was started.
  await Promise.all([checkPostgres(config.database.url), checkRedis(config.redis.url)]);

  if (!config.database.migrationUrl) {
    fail('configuration error: DATABASE_MIGRATION_URL is required in production to migrate: the connection string of the schema owner');
    return stopAll(78);
  }
  const applied = await runMigrations({ url: config.database.migrationUrl, poolSize: 2 });
  say(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

  // The owner's credentials stay here: the api, the worker and the seeding command connect as DATABASE_URL only.
  const appEnv = { ...env, DATABASE_MIGRATION_URL: undefined };
  // A first start in development gets the demo set (never in production); its logins are printed once.
  if (config.env === 'development') await runCli(['seed:demo', '--if-empty'], appEnv);

  for (const name of ['api', 'worker'] as const) startChild(name, appEnv);
  await waitUntilReady(config);
  const base = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${config.http.port}`;
  say('ready:');
  say(`  Web      ${base}/app/`);
  say(`  API      ${base}`);
  say(`  API docs ${base}/docs`);
  say(`  health   ${base}/health/ready`);
  say('press Ctrl-C to stop');
}

function startChild(name: 'api' | 'worker', env: Record<string, string | undefined>): void {
  const entry = path.join(distRoot, 'apps', name, 'src', 'main.js');
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { env, stdio: 'inherit' });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    fail(`the ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything`);
    void stopAll(1);
  });
}

function runCli(args: string[], env: Record<string, string | undefined>): Promise<void> {
  const entry = path.join(distRoot, 'apps', 'cli', 'src', 'main.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { env, stdio: 'inherit' });
    children.set('cli', child);
    child.on('exit', (code) => {
      children.delete('cli');
      if (code === 0) resolve();
      else reject(new Error(`npm run ${args[0]} failed (exit code ${code})`));
    });
  });
}

async function refuseBusyPort(host: string, port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
  if (!free) {
    fail(`port ${port} on ${host} is already in use; stop what uses it or set PORT to another port`);
    process.exit(1);
  }
}

async function waitUntilReady(config: AppConfig): Promise<void> {
  const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline && !stopping) {
    const ok = await fetch(`http://${host}:${config.http.port}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping) {
    fail('the api did not become ready within 60 s; stopping');
    await stopAll(1);
  }
}

function stopAll(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    // Children first (they close their queue workers and connections), the stores last.
    await Promise.all([...children.values()].map((child) => stopChild(child, 'SIGTERM', 20_000)));
    await redis?.stop().catch((error: unknown) => fail(`stopping Redis: ${String(error)}`));
    await postgres?.stop().catch((error: unknown) => fail(`stopping PostgreSQL: ${String(error)}`));
    say('stopped');
    process.exit(exitCode);
  })();
  return stopping;
}

function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) fail(`configuration error: ${problem}`);
  process.exit(78);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    say(`${signal}: stopping …`);
    void stopAll(0);
  });
}

main().catch(async (error: unknown) => {
  fail(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});

import pg from 'pg';
import { Redis } from 'ioredis';
import { redactUrl, type AppConfig } from './config/config.js';
import { APP_ROLE, databaseRole } from './database/app-role.js';

/** A dependency that cannot be reached at boot: reported in one line, never a retry loop of stack traces. */
export class UnreachableDependency extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableDependency';
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export async function checkPostgres(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new UnreachableDependency(`cannot reach PostgreSQL at ${redactUrl(url)}: ${reason(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis rejects connect() with "Connection is closed"; the cause is in the error event.
  let cause: unknown;
  client.on('error', (error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new UnreachableDependency(`cannot reach Redis at ${redactUrl(url)}: ${reason(cause ?? error)}`);
  } finally {
    client.disconnect();
  }
}

/**
 * What is wrong with the role DATABASE_URL logs in as (R21): a superuser, or
 * the owner of audit_record, could disable its triggers and rewrite it.
 * Undefined when the role is fit for the application.
 */
export async function checkDatabaseRole(url: string, timeoutMs = 5000): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const role = await databaseRole(client);
    const what = role.superuser ? 'a superuser' : role.ownsAuditRecord ? 'the owner of audit_record' : undefined;
    if (!what) return undefined;
    return `DATABASE_URL logs in as ${role.user}, ${what}, who could rewrite the audit record: connect as the least-privilege role ${APP_ROLE} (the owner's connection belongs in DATABASE_MIGRATION_URL, for migrations only)`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Boot helper: checks both stores and ends the process with one line when
 * either is unreachable (exit 69, EX_UNAVAILABLE); then the database role: in
 * production a superuser or the audit record's owner is refused (exit 77,
 * EX_NOPERM), elsewhere it is a warning.
 */
export async function preflightOrExit(config: AppConfig, processName: string): Promise<void> {
  try {
    await Promise.all([checkPostgres(config.database.url), checkRedis(config.redis.url)]);
  } catch (error) {
    if (!(error instanceof UnreachableDependency)) throw error;
    process.stderr.write(`huijia ${processName}: ${error.message}\n`);
    process.exit(69);
  }
  const problem = await checkDatabaseRole(config.database.url);
  if (!problem) return;
  if (config.isProduction) {
    process.stderr.write(`huijia ${processName}: refusing to start: ${problem}\n`);
    process.exit(77);
  }
  process.stderr.write(`huijia ${processName}: warning: ${problem}\n`);
}

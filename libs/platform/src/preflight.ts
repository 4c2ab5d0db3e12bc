import pg from 'pg';
import { Redis } from 'ioredis';
import { redactUrl, type AppConfig } from './config/config.js';

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

/** Boot helper: checks both stores and ends the process with one line when either is unreachable (exit 69, EX_UNAVAILABLE). */
export async function preflightOrExit(config: AppConfig, processName: string): Promise<void> {
  try {
    await Promise.all([checkPostgres(config.database.url), checkRedis(config.redis.url)]);
  } catch (error) {
    if (!(error instanceof UnreachableDependency)) throw error;
    process.stderr.write(`huijia ${processName}: ${error.message}\n`);
    process.exit(69);
  }
}

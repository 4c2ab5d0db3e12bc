import { existsSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedPostgres, runningLocalPostgres } from '#app/platform';

/**
 * The database a CLI command works on: DATABASE_URL when set; otherwise the
 * `npm start` cluster in DATA_DIR/postgres — the running one, or started for
 * the length of the command and stopped after.
 */
export async function withDatabase<T>(env: NodeJS.ProcessEnv, work: (url: string) => Promise<T>): Promise<T> {
  if (env.DATABASE_URL) return work(env.DATABASE_URL);
  // The `npm start` database: its audit checkpoints are also in DATA_DIR, as the launcher sets for its processes.
  env.AUDIT_CHECKPOINT_FILE ??= path.join(env.DATA_DIR || '.data', 'audit-checkpoints.jsonl');
  const dataDir = path.join(env.DATA_DIR || '.data', 'postgres');
  const running = await runningLocalPostgres(dataDir, 'huijia');
  if (running) return work(running);
  if (!existsSync(dataDir)) process.stdout.write(`no DATABASE_URL: initialising the local PostgreSQL in ${dataDir}\n`);
  const postgres = await EmbeddedPostgres.start({ dataDir, persistent: true });
  try {
    await postgres.ensureDatabase('huijia');
    return await work(postgres.url('huijia'));
  } finally {
    await postgres.stop();
  }
}

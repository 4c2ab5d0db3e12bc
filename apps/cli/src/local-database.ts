import { existsSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedPostgres, localAppRoleUrl, migrationDatabaseUrl, runningLocalPostgres } from '#app/platform';

/**
 * Who a command connects as (R21): `owner` for the migration commands (they
 * change the schema), `app` for every other (the least-privilege huijia_app).
 */
export type DatabaseRoleNeeded = 'owner' | 'app';

/**
 * The database a CLI command works on: DATABASE_MIGRATION_URL (owner) or
 * DATABASE_URL (app) when set — outside production DATABASE_URL also stands in
 * for the owner's; otherwise the `npm start` cluster in DATA_DIR/postgres —
 * the running one, or started for the length of the command and stopped after —
 * as its superuser or as huijia_app.
 */
export async function withDatabase<T>(env: NodeJS.ProcessEnv, role: DatabaseRoleNeeded, work: (url: string) => Promise<T>): Promise<T> {
  const given = role === 'owner' ? migrationDatabaseUrl(env) : env.DATABASE_URL;
  if (given) return work(given);
  // The `npm start` database: its audit checkpoints are also in DATA_DIR, as the launcher sets for its processes.
  env.AUDIT_CHECKPOINT_FILE ??= path.join(env.DATA_DIR || '.data', 'audit-checkpoints.jsonl');
  const dataDir = path.join(env.DATA_DIR || '.data', 'postgres');
  const asRole = async (ownerUrl: string) => (role === 'owner' ? ownerUrl : localAppRoleUrl(dataDir, ownerUrl));
  const running = await runningLocalPostgres(dataDir, 'huijia');
  if (running) return work(await asRole(running));
  if (!existsSync(dataDir)) process.stdout.write(`no DATABASE_URL: initialising the local PostgreSQL in ${dataDir}\n`);
  const postgres = await EmbeddedPostgres.start({ dataDir, persistent: true });
  try {
    await postgres.ensureDatabase('huijia');
    return await work(await asRole(postgres.url('huijia')));
  } finally {
    await postgres.stop();
  }
}

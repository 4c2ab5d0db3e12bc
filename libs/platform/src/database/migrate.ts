import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_ROLE } from './app-role.js';
import { dataSourceOptions } from './data-source-options.js';

/**
 * Migrations need the owner: as huijia_app, with something to apply, they stop
 * with a message naming the setting rather than a "permission denied" midway.
 */
export async function refuseToMigrateAsAppRole(source: DataSource): Promise<void> {
  const [{ user }]: { user: string }[] = await source.query('SELECT current_user AS user');
  if (user !== APP_ROLE) return;
  // Without the migrations table, or without the right to read it (its grants reverted), everything is pending.
  const [{ readable }]: { readable: boolean }[] = await source.query(
    `SELECT COALESCE((SELECT has_table_privilege(c.oid, 'SELECT') FROM pg_class c WHERE c.oid = to_regclass('migrations')), false) AS readable`,
  );
  const applied: { name: string }[] = readable ? await source.query('SELECT name FROM migrations') : [];
  const names = new Set(applied.map((row) => row.name));
  if (source.migrations.every((migration) => migration.name !== undefined && names.has(migration.name))) return;
  throw new Error(
    `connected as ${APP_ROLE}, which may not change the schema: set DATABASE_MIGRATION_URL to the connection string of the schema's owner (DATABASE_URL is the application's)`,
  );
}

/** Applies every pending migration as the owner (`database.url`), each in its own transaction; returns the names applied. */
export async function runMigrations(database: Pick<AppConfig['database'], 'url' | 'poolSize'>, processName = 'migrate'): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions({ ...database, poolSize: 2 }, processName), logging: false });
  await dataSource.initialize();
  try {
    await refuseToMigrateAsAppRole(dataSource);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

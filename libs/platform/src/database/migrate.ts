import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { dataSourceOptions } from './data-source-options.js';

/** Applies every pending migration, each in its own transaction; returns the names applied. */
export async function runMigrations(database: AppConfig['database'], processName = 'migrate'): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions({ ...database, poolSize: 2 }, processName), logging: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming-strategy.js';

/**
 * The one definition of how huijia talks to PostgreSQL, shared by the api, the
 * worker, the CLI (migrations) and the test harness. `synchronize` is never on:
 * the schema changes through migrations only.
 */
export function dataSourceOptions(
  database: Pick<AppConfig['database'], 'url' | 'poolSize'>,
  applicationName: string,
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    applicationName: `huijia-${applicationName}`,
    poolSize: database.poolSize,
    namingStrategy: new SnakeNamingStrategy(),
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { connectionTimeoutMillis: 5000 },
  };
}

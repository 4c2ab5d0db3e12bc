import { rm } from 'node:fs/promises';
import pg from 'pg';

/** Stops everything the global setup started; with an external PostgreSQL, drops the template it made there. */
export default async function globalTeardown() {
  const stores = globalThis.__huijiaStores;
  if (!stores) return;
  if (!stores.postgres) {
    const admin = new pg.Client({ connectionString: stores.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${stores.template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  await Promise.all([stores.postgres?.stop(), stores.redis?.stop()]);
  await rm(stores.scratch, { recursive: true, force: true });
}

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, refuseToMigrateAsAppRole } from '#app/platform';
import { ALL_ENTITIES } from './entities.js';

const MIGRATIONS_DIR = path.join('libs', 'platform', 'src', 'database', 'migrations');

function dataSource(url: string): DataSource {
  return new DataSource({ ...dataSourceOptions({ url, poolSize: 2 }, 'cli'), entities: ALL_ENTITIES, logging: false });
}

async function withDataSource<T>(url: string, work: (source: DataSource) => Promise<T>): Promise<T> {
  const source = dataSource(url);
  await source.initialize();
  try {
    return await work(source);
  } finally {
    await source.destroy();
  }
}

export function runPending(url: string): Promise<string[]> {
  return withDataSource(url, async (source) => {
    await refuseToMigrateAsAppRole(source);
    return (await source.runMigrations({ transaction: 'each' })).map((m) => m.name);
  });
}

export function revertLast(url: string): Promise<string | undefined> {
  return withDataSource(url, async (source) => {
    const applied: { name: string }[] = await source.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    if (applied.length === 0) return undefined;
    await source.undoLastMigration({ transaction: 'each' });
    return applied[0].name;
  });
}

export function status(url: string): Promise<{ name: string; applied: boolean }[]> {
  return withDataSource(url, async (source) => {
    const rows: { name: string }[] = await source.query('SELECT name FROM migrations').catch(() => []);
    const applied = new Set(rows.map((row) => row.name));
    return MIGRATIONS.map((migration) => ({ name: migration.name, applied: applied.has(migration.name) }));
  });
}

/**
 * Writes a migration with the SQL that brings the schema (migrated up to now)
 * to the entities, and lists it in migrations/index.ts. Returns the file, or
 * undefined when the entities and the schema already agree.
 */
export async function generate(url: string, name: string, repoRoot: string): Promise<string | undefined> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error(`migration name must be PascalCase letters and digits (got "${name}")`);
  const pending = (await status(url)).filter((migration) => !migration.applied);
  if (pending.length > 0) throw new Error(`apply pending migrations first (npm run migration:run): ${pending.map((m) => m.name).join(', ')}`);
  const { upQueries, downQueries } = await withDataSource(url, (source) => source.driver.createSchemaBuilder().log());
  if (upQueries.length === 0) return undefined;
  const statement = (query: { query: string; parameters?: unknown[] }) => {
    const sql = query.query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    const params = query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : '';
    return `    await queryRunner.query(\`${sql}\`${params});`;
  };
  // A migration's name carries the real time it is written: a developer's tool, not a domain decision.
  // eslint-disable-next-line huijia/no-wall-clock
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const file = path.join(repoRoot, MIGRATIONS_DIR, `${timestamp}-${name}.ts`);
  await writeFile(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${upQueries.map(statement).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${downQueries.reverse().map(statement).join('\n')}
  }
}
`,
  );
  const indexFile = path.join(repoRoot, MIGRATIONS_DIR, 'index.ts');
  const index = await readFile(indexFile, 'utf8');
  const withImport = index.replace(/((?:^import .*\n)+)/m, `$1import { ${className} } from './${timestamp}-${name}.js';\n`);
  await writeFile(
    indexFile,
    withImport.replace(/export const MIGRATIONS = \[([^\]]*)\];/, (_all, list: string) => `export const MIGRATIONS = [${list.trim()}, ${className}];`),
  );
  return file;
}

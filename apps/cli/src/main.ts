/**
 * `npm run <command>`: the command-line side of huijia.
 *   migration:run | migration:revert | migration:show | migration:generate <PascalCaseName>
 * Works on DATABASE_URL, or on the local `npm start` database (see local-database.ts).
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDatabase } from './local-database.js';
import { generate, revertLast, runPending, status } from './migrations.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const say = (line: string) => process.stdout.write(`${line}\n`);

const COMMANDS: Record<string, { usage: string; run: (args: string[]) => Promise<void> }> = {
  'migration:run': {
    usage: 'migration:run',
    run: () =>
      withDatabase(process.env, async (url) => {
        const applied = await runPending(url);
        say(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'nothing to apply: the schema is up to date');
      }),
  },
  'migration:revert': {
    usage: 'migration:revert',
    run: () =>
      withDatabase(process.env, async (url) => {
        const reverted = await revertLast(url);
        say(reverted ? `reverted: ${reverted}` : 'nothing to revert');
      }),
  },
  'migration:show': {
    usage: 'migration:show',
    run: () =>
      withDatabase(process.env, async (url) => {
        for (const migration of await status(url)) say(`${migration.applied ? '[x]' : '[ ]'} ${migration.name}`);
      }),
  },
  'migration:generate': {
    usage: 'migration:generate <PascalCaseName>',
    run: ([name]) =>
      withDatabase(process.env, async (url) => {
        if (!name) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
        const file = await generate(url, name, repoRoot);
        say(file ? `wrote ${path.relative(repoRoot, file)} and listed it in migrations/index.ts` : 'no changes: the entities match the schema');
      }),
  },
};

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const [command, ...args] = process.argv.slice(2);
  const entry = command ? COMMANDS[command] : undefined;
  if (!entry) {
    process.stderr.write(`usage: npm run <command>, where <command> is one of:\n${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n')}\n`);
    process.exit(64);
  }
  await entry.run(args);
}

main().catch((error: unknown) => {
  process.stderr.write(`huijia: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

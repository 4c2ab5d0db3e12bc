/**
 * `npm run <command>`: the command-line side of huijia (see COMMANDS below).
 * The migration commands work as the schema's owner (DATABASE_MIGRATION_URL), the others as the
 * least-privilege huijia_app (DATABASE_URL), or on the local `npm start` database (see local-database.ts).
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { WorkingCalendar } from '#app/followup';
import { AppError, ConfigError } from '#app/platform';
import { FIRST_YEAR, HistoryImportsService } from '#app/statistics';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCheckpointKeys } from '#app/audit';
import { createAdmin, printDemoFiles, printLogins, seedDemo, signCheckpoint, verifyAudit, withContext } from './admin-commands.js';
import { withDatabase } from './local-database.js';
import { generate, revertLast, runPending, status } from './migrations.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const say = (line: string) => process.stdout.write(`${line}\n`);

const COMMANDS: Record<string, { usage: string; run: (args: string[]) => Promise<void> }> = {
  'migration:run': {
    usage: 'migration:run',
    run: () =>
      withDatabase(process.env, 'owner', async (url) => {
        const applied = await runPending(url);
        say(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'nothing to apply: the schema is up to date');
      }),
  },
  'migration:revert': {
    usage: 'migration:revert',
    run: () =>
      withDatabase(process.env, 'owner', async (url) => {
        const reverted = await revertLast(url);
        say(reverted ? `reverted: ${reverted}` : 'nothing to revert');
      }),
  },
  'migration:show': {
    usage: 'migration:show',
    run: () =>
      withDatabase(process.env, 'owner', async (url) => {
        for (const migration of await status(url)) say(`${migration.applied ? '[x]' : '[ ]'} ${migration.name}`);
      }),
  },
  'migration:generate': {
    usage: 'migration:generate <PascalCaseName>',
    run: ([name]) =>
      withDatabase(process.env, 'owner', async (url) => {
        if (!name) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
        const file = await generate(url, name, repoRoot);
        say(file ? `wrote ${path.relative(repoRoot, file)} and listed it in migrations/index.ts` : 'no changes: the entities match the schema');
      }),
  },
  'user:create-admin': {
    usage:
      'user:create-admin --username <name> --jurisdiction <6-digit code> [--display-name <name>] [--organisation <bureau name>]  (password: HUIJIA_ADMIN_PASSWORD, or generated)',
    run: (args) =>
      withDatabase(process.env, 'app', async (url) => {
        const { values } = parseArgs({
          args,
          options: { username: { type: 'string' }, jurisdiction: { type: 'string' }, 'display-name': { type: 'string' }, organisation: { type: 'string' } },
        });
        if (!values.username || !values.jurisdiction) throw new Error('--username and --jurisdiction are required, e.g. --username admin --jurisdiction 530000');
        const created = await withContext(url, (app) =>
          createAdmin(app, {
            username: values.username!,
            jurisdiction: values.jurisdiction!,
            displayName: values['display-name'],
            organisationName: values.organisation,
            password: process.env.HUIJIA_ADMIN_PASSWORD || undefined,
          }),
        );
        say(`created administrator ${values.username} in ${created.organisation}`);
        if (created.generated) say(`password (shown once): ${created.password}`);
      }),
  },
  'seed:demo': {
    usage: 'seed:demo [--if-empty]  (development only: demo organisations in Yunnan, users of every role and a few files in several states)',
    run: (args) =>
      withDatabase(process.env, 'app', async (url) => {
        const { values } = parseArgs({ args, options: { 'if-empty': { type: 'boolean' } } });
        const seeded = await withContext(url, (app) => seedDemo(app, values['if-empty'] ?? false));
        if (seeded) {
          printLogins(seeded.logins, say);
          printDemoFiles(seeded.files, say);
        } else say('the database already holds organisations: no demo data added');
      }),
  },
  'calendar:load': {
    usage: 'calendar:load --file <year.json>  (the State Council\'s schedule: {"year": 2027, "holidays": [{"date", "name"}], "workdays": [{"date", "name"}]})',
    run: (args) =>
      withDatabase(process.env, 'app', async (url) => {
        const { values } = parseArgs({ args, options: { file: { type: 'string' } } });
        if (!values.file) throw new Error('--file is required');
        const input = JSON.parse(await readFile(values.file, 'utf8')) as { year?: unknown; holidays?: unknown; workdays?: unknown };
        if (typeof input.year !== 'number' || !Array.isArray(input.holidays) || !Array.isArray(input.workdays)) {
          throw new Error('the file must hold {"year": <number>, "holidays": [...], "workdays": [...]}');
        }
        const loaded = await withContext(url, (app) =>
          app.get(WorkingCalendar).loadYear(undefined, input.year as number, { holidays: input.holidays as never, workdays: input.workdays as never }),
        );
        say(`loaded ${loaded.year}: ${loaded.holidays} holidays, ${loaded.workdays} working weekend days`);
      }),
  },
  'statistics:import': {
    usage:
      'statistics:import --file <workbook.xlsx> --year <year> --jurisdiction <6-digit code> [--reason <why, when the year was imported before>]  (R20: a year from before huijia, 2021 on, on the template of GET /statistics/imports/template)',
    run: (args) =>
      withDatabase(process.env, 'app', async (url) => {
        const { values } = parseArgs({ args, options: { file: { type: 'string' }, year: { type: 'string' }, jurisdiction: { type: 'string' }, reason: { type: 'string' } } });
        const year = Number(values.year);
        if (!values.file || !values.jurisdiction || !Number.isInteger(year) || year < FIRST_YEAR) {
          throw new Error(`--file, --year (${FIRST_YEAR} or later) and --jurisdiction are required, e.g. --file 2022.xlsx --year 2022 --jurisdiction 530100`);
        }
        const workbook = (await readFile(values.file)).toString('base64');
        const imported = await withContext(url, (app) =>
          app
            .get(HistoryImportsService)
            .importYear(undefined, { year, jurisdictionCode: values.jurisdiction, fileName: path.basename(values.file!), workbook, correctionReason: values.reason }),
        );
        say(`imported ${imported.jurisdiction.name} ${imported.year}: version ${imported.version}, ${imported.rows} rows, sha256 ${imported.sha256}`);
      }),
  },
  'audit:verify': {
    usage:
      'audit:verify [--checkpoints <file.jsonl>]  (walks every chain of the audit record, then checks every signed checkpoint in the table, AUDIT_CHECKPOINT_FILE and the given file; exit 1 at the first problem)',
    run: (args) =>
      withDatabase(process.env, 'app', async (url) => {
        const { values } = parseArgs({ args, options: { checkpoints: { type: 'string', multiple: true } } });
        const result = await withContext(url, (app) => verifyAudit(app, values.checkpoints ?? []));
        if (result.intact) {
          const checkpoints = result.checkpoints!;
          say(`intact: ${result.records} records in ${result.chains} chains`);
          say(
            checkpoints.checked > 0
              ? `checkpoints: ${checkpoints.checked} verified (${checkpoints.confirmedByFiles} also in checkpoint files), the latest signed at ${checkpoints.latestSignedAt}`
              : "checkpoints: none found — a rewrite by someone holding the database owner's credentials would not be seen (see audit:checkpoint)",
          );
          return;
        }
        if (result.firstBroken) {
          const broken = result.firstBroken;
          say(`BROKEN at chain ${broken.chain}, record ${broken.seq} (id ${broken.recordId}): ${broken.reason}`);
          say(`${result.records} records before it verified`);
        } else {
          const problem = result.checkpoints!.firstProblem!;
          const where = problem.chain !== undefined ? `chain ${problem.chain}, record ${problem.seq}` : `checkpoint${problem.checkpointId ? ` ${problem.checkpointId}` : ''}`;
          say(
            `BROKEN at ${where}: ${problem.reason}${problem.signedAt && !problem.reason.includes(problem.signedAt) ? ` (signed at ${problem.signedAt})` : ''} [${problem.source}]`,
          );
          say(`${result.records} records in ${result.chains} chains link up, and ${result.checkpoints!.checked} checkpoints before it verified`);
        }
        process.exitCode = 1;
      }),
  },
  'audit:checkpoint': {
    usage: 'audit:checkpoint  (signs a checkpoint of every audit chain head now with AUDIT_SIGNING_KEY; the worker also does every AUDIT_CHECKPOINT_INTERVAL_SECONDS)',
    run: () =>
      withDatabase(process.env, 'app', async (url) => {
        const signed = await withContext(url, (app) => signCheckpoint(app));
        say(`checkpoint ${signed.id} signed at ${signed.signedAt}: ${signed.chains} chains, key ${signed.keyId}`);
      }),
  },
  'audit:keygen': {
    usage: 'audit:keygen  (prints a new Ed25519 pair for AUDIT_SIGNING_KEY and AUDIT_VERIFY_KEY; nothing is stored)',
    run: async () => {
      const keys = generateCheckpointKeys();
      say(`# audit checkpoint key ${keys.keyId}: the private key only where the worker and the CLI run, never in the database`);
      say(`AUDIT_SIGNING_KEY=${keys.signingKey}`);
      say(`# the public key: keep older ones after a comma so their checkpoints stay verifiable`);
      say(`AUDIT_VERIFY_KEY=${keys.verifyKey}`);
    },
  },
};

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const [command, ...args] = process.argv.slice(2);
  const entry = command ? COMMANDS[command] : undefined;
  if (!entry) {
    process.stderr.write(
      `usage: npm run <command>, where <command> is one of:\n${Object.values(COMMANDS)
        .map((c) => `  ${c.usage}`)
        .join('\n')}\n`,
    );
    process.exit(64);
  }
  await entry.run(args);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`huijia: configuration error: ${problem}\n`);
    process.exit(78);
  }
  process.stderr.write(`huijia: ${error instanceof Error ? error.message : String(error)}\n`);
  // A refusal names its problems (a workbook's cells, a field): list them.
  if (error instanceof AppError && Array.isArray(error.details)) {
    for (const detail of error.details as { field?: string; reason?: string }[]) process.stderr.write(`  ${detail.field ? `${detail.field}: ` : ''}${detail.reason ?? ''}\n`);
  }
  process.exit(1);
});

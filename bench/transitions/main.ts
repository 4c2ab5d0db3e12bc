/**
 * bench/transitions — how fast the state machine moves files.
 *
 * Measured: CaseStateMachine.fire in this process, 16 workers each moving
 * its own files back and forth (start_return_home / abandon_return), every
 * transition with its lock, version check, guards, history row, outbox event
 * and audit record in one transaction. Baseline: pgbench, in the same run,
 * running the same writes as plain SQL (lock, update state, insert history,
 * outbox row, audit_append) with 16 clients. Target: ≥ 50 %.
 *   npm run bench:transitions        (BENCH_SECONDS=10)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import type { Actor } from '#app/access';
import { CaseStateMachine } from '#app/case';
import { loadConfig, RequestContext } from '#app/platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { pgbench } from '../support/pgbench.js';
import { benchStores, ratioLine } from '../support/stores.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WORKERS = 16;
const FILES_PER_WORKER = 8;

async function seed(url: string): Promise<{ actors: Actor[]; files: string[]; pgbenchFiles: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ id: bureau }] = (await client.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ('五华区民政局', 'civil_affairs_bureau', '530102') RETURNING id`))
      .rows;
    // One caseworker per worker, as in real use: each user's audit records chain on their own (see libs/audit).
    const users = (
      await client.query(
        `INSERT INTO user_account (username, display_name, organisation_id, role, password_hash)
         SELECT 'bench' || g, 'Bench', $1, 'caseworker', 'x' FROM generate_series(1, $2) g RETURNING id`,
        [bureau, WORKERS],
      )
    ).rows.map((row) => row.id as string);
    const user = users[0];
    const total = WORKERS * FILES_PER_WORKER * 2;
    await client.query(
      `INSERT INTO person (name, sex, birth_date_from, birth_date_to, identity_status, nationality) SELECT '测试' || g, 'female', '1990-01-01', '1990-12-31', 'claimed', 'CN' FROM generate_series(1, $1) g`,
      [total],
    );
    const files = await client.query(
      `INSERT INTO victim_file (reference, state, person_id, intake_kind, place_code, responsible_jurisdiction_code, responsible_organisation_id)
       SELECT 'B-' || row_number() OVER (), 'in_care', id, 'police_handover', '530102', '530102', $1 FROM person RETURNING id`,
      [bureau],
    );
    await client.query(
      `INSERT INTO interview (file_id, conducted_at, language, attendees, circumstances, recorded_by) SELECT id, now(), 'zh', '[]', 'bench', $1 FROM victim_file`,
      [user],
    );
    const ids: string[] = files.rows.map((row) => row.id);
    // The second half is pgbench's, numbered 1..n.
    await client.query('CREATE TABLE bench_file (n integer PRIMARY KEY, id uuid NOT NULL)');
    await client.query('INSERT INTO bench_file SELECT ordinality, id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ordinality)', [ids.slice(ids.length / 2)]);
    return {
      actors: users.map((id, index) => ({
        userId: id,
        username: `bench${index + 1}`,
        role: 'caseworker' as const,
        organisationId: bureau,
        organisationKind: 'civil_affairs_bureau' as const,
        jurisdictionCode: '530102',
        sessionId: id,
      })),
      files: ids.slice(0, ids.length / 2),
      pgbenchFiles: ids.length / 2,
    };
  } finally {
    await client.end();
  }
}

const PGBENCH_SCRIPT = `
\\set n random(1, :files)
BEGIN;
SELECT f.id, f.state, f.version FROM victim_file f JOIN bench_file b ON b.id = f.id WHERE b.n = :n FOR UPDATE OF f;
UPDATE victim_file SET state = CASE WHEN state = 'in_care' THEN 'returning_home' ELSE 'in_care' END, version = version + 1, updated_at = now()
 WHERE id = (SELECT id FROM bench_file WHERE n = :n);
INSERT INTO file_history (file_id, event, from_state, to_state) SELECT id, 'bench', 'in_care', 'returning_home' FROM bench_file WHERE n = :n;
INSERT INTO outbox (queue, job_name, payload) VALUES ('domain-events', 'file.state_changed', '{"type": "file.state_changed", "data": {}, "occurredAt": "2026-01-01T00:00:00Z"}');
SELECT audit_append(('{"chain": "53.' || (:n % 16) || '", "action": "file.bench", "outcome": "allowed"}')::jsonb);
COMMIT;
`;

async function main(): Promise<void> {
  process.stdout.write(`bench/transitions: ${WORKERS} workers, ${SECONDS} s; starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  const config = loadConfig({ NODE_ENV: 'test', LOG_PRETTY: 'false', LOG_LEVEL: 'silent', DATABASE_URL: stores.databaseUrl, REDIS_URL: stores.redisUrl, DATABASE_POOL_SIZE: '20' });
  const app = await NestFactory.createApplicationContext(ApiModule.register(config), { logger: ['error'] });
  try {
    const { actors, files, pgbenchFiles } = await seed(stores.ownerUrl);
    const machine = app.get(CaseStateMachine);
    const state = new Map(files.map((id) => [id, { version: 1, inCare: true }]));
    let done = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      actors.map((actor, worker) =>
        RequestContext.run({ requestId: `bench-${worker}`, actor }, async () => {
          const mine = files.filter((_, index) => index % WORKERS === worker);
          for (let i = 0; performance.now() < deadline; i++) {
            const id = mine[i % mine.length];
            const current = state.get(id)!;
            const result = await machine.fire(actor, id, current.inCare ? 'start_return_home' : 'abandon_return', current.version, current.inCare ? {} : { reason: 'bench' });
            if (result.outcome !== 'applied') throw new Error('unexpected approval');
            state.set(id, { version: result.file.version, inCare: !current.inCare });
            done += 1;
          }
        }),
      ),
    );
    const measured = done / ((performance.now() - started) / 1000);
    const baseline = await pgbench(stores.databaseUrl, PGBENCH_SCRIPT, { clients: WORKERS, seconds: SECONDS, variables: { files: pgbenchFiles } });
    process.stdout.write(`measured  CaseStateMachine.fire:                 ${measured.toFixed(0)} transitions/s\n`);
    if (baseline === undefined) {
      process.stdout.write('baseline  pgbench is not installed (Debian: apt-get install postgresql-client); no ratio\n');
    } else {
      process.stdout.write(`baseline  pgbench, the same writes as plain SQL: ${baseline.toFixed(0)} transactions/s\n`);
      process.stdout.write(`${ratioLine('the state machine', measured, baseline, '≥ 50 %')}\n`);
    }
  } finally {
    await app.close();
    await stores.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/transitions failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/**
 * bench/statistics — a province's year (R20) over a million files and their records.
 *
 * Seeds BENCH_FILES files (default 1 000 000) across Yunnan's counties with
 * their histories (opened, in care, an outcome for those that reached one),
 * a referral with its history for one file in ten and a follow-up visit for
 * one in five; then, in the same run:
 *   measured  GET /statistics/figures for the province (every indicator for
 *             every county, city and the province: exact, and published —
 *             with complementary suppression), over HTTP as a statistician;
 *   baseline  the plain `count(*) … GROUP BY jc` of the same rows — each
 *             indicator's units counted per jurisdiction, no breakdown, no
 *             median, straight through pg;
 *   snapshot  GET /statistics/reports/:id of a report holding that year frozen.
 * Each is the median of BENCH_RUNS runs (default 3). Target: the exact report
 * within 3× the baseline.
 *   npm run bench:statistics            (BENCH_FILES, BENCH_RUNS; BENCH_YEAR, BENCH_VERBOSE=1: each indicator's time)
 */
import 'reflect-metadata';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { Clock } from '#app/platform';
import { FiguresQuery, FiguresService } from '#app/statistics';
import { benchConfig, signInAs, startApi } from '../support/api.js';
import { progress } from '../support/pgbench.js';
import { BENCH_PASSWORD, seedFiles } from '../support/seed-files.js';
import { benchStores, ratioLine } from '../support/stores.js';

const FILES = Number(process.env.BENCH_FILES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHUNK = 50_000;
const PROVINCE = '530000';
const STATISTICIAN = 'bench-statistician';

async function main(): Promise<void> {
  process.stdout.write(`bench/statistics: ${FILES} files, median of ${RUNS} runs; starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  try {
    if (process.env.BENCH_SKIP_SEED !== '1') {
      await seedFiles(stores.ownerUrl, { files: FILES, chunk: CHUNK, usernames: [], referencePrefix: 'T' });
      await seedRecords(stores.ownerUrl);
    }
    const { app, port } = await startApi(benchConfig(stores));
    try {
      const token = await signInAs(port, STATISTICIAN);
      // The last year that has ended: the one a report is made of (BENCH_YEAR: another).
      const year = Number(process.env.BENCH_YEAR ?? Number(app.get(Clock).today().slice(0, 4)) - 1);
      const get = async (path: string): Promise<unknown> => {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
        return response.json();
      };
      const figuresPath = (view: string) => `/statistics/figures?year=${year}&jurisdictionCode=${PROVINCE}&view=${view}`;
      await get(figuresPath('exact'));
      const exact = await medianMs(() => get(figuresPath('exact')));
      const published = await medianMs(() => get(figuresPath('published')));

      const period = app.get(FiguresService).period(year);
      const { statements, params } = app.get(FiguresQuery).plainCounts(period, PROVINCE.slice(0, 2));
      const pool = new pg.Pool({ connectionString: stores.databaseUrl, max: 1 });
      const baseline = await medianMs(async () => {
        for (const statement of statements) await pool.query(statement, params);
      });
      if (process.env.BENCH_VERBOSE === '1') {
        // Where the time goes: each indicator's units counted alone.
        for (const statement of statements) {
          const started = performance.now();
          await pool.query(statement, params);
          process.stdout.write(
            `  ${(performance.now() - started).toFixed(0).padStart(6)} ms  ${/units AS \(SELECT ([^]*?) FROM/.exec(statement)?.[1].slice(0, 60).replace(/\s+/g, ' ')}\n`,
          );
        }
      }
      await pool.end();

      const reportId = await frozenReport(stores.ownerUrl, year, await get(figuresPath('exact')));
      const snapshot = await medianMs(() => get(`/statistics/reports/${reportId}`));

      const rows = (await get(figuresPath('exact'))) as { rows: unknown[] };
      process.stdout.write(`measured  the province's year, exact (${rows.rows.length} rows, every indicator):  ${exact.toFixed(0)} ms\n`);
      process.stdout.write(`measured  the same, published (complementary suppression over the province): ${published.toFixed(0)} ms\n`);
      process.stdout.write(`snapshot  a submitted report served from its frozen figures:               ${snapshot.toFixed(0)} ms\n`);
      process.stdout.write(`baseline  plain count(*) … GROUP BY jc of the same rows (${statements.length} indicators): ${baseline.toFixed(0)} ms\n`);
      process.stdout.write(`${ratioLine('the published report', baseline, published)}\n`);
      process.stdout.write(`${ratioLine('the exact report', baseline, exact, '≥ 33.3 %: within 3× the plain GROUP BY')}\n`);
    } finally {
      await app.close();
    }
  } finally {
    await stores.stop();
  }
}

async function medianMs(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/**
 * The files' records, set-based: every file opened and in care; an outcome some days later for those that reached one
 * (a reunion, a local resettlement); a referral with its history for one file in ten; a visit for one in five. The
 * province's joint-meeting office and its statistician.
 */
async function seedRecords(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const step = (done: number) => progress('seeding records', done, 5);
    await client.query(`INSERT INTO file_history (file_id, event, to_state, at) SELECT id, 'opened', 'received', opened_at FROM victim_file`);
    step(1);
    await client.query(
      `INSERT INTO file_history (file_id, event, from_state, to_state, at) SELECT id, 'transition', 'received', 'in_care', opened_at + interval '1 hour' FROM victim_file`,
    );
    step(2);
    await client.query(
      `INSERT INTO file_history (file_id, event, from_state, to_state, at)
       SELECT id, 'transition', 'in_care', CASE WHEN state = 'locally_resettled' THEN 'locally_resettled' ELSE 'reunified' END,
              opened_at + make_interval(days => 5 + (hashtext(id::text) & 255))
         FROM victim_file WHERE state IN ('reunified', 'follow_up', 'closed', 'locally_resettled')`,
    );
    step(3);
    const [{ id: office }] = (
      await client.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ('云南省反拐联席会议办公室', 'joint_meeting_office', $1) RETURNING id`, [PROVINCE])
    ).rows;
    const [{ id: school }] = (await client.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ('昆明市第一中学', 'school', '530102') RETURNING id`)).rows;
    const passwordHash = await hash(BENCH_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const [{ id: statistician }] = (
      await client.query(`INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ($1, '统计', $2, 'statistician', $3) RETURNING id`, [
        STATISTICIAN,
        office,
        passwordHash,
      ])
    ).rows;
    await client.query(
      `WITH sent AS (
         INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, created_by, created_at, sent_at, accept_by, decided_at)
         SELECT f.id, (ARRAY['schooling', 'legal_aid', 'rehabilitation'])[1 + (hashtext(f.id::text) & 1023) % 3], $1, f.responsible_organisation_id, 'bench',
                'accepted', $2, f.opened_at + interval '2 days', f.opened_at + interval '2 days', f.opened_at + interval '5 days', f.opened_at + interval '3 days'
           FROM victim_file f WHERE hashtext(f.id::text) % 10 = 0
         RETURNING id, sent_at, decided_at
       )
       INSERT INTO referral_history (referral_id, event, from_status, to_status, at)
       SELECT id, 'send', 'draft', 'sent', sent_at FROM sent UNION ALL SELECT id, 'accept', 'sent', 'accepted', decided_at FROM sent`,
      [school, statistician],
    );
    step(4);
    await client.query(
      `WITH planned AS (
         INSERT INTO followup_plan (file_id, starts_on, ends_on, status)
         SELECT id, (opened_at + interval '30 days')::date, (opened_at + interval '3 years')::date, 'active' FROM victim_file WHERE state = 'follow_up' AND hashtext(id::text) % 2 = 0
         RETURNING file_id, starts_on
       )
       INSERT INTO followup_visit (file_id, seq, due_on, status, visited_on)
       SELECT file_id, 1, starts_on + 30, CASE WHEN hashtext(file_id::text) % 3 = 0 THEN 'scheduled' ELSE 'done' END,
              CASE WHEN hashtext(file_id::text) % 3 = 0 THEN NULL ELSE starts_on + 32 END
         FROM planned`,
    );
    step(5);
    // As autovacuum leaves a table in use: statistics gathered, the visibility map set (index-only scans need it).
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

/** A report holding the year's exact figures as frozen (written directly: the bench measures reading it). */
async function frozenReport(ownerUrl: string, year: number, figures: unknown): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const [{ id }] = (
      await client.query(
        `WITH earlier AS (SELECT count(*)::int AS n FROM statistics_report WHERE year = $1 AND jurisdiction_code = $2 AND kind = 'summary')
         INSERT INTO statistics_report (kind, year, jurisdiction_code, version, organisation_id, narrative, correction_reason, figures, basis, submitted_by, submitted_at)
         SELECT 'summary', $1, $2, earlier.n + 1, o.id, 'bench: the year frozen', CASE WHEN earlier.n > 0 THEN 'bench: run again' END, $3,
                '{"counts": [], "histograms": []}', u.id, now()
           FROM earlier, user_account u JOIN organisation o ON o.id = u.organisation_id WHERE u.username = $4
         RETURNING id`,
        [year, PROVINCE, figures, STATISTICIAN],
      )
    ).rows;
    return id as string;
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/statistics failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/**
 * bench/search — lists and searches over a million files.
 *
 * Seeds BENCH_FILES files (default 1 000 000, with a progress bar) across the
 * counties of Yunnan, then 16 keep-alive clients — caseworkers of 昆明市, who
 * see its counties' files — call GET /files with a mix of list, filter and
 * search queries, from a load generator in a process of its own. Beside it,
 * in the same run, the list query straight through
 * pg with 16 clients (no HTTP, no sign-in check, no audit). Prints p50/p95
 * of both and the ratio of rates. Target: p95 < 50 ms.
 *   npm run bench:search            (BENCH_FILES, BENCH_SECONDS=10)
 */
import 'reflect-metadata';
import pg from 'pg';
import { benchConfig, signInAs, startApi } from '../support/api.js';
import { loadInProcess } from '../support/load-process.js';
import { seedFiles } from '../support/seed-files.js';
import { benchStores, ratioLine } from '../support/stores.js';

const FILES = Number(process.env.BENCH_FILES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 16;
const CHUNK = 50_000;

/** What caseworkers do: open the list, filter it, look a person up by full name (characters or pinyin) or initials. */
const QUERIES = [
  '/files?limit=50',
  '/files?limit=50&q=zhanghaiyan',
  `/files?limit=50&q=${encodeURIComponent('李娜')}`,
  '/files?limit=50&q=wlf',
  '/files?limit=50&state=tracing&ageBand=18-59',
  '/files?limit=50&identityStatus=unknown&jurisdiction=530102',
];
/** The worst case, reported on its own: a bare common surname matches one file in a hundred. */
const SURNAME_ONLY = '/files?limit=50&q=zhang';

async function main(): Promise<void> {
  process.stdout.write(`bench/search: ${FILES} files, ${CLIENTS} clients, ${SECONDS} s; starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  try {
    // BENCH_DATABASE_URL may name a database seeded by an earlier run: then BENCH_SKIP_SEED=1 reuses it.
    if (process.env.BENCH_SKIP_SEED !== '1') {
      await seedFiles(stores.ownerUrl, { files: FILES, chunk: CHUNK, usernames: Array.from({ length: CLIENTS }, (_, user) => `bench${user}`), referencePrefix: 'S' });
    }
    const { app, port } = await startApi(benchConfig(stores));
    try {
      const tokens: string[] = [];
      for (let user = 0; user < CLIENTS; user++) tokens.push(await signInAs(port, `bench${user}`));
      await loadInProcess({ port, clients: CLIENTS, seconds: 2, paths: QUERIES, tokens });
      const api = await loadInProcess({ port, clients: CLIENTS, seconds: SECONDS, paths: QUERIES, tokens });
      if (api.errors > 0) throw new Error(`${api.errors} failed requests`);
      const surname = await loadInProcess({ port, clients: CLIENTS, seconds: Math.max(2, SECONDS / 2), paths: [SURNAME_ONLY], tokens });
      const raw = await rawSql(stores.databaseUrl);
      process.stdout.write(
        `measured  GET /files (list, filters, search) over HTTP: ${api.perSecond.toFixed(0)} req/s, p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms (target p95 < 50 ms)\n`,
      );
      process.stdout.write(`baseline  the list query straight through pg:          ${raw.perSecond.toFixed(0)} q/s, p50 ${raw.p50.toFixed(1)} ms, p95 ${raw.p95.toFixed(1)} ms\n`);
      process.stdout.write(`${ratioLine('the API', api.perSecond, raw.perSecond)}\n`);
      process.stdout.write(`worst case: a bare common surname (q=zhang): ${surname.perSecond.toFixed(0)} req/s, p95 ${surname.p95.toFixed(1)} ms\n`);
    } finally {
      await app.close();
    }
  } finally {
    await stores.stop();
  }
}

/** The scoped list query itself (the first of QUERIES), 16 clients, no HTTP. */
async function rawSql(url: string): Promise<{ perSecond: number; p50: number; p95: number }> {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  const sql = `SELECT f.id, f.reference, f.state, f.opened_at, p.name, p.sex, p.birth_date_from, p.birth_date_to, p.identity_status,
                      f.responsible_jurisdiction_code, j.name AS jurisdiction_name, i.name AS institution_name, c.display_name AS caseworker_name
                 FROM victim_file f JOIN person p ON p.id = f.person_id JOIN jurisdiction j ON j.code = f.responsible_jurisdiction_code
                 LEFT JOIN organisation i ON i.id = f.current_institution_id LEFT JOIN user_account c ON c.id = f.responsible_caseworker_id
                WHERE f.responsible_jurisdiction_code LIKE '5301%' ORDER BY f.opened_at DESC, f.id DESC LIMIT 51`;
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await pool.query(sql);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: latencies[Math.floor(latencies.length * 0.5)], p95: latencies[Math.floor(latencies.length * 0.95)] };
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench/search failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

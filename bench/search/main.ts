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
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { nameForms } from '#app/case';
import { configureHttpApp, loadConfig } from '#app/platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { loadInProcess } from '../support/load-process.js';
import { progress } from '../support/pgbench.js';
import { benchStores, ratioLine } from '../support/stores.js';

const FILES = Number(process.env.BENCH_FILES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 16;
const CHUNK = 50_000;

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [...'芳娜敏静丽艳娟霞秀英华慧巧美娅婷雪琳晶妍茜秋珊莎锦黛青倩婕馨瑶怡蕾薇菁梦岚苑婉瑾颖露瑶燕海兰梅红玲萍雨欣佳文晓小春明'];
const STATES = ['received', 'in_care', 'in_care', 'tracing', 'returning_home', 'reunified', 'follow_up', 'follow_up', 'closed', 'locally_resettled'];

async function seed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counties: string[] = (await client.query(`SELECT code FROM jurisdiction WHERE level = 3 AND code LIKE '53%' ORDER BY code`)).rows.map((row) => row.code);
    const bureaus = new Map<string, string>();
    for (const code of counties) {
      const [{ id }] = (
        await client.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ($1, 'civil_affairs_bureau', $2) RETURNING id`, [`${code} 民政局`, code])
      ).rows;
      bureaus.set(code, id);
    }
    const [{ id: kunming }] = (
      await client.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ('昆明市民政局', 'civil_affairs_bureau', '530100') RETURNING id`)
    ).rows;
    const passwordHash = await hash('Bench-Pass-2026', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
    for (let user = 0; user < CLIENTS; user++) {
      await client.query(`INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ($1, 'Bench', $2, 'caseworker', $3)`, [
        `bench${user}`,
        kunming,
        passwordHash,
      ]);
    }
    const combos = SURNAMES.flatMap((surname) => GIVEN.flatMap((a) => [surname + a, surname + a + GIVEN[(a.charCodeAt(0) * 7) % GIVEN.length]]));
    const forms = combos.map((name) => nameForms(name));
    let random = 42;
    const next = () => (random = (random * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let done = 0; done < FILES; done += CHUNK) {
      const size = Math.min(CHUNK, FILES - done);
      const pick = Array.from({ length: size }, () => Math.floor(next() * combos.length));
      const births = Array.from({ length: size }, () => {
        const year = 1970 + Math.floor(next() * 50);
        const from = `${year}-01-01`;
        return next() < 0.5 ? [`${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`] : [from, `${year + Math.floor(next() * 3)}-12-31`];
      });
      const places = Array.from({ length: size }, () => counties[Math.floor(next() * counties.length)]);
      await client.query('BEGIN');
      const persons = await client.query(
        `INSERT INTO person (name, sex, birth_date_from, birth_date_to, identity_status)
         SELECT name, CASE WHEN n % 5 = 0 THEN 'male' ELSE 'female' END, bfrom::date, bto::date, (ARRAY['confirmed', 'claimed', 'unknown'])[1 + n % 3]
           FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(name, bfrom, bto, n) RETURNING id`,
        [pick.map((i) => combos[i]), births.map((b) => b[0]), births.map((b) => b[1] ?? b[0])],
      );
      const ids: string[] = persons.rows.map((row) => row.id);
      await client.query(
        `INSERT INTO person_name (person_id, kind, name, pinyin, pinyin_compact, initials)
         SELECT id, 'name', name, pinyin, compact, initials FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, name, pinyin, compact, initials)`,
        [ids, pick.map((i) => combos[i]), pick.map((i) => forms[i].pinyin), pick.map((i) => forms[i].compact), pick.map((i) => forms[i].initials)],
      );
      await client.query(
        `INSERT INTO victim_file (reference, state, person_id, intake_kind, place_code, responsible_jurisdiction_code, responsible_organisation_id, opened_at)
         SELECT 'S-' || ($5::int + n), (ARRAY[${STATES.map((s) => `'${s}'`).join(',')}])[1 + (n * 7) % ${STATES.length}], id, 'police_handover', place, place, bureau,
                now() - make_interval(mins => ($5::int + n)::int)
           FROM unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY AS t(id, place, bureau, n), (SELECT $4::int) AS unused`,
        [ids, places, places.map((place) => bureaus.get(place)), 0, done],
      );
      await client.query('COMMIT');
      progress('seeding files', done + size, FILES);
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

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
  const config = loadConfig({ NODE_ENV: 'test', LOG_PRETTY: 'false', LOG_LEVEL: 'silent', DATABASE_URL: stores.databaseUrl, REDIS_URL: stores.redisUrl, DATABASE_POOL_SIZE: '20' });
  try {
    // BENCH_DATABASE_URL may name a database seeded by an earlier run: then BENCH_SKIP_SEED=1 reuses it.
    if (process.env.BENCH_SKIP_SEED !== '1') await seed(stores.ownerUrl);
    const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config), { bodyParser: false, bufferLogs: true, logger: ['error'] });
    configureHttpApp(app, config);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    try {
      const tokens: string[] = [];
      for (let user = 0; user < CLIENTS; user++) {
        const response = await fetch(`http://127.0.0.1:${port}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `bench${user}`, password: 'Bench-Pass-2026' }),
        });
        tokens.push(((await response.json()) as { accessToken: string }).accessToken);
      }
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

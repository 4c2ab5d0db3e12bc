/**
 * bench/matching — family tracing at scale (R8).
 *
 * Seeds BENCH_REQUESTS tracing requests (default 100 000) and BENCH_PEOPLE
 * unidentified people in care (default 10 000), BENCH_TRUE_PAIRS of whom
 * (default 1 000) are the missing person of a known request, remembered the
 * way rescued people remember: the same name, a homophone of the given name
 * under the buyers' surname, only a childhood name, or the given name under
 * another surname; an age estimated within a year or two; sometimes the
 * county named in a lead, sometimes only the prefecture, sometimes nothing.
 * Then matches every person through TracingService.matchFile, the path the
 * queued job takes, with 8 at a time, and beside it, in the same run, the
 * blocking query alone. Prints the time to match everyone, the ratio to the
 * blocking baseline, and the recall: how many true pairs rank in the top 10
 * (target: all of them) and first.
 *   npm run bench:matching
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { pinyin } from 'pinyin-pro';
import { nameForms } from '#app/case';
import { addDays } from '#app/platform';
import { loadConfig } from '#app/platform';
import { givenPinyin, MatchingService } from '#app/tracing';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { progress } from '../support/pgbench.js';
import { benchStores, ratioLine } from '../support/stores.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const TRUE_PAIRS = Math.min(Number(process.env.BENCH_TRUE_PAIRS ?? 1_000), PEOPLE);
const CONCURRENCY = 8;
const CHUNK = 10_000;
const TODAY = '2026-11-25';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'芳方娜敏民静晶婧丽莉利艳燕雁娟鹃霞秀英瑛华桦慧惠巧美梅玫婷亭雪琳林玲铃晶倩茜秋珊莎锦青清倩馨欣瑶遥怡宜蕾薇菁梦岚兰澜红宏鸿虹晓小筱春纯明铭佳嘉文雯萍平云芸凤峰丹单玉宇月悦琴勤',
];
const CHILDHOOD = ['丫丫', '妞妞', '囡囡', '毛毛', '豆豆', '乐乐', '贝贝', '甜甜', '圆圆', '冬冬', '兰兰', '花花', '小妹', '二妹', '三妹', '幺妹'];
const MARKS = ['左耳后有痣', '右手腕有胎记', '额头有疤', '左脚六趾', '门牙缺一颗', '右眉有痣', '背部有红色胎记', '左手小指弯曲', '下巴有小疤', '右耳有耳洞'];

/** A deterministic random source, so two runs seed the same world. */
let seedState = 20261125;
const random = () => (seedState = (seedState * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** Given-name characters grouped by their sound: the homophones a child's memory, or a clerk, may write instead. */
const HOMOPHONES = new Map<string, string[]>();
for (const char of new Set(GIVEN)) {
  const sound = pinyin(char, { toneType: 'none' });
  HOMOPHONES.set(sound, [...(HOMOPHONES.get(sound) ?? []), char]);
}
function homophoneOf(given: string): string {
  return [...given]
    .map((char) => {
      const others = (HOMOPHONES.get(pinyin(char, { toneType: 'none' })) ?? []).filter((other) => other !== char);
      return others.length > 0 ? pick(others) : char;
    })
    .join('');
}

/** A day some (fractional) number of days from another. */
const shift = (day: string, days: number) => addDays(day, Math.round(days));
const YEAR = 365.25;

interface Name {
  kind: 'name' | 'alias' | 'childhood_name';
  name: string;
}

interface WantedPerson {
  surname: string;
  given: string;
  childhood: string | null;
  sex: 'female' | 'male';
  birth: string;
  missingOn: string;
  place: string;
  marks: string | null;
}

type Variant = 'same name' | "homophone, buyers' surname" | 'childhood name only' | "given name, buyers' surname";
const VARIANTS: Variant[] = ['same name', "homophone, buyers' surname", 'childhood name only', "given name, buyers' surname"];

interface Person {
  names: Name[];
  sex: string;
  birthFrom: string;
  birthTo: string;
  foundOn: string;
  foundPlace: string;
  leadPlace: string | null;
  markLead: string | null;
  truth?: { requestIndex: number; variant: Variant };
}

/** 乳名: 小 and a character, a character doubled, or one of the names every village has. */
function childhoodName(): string {
  const kind = random();
  if (kind < 0.5) return `小${pick(GIVEN)}`;
  if (kind < 0.75) return pick(GIVEN).repeat(2);
  return pick(CHILDHOOD);
}

function wantedPerson(counties: string[], elsewhere: string[]): WantedPerson {
  const sex = random() < 0.7 ? 'female' : 'male';
  const birth = shift('1975-01-01', random() * 45 * YEAR);
  const ageThen = 2 + random() * 25;
  const missingOn = shift(birth, ageThen * YEAR);
  return {
    surname: pick(SURNAMES),
    given: random() < 0.85 ? pick(GIVEN) + pick(GIVEN) : pick(GIVEN),
    childhood: random() < 0.5 ? childhoodName() : null,
    sex,
    birth,
    missingOn: missingOn > TODAY ? shift(TODAY, -random() * 300) : missingOn,
    place: random() < 0.8 ? pick(counties) : pick(elsewhere),
    marks: random() < 0.4 ? `${pick(MARKS)}，${pick(MARKS)}` : null,
  };
}

function requestNames(wanted: WantedPerson): Name[] {
  return [{ kind: 'name', name: wanted.surname + wanted.given }, ...(wanted.childhood ? [{ kind: 'childhood_name' as const, name: wanted.childhood }] : [])];
}

/** The missing person, found years later, remembering some of it. */
function foundPerson(wanted: WantedPerson, requestIndex: number, counties: string[]): Person {
  let variant = pick(VARIANTS);
  if (variant === 'childhood name only' && !wanted.childhood) variant = "homophone, buyers' surname";
  const buyers = pick(SURNAMES);
  const names: Name[] =
    variant === 'same name'
      ? [{ kind: 'name', name: wanted.surname + wanted.given }]
      : variant === 'childhood name only'
        ? [{ kind: 'childhood_name', name: wanted.childhood! }]
        : variant === "given name, buyers' surname"
          ? [{ kind: 'name', name: buyers + wanted.given }]
          : [{ kind: 'name', name: buyers + homophoneOf(wanted.given) }];
  const estimate = shift(wanted.birth, (random() * 3 - 1.5) * YEAR);
  const foundOn = shift(wanted.missingOn, Math.min((0.5 + random() * 15) * YEAR, (Date.parse(TODAY) - Date.parse(wanted.missingOn)) / 86_400_000));
  // Where she comes from: the county named in a lead, or found in the same prefecture, or nothing.
  // Someone who remembers only a childhood name remembers a place too: a 乳名 alone is shared by too many.
  const where = variant === 'childhood name only' ? random() * 0.75 : random();
  const sameCounty = where < 0.5;
  const samePrefecture = counties.filter((code) => code.slice(0, 4) === wanted.place.slice(0, 4));
  return {
    names,
    sex: wanted.sex,
    birthFrom: shift(estimate, -YEAR),
    birthTo: shift(estimate, YEAR),
    foundOn,
    foundPlace: where >= 0.5 && where < 0.75 && samePrefecture.length > 0 ? pick(samePrefecture) : pick(counties),
    leadPlace: sameCounty ? wanted.place : null,
    markLead: wanted.marks && random() < 0.5 ? wanted.marks.split('，')[0] : null,
    truth: { requestIndex, variant },
  };
}

function strangerInCare(counties: string[]): Person {
  const sex = random() < 0.7 ? 'female' : 'male';
  const birth = shift('1975-01-01', random() * 45 * YEAR);
  const remembers = random();
  const names: Name[] =
    remembers < 0.6 ? [{ kind: 'name', name: pick(SURNAMES) + pick(GIVEN) + pick(GIVEN) }] : remembers < 0.8 ? [{ kind: 'childhood_name', name: pick(CHILDHOOD) }] : [];
  return {
    names,
    sex,
    birthFrom: shift(birth, -YEAR),
    birthTo: shift(birth, YEAR),
    foundOn: shift(TODAY, -random() * 10 * YEAR),
    foundPlace: pick(counties),
    leadPlace: random() < 0.3 ? pick(counties) : null,
    markLead: random() < 0.2 ? pick(MARKS) : null,
  };
}

async function seed(url: string): Promise<{ fileIds: string[]; truth: Map<string, { requestId: string; variant: Variant }> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counties: string[] = (await client.query(`SELECT code FROM jurisdiction WHERE level = 3 AND code LIKE '53%' ORDER BY code`)).rows.map((row) => row.code);
    const elsewhere: string[] = (await client.query(`SELECT code FROM jurisdiction WHERE level = 3 AND code ~ '^(45|51|52|44)' ORDER BY code`)).rows.map((row) => row.code);
    const [{ id: bureau }] = (await client.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ('云南省民政厅', 'civil_affairs_bureau', '530000') RETURNING id`))
      .rows;
    const [{ id: user }] = (
      await client.query(`INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ('bench', 'Bench', $1, 'caseworker', 'x') RETURNING id`, [
        bureau,
      ])
    ).rows;

    const wanted = Array.from({ length: REQUESTS }, () => wantedPerson(counties, elsewhere));
    const requestIds: string[] = [];
    for (let done = 0; done < REQUESTS; done += CHUNK) {
      const batch = wanted.slice(done, done + CHUNK);
      await client.query('BEGIN');
      const rows = await client.query(
        `INSERT INTO tracing_request (reference, sex, birth_date_from, birth_date_to, missing_on, missing_place_code, marks, family_contact_name, recorded_by, organisation_id)
         SELECT 'XR-B-' || ($8::int + n), sex, birth::date, birth::date, missing::date, place, marks, '家属', $6, $7
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(sex, birth, missing, place, marks, n)
          ORDER BY n RETURNING id`,
        [batch.map((w) => w.sex), batch.map((w) => w.birth), batch.map((w) => w.missingOn), batch.map((w) => w.place), batch.map((w) => w.marks), user, bureau, done],
      );
      const ids: string[] = rows.rows.map((row) => row.id);
      requestIds.push(...ids);
      const names = batch.flatMap((w, i) => requestNames(w).map((name) => ({ id: ids[i], ...name, forms: nameForms(name.name) })));
      await client.query(
        `INSERT INTO tracing_request_name (request_id, kind, name, pinyin, pinyin_compact, initials, given_pinyin)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [
          names.map((n) => n.id),
          names.map((n) => n.kind),
          names.map((n) => n.name),
          names.map((n) => n.forms.pinyin),
          names.map((n) => n.forms.compact),
          names.map((n) => n.forms.initials),
          names.map((n) => givenPinyin(n.forms.pinyin, n.kind)),
        ],
      );
      await client.query('COMMIT');
      progress('seeding tracing requests', done + batch.length, REQUESTS);
    }

    const people: Person[] = [];
    const chosen = new Set<number>();
    while (chosen.size < TRUE_PAIRS) chosen.add(Math.floor(random() * REQUESTS));
    for (const index of chosen) people.push(foundPerson(wanted[index], index, counties));
    while (people.length < PEOPLE) people.push(strangerInCare(counties));

    const fileIds: string[] = [];
    const truth = new Map<string, { requestId: string; variant: Variant }>();
    for (let done = 0; done < PEOPLE; done += CHUNK) {
      const batch = people.slice(done, done + CHUNK);
      await client.query('BEGIN');
      const persons = await client.query(
        `INSERT INTO person (name, sex, birth_date_from, birth_date_to, identity_status)
         SELECT name, sex, bfrom::date, bto::date, 'unknown' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(name, sex, bfrom, bto, n)
          ORDER BY n RETURNING id`,
        [batch.map((p) => p.names.find((n) => n.kind === 'name')?.name ?? null), batch.map((p) => p.sex), batch.map((p) => p.birthFrom), batch.map((p) => p.birthTo)],
      );
      const personIds: string[] = persons.rows.map((row) => row.id);
      const names = batch.flatMap((p, i) => p.names.map((name) => ({ id: personIds[i], ...name, forms: nameForms(name.name) })));
      await client.query(
        `INSERT INTO person_name (person_id, kind, name, pinyin, pinyin_compact, initials) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        [
          names.map((n) => n.id),
          names.map((n) => n.kind),
          names.map((n) => n.name),
          names.map((n) => n.forms.pinyin),
          names.map((n) => n.forms.compact),
          names.map((n) => n.forms.initials),
        ],
      );
      const files = await client.query(
        `INSERT INTO victim_file (reference, state, person_id, intake_kind, place_code, responsible_jurisdiction_code, responsible_organisation_id, opened_at)
         SELECT 'M-' || ($4::int + n), 'in_care', id, 'institution_discovery', place, place, $5, (found::date + time '10:00') AT TIME ZONE 'Asia/Shanghai'
           FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS t(id, place, found, n) ORDER BY n RETURNING id`,
        [personIds, batch.map((p) => p.foundPlace), batch.map((p) => p.foundOn), done, bureau],
      );
      const ids: string[] = files.rows.map((row) => row.id);
      fileIds.push(...ids);
      const leads = batch.flatMap((p, i) => [
        ...(p.leadPlace ? [{ file: ids[i], kind: 'place_name', text: '记得家乡的地名', place: p.leadPlace }] : []),
        ...(p.markLead ? [{ file: ids[i], kind: 'mark', text: p.markLead, place: null }] : []),
      ]);
      await client.query(
        `INSERT INTO tracing_lead (file_id, kind, text, source, place_code, recorded_by) SELECT file, kind, text, 'person', place, $5 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(file, kind, text, place)`,
        [leads.map((l) => l.file), leads.map((l) => l.kind), leads.map((l) => l.text), leads.map((l) => l.place), user],
      );
      batch.forEach((p, i) => p.truth && truth.set(ids[i], { requestId: requestIds[p.truth.requestIndex], variant: p.truth.variant }));
      await client.query('COMMIT');
      progress('seeding people in care', done + batch.length, PEOPLE);
    }
    await client.query('ANALYZE');
    return { fileIds, truth };
  } finally {
    await client.end();
  }
}

/** Runs `work` over every file, CONCURRENCY at a time; latencies in milliseconds. */
async function overAll(label: string, fileIds: string[], work: (fileId: string) => Promise<unknown>): Promise<{ seconds: number; p50: number; p95: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < fileIds.length) {
        const fileId = fileIds[next++];
        const t0 = performance.now();
        await work(fileId);
        latencies.push(performance.now() - t0);
        if (latencies.length % 250 === 0 || latencies.length === fileIds.length) progress(label, latencies.length, fileIds.length);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { seconds: (performance.now() - started) / 1000, p50: latencies[Math.floor(latencies.length * 0.5)], p95: latencies[Math.floor(latencies.length * 0.95)] };
}

async function main(): Promise<void> {
  process.stdout.write(`bench/matching: ${PEOPLE} unidentified people (${TRUE_PAIRS} true pairs) against ${REQUESTS} tracing requests; starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_PRETTY: 'false',
    LOG_LEVEL: 'silent',
    DATABASE_URL: stores.databaseUrl,
    REDIS_URL: stores.redisUrl,
    DATABASE_POOL_SIZE: String(CONCURRENCY + 2),
  });
  try {
    const { fileIds, truth } = await seed(stores.ownerUrl);
    const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { logger: ['error'] });
    await app.init();
    try {
      const tracing = app.get(MatchingService);
      // Warm up the plans and the pool, then the baseline (blocking alone) and the whole matcher, in the same run.
      for (const fileId of fileIds.slice(0, 50)) await tracing.requestsFor(fileId);
      const baseline = await overAll('blocking only', fileIds, (fileId) => tracing.requestsFor(fileId));
      const matched = await overAll('matching', fileIds, (fileId) => tracing.matchFile(fileId));
      process.stdout.write(
        `\nmeasured  matching ${PEOPLE} people against ${REQUESTS} requests (block, score, keep the best 20): ${matched.seconds.toFixed(1)} s, per person p50 ${matched.p50.toFixed(1)} ms, p95 ${matched.p95.toFixed(1)} ms\n`,
      );
      process.stdout.write(
        `baseline  the blocking query alone:                                         ${baseline.seconds.toFixed(1)} s, per person p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms\n`,
      );
      process.stdout.write(`${ratioLine("the matcher's time", matched.seconds, baseline.seconds)}\n`);
      await recall(stores.databaseUrl, truth);
    } finally {
      await app.close();
    }
  } finally {
    await stores.stop();
  }
}

/** Where each true request ranks among its person's candidates (ties counted in the person's favour). */
async function recall(url: string, truth: Map<string, { requestId: string; variant: Variant }>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows: { file_id: string; rank: number | null }[] = (
      await client.query(
        `SELECT t.file_id, (SELECT 1 + count(*)::int FROM match_candidate o WHERE o.file_id = t.file_id AND o.score > c.score) AS rank
           FROM unnest($1::uuid[], $2::uuid[]) AS t(file_id, request_id) LEFT JOIN match_candidate c ON c.file_id = t.file_id AND c.request_id = t.request_id`,
        [[...truth.keys()], [...truth.values()].map((t) => t.requestId)],
      )
    ).rows;
    const byVariant = new Map<Variant, { total: number; top10: number; first: number }>();
    for (const row of rows) {
      const variant = truth.get(row.file_id)!.variant;
      const counts = byVariant.get(variant) ?? { total: 0, top10: 0, first: 0 };
      counts.total += 1;
      if (row.rank !== null && row.rank <= 10) counts.top10 += 1;
      if (row.rank === 1) counts.first += 1;
      byVariant.set(variant, counts);
    }
    const top10 = rows.filter((row) => row.rank !== null && row.rank <= 10).length;
    const first = rows.filter((row) => row.rank === 1).length;
    process.stdout.write(
      `recall    ${top10} of ${rows.length} true pairs in the top 10 (${((100 * top10) / rows.length).toFixed(1)} %, target 100 %); first: ${first} (${((100 * first) / rows.length).toFixed(1)} %)\n`,
    );
    for (const [variant, counts] of byVariant) {
      process.stdout.write(`          ${variant.padEnd(30)} ${counts.top10}/${counts.total} in the top 10, ${counts.first} first\n`);
    }
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench/matching failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

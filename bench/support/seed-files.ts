import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { nameForms } from '#app/case';
import { progress } from './pgbench.js';

/** The seeded caseworkers' password (benchmarks only). */
export const BENCH_PASSWORD = 'Bench-Pass-2026';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [...'芳娜敏静丽艳娟霞秀英华慧巧美娅婷雪琳晶妍茜秋珊莎锦黛青倩婕馨瑶怡蕾薇菁梦岚苑婉瑾颖露瑶燕海兰梅红玲萍雨欣佳文晓小春明'];
const STATES = ['received', 'in_care', 'in_care', 'tracing', 'returning_home', 'reunified', 'follow_up', 'follow_up', 'closed', 'locally_resettled'];

export interface SeedFilesOptions {
  files: number;
  /** Files per transaction. */
  chunk: number;
  /** Caseworkers of 昆明市民政局 (530100), who see its counties' files; password BENCH_PASSWORD. */
  usernames: string[];
  /** References are `<prefix>-<n>`. */
  referencePrefix: string;
  /** Share of the files placed in 昆明市's counties; the rest (all of them when unset) across Yunnan's counties. */
  kunmingShare?: number;
}

/**
 * A county civil affairs bureau per county of Yunnan, 昆明市's bureau and its
 * caseworkers, then `files` files (person, name forms, file) in chunks with a
 * progress bar; names are surname + one or two given characters, drawn by a
 * fixed pseudo-random sequence, so every run seeds the same. ANALYZE at the end.
 */
export async function seedFiles(ownerUrl: string, options: SeedFilesOptions): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const counties: string[] = (await client.query(`SELECT code FROM jurisdiction WHERE level = 3 AND code LIKE '53%' ORDER BY code`)).rows.map((row) => row.code);
    const kunmingCounties = counties.filter((code) => code.startsWith('5301'));
    if (kunmingCounties.length === 0) throw new Error('no counties of 昆明市 (5301xx) in the jurisdiction table');
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
    const passwordHash = await hash(BENCH_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
    for (const username of options.usernames) {
      await client.query(`INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ($1, 'Bench', $2, 'caseworker', $3)`, [
        username,
        kunming,
        passwordHash,
      ]);
    }
    const combos = SURNAMES.flatMap((surname) => GIVEN.flatMap((a) => [surname + a, surname + a + GIVEN[(a.charCodeAt(0) * 7) % GIVEN.length]]));
    const forms = combos.map((name) => nameForms(name));
    let random = 42;
    const next = () => (random = (random * 1103515245 + 12345) % 2147483648) / 2147483648;
    const share = options.kunmingShare;
    for (let done = 0; done < options.files; done += options.chunk) {
      const size = Math.min(options.chunk, options.files - done);
      const pick = Array.from({ length: size }, () => Math.floor(next() * combos.length));
      const births = Array.from({ length: size }, () => {
        const year = 1970 + Math.floor(next() * 50);
        return next() < 0.5 ? [`${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`] : [`${year}-01-01`, `${year + Math.floor(next() * 3)}-12-31`];
      });
      const places = Array.from({ length: size }, () =>
        share !== undefined && next() < share ? kunmingCounties[Math.floor(next() * kunmingCounties.length)] : counties[Math.floor(next() * counties.length)],
      );
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
         SELECT $5::text || '-' || ($4::int + n), (ARRAY[${STATES.map((s) => `'${s}'`).join(',')}])[1 + (n * 7) % ${STATES.length}], id, 'police_handover', place, place, bureau,
                now() - make_interval(mins => ($4::int + n)::int)
           FROM unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY AS t(id, place, bureau, n)`,
        [ids, places, places.map((place) => bureaus.get(place)), done, options.referencePrefix],
      );
      await client.query('COMMIT');
      progress('seeding files', done + size, options.files);
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

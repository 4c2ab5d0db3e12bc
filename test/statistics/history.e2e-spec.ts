/**
 * R20 history: the years before huijia (2021 on) are imported from a workbook
 * of the report's shape — the template huijia gives, filled in — so that the
 * trend since the action plan began is real. The workbook is checked cell by
 * cell and for adding up; its figures are the year's, marked imported, exact
 * inside the chain and de-identified when published (R22), like any year's.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { countRange, HistoryImportsService, StatisticsDeadlines, type LinearEquation } from '#app/statistics';
import type { App } from 'supertest/types.js';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { TestClock } from '../support/clock.js';
import { binary, dataRows, filledTemplate as filled } from '../support/statistics-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

const KUNMING = '530100';
const WUHUA = '530102';
const PANLONG = '530103';
const YUNNAN = '530000';
const K = 11;

interface Figures {
  source: string;
  importedFrom: { jurisdictionCode: string; version: number; fileName: string } | null;
  rows: { code: string; part: string }[];
  indicators: { indicator: string; values: (number | null)[]; breakdowns: { dimension: string; categories: { category: string; values: (number | null)[] }[] }[] }[];
  suppressedCells: number;
}

describe('R20: the years before huijia, imported from their workbooks', () => {
  let stack: TestStack;
  let server: App;
  let kunmingOffice: Session & { userId: string };
  let wuhuaOffice: Session;
  let kunmingSupervisor: Session;
  let panlongSupervisor: Session;
  let panlongOffice: Session;
  let yunnanOffice: Session;
  let template: Buffer;
  const KUNMING_2022 = { 昆明市合计: 17, 五华区: 14, 盘龙区: 3 };

  const figures = async (session: Session, query: string): Promise<Figures> =>
    (await request(server).get(`/statistics/figures?${query}`).set(session.auth).expect(200)).body as Figures;
  const assistedOf = (body: Figures) => body.indicators.find((entry) => entry.indicator === 'assisted')!.values;
  const importYear = (session: Session, body: object) => request(server).post('/statistics/imports').set(session.auth).send(body);

  beforeAll(async () => {
    stack = await startStack({ clock: new TestClock('2027-01-10'), worker: true });
    server = stack.api!.getHttpServer();
    const office = (code: string) => createOrganisation(stack.database, { kind: 'joint_meeting_office', jurisdictionCode: code });
    const bureau = (code: string) => createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: code });
    kunmingOffice = await signedIn(server, stack.database, 'statistician', { id: await office(KUNMING) });
    wuhuaOffice = await signedIn(server, stack.database, 'statistician', { id: await office(WUHUA) });
    panlongOffice = await signedIn(server, stack.database, 'statistician', { id: await office(PANLONG) });
    yunnanOffice = await signedIn(server, stack.database, 'statistician', { id: await office(YUNNAN) });
    kunmingSupervisor = await signedIn(server, stack.database, 'supervisor', { id: await bureau(KUNMING) });
    panlongSupervisor = await signedIn(server, stack.database, 'supervisor', { id: await bureau(PANLONG) });
  });
  afterAll(() => stack?.close());

  it('R20: the template is the report’s form for the jurisdiction and year — 合计, 本级 and every county below, each figure empty', async () => {
    const response = await request(server)
      .get(`/statistics/imports/template?year=2022&jurisdictionCode=${KUNMING}`)
      .set(kunmingOffice.auth)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('content-type', /spreadsheetml/);
    template = response.body as Buffer;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '表1 救助情况',
      '表2 安置、寻亲与落户',
      '表3 转介与法律援助',
      '表4 入学、就业与回访',
      '表5 转介分类',
      '指标说明',
    ]);
    const first = workbook.getWorksheet('表1 救助情况')!;
    expect(String(first.getCell(1, 1).value)).toMatch(/^昆明市被解救人员救助安置工作年度统计表（2022年）/);
    const counties = await stack.database.query<{ name: string }>(`SELECT name FROM jurisdiction WHERE parent_code = $1 ORDER BY code`, [KUNMING]);
    const names = dataRows(first).map((r) => first.getCell(r, 1).value);
    expect(names).toEqual(['昆明市合计', '昆明市本级', ...counties.map((county) => county.name)]);
    expect(first.getCell(dataRows(first)[0], 2).text).toBe('');
    // A year not yet ended has no history to enter.
    expect((await request(server).get(`/statistics/imports/template?year=2027`).set(kunmingOffice.auth).expect(422)).body.error.code).toBe('YEAR_NOT_ENDED');
  });

  it('R20: a workbook with problems is refused, each named by its cell — a total that does not add up, a withheld “*”, another year’s form — and nothing is imported', async () => {
    const broken = await filled(template, KUNMING_2022, (workbook) => {
      const sheet = workbook.getWorksheet('表1 救助情况')!;
      const wuhua = dataRows(sheet).find((r) => sheet.getCell(r, 1).value === '五华区')!;
      sheet.getCell(wuhua, 3).value = 13; // the first breakdown's first category: 13 of 14
      sheet.getCell(wuhua + 1, 4).value = '*';
    });
    const refused = await importYear(kunmingOffice, { year: 2022, jurisdictionCode: KUNMING, fileName: '2022.xlsx', workbook: broken }).expect(422);
    expect(refused.body.error.code).toBe('WORKBOOK_INVALID');
    const reasons = (refused.body.error.details as { field: string; reason: string }[]).map((detail) => `${detail.field}: ${detail.reason}`);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^workbook: 表1 救助情况!D\d+：历史数据须填实数，不能用“\*”/)]));
    // Fixed the “*”, the sum still fails: its cells are named.
    const unbalanced = await filled(template, KUNMING_2022, (workbook) => {
      const sheet = workbook.getWorksheet('表1 救助情况')!;
      sheet.getCell(
        dataRows(sheet).find((r) => sheet.getCell(r, 1).value === '五华区')!,
        3,
      ).value = 13;
    });
    const sums = await importYear(kunmingOffice, { year: 2022, jurisdictionCode: KUNMING, fileName: '2022.xlsx', workbook: unbalanced }).expect(422);
    expect(sums.body.error.details.map((detail: { reason: string }) => detail.reason).join('\n')).toMatch(/表1 救助情况!B\d+ = 14，与 表1 救助情况!C\d+、.* 之和 13 不符/);

    const wrongYear = await importYear(kunmingOffice, { year: 2021, jurisdictionCode: KUNMING, fileName: '2022.xlsx', workbook: await filled(template, KUNMING_2022) }).expect(422);
    expect(wrongYear.body.error.details[0].reason).toMatch(/^表1 救助情况!A1：标题应为“昆明市被解救人员救助安置工作年度统计表（2021年）……”/);
    const notAWorkbook = await importYear(kunmingOffice, {
      year: 2022,
      jurisdictionCode: KUNMING,
      fileName: 'x.xlsx',
      workbook: Buffer.from('not a zip').toString('base64'),
    }).expect(422);
    expect(notAWorkbook.body.error.details).toEqual([{ field: 'workbook', reason: '不是可读取的 .xlsx 工作簿 / not a readable .xlsx workbook' }]);
    // R9: a cell holding genetic content refuses the whole workbook; only that it happened is recorded.
    const genetic = await filled(
      template,
      KUNMING_2022,
      (workbook) => (workbook.getWorksheet('表2 安置、寻亲与落户')!.getCell(40, 2).value = 'D8S1179 13,14 D21S11 29,30 TH01 6,9'),
    );
    const refusedGenetic = await importYear(kunmingOffice, { year: 2022, jurisdictionCode: KUNMING, fileName: '2022.xlsx', workbook: genetic }).expect(422);
    expect(refusedGenetic.body.error).toMatchObject({
      code: 'GENETIC_DATA_REFUSED',
      details: [{ field: 'workbook', reason: expect.stringMatching(/^表2 安置、寻亲与落户!B40：含有遗传信息/) }],
    });
    expect(JSON.stringify(await auditRecords(stack.database, `action = 'genetic_data.refused'`))).not.toContain('D8S1179');
    // Only the workbook's bytes skip the scan at the door: the rest of the body does not.
    const named = await importYear(kunmingOffice, { year: 2022, jurisdictionCode: KUNMING, fileName: 'profile.fasta', workbook: await filled(template, KUNMING_2022) }).expect(422);
    expect(named.body.error).toMatchObject({ code: 'GENETIC_DATA_REFUSED', details: [{ field: 'fileName' }] });
    expect(await stack.database.query(`SELECT 1 FROM statistics_import`)).toHaveLength(0);
  });

  it('R20, R22: the imported year is the workbook’s, marked imported — exact inside the chain, small counts suppressed with their complements when published; a county’s year from its city’s workbook', async () => {
    const imported = await importYear(kunmingOffice, {
      year: 2022,
      jurisdictionCode: KUNMING,
      fileName: '昆明市2022年.xlsx',
      workbook: await filled(template, KUNMING_2022),
    }).expect(201);
    expect(imported.body).toMatchObject({
      year: 2022,
      jurisdiction: { code: KUNMING },
      version: 1,
      latest: true,
      fileName: '昆明市2022年.xlsx',
      importedBy: { userId: kunmingOffice.userId },
    });
    expect(imported.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const exact = await figures(kunmingOffice, `year=2022&jurisdictionCode=${KUNMING}&view=exact`);
    expect(exact).toMatchObject({ source: 'imported', importedFrom: { jurisdictionCode: KUNMING, version: 1, fileName: '昆明市2022年.xlsx' } });
    const row = (code: string, part = 'child') => exact.rows.findIndex((candidate) => candidate.code === code && candidate.part === part);
    expect(assistedOf(exact)[0]).toBe(17);
    expect(assistedOf(exact)[row(WUHUA)]).toBe(14);
    expect(assistedOf(exact)[row(PANLONG)]).toBe(3);
    expect(assistedOf(exact)[row(KUNMING, 'own')]).toBe(0);

    const published = await figures(kunmingOffice, `year=2022&jurisdictionCode=${KUNMING}`);
    expect(published.source).toBe('imported');
    expect(assistedOf(published)[row(PANLONG)]).toBeNull();
    // Panlong's 3 cannot be worked out as the whole less the others: one more of them is withheld.
    expect([assistedOf(published)[0], assistedOf(published)[row(WUHUA)]]).toContain(null);
    expect(assistedOf(published)[row(KUNMING, 'own')]).toBe(0);

    const wuhua = await figures(wuhuaOffice, `year=2022&jurisdictionCode=${WUHUA}&view=exact`);
    expect(wuhua).toMatchObject({ source: 'imported', importedFrom: { jurisdictionCode: KUNMING }, rows: [{ code: WUHUA, part: 'whole' }] });
    expect(assistedOf(wuhua)).toEqual([14]);
    // A year not imported is computed from the records.
    expect((await figures(kunmingOffice, `year=2023&jurisdictionCode=${KUNMING}&view=exact`)).source).toBe('records');
  });

  it('R20: importing a year again needs a reason and is a new version; both stay on the list and on the audit record', async () => {
    const workbook = await filled(template, { ...KUNMING_2022, 昆明市合计: 18, 昆明市本级: 1 });
    const again = await importYear(kunmingOffice, { year: 2022, jurisdictionCode: KUNMING, fileName: '2022-v2.xlsx', workbook }).expect(422);
    expect(again.body.error).toMatchObject({ code: 'CORRECTION_REASON_REQUIRED', details: [{ field: 'correctionReason' }] });
    const second = await importYear(kunmingOffice, { year: 2022, jurisdictionCode: KUNMING, fileName: '2022-v2.xlsx', workbook, correctionReason: '补录市本级一人' }).expect(201);
    expect(second.body).toMatchObject({ version: 2, latest: true, correctionReason: '补录市本级一人' });
    expect(assistedOf(await figures(kunmingOffice, `year=2022&jurisdictionCode=${KUNMING}&view=exact`))[0]).toBe(18);

    const list = (await request(server).get('/statistics/imports').set(kunmingOffice.auth).expect(200)).body as { items: { version: number; latest: boolean }[] };
    expect(list.items.map((item) => [item.version, item.latest])).toEqual([
      [2, true],
      [1, false],
    ]);
    // An office below sees none of its city's imports.
    expect((await request(server).get('/statistics/imports').set(wuhuaOffice.auth).expect(200)).body.items).toEqual([]);
    const audit = await auditRecords(stack.database, `action = 'statistics.import'`);
    expect(audit.map((record) => [record.actor_user_id, record.details.version, record.details.fileName])).toEqual([
      [kunmingOffice.userId, 1, '昆明市2022年.xlsx'],
      [kunmingOffice.userId, 2, '2022-v2.xlsx'],
    ]);
  });

  it('R20, R22: the province’s workbook and the city’s are published as one — an attack on both tables together finds at least three values for each small count', async () => {
    const provinceTemplate = (await request(server).get(`/statistics/imports/template?year=2022`).set(yunnanOffice.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
    // The province's row for Kunming is the city's own workbook's total (version 2: 18).
    await importYear(yunnanOffice, { year: 2022, fileName: 'yunnan-2022.xlsx', workbook: await filled(provinceTemplate, { 云南省合计: 18, 昆明市: 18 }) }).expect(201);
    const views = await Promise.all(
      [
        [kunmingOffice, KUNMING],
        [yunnanOffice, YUNNAN],
      ].map(async ([session, code]) => ({
        exact: await figures(session as Session, `year=2022&jurisdictionCode=${code}&view=exact`),
        published: await figures(session as Session, `year=2022&jurisdictionCode=${code}`),
      })),
    );
    expect(views.map((view) => view.published.importedFrom?.jurisdictionCode)).toEqual([KUNMING, YUNNAN]);

    // The attacker's model of 救助人数: one unknown per jurisdiction and category, whichever table shows it.
    const exactOf = new Map<string, number>();
    const shownOf = new Map<string, number>();
    const equations: [string, string[]][] = [];
    for (const { exact, published } of views) {
      const node = (row: number) => (exact.rows[row].part === 'own' ? `${exact.rows[row].code}:own` : exact.rows[row].code);
      const [exactAssisted, shownAssisted] = [exact, published].map((view) => view.indicators.find((entry) => entry.indicator === 'assisted')!);
      const slots: [string, (number | null)[], (number | null)[]][] = [
        ['*', exactAssisted.values, shownAssisted.values],
        ...exactAssisted.breakdowns.flatMap((breakdown, b) =>
          breakdown.categories.map(
            (category, c) =>
              [`${breakdown.dimension}|${category.category}`, category.values, shownAssisted.breakdowns[b].categories[c].values] as [string, (number | null)[], (number | null)[]],
          ),
        ),
      ];
      for (const [slot, exactValues, shownValues] of slots) {
        exact.rows.forEach((_, row) => {
          exactOf.set(`${slot}|${node(row)}`, exactValues[row]!);
          if (shownValues[row] !== null) shownOf.set(`${slot}|${node(row)}`, shownValues[row]!);
        });
        // The jurisdiction as a whole is its own units and each below.
        equations.push([`${slot}|${node(0)}`, exact.rows.slice(1).map((_, at) => `${slot}|${node(at + 1)}`)]);
      }
      for (const breakdown of exactAssisted.breakdowns) {
        exact.rows.forEach((_, row) => equations.push([`*|${node(row)}`, breakdown.categories.map((category) => `${breakdown.dimension}|${category.category}|${node(row)}`)]));
      }
    }
    const unknowns = [...exactOf.keys()].filter((key) => !shownOf.has(key));
    const system: LinearEquation[] = equations.map(([total, parts]) => {
      const built: LinearEquation = { terms: [], constant: 0 };
      for (const [key, sign] of [[total, -1] as const, ...parts.map((part) => [part, 1] as const)]) {
        if (shownOf.has(key)) built.constant -= sign * shownOf.get(key)!;
        else built.terms.push({ unknown: unknowns.indexOf(key), coefficient: sign });
      }
      return built;
    });
    const bounds = unknowns.map(() => ({ lower: 1, upper: Infinity }));
    const small = unknowns.filter((key) => exactOf.get(key)! < K);
    expect(small).toContain(`*|${PANLONG}`);
    for (const key of small) {
      const { min, max } = await countRange(unknowns.indexOf(key), system, bounds);
      expect({ key, possible: max - min + 1 >= 3 }).toEqual({ key, possible: true });
    }
    // Whatever either table shows is true, and no small count is shown.
    for (const [key, shown] of shownOf) expect({ key, shown }).toEqual({ key, shown: exactOf.get(key) });
  });

  it('R20: a year imported is not reported in huijia, a year reported is not imported, and an office imports only within its jurisdiction', async () => {
    const reported = await request(server).post('/statistics/reports').set(kunmingSupervisor.auth).send({ year: 2022, narrative: '2022 年度工作总结：历史年度。' }).expect(409);
    expect(reported.body.error.code).toBe('YEAR_IMPORTED');

    await request(server).post('/statistics/reports').set(panlongSupervisor.auth).send({ year: 2023, narrative: '2023 年度工作总结：盘龙区。' }).expect(201);
    const panlongTemplate = (await request(server).get(`/statistics/imports/template?year=2023`).set(panlongOffice.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
    const refused = await importYear(panlongOffice, { year: 2023, fileName: '2023.xlsx', workbook: await filled(panlongTemplate, { 盘龙区合计: 2 }) }).expect(409);
    expect(refused.body.error.code).toBe('YEAR_REPORTED');

    const outside = await importYear(wuhuaOffice, { year: 2021, jurisdictionCode: KUNMING, fileName: '2021.xlsx', workbook: await filled(template, KUNMING_2022) }).expect(403);
    expect(outside.body.error.code).toBe('OUTSIDE_JURISDICTION');
  });

  it('R20: a year imported is expected of nobody — the chain shows it imported and nobody late, and its deadline reminders end', async () => {
    interface Entry {
      jurisdiction: { code: string };
      kind: string;
      late: boolean;
      importedFrom: { jurisdictionCode: string } | null;
    }
    const chain = async (session: Session, query: string) =>
      ((await request(server).get(`/statistics/chain?${query}`).set(session.auth).expect(200)).body as { entries: Entry[] }).entries;
    // 2022: Kunming's workbook covers the city and its counties, two years after their deadlines.
    const entries = await chain(kunmingOffice, 'year=2022');
    expect(entries.map((entry) => [entry.jurisdiction.code, entry.kind, entry.late, entry.importedFrom?.jurisdictionCode])).toEqual([
      [KUNMING, 'bureau', false, KUNMING],
      [KUNMING, 'summary', false, KUNMING],
      [WUHUA, 'summary', false, KUNMING],
      [PANLONG, 'bureau', false, KUNMING],
      [PANLONG, 'summary', false, KUNMING],
    ]);
    // Nothing imported for 2024: everyone is late.
    expect((await chain(kunmingOffice, 'year=2024')).every((entry) => entry.late && entry.importedFrom === null)).toBe(true);

    // Last year's deadlines are ahead (15 January): importing Panlong's 2026 ends its reminders.
    await stack.worker!.get(StatisticsDeadlines).schedule();
    const panlongDeadlines = () =>
      stack.database.query<{ status: string }>(`SELECT status FROM reminder WHERE dedupe_key LIKE $1 ORDER BY dedupe_key`, [`statistics:2026:${PANLONG}:%`]);
    expect((await panlongDeadlines()).map((row) => row.status)).toEqual(['scheduled', 'scheduled']);
    const panlong2026 = (await request(server).get(`/statistics/imports/template?year=2026`).set(panlongOffice.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
    await importYear(panlongOffice, { year: 2026, fileName: 'panlong-2026.xlsx', workbook: await filled(panlong2026, { 盘龙区合计: 4 }) }).expect(201);
    expect((await panlongDeadlines()).map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
    await stack.worker!.get(StatisticsDeadlines).schedule();
    expect((await panlongDeadlines()).map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
    expect((await chain(panlongOffice, 'year=2026')).map((entry) => entry.importedFrom?.jurisdictionCode)).toEqual([PANLONG, PANLONG]);
  });

  it('R20: statistics:import brings in a year on the command line, as nobody in particular — the same checks, on the record', async () => {
    const panlong2021 = (await request(server).get(`/statistics/imports/template?year=2021`).set(panlongOffice.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
    const imported = await stack
      .api!.get(HistoryImportsService)
      .importYear(undefined, { year: 2021, jurisdictionCode: PANLONG, fileName: 'panlong-2021.xlsx', workbook: await filled(panlong2021, { 盘龙区合计: 12 }) });
    expect(imported).toMatchObject({ year: 2021, version: 1, rows: 1, importedBy: null });
    const body = await figures(panlongOffice, `year=2021&view=exact`);
    expect(body).toMatchObject({ source: 'imported', rows: [{ code: PANLONG, part: 'whole' }] });
    expect(assistedOf(body)).toEqual([12]);
    expect((await auditRecords(stack.database, `action = 'statistics.import' AND entity_id = $1`, [imported.id]))[0].actor_user_id).toBeNull();
  });
});

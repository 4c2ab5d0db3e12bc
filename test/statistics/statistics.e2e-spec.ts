/**
 * R20, R22: the year's figures, computed in PostgreSQL, exact inside the
 * reporting chain and de-identified where they leave it. The people and their
 * records are written straight into the database with the dates the figures
 * turn on; the clock stands on 2026-11-23, so 2026 is the current year (counted
 * to today) and 2025 a finished one.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { countRange, type LinearEquation } from '#app/statistics';
import { auditRecords, createOrganisation, createUser, signedIn, type Session } from '../support/access-fixtures.js';
import { TestClock } from '../support/clock.js';
import { binary, recordFile, type StatisticsFile } from '../support/statistics-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

const KUNMING = '530100';
const WUHUA = '530102'; // 五华区
const PANLONG = '530103'; // 盘龙区
const DALI = '532901'; // 大理市
const K = 11;
/** Medians and shares: no cells of an additivity. */
const MEASURES = ['daysToOutcome', 'daysFromDay90ToRegistration', 'greenChannelAcceptedInTime', 'schoolAgeEnrolled'];

interface Row {
  code: string;
  name: string;
  part: 'whole' | 'own' | 'child';
}
interface IndicatorFigures {
  indicator: string;
  values: (number | null)[];
  breakdowns: { dimension: string; categories: { category: string; values: (number | null)[] }[] }[];
}
interface Figures {
  year: number;
  view: 'exact' | 'published';
  asOfDay: string;
  yearComplete: boolean;
  rows: Row[];
  indicators: IndicatorFigures[];
  suppressedCells: number;
}

describe('R20: the year’s figures up the chain', () => {
  let stack: TestStack;
  let server: App;
  let supervisor: Session;
  let cityStatistician: Session;
  let provinceStatistician: Session;
  let countyCaseworker: Session;
  let school: Awaited<ReturnType<typeof signedIn>>;
  let wuhuaBureau: string;
  let legalAid: string;
  let recorder: string;

  /** A person and their file, with the states it went through and when. */
  const file = (jurisdictionCode: string, organisationId: string, input: StatisticsFile) => recordFile(stack.database, jurisdictionCode, organisationId, input);

  const figures = async (session: Session, query: string, status = 200): Promise<Figures> => {
    const response = await request(server).get(`/statistics/figures?${query}`).set(session.auth);
    expect({ status: response.status, body: response.status === status ? undefined : response.body }).toEqual({ status, body: undefined });
    return response.body as Figures;
  };
  const indicator = (body: Figures, id: string) => body.indicators.find((figures) => figures.indicator === id)!;
  const rowOf = (body: Figures, code: string, part: Row['part'] = 'child') => body.rows.findIndex((row) => row.code === code && row.part === part);
  const category = (body: Figures, id: string, dimension: string, name: string) =>
    indicator(body, id)
      .breakdowns.find((breakdown) => breakdown.dimension === dimension)!
      .categories.find((entry) => entry.category === name)!.values;

  beforeAll(async () => {
    stack = await startStack({ clock: new TestClock('2026-11-23') });
    server = stack.api!.getHttpServer();
    wuhuaBureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: WUHUA });
    const panlongBureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: PANLONG });
    const daliBureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: DALI });
    legalAid = await createOrganisation(stack.database, { kind: 'legal_aid_centre', jurisdictionCode: WUHUA });
    recorder = (await createUser(stack.database, { role: 'caseworker', organisationId: wuhuaBureau })).id;
    supervisor = await signedIn(server, stack.database, 'supervisor', { kind: 'civil_affairs_bureau', jurisdictionCode: KUNMING });
    cityStatistician = await signedIn(server, stack.database, 'statistician', { kind: 'joint_meeting_office', jurisdictionCode: KUNMING });
    provinceStatistician = await signedIn(server, stack.database, 'statistician', { kind: 'joint_meeting_office', jurisdictionCode: '530000' });
    countyCaseworker = await signedIn(server, stack.database, 'caseworker', { id: wuhuaBureau });
    school = await signedIn(server, stack.database, 'school_staff', { kind: 'school', jurisdictionCode: WUHUA });

    // 五华区: twelve girls received this year, still in care.
    const girls: string[] = [];
    for (let n = 0; n < 12; n += 1) {
      girls.push(
        await file(WUHUA, wuhuaBureau, {
          name: `统计女童${n}`,
          sex: 'female',
          born: ['2013-01-01', '2013-12-31'],
          states: [
            ['received', '2026-03-01T10:00:00+08:00'],
            ['in_care', '2026-03-02T10:00:00+08:00'],
          ],
        }),
      );
    }
    // Three women received last year: two went home this year, 254 and 334 days after intake; one is still in care.
    for (const home of ['2026-02-10T10:00:00+08:00', '2026-05-01T10:00:00+08:00', null]) {
      await file(WUHUA, wuhuaBureau, {
        name: '统计成年人',
        sex: 'female',
        born: ['1990-01-01', '1990-12-31'],
        states: [['received', '2025-06-01T10:00:00+08:00'], ['in_care', '2025-06-02T10:00:00+08:00'], ...(home ? [['reunified', home] as [string, string]] : [])],
      });
    }
    // Closed in 2024: in neither year.
    await file(WUHUA, wuhuaBureau, {
      name: '统计已结案',
      sex: 'female',
      born: ['1995-01-01', '1995-12-31'],
      states: [
        ['received', '2023-03-01T10:00:00+08:00'],
        ['closed', '2024-05-01T10:00:00+08:00'],
      ],
      closedAt: '2024-05-01T10:00:00+08:00',
    });
    // 盘龙区: a foreign girl an institution found, and a boy.
    await file(PANLONG, panlongBureau, {
      name: '统计外籍女童',
      sex: 'female',
      born: ['2011-01-01', '2011-12-31'],
      nationality: 'VN',
      intakeKind: 'institution_discovery',
      states: [['received', '2026-04-01T10:00:00+08:00']],
    });
    await file(PANLONG, panlongBureau, { name: '统计男童', sex: 'male', born: ['2012-01-01', '2012-12-31'], states: [['received', '2026-04-02T10:00:00+08:00']] });
    // 大理市, in another city.
    await file(DALI, daliBureau, { name: '统计大理', sex: 'female', born: ['2010-01-01', '2010-12-31'], states: [['received', '2026-05-01T10:00:00+08:00']] });

    // R18: a green-channel case accepted within its three working days.
    const [referral] = await stack.database.query<{ id: string }>(
      `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, green_channel, accept_by, created_by, created_at, sent_at, decided_at)
       VALUES ($1, 'legal_aid', $2, $3, '追索赔偿', 'accepted', true, '2026-03-10T17:00:00+08:00', $4, '2026-03-05T09:00:00+08:00', '2026-03-05T10:00:00+08:00', '2026-03-06T10:00:00+08:00')
       RETURNING id`,
      [girls[0], legalAid, wuhuaBureau, recorder],
    );
    await stack.database.query(
      `INSERT INTO referral_history (referral_id, event, from_status, to_status, at)
       VALUES ($1, 'send', 'draft', 'sent', '2026-03-05T10:00:00+08:00'), ($1, 'accept', 'sent', 'accepted', '2026-03-06T10:00:00+08:00')`,
      [referral.id],
    );
    // R14: one girl enrolled at school.
    const [schooling] = await stack.database.query<{ id: string }>(
      `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, created_by, created_at, sent_at)
       VALUES ($1, 'schooling', $2, $3, '入学', 'in_progress', $4, '2026-03-10T09:00:00+08:00', '2026-03-10T10:00:00+08:00') RETURNING id`,
      [girls[2], school.organisationId, wuhuaBureau, recorder],
    );
    await stack.database.query(`INSERT INTO enrolment (referral_id, file_id, school_id, grade, enrolled_on, recorded_by) VALUES ($1, $2, $3, '六年级', '2026-03-20', $4)`, [
      schooling.id,
      girls[2],
      school.organisationId,
      recorder,
    ]);
    // R17: one visit made late, one not made, one not yet due.
    await stack.database.query(`INSERT INTO followup_plan (file_id, starts_on, ends_on, status) VALUES ($1, '2026-08-01', '2029-08-01', 'active')`, [girls[1]]);
    await stack.database.query(
      `INSERT INTO followup_visit (file_id, seq, due_on, status, visited_on) VALUES ($1, 1, '2026-09-01', 'done', '2026-09-05'), ($1, 2, '2026-10-01', 'scheduled', NULL),
              ($1, 3, '2026-12-20', 'scheduled', NULL)`,
      [girls[1]],
    );
  });
  afterAll(() => stack?.close());

  it('R20: the city’s exact figures count the people assisted by every breakdown, the outcomes with their median, referrals and visits — for the city, its own bureau and each county', async () => {
    const body = await figures(supervisor, `year=2026&jurisdictionCode=${KUNMING}&view=exact`);
    expect(body).toMatchObject({ year: 2026, view: 'exact', asOfDay: '2026-11-23', yearComplete: false, suppressedCells: 0 });
    expect(body.rows.slice(0, 2)).toEqual([
      { code: KUNMING, name: '昆明市', part: 'whole' },
      { code: KUNMING, name: '昆明市本级', part: 'own' },
    ]);
    const [whole, own, wuhua, panlong] = [rowOf(body, KUNMING, 'whole'), rowOf(body, KUNMING, 'own'), rowOf(body, WUHUA), rowOf(body, PANLONG)];
    const at = (values: (number | null)[]) => [values[whole], values[own], values[wuhua], values[panlong]];

    expect(at(indicator(body, 'assisted').values)).toEqual([17, 0, 15, 2]);
    expect(at(category(body, 'assisted', 'status', 'new'))).toEqual([14, 0, 12, 2]);
    expect(at(category(body, 'assisted', 'status', 'continuing'))).toEqual([3, 0, 3, 0]);
    expect(at(category(body, 'assisted', 'sex', 'male'))).toEqual([1, 0, 0, 1]);
    expect(at(category(body, 'assisted', 'minor', 'adult'))).toEqual([3, 0, 3, 0]);
    expect(at(category(body, 'assisted', 'ageBand', '6-15'))).toEqual([14, 0, 12, 2]);
    expect(at(category(body, 'assisted', 'origin', 'foreign'))).toEqual([1, 0, 0, 1]);
    expect(at(category(body, 'assisted', 'intakeKind', 'institution_discovery'))).toEqual([1, 0, 0, 1]);
    // Every breakdown adds up to the total, in every row.
    for (const breakdown of indicator(body, 'assisted').breakdowns) {
      const sums = body.rows.map((_, row) => breakdown.categories.reduce((sum, entry) => sum + entry.values[row]!, 0));
      expect({ dimension: breakdown.dimension, sums }).toEqual({ dimension: breakdown.dimension, sums: indicator(body, 'assisted').values });
    }
    expect(at(category(body, 'outcomes', 'outcome', 'reunified'))).toEqual([2, 0, 2, 0]);
    expect(at(indicator(body, 'daysToOutcome').values)).toEqual([294, null, 294, null]);
    expect(at(indicator(body, 'inCareAtYearEnd').values)).toEqual([15, 0, 13, 2]);
    expect(at(category(body, 'referralsSent', 'kind', 'legal_aid'))).toEqual([1, 0, 1, 0]);
    expect(at(indicator(body, 'greenChannelCases').values)).toEqual([1, 0, 1, 0]);
    expect(at(indicator(body, 'greenChannelAcceptedInTime').values)).toEqual([100, null, 100, null]);
    // Due by today: two (the third falls due in December); one made late and one not made are both overdue.
    expect(at(indicator(body, 'visitsDue').values)).toEqual([2, 0, 2, 0]);
    expect(at(indicator(body, 'visitsDone').values)).toEqual([1, 0, 1, 0]);
    expect(at(indicator(body, 'visitsOverdue').values)).toEqual([2, 0, 2, 0]);
    expect(at(indicator(body, 'schoolAgeChildren').values)).toEqual([14, 0, 12, 2]);
    expect(at(indicator(body, 'schoolAgeEnrolled').values)).toEqual([7.1, null, 8.3, 0]);
    expect(at(category(body, 'referralsSent', 'kind', 'schooling'))).toEqual([1, 0, 1, 0]);
    // Aggregates only: no person's name, id or file reference travels.
    expect(JSON.stringify(body)).not.toMatch(/统计|S-[0-9a-f]{10}/);
  });

  it('R20: a finished year counts only what happened in it: 2025 holds the three women received then, and nothing closed before it', async () => {
    const body = await figures(countyCaseworker, 'year=2025&view=exact');
    expect(body).toMatchObject({ year: 2025, asOfDay: '2025-12-31', yearComplete: true, rows: [{ code: WUHUA, name: '五华区', part: 'whole' }] });
    expect(indicator(body, 'assisted').values).toEqual([3]);
    expect(indicator(body, 'outcomes').values).toEqual([0]);
    expect(indicator(body, 'inCareAtYearEnd').values).toEqual([3]);
  });

  it('R20, R22: published figures suppress every count from 1 to k−1 and the cells that would give one away; zeros stay zeros, and a linear-programming attack on the table finds at least three possible values for each small count', async () => {
    const exact = await figures(cityStatistician, `year=2026&jurisdictionCode=${KUNMING}&view=exact`);
    const published = await figures(cityStatistician, `year=2026&jurisdictionCode=${KUNMING}`);
    expect(published.view).toBe('published');
    expect(published.suppressedCells).toBeGreaterThan(0);
    expect(published.rows).toEqual(exact.rows);
    const panlong = rowOf(published, PANLONG);
    expect(indicator(published, 'assisted').values[panlong]).toBeNull();
    // Medians and shares on fewer than k people are not shown.
    expect(indicator(published, 'daysToOutcome').values.every((value) => value === null)).toBe(true);
    expect(indicator(published, 'greenChannelAcceptedInTime').values.every((value) => value === null)).toBe(true);
    // 1 of the city's 14 school-age children enrolled: 7.1 % would tell the one (measures.ts).
    expect(indicator(published, 'schoolAgeEnrolled').values[0]).toBeNull();

    // The attack: the table's own additivities (a jurisdiction = its own units + those below; a total = each breakdown's categories).
    const cells: { exact: number; shown: number | null }[] = [];
    const equations: LinearEquation[] = [];
    const unknowns = new Map<number, number>();
    const cell = (exactValue: number, shown: number | null) => {
      cells.push({ exact: exactValue, shown });
      if (shown === null) unknowns.set(cells.length - 1, unknowns.size);
      return cells.length - 1;
    };
    const equation = (total: number, parts: number[]) => {
      const built: LinearEquation = { terms: [], constant: 0 };
      for (const [index, sign] of [[total, -1] as const, ...parts.map((part) => [part, 1] as const)]) {
        if (unknowns.has(index)) built.terms.push({ unknown: unknowns.get(index)!, coefficient: sign });
        else built.constant -= sign * cells[index].shown!;
      }
      equations.push(built);
    };
    const cellsOf = new Map<string, number[]>();
    for (const figures of published.indicators.filter((entry) => !MEASURES.includes(entry.indicator))) {
      const exactFigures = indicator(exact, figures.indicator);
      const totals = figures.values.map((shown, row) => cell(exactFigures.values[row]!, shown));
      cellsOf.set(figures.indicator, totals);
      equation(totals[0], totals.slice(1));
      for (const breakdown of figures.breakdowns) {
        const exactBreakdown = exactFigures.breakdowns.find((entry) => entry.dimension === breakdown.dimension)!;
        const parts = breakdown.categories.map((entry, at) => {
          const values = entry.values.map((shown, row) => cell(exactBreakdown.categories[at].values[row]!, shown));
          cellsOf.set(`${figures.indicator}|${breakdown.dimension}|${entry.category}`, values);
          return values;
        });
        published.rows.forEach((_, row) =>
          equation(
            totals[row],
            parts.map((values) => values[row]),
          ),
        );
        parts.forEach((values) => equation(values[0], values.slice(1)));
      }
    }
    // Green-channel cases are the legal aid referrals sent.
    published.rows.forEach((_, row) => equation(cellsOf.get('greenChannelCases')![row], [cellsOf.get('referralsSent|kind|legal_aid')![row]]));
    const bounds = [...unknowns.keys()].map(() => ({ lower: 1, upper: Infinity }));
    let attacked = 0;
    for (const [index, unknown] of unknowns) {
      const { exact: value } = cells[index];
      expect({ index, value, shown: cells[index].shown }).toEqual({ index, value, shown: null });
      if (value >= K) continue;
      const { min, max } = await countRange(unknown, equations, bounds);
      expect({ value, possible: max - min + 1 >= 3 }).toEqual({ value, possible: true });
      attacked += 1;
    }
    expect(attacked).toBeGreaterThan(0);
    // What is shown is true, zeros included; small counts are never shown.
    for (const { exact: value, shown } of cells) {
      if (shown !== null) expect(shown).toBe(value);
      if (value > 0 && value < K) expect(shown).toBeNull();
      if (value === 0) expect(shown).toBe(0);
    }
  });

  it('R20: the province’s statistician sees the province, its own level and each city; the city’s is refused the province, on the record', async () => {
    const province = await figures(provinceStatistician, 'year=2026&view=exact');
    expect(province.rows.slice(0, 2).map((row) => row.part)).toEqual(['whole', 'own']);
    expect(province.rows.filter((row) => row.part === 'child').map((row) => row.code)).toContain(KUNMING);
    expect(indicator(province, 'assisted').values[rowOf(province, KUNMING)]).toBe(17);
    expect(indicator(province, 'assisted').values[0]).toBe(18);

    const refused = await request(server).get('/statistics/figures?year=2026&jurisdictionCode=530000&view=exact').set(cityStatistician.auth).expect(403);
    expect(refused.body.error).toMatchObject({ code: 'OUTSIDE_JURISDICTION', details: [expect.objectContaining({ field: 'jurisdictionCode' })] });
    const denials = await auditRecords(stack.database, `action = 'statistics.read' AND outcome = 'denied'`);
    expect(denials).toEqual([expect.objectContaining({ details: { year: 2026, jurisdictionCode: '530000', view: 'exact' } })]);
    const reads = await auditRecords(stack.database, `action = 'statistics.read' AND outcome = 'allowed'`);
    expect(reads.length).toBeGreaterThanOrEqual(5);

    // A partner has no statistics.
    const partner = await request(server).get('/statistics/figures?year=2026').set(school.auth).expect(403);
    expect(partner.body.error.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('R20: a year not begun, a year before the plan and an unknown division are refused with the field named', async () => {
    const future = await request(server).get('/statistics/figures?year=2027').set(supervisor.auth).expect(422);
    expect(future.body.error).toMatchObject({ code: 'YEAR_NOT_BEGUN', details: [expect.objectContaining({ field: 'year' })] });
    const early = await request(server).get('/statistics/figures?year=2020').set(supervisor.auth);
    expect(early.status).toBeGreaterThanOrEqual(400);
    expect(early.status).toBeLessThan(500);
    expect(early.body.error.details).toEqual([expect.objectContaining({ field: 'year' })]);
    const unknown = await request(server).get('/statistics/figures?year=2026&jurisdictionCode=990000').set(supervisor.auth).expect(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_JURISDICTION', details: [expect.objectContaining({ field: 'jurisdictionCode' })] });
  });

  it('R20: the indicator catalogue names each figure’s definition, unit and rules, in Chinese and English', async () => {
    const response = await request(server).get('/statistics/indicators').set(cityStatistician.auth).expect(200);
    expect(response.body).toMatchObject({ minCell: K, firstYear: 2021, currentYear: 2026 });
    const ids = (response.body.indicators as { id: string }[]).map((entry) => entry.id);
    expect(ids).toEqual(expect.arrayContaining(['assisted', 'outcomes', 'daysToOutcome', 'referralsOverdue', 'greenChannelAcceptedInTime', 'visitsOverdue', 'escalations']));
    for (const entry of response.body.indicators as { id: string; rules: string[]; definition: { zh: string; en: string }; title: { zh: string } }[]) {
      expect({ id: entry.id, rules: entry.rules.length > 0, zh: /[\u4e00-\u9fff]/.test(entry.definition.zh + entry.title.zh), en: entry.definition.en.length > 0 }).toEqual({
        id: entry.id,
        rules: true,
        zh: true,
        en: true,
      });
    }
  });

  it('R20, R22: the export is the published figures only — a 统计报表 workbook with its frame, tables, notes and definitions, and a CSV — on the record', async () => {
    const xlsx = await request(server).get(`/statistics/export?year=2026&jurisdictionCode=${KUNMING}`).set(cityStatistician.auth).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename="huijia-statistics-530100-2026\.xlsx"; filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    // exceljs declares a Buffer of its own (an ArrayBuffer); it reads a Node buffer.
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '表1 救助情况',
      '表2 安置、寻亲与落户',
      '表3 转介与法律援助',
      '表4 入学、就业与回访',
      '表5 转介分类',
      '指标说明',
    ]);
    const sheet = workbook.worksheets[0];
    const texts = (sheet.getSheetValues() as unknown[][]).flat().filter((value): value is string => typeof value === 'string');
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining('昆明市被解救人员救助安置工作年度统计表（2026年）'),
        '表号：回家统计R20-1',
        expect.stringContaining('统计期：2026年1月1日至2026年11月23日'),
        '辖区',
        '救助人数（人）',
        '新接收/续接',
        '未成年人',
        expect.stringContaining('“*”表示已隐去的数值'),
        expect.stringContaining('单位负责人'),
      ]),
    );
    // 盘龙区's two people are withheld, as on the published page.
    const panlong = sheet.getColumn(1).values.findIndex((value) => value === '盘龙区');
    expect(sheet.getRow(panlong).getCell(2).value).toBe('*');
    expect(workbook.getWorksheet('指标说明')!.rowCount).toBe(1 + 23);
    expect(JSON.stringify(texts)).not.toMatch(/统计女童|统计外籍/);

    const csv = await request(server).get(`/statistics/export?year=2026&jurisdictionCode=${KUNMING}&format=csv`).set(cityStatistician.auth).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFFyear,jurisdictionCode,jurisdiction,part,indicator')).toBe(true);
    expect(csv.text).toContain(`2026,${PANLONG},盘龙区,child,assisted,救助人数,,,,*,人`);
    expect(csv.text).not.toMatch(/统计女童|统计外籍/);
    // Nothing else can be exported: there is no exact export.
    const exact = await request(server).get(`/statistics/export?year=2026&view=exact`).set(cityStatistician.auth).expect(422);
    expect(exact.body.error.details).toEqual([expect.objectContaining({ field: 'view' })]);

    const exports = await auditRecords(stack.database, `action = 'statistics.export' AND outcome = 'allowed'`);
    expect(exports.map((record) => record.details)).toEqual([
      { year: 2026, jurisdictionCode: KUNMING, view: 'published' },
      { year: 2026, jurisdictionCode: KUNMING, view: 'published' },
    ]);
  });
});

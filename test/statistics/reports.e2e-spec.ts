/**
 * R20, R21: the reporting chain's first step. A county bureau's supervisor
 * submits its ended year to the county's joint-meeting office as a frozen
 * snapshot; the office returns it for correction or accepts it; a correction
 * is a new version with its reason; every step is on the record, and not even
 * the application's own database role can rewrite a submitted report. The
 * clock stands on 2027-01-10, so 2026 has ended.
 */
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { asApp, auditRecords, createOrganisation, PERMISSION_DENIED, signedIn, type Session } from '../support/access-fixtures.js';
import { TestClock } from '../support/clock.js';
import { startStack, type TestStack } from '../support/test-context.js';

const WUHUA = '530102';

interface Report {
  id: string;
  version: number;
  status: string;
  latest: boolean;
  correctionReason: string | null;
  review: { decision: string; reason: string | null } | null;
  figures: { indicators: { indicator: string; values: (number | null)[] }[]; view: string };
}

describe('R20: a bureau’s year up the chain', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let supervisor: Session;
  let countyOffice: Session;
  let cityOffice: Session;
  let elsewhere: Session;

  async function fileOpened(openedAt: string): Promise<void> {
    const [person] = await stack.database.query<{ id: string }>(
      `INSERT INTO person (name, sex, birth_date_from, birth_date_to, identity_status) VALUES ('报表测试', 'female', '2012-01-01', '2012-12-31', 'unknown') RETURNING id`,
    );
    const [file] = await stack.database.query<{ id: string }>(
      `INSERT INTO victim_file (reference, state, person_id, intake_kind, place_code, responsible_jurisdiction_code, responsible_organisation_id, opened_at)
       VALUES ('R-' || substr(md5(random()::text), 1, 10), 'in_care', $1, 'police_handover', $2, $2, $3, $4) RETURNING id`,
      [person.id, WUHUA, bureau, openedAt],
    );
    await stack.database.query(`INSERT INTO file_history (file_id, event, to_state, at) VALUES ($1, 'opened', 'in_care', $2)`, [file.id, openedAt]);
  }

  const assisted = (report: Report) => report.figures.indicators.find((entry) => entry.indicator === 'assisted')!.values[0];
  const submit = (body: object) => request(server).post('/statistics/reports').set(supervisor.auth).send(body);
  const NARRATIVE = '2026 年度五华区民政局开展被解救人员救助安置工作情况总结。';

  beforeAll(async () => {
    stack = await startStack({ clock: new TestClock('2027-01-10') });
    server = stack.api!.getHttpServer();
    bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: WUHUA });
    supervisor = await signedIn(server, stack.database, 'supervisor', { id: bureau });
    countyOffice = await signedIn(server, stack.database, 'statistician', { kind: 'joint_meeting_office', jurisdictionCode: WUHUA });
    cityOffice = await signedIn(server, stack.database, 'statistician', { kind: 'joint_meeting_office', jurisdictionCode: '530100' });
    elsewhere = await signedIn(server, stack.database, 'supervisor', { kind: 'civil_affairs_bureau', jurisdictionCode: '532901' });
    await fileOpened('2026-03-01T10:00:00+08:00');
  });
  afterAll(() => stack?.close());

  let first: Report;

  it('R20: a bureau submits its ended year — the exact figures frozen with its narrative; data recorded later leaves the report as it was', async () => {
    const current = await submit({ year: 2027, narrative: NARRATIVE }).expect(422);
    expect(current.body.error).toMatchObject({ code: 'YEAR_NOT_ENDED', details: [expect.objectContaining({ field: 'year' })] });

    first = (await submit({ year: 2026, narrative: NARRATIVE }).expect(201)).body as Report;
    expect(first).toMatchObject({ version: 1, status: 'submitted', latest: true, correctionReason: null, review: null, figures: { view: 'exact' } });
    expect(assisted(first)).toBe(1);

    // A file of 2026 recorded late: the live figures change, the submitted report does not.
    await fileOpened('2026-06-01T10:00:00+08:00');
    const live = await request(server).get('/statistics/figures?year=2026&view=exact').set(supervisor.auth).expect(200);
    expect(live.body.indicators.find((entry: { indicator: string }) => entry.indicator === 'assisted').values[0]).toBe(2);
    const frozen = (await request(server).get(`/statistics/reports/${first.id}`).set(countyOffice.auth).expect(200)).body as Report;
    expect(assisted(frozen)).toBe(1);

    const again = await submit({ year: 2026, narrative: NARRATIVE }).expect(409);
    expect(again.body.error.code).toBe('REPORT_UNDER_REVIEW');
  });

  it('R20: only the office of its own level reviews it; returned with a reason, corrected as version 2 with a reason, then accepted — each version kept', async () => {
    const city = await request(server).post(`/statistics/reports/${first.id}/accept`).set(cityOffice.auth).expect(403);
    expect(city.body.error.code).toBe('NOT_THE_RECEIVING_OFFICE');
    await request(server).post(`/statistics/reports/${first.id}/accept`).set(elsewhere.auth).expect(403);

    const noReason = await request(server).post(`/statistics/reports/${first.id}/return`).set(countyOffice.auth).send({}).expect(422);
    expect(noReason.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    const returned = (await request(server).post(`/statistics/reports/${first.id}/return`).set(countyOffice.auth).send({ reason: '漏报六月接收的一人' }).expect(200))
      .body as Report;
    expect(returned).toMatchObject({ status: 'returned', review: { decision: 'returned', reason: '漏报六月接收的一人' } });
    const twice = await request(server).post(`/statistics/reports/${first.id}/accept`).set(countyOffice.auth).expect(409);
    expect(twice.body.error.code).toBe('REPORT_ALREADY_REVIEWED');

    const unexplained = await submit({ year: 2026, narrative: NARRATIVE }).expect(422);
    expect(unexplained.body.error).toMatchObject({ code: 'CORRECTION_REASON_REQUIRED', details: [expect.objectContaining({ field: 'correctionReason' })] });
    const second = (await submit({ year: 2026, narrative: NARRATIVE, correctionReason: '补报六月接收的一人' }).expect(201)).body as Report;
    expect(second).toMatchObject({ version: 2, status: 'submitted', latest: true, correctionReason: '补报六月接收的一人' });
    expect(assisted(second)).toBe(2);

    const superseded = await request(server).post(`/statistics/reports/${first.id}/accept`).set(countyOffice.auth).expect(409);
    expect(superseded.body.error.code).toBe('REPORT_SUPERSEDED');
    const accepted = (await request(server).post(`/statistics/reports/${second.id}/accept`).set(countyOffice.auth).expect(200)).body as Report;
    expect(accepted).toMatchObject({ status: 'accepted', review: { decision: 'accepted', reason: null } });

    const list = await request(server).get('/statistics/reports?year=2026').set(cityOffice.auth).expect(200);
    expect(list.body.items.map((report: Report) => [report.version, report.status, report.latest])).toEqual([
      [2, 'accepted', true],
      [1, 'returned', false],
    ]);
  });

  it('R20, R22: a report outside one’s jurisdiction is not found, as one that does not exist', async () => {
    const outside = await request(server).get(`/statistics/reports/${first.id}`).set(elsewhere.auth).expect(404);
    expect(outside.body.error.code).toBe('REPORT_NOT_FOUND');
    await request(server).get('/statistics/reports/00000000-0000-4000-8000-000000000000').set(countyOffice.auth).expect(404);
    expect((await request(server).get('/statistics/reports').set(elsewhere.auth).expect(200)).body.items).toEqual([]);
  });

  it('R21: every step is on the record, and huijia_app can neither change nor remove a submitted report or its review', async () => {
    const steps = await auditRecords(stack.database, `action LIKE 'statistics.report\\_%' AND action <> 'statistics.report_read' AND outcome = 'allowed'`);
    expect(steps.map((record) => [record.action, record.details.version])).toEqual([
      ['statistics.report_submit', 1],
      ['statistics.report_return', 1],
      ['statistics.report_submit', 2],
      ['statistics.report_accept', 2],
    ]);
    const statements = [`UPDATE statistics_report SET narrative = 'rewritten'`, 'DELETE FROM statistics_report_review', 'TRUNCATE statistics_report CASCADE'];
    expect(await asApp(stack.database.url, statements)).toEqual(statements.map((sql) => ({ sql, code: PERMISSION_DENIED })));
  });
});

/**
 * R20, P-35: the reporting chain county → city → province. Each bureau
 * reports its year to the joint-meeting office of its level; each office,
 * once it has accepted what it summarises, submits its summary to the office
 * above — added up from the frozen reports, medians included, never from live
 * data; the province's goes to the provincial government. The chain's status
 * shows who has submitted and who is late (STATS_DEADLINES: county 01-15,
 * city 01-31), and each step reaches the inbox of the office it goes to.
 */
import request from 'supertest';
import { ReminderScheduler } from '#app/followup';
import { OutboxRelay } from '#app/platform';
import { StatisticsDeadlines } from '#app/statistics';
import type { App } from 'supertest/types.js';
import { auditRecords, createOrganisation, login, signedIn, type Session } from '../support/access-fixtures.js';
import { TestClock } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { recordFile } from '../support/statistics-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

const YUNNAN = '530000';
const KUNMING = '530100';
const WUHUA = '530102';
const PANLONG = '530103';

interface Report {
  id: string;
  kind: string;
  version: number;
  status: string;
  jurisdiction: { code: string };
  figures: { rows: { code: string; part: string }[]; indicators: { indicator: string; values: (number | null)[] }[] };
  sources: { id: string; kind: string; jurisdiction: { code: string } }[];
}

interface Chain {
  entries: {
    jurisdiction: { code: string };
    kind: string;
    organisation: string;
    receiver: string | null;
    dueOn: string;
    late: boolean;
    report: { id: string; status: string } | null;
  }[];
}

describe('R20: the year reported up the chain, county → city → province', () => {
  let stack: TestStack;
  let server: App;
  const bureaus: Record<string, string> = {};
  const supervisors: Record<string, Session & { username: string }> = {};
  const offices: Record<string, Session & { username: string; userId: string }> = {};

  const NARRATIVE = '2026 年度被解救人员救助安置工作情况总结。';
  const valuesOf = (report: Report, indicator: string) => report.figures.indicators.find((entry) => entry.indicator === indicator)!.values;
  const submitBureau = (code: string, body: object = { year: 2026, narrative: NARRATIVE }) => request(server).post('/statistics/reports').set(supervisors[code].auth).send(body);
  const submitSummary = (code: string, body: object = { year: 2026, narrative: NARRATIVE }) => request(server).post('/statistics/summaries').set(offices[code].auth).send(body);
  const accept = (office: string, id: string) => request(server).post(`/statistics/reports/${id}/accept`).set(offices[office].auth);
  const chain = async (session: Session, query = 'year=2026'): Promise<Chain> =>
    (await request(server).get(`/statistics/chain?${query}`).set(session.auth).expect(200)).body as Chain;
  const entryOf = (body: Chain, code: string, kind: string) => body.entries.find((entry) => entry.jurisdiction.code === code && entry.kind === kind)!;

  /** One reunified in `code`, `days` after intake. */
  async function reunified(code: string, days: number): Promise<void> {
    const opened = new Date('2026-03-01T10:00:00+08:00');
    await recordFile(stack.database, code, bureaus[code], {
      name: '链测试',
      sex: 'female',
      born: ['2012-01-01', '2012-12-31'],
      states: [
        ['in_care', opened.toISOString()],
        ['reunified', new Date(opened.getTime() + days * 86_400_000).toISOString()],
      ],
      closedAt: new Date(opened.getTime() + days * 86_400_000).toISOString(),
    });
  }

  beforeAll(async () => {
    stack = await startStack({
      clock: new TestClock('2027-01-10'),
      worker: true,
      overrides: { REMINDER_RELAY_INTERVAL_MS: '100', RECONCILE_INTERVAL_MS: '500', ESCALATION_SCAN_INTERVAL_MS: '200', ESCALATION_GRACE_HOURS: '0.0005' },
    });
    server = stack.api!.getHttpServer();
    stack.worker!.get(OutboxRelay).start();
    const names: Record<string, string> = { [YUNNAN]: '云南省', [KUNMING]: '昆明市', [WUHUA]: '五华区', [PANLONG]: '盘龙区' };
    for (const code of [KUNMING, WUHUA, PANLONG]) {
      bureaus[code] = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: code, name: `${names[code]}民政局` });
      supervisors[code] = await signedIn(server, stack.database, 'supervisor', { id: bureaus[code] });
    }
    for (const code of [YUNNAN, KUNMING, WUHUA, PANLONG]) {
      const office = await createOrganisation(stack.database, { kind: 'joint_meeting_office', jurisdictionCode: code, name: `${names[code]}反拐联席会议办公室` });
      offices[code] = await signedIn(server, stack.database, 'statistician', { id: office });
    }
    await reunified(WUHUA, 10);
    await reunified(WUHUA, 12);
    await reunified(PANLONG, 30);
    await reunified(KUNMING, 20);
    await stack.worker!.get(StatisticsDeadlines).schedule();
  });
  afterAll(() => stack?.close());

  let wuhuaBureau: Report;
  let wuhuaSummary: Report;

  it('R20: every bureau and office holds its deadline as a reminder — the county’s day, the city’s, the province’s — and submitting ends it', async () => {
    const deadlines = async () =>
      stack.database.query<{ dedupe_key: string; due_at: Date; status: string; assignee_organisation_id: string }>(
        `SELECT dedupe_key, due_at, status, assignee_organisation_id FROM reminder WHERE kind = 'statistics_deadline' AND dedupe_key LIKE 'statistics:2026:%' ORDER BY dedupe_key`,
      );
    expect((await deadlines()).map((row) => `${row.dedupe_key} ${row.due_at.toISOString()} ${row.status}`)).toEqual([
      `statistics:2026:${YUNNAN}:summary 2027-02-28T01:00:00.000Z scheduled`,
      `statistics:2026:${KUNMING}:bureau 2027-01-31T01:00:00.000Z scheduled`,
      `statistics:2026:${KUNMING}:summary 2027-01-31T01:00:00.000Z scheduled`,
      `statistics:2026:${WUHUA}:bureau 2027-01-15T01:00:00.000Z scheduled`,
      `statistics:2026:${WUHUA}:summary 2027-01-15T01:00:00.000Z scheduled`,
      `statistics:2026:${PANLONG}:bureau 2027-01-15T01:00:00.000Z scheduled`,
      `statistics:2026:${PANLONG}:summary 2027-01-15T01:00:00.000Z scheduled`,
    ]);
    expect((await deadlines()).find((row) => row.dedupe_key.endsWith(`${WUHUA}:bureau`))!.assignee_organisation_id).toBe(bureaus[WUHUA]);
    // Kept in line again: nothing is scheduled twice.
    await stack.worker!.get(StatisticsDeadlines).schedule();
    expect(await deadlines()).toHaveLength(7);

    wuhuaBureau = (await submitBureau(WUHUA).expect(201)).body as Report;
    expect((await deadlines()).find((row) => row.dedupe_key.endsWith(`${WUHUA}:bureau`))!.status).toBe('cancelled');
  });

  it('R20: a county office summarises only what it has accepted — its bureau’s frozen report — and sends it to the city’s office, which is told', async () => {
    expect(wuhuaBureau).toMatchObject({ kind: 'bureau', status: 'submitted', sources: [] });

    const early = await submitSummary(WUHUA).expect(409);
    expect(early.body.error.code).toBe('SUMMARY_SOURCES_PENDING');
    expect(early.body.error.details).toEqual([{ field: 'sources', reason: '五华区民政局：待审核 / awaiting review' }]);
    // A bureau reports; an office summarises — not the other way round.
    expect((await request(server).post('/statistics/summaries').set(supervisors[WUHUA].auth).send({ year: 2026, narrative: NARRATIVE }).expect(403)).body.error.code).toBe(
      'ROLE_NOT_ALLOWED',
    );

    await accept(WUHUA, wuhuaBureau.id).expect(200);
    wuhuaSummary = (await submitSummary(WUHUA).expect(201)).body as Report;
    expect(wuhuaSummary).toMatchObject({ kind: 'summary', status: 'submitted', version: 1, jurisdiction: { code: WUHUA } });
    expect(wuhuaSummary.sources).toEqual([expect.objectContaining({ id: wuhuaBureau.id, kind: 'bureau' })]);
    expect(valuesOf(wuhuaSummary, 'assisted')).toEqual([2]);
    expect(valuesOf(wuhuaSummary, 'daysToOutcome')).toEqual([11]);

    // The county's summary goes to the city: the county's own office does not review it.
    expect((await accept(WUHUA, wuhuaSummary.id).expect(403)).body.error.code).toBe('NOT_THE_RECEIVING_OFFICE');
    const inbox = await eventually(async () => {
      const body = (await request(server).get('/me/notifications').set(offices[KUNMING].auth).expect(200)).body as { items: { kind: string; title: string; subjectId: string }[] };
      return body.items.find((item) => item.subjectId === wuhuaSummary.id) ?? false;
    });
    expect(inbox).toMatchObject({
      kind: 'statistics_report_submitted',
      title: '2026 年度汇总报表待审核：五华区反拐联席会议办公室（第 1 版） / 2026 summary to review: 五华区反拐联席会议办公室 (version 1)',
    });
    await accept(KUNMING, wuhuaSummary.id).expect(200);
    // The bureau's supervisor hears that the county's office accepted the report.
    await eventually(async () => {
      const body = (await request(server).get('/me/notifications').set(supervisors[WUHUA].auth).expect(200)).body as { items: { kind: string; subjectId: string }[] };
      return body.items.some((item) => item.kind === 'statistics_report_accepted' && item.subjectId === wuhuaBureau.id);
    });
  });

  it('R20: the chain at a glance — who has submitted, to whom, by when; after 15 January a county that has not reported is late — reminded that morning, escalated to the city’s office — and stays marked late once it does', async () => {
    const before = await chain(offices[KUNMING]);
    expect(before.entries.map((entry) => `${entry.jurisdiction.code} ${entry.kind}`)).toEqual([
      `${KUNMING} bureau`,
      `${KUNMING} summary`,
      `${WUHUA} bureau`,
      `${WUHUA} summary`,
      `${PANLONG} bureau`,
      `${PANLONG} summary`,
    ]);
    expect(entryOf(before, WUHUA, 'summary')).toMatchObject({
      receiver: '昆明市反拐联席会议办公室',
      dueOn: '2027-01-15',
      late: false,
      report: { id: wuhuaSummary.id, status: 'accepted' },
    });
    expect(entryOf(before, PANLONG, 'bureau')).toMatchObject({ receiver: '盘龙区反拐联席会议办公室', report: null, late: false });
    expect(entryOf(before, KUNMING, 'summary')).toMatchObject({ receiver: '云南省反拐联席会议办公室', dueOn: '2027-01-31' });
    // A county office sees its own county; another county is outside it.
    expect((await chain(offices[WUHUA])).entries.map((entry) => entry.jurisdiction.code)).toEqual([WUHUA, WUHUA]);
    const outside = await request(server).get(`/statistics/chain?year=2026&jurisdictionCode=${PANLONG}`).set(offices[WUHUA].auth).expect(403);
    expect(outside.body.error.code).toBe('OUTSIDE_JURISDICTION');

    stack.clock.set('2027-01-20');
    for (const session of [...Object.values(supervisors), ...Object.values(offices)]) Object.assign(session, await login(server, session.username));
    // The day has passed: 盘龙's office was reminded, and — nobody acting on it — the city's office hears of it (P-35).
    stack.worker!.get(ReminderScheduler).start();
    type Notice = { kind: string; title: string; escalationLevel: number };
    const noticesOf = async (session: Session) => ((await request(server).get('/me/notifications').set(session.auth).expect(200)).body as { items: Notice[] }).items;
    const reminded = await eventually(async () => (await noticesOf(offices[PANLONG])).find((notice) => notice.kind === 'statistics_deadline') ?? false);
    expect(reminded.title).toContain('2026 年度汇总报表须于 2027-01-15 前报送昆明市反拐联席会议办公室（盘龙区反拐联席会议办公室）');
    await eventually(
      async () =>
        (await noticesOf(offices[KUNMING])).some(
          (notice) => notice.kind === 'statistics_deadline' && notice.escalationLevel === 2 && notice.title.includes('盘龙区反拐联席会议办公室'),
        ),
      20_000,
    );
    expect((await noticesOf(offices[KUNMING])).filter((notice) => notice.kind === 'statistics_deadline' && notice.title.includes('五华区'))).toEqual([]);
    const after = await chain(offices[KUNMING]);
    expect(entryOf(after, PANLONG, 'bureau')).toMatchObject({ report: null, late: true });
    expect(entryOf(after, WUHUA, 'summary').late).toBe(false);
    expect(entryOf(after, KUNMING, 'bureau').late).toBe(false);

    const panlong = (await submitBureau(PANLONG).expect(201)).body as Report;
    expect(entryOf(await chain(offices[KUNMING]), PANLONG, 'bureau')).toMatchObject({ late: true, report: { id: panlong.id, status: 'submitted' } });
  });

  it('R20: the city’s summary adds up the counties’ accepted summaries and its own bureau’s report — frozen: a file recorded since changes the live figures, not the summary; medians come from the frozen day counts', async () => {
    const panlong = (await chain(offices[PANLONG])).entries.find((entry) => entry.kind === 'bureau')!.report!;
    await accept(PANLONG, panlong.id).expect(200);
    const panlongSummary = (await submitSummary(PANLONG).expect(201)).body as Report;

    const pending = await submitSummary(KUNMING).expect(409);
    expect(pending.body.error.details).toEqual([
      { field: 'sources', reason: '昆明市民政局：未报送 / not submitted' },
      { field: 'sources', reason: '盘龙区反拐联席会议办公室：待审核 / awaiting review' },
    ]);
    await accept(KUNMING, panlongSummary.id).expect(200);
    const cityBureau = (await submitBureau(KUNMING).expect(201)).body as Report;
    // A city bureau's report is its own units (本级): the counties report for themselves.
    expect(cityBureau.figures.rows).toEqual([{ code: KUNMING, name: '昆明市本级', part: 'own' }]);
    expect(valuesOf(cityBureau, 'assisted')).toEqual([1]);
    await accept(KUNMING, cityBureau.id).expect(200);

    await reunified(WUHUA, 40);
    const city = (await submitSummary(KUNMING).expect(201)).body as Report;
    expect(city.sources.map((source) => `${source.jurisdiction.code} ${source.kind}`)).toEqual([`${KUNMING} bureau`, `${WUHUA} summary`, `${PANLONG} summary`]);
    expect(city.figures.rows.map((row) => `${row.code} ${row.part}`)).toEqual([`${KUNMING} whole`, `${KUNMING} own`, `${WUHUA} child`, `${PANLONG} child`]);
    expect(valuesOf(city, 'assisted')).toEqual([4, 1, 2, 1]);
    // Days 10, 12 (五华), 30 (盘龙), 20 (本级): the median of the four is 16.
    expect(valuesOf(city, 'daysToOutcome')).toEqual([16, 20, 11, 30]);
    const live = (await request(server).get(`/statistics/figures?year=2026&jurisdictionCode=${KUNMING}&view=exact`).set(offices[KUNMING].auth).expect(200))
      .body as Report['figures'];
    expect(live.indicators.find((entry) => entry.indicator === 'assisted')!.values[0]).toBe(5);

    // The province receives the city's summary and reports its own to the provincial government: nobody in huijia reviews that.
    await accept(YUNNAN, city.id).expect(200);
    const province = (await submitSummary(YUNNAN).expect(201)).body as Report;
    expect(province).toMatchObject({ kind: 'summary', status: 'reported' });
    expect(valuesOf(province, 'assisted')[0]).toBe(4);
    expect((await accept(YUNNAN, province.id).expect(403)).body.error.code).toBe('NOT_THE_RECEIVING_OFFICE');
    // A reported summary may still be corrected, as a new version with its reason.
    const corrected = await submitSummary(YUNNAN, { year: 2026, narrative: NARRATIVE, correctionReason: '补充工作总结' }).expect(201);
    expect(corrected.body).toMatchObject({ version: 2, status: 'reported' });

    const records = await auditRecords(stack.database, `action = 'statistics.report_submit' AND details->>'kind' = 'summary'`);
    expect(records.map((record) => record.outcome)).toEqual(['allowed', 'allowed', 'allowed', 'allowed', 'allowed']);
  });
});

/**
 * 工作台「我的个案」: GET /me/files — the open files one is responsible for,
 * each with the next thing due on it, the nearest first. The household clock
 * and the follow-up plan are run by hand here (the worker does it in life).
 */
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { FollowupService, WorkingCalendar } from '#app/followup';
import { ClockService } from '#app/household';
import { addDays, addMonths } from '#app/platform';
import { auditRecords, createFile, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { residentId, versionOf } from '../support/case-fixtures.js';
import { bornAged, compact } from '../support/clock.js';
import { queries, startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

interface MyFile {
  id: string;
  reference: string;
  state: string;
  name: string | null;
  nextDue: { kind: string; dueOn: string; dueAt: string; title: string; overdue: boolean } | null;
}

describe('my files with what is due next (the workbench)', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let police: string;
  let legalAid: string;
  let caseworker: User;
  let colleague: User;
  let staff: User;
  const today = () => stack.clock.today();
  const files: Record<'visit' | 'household' | 'referral' | 'idle' | 'colleagues' | 'closed', string> = {
    visit: '',
    household: '',
    referral: '',
    idle: '',
    colleagues: '',
    closed: '',
  };

  const mine = async (query = 'limit=200'): Promise<{ items: MyFile[]; nextCursor: string | null }> =>
    (await request(server).get(`/me/files?${query}`).set(caseworker.auth).expect(200)).body;

  async function handover(name: string, serial: string): Promise<string> {
    const response = await request(server)
      .post('/intake/police-handovers')
      .set(caseworker.auth)
      .send({
        person: { name, sex: 'female', identityStatus: 'confirmed', idNumber: residentId('530102', compact(bornAged(30)), serial) },
        handover: {
          policeOrganisationId: police,
          policeCaseNumber: `MY-${serial}`,
          handoverDate: addDays(today(), -50),
          placeCode: '530102',
          materials: [],
          circumstances: '移交',
        },
        duplicateDecision: { action: 'new_person' },
      });
    expect(response.status).toBe(201);
    return response.body.file.id;
  }

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    police = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530102' });
    legalAid = await createOrganisation(db, { kind: 'legal_aid_centre', jurisdictionCode: '530102' });
    const station = await createOrganisation(db, { kind: 'assistance_institution', jurisdictionCode: '530102' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    colleague = await signedIn(server, db, 'caseworker', { id: bureau });
    staff = await signedIn(server, db, 'institution_staff', { id: station });

    // R11: a woman the station took in 95 days ago, identity unknown; the caseworker takes her file; the clock ran out 5 days ago.
    const found = await request(server)
      .post('/intake/discoveries')
      .set(staff.auth)
      .send({
        person: { sex: 'female', birthDateRange: { from: bornAged(46), to: bornAged(40) }, identityStatus: 'unknown' },
        discovery: { discoveredOn: addDays(today(), -95), placeCode: '530102', circumstances: '言语不清，无法说明来历，由救助站接回。' },
      })
      .expect(201);
    files.household = found.body.file.id;
    await request(server)
      .put(`/files/${files.household}/caseworker`)
      .set(caseworker.auth)
      .send({ caseworkerId: caseworker.userId, expectedVersion: await versionOf(server, caseworker.auth, files.household) })
      .expect(200);
    await stack.api!.get(ClockService).syncClock(files.household);

    // R18: a green-channel legal aid referral, to be accepted within 3 working days.
    files.referral = await handover('林晓雯', '042');
    await request(server)
      .post(`/files/${files.referral}/referrals`)
      .set(caseworker.auth)
      .send({ kind: 'legal_aid', organisationId: legalAid, purpose: '追索赔偿', send: true })
      .expect(201);

    // R17: a follow-up plan that began 40 days ago: its first visit fell due about 10 days ago.
    files.visit = await handover('苏婉清', '062');
    await stack.api!.get(FollowupService).createPlan(files.visit, addDays(today(), -40));

    files.idle = await createFile(db, { jurisdictionCode: '530102', organisationId: bureau, caseworkerId: caseworker.userId, personName: '无事项' });
    files.colleagues = await createFile(db, { jurisdictionCode: '530102', organisationId: bureau, caseworkerId: colleague.userId });
    files.closed = await createFile(db, { jurisdictionCode: '530102', organisationId: bureau, caseworkerId: caseworker.userId, state: 'closed' });
  });
  afterAll(() => stack?.close());

  it("R11, R17, R18: lists one's open files with the next thing due on each, the nearest first, overdue flagged, nothing due last", async () => {
    const firstVisit = addMonths(addDays(today(), -40), 1);
    const acceptBy = stack.api!.get(WorkingCalendar).addWorkingDays(today(), stack.config.referrals.legalAidAcceptWorkingDays);
    const { items, nextCursor } = await mine();
    expect(nextCursor).toBeNull();
    expect(items.map((file) => file.id)).toEqual([files.visit, files.household, files.referral, files.idle]);
    expect(items[0]).toMatchObject({
      name: '苏婉清',
      state: 'received',
      nextDue: { kind: 'followup_visit', dueOn: firstVisit, overdue: true, title: expect.stringContaining('跟踪回访 1/') },
    });
    // R11: the 90th day in care with identity unknown (default period), 5 days ago.
    expect(items[1].nextDue).toEqual({
      kind: 'household_registration',
      dueOn: addDays(today(), -5),
      dueAt: expect.any(String),
      title: expect.stringContaining('滞留满90天'),
      overdue: true,
    });
    // R18: the legal aid centre's deadline to accept, in working days.
    expect(items[2].nextDue).toMatchObject({ kind: 'referral_accept_by', dueOn: acceptBy, overdue: false, title: expect.stringContaining('法律援助') });
    expect(items[3]).toMatchObject({ name: '无事项', nextDue: null });
  });

  it('R17: a visit acknowledged ("I am on it") is still due until it is made; once recorded, the next visit is', async () => {
    const plan = (await request(server).get(`/files/${files.visit}/followup`).set(caseworker.auth).expect(200)).body;
    const [first, second] = plan.visits as { id: string; dueOn: string }[];
    const [reminder] = await stack.database.query<{ id: string }>(`SELECT reminder_id AS id FROM followup_visit WHERE id = $1`, [first.id]);
    await request(server).post(`/reminders/${reminder.id}/acknowledge`).set(caseworker.auth).expect(204);
    const visitOf = async () => (await mine()).items.find((file) => file.id === files.visit)!.nextDue;
    expect(await visitOf()).toMatchObject({ kind: 'followup_visit', dueOn: first.dueOn, overdue: true });

    await request(server)
      .post(`/files/${files.visit}/followup/visits/${first.id}`)
      .set(caseworker.auth)
      .send({ visitedOn: today(), livingSituation: '与母亲同住，情绪稳定。' })
      .expect(201);
    expect(await visitOf()).toMatchObject({ kind: 'followup_visit', dueOn: second.dueOn, overdue: second.dueOn < today() });
  });

  it('pages by keyset in the same order, one query per page whatever its size (no N+1), and is audited as a read of the files', async () => {
    const all = (await mine()).items.map((file) => file.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: MyFile[]; nextCursor: string | null } = await mine(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items.map((file) => file.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);

    const counted = async (limit: number) => {
      const requestId = `my-files-${limit}`;
      await request(server).get(`/me/files?limit=${limit}`).set(caseworker.auth).set('x-request-id', requestId).expect(200);
      return queries(stack.api).of(requestId);
    };
    expect(await counted(50)).toBe(await counted(1));

    const [record] = await auditRecords(stack.database, `action = 'file.list' AND actor_user_id = $1 AND request_id = $2`, [caseworker.userId, 'my-files-50']);
    expect(record).toMatchObject({ outcome: 'allowed', details: { view: 'my_files' } });
    expect([...record.file_ids].sort()).toEqual([...all].sort());
  });

  it("leaves out colleagues' files and closed ones, and answers 403 to those who hold no files", async () => {
    const ids = (await mine()).items.map((file) => file.id);
    expect(ids).not.toContain(files.colleagues);
    expect(ids).not.toContain(files.closed);
    expect((await request(server).get('/me/files').set(colleague.auth).expect(200)).body.items.map((file: MyFile) => file.id)).toEqual([files.colleagues]);
    await request(server).get('/me/files').set(staff.auth).expect(403);
  });
});

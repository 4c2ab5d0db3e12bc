import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { FollowupService, ReminderScheduler, visitDates, WorkingCalendar } from '#app/followup';
import { addMonths, OutboxRelay } from '#app/platform';
import { auditRecords, createFile, createOrganisation, createUser, signedIn, type Session } from '../support/access-fixtures.js';
import { approved, interview, residentId, step, versionOf } from '../support/case-fixtures.js';
import { bornAged, compact, day, TEST_TODAY } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { queries, startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

/** Makes reminders due now, as the clock would. */
async function dueNow(stack: TestStack, where: string, params: unknown[]): Promise<void> {
  await stack.database.query(`UPDATE reminder SET due_at = $${params.length + 1}, enqueued_at = NULL WHERE ${where}`, [...params, stack.clock.now()]);
  await stack.database.query(`SELECT pg_notify('reminder', '')`);
}

describe('R17: long-term follow-up with reminders that escalate', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let caseworker: User;
  let supervisor: User;
  let prefectureSupervisor: User;
  let police: string;
  const webhook: unknown[] = [];
  let webhookServer: http.Server;

  beforeAll(async () => {
    webhookServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        webhook.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhookServer.listen(0, '127.0.0.1', resolve));
    stack = await startStack({
      worker: true,
      overrides: {
        REMINDER_RELAY_INTERVAL_MS: '100',
        RECONCILE_INTERVAL_MS: '500',
        ESCALATION_SCAN_INTERVAL_MS: '200',
        ESCALATION_GRACE_HOURS: '0.0005',
        NOTIFY_CHANNEL: 'webhook',
        NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/hook`,
      },
    });
    server = stack.api!.getHttpServer();
    stack.worker!.get(OutboxRelay).start();
    stack.worker!.get(ReminderScheduler).start();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    const prefecture = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
    police = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530102' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, db, 'supervisor', { id: bureau });
    prefectureSupervisor = await signedIn(server, db, 'supervisor', { id: prefecture });
  });
  afterAll(async () => {
    await stack?.close();
    if (webhookServer) await new Promise((resolve) => webhookServer.close(resolve));
  });

  /** A girl of `age`, reunified with her father today. */
  async function reunifiedChild(age: number, margin: number): Promise<string> {
    const birth = compact(bornAged(age, margin));
    const intake = await request(server)
      .post('/intake/police-handovers')
      .set(caseworker.auth)
      .send({
        person: { name: `随访${birth.slice(-6)}`, sex: 'female', identityStatus: 'confirmed', idNumber: residentId('530102', birth, '026') },
        handover: { policeOrganisationId: police, policeCaseNumber: `F-${birth}`, handoverDate: day(-60), placeCode: '530102', materials: [], circumstances: '移交' },
        duplicateDecision: { action: 'new_person' },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    await request(server).post(`/files/${fileId}/interview`).set(caseworker.auth).send(interview).expect(201);
    await request(server)
      .post(`/files/${fileId}/guardians`)
      .set(caseworker.auth)
      .send({ kind: 'parent', name: '李建国', relation: '父亲', since: day(-60) })
      .expect(201);
    await step(server, caseworker.auth, fileId, 'start_return_home');
    await request(server)
      .put(`/files/${fileId}/return-home`)
      .set(caseworker.auth)
      .send({ recipientName: '李建国', relation: '父亲', address: '五华区红云街道8号', placeCode: '530102', expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(200);
    expect((await approved(server, caseworker.auth, supervisor.auth, fileId, 'reunify')).body.to).toBe('reunified');
    return fileId;
  }

  it('R17: a plan of visits is generated on reunification — monthly, quarterly, then yearly, for a minor until 18 — with age milestones', async () => {
    const born = bornAged(11, 160);
    const fileId = await reunifiedChild(11, 160);
    const eighteenth = addMonths(born, 18 * 12);
    const plan = await eventually(async () => {
      const response = await request(server).get(`/files/${fileId}/followup`).set(caseworker.auth);
      return response.status === 200 ? response.body : false;
    });
    expect(plan.status).toBe('active');
    expect(plan.endsOn).toBe(eighteenth); // she is 11: her 18th birthday is after 5 years
    const due: string[] = plan.visits.map((visit: { dueOn: string }) => visit.dueOn);
    const today = stack.clock.today();
    expect(plan.startsOn).toBe(today);
    expect(due).toEqual(visitDates(today, eighteenth, { monthlyUntilMonth: 6, quarterlyUntilMonth: 24 }));
    expect(due[0]).toBe(addMonths(today, 1));
    expect(due[6]).toBe(addMonths(today, 9));
    expect(plan.visits.every((visit: { status: string; assignee: string }) => visit.status === 'scheduled' && visit.assignee === 'Test caseworker')).toBe(true);
    // Milestones from intake: 16 (training, R15) and 18 (R23) are still ahead; 6 is past.
    const milestones = await stack.database.query(`SELECT dedupe_key FROM reminder WHERE file_id = $1 AND kind = 'age_milestone' ORDER BY due_at`, [fileId]);
    expect(milestones.map((row) => row.dedupe_key)).toEqual([`milestone:${fileId}:16`, `milestone:${fileId}:18`]);
  });

  it("R17: a due visit reaches the caseworker's inbox once, then goes up the ladder while nobody records it", async () => {
    const fileId = await reunifiedChild(12, 40);
    const [first] = await eventually(async () => {
      const rows = await stack.database.query(`SELECT id, reminder_id FROM followup_visit WHERE file_id = $1 AND seq = 1`, [fileId]);
      return rows.length === 1 ? rows : false;
    });
    await dueNow(stack, 'id = $1', [first.reminder_id]);

    const inbox = await eventually(async () => {
      const response = await request(server).get('/me/notifications?unread=true').set(caseworker.auth).expect(200);
      const mine = response.body.items.filter((n: { reminderId: string }) => n.reminderId === first.reminder_id);
      return mine.length > 0 ? mine : false;
    });
    expect(inbox).toEqual([expect.objectContaining({ kind: 'followup_visit', fileId, escalationLevel: 0, title: expect.stringContaining('跟踪回访 1/') })]);
    expect((await request(server).get('/me/notifications/counts').set(caseworker.auth).expect(200)).body.unreadByKind.followup_visit).toBeGreaterThanOrEqual(1);

    // Not recorded within the grace: the bureau's supervisor, then the prefecture's, are told; each step audited.
    await eventually(async () => {
      const escalated = await stack.database.query(`SELECT escalation_level FROM reminder WHERE id = $1`, [first.reminder_id]);
      return escalated[0].escalation_level === 2;
    }, 20_000);
    const supervisorInbox = await request(server).get('/me/notifications').set(supervisor.auth).expect(200);
    expect(supervisorInbox.body.items.filter((n: { reminderId: string }) => n.reminderId === first.reminder_id)).toEqual([
      expect.objectContaining({ escalationLevel: 1, title: expect.stringContaining('请督办') }),
    ]);
    const above = await request(server).get('/me/notifications').set(prefectureSupervisor.auth).expect(200);
    expect(above.body.items.filter((n: { reminderId: string }) => n.reminderId === first.reminder_id)).toEqual([expect.objectContaining({ escalationLevel: 2 })]);
    expect((await auditRecords(stack.database, `action = 'reminder.escalate' AND entity_id = $1`, [first.reminder_id])).map((r) => r.details.step)).toEqual([
      'supervisor',
      'parent_bureau',
    ]);

    // Exactly one notification per person and step, however often the loops ran.
    const counts = await stack.database.query(`SELECT escalation_level, count(*)::int AS n FROM notification WHERE reminder_id = $1 GROUP BY 1 ORDER BY 1`, [first.reminder_id]);
    expect(counts).toEqual([
      { escalation_level: 0, n: 1 },
      { escalation_level: 1, n: 1 },
      { escalation_level: 2, n: 1 },
    ]);

    // The supervisor's dashboard counts the overdue visit per kind, and per worker (a page, most overdue first).
    const dashboard = await request(server).get('/followup/overdue').set(supervisor.auth).expect(200);
    expect(dashboard.body.byKind.followup_visit).toBeGreaterThanOrEqual(1);
    expect(dashboard.body.total).toBeGreaterThanOrEqual(dashboard.body.byKind.followup_visit);
    const workers = await request(server).get('/followup/overdue/workers').set(supervisor.auth).expect(200);
    expect(workers.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ userId: caseworker.userId, count: expect.any(Number) })]));

    // Recording the visit stops it, and may move the next one.
    const recorded = await request(server)
      .post(`/files/${fileId}/followup/visits/${first.id}`)
      .set(caseworker.auth)
      .send({ visitedOn: day(0), livingSituation: '与父母同住', schoolingEmployment: '已入学四年级', problems: '学习跟不上', actionsAgreed: '学校安排辅导', nextVisitOn: day(20) })
      .expect(201);
    expect(recorded.body.nextVisitOn).toBe(day(20));
    expect((await stack.database.query(`SELECT status FROM reminder WHERE id = $1`, [first.reminder_id]))[0].status).toBe('acknowledged');
    const next = await stack.database.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM followup_visit WHERE file_id = $1 AND seq = 2`, [fileId]);
    expect(next[0].due_on).toBe(day(20));
    await request(server)
      .post(`/files/${fileId}/followup/visits/${first.id}`)
      .set(caseworker.auth)
      .send({ visitedOn: day(0), livingSituation: 'again' })
      .expect(409);

    // The outgoing channel (a webhook here) carried the notifications too.
    // (The webhook also receives the worker's signed audit checkpoints, `type: 'audit.checkpoint'`, which have no title.)
    await eventually(() => webhook.some((message) => (message as { title?: string }).title?.includes('跟踪回访 1/')));
  });

  it("marks notifications read, and answers another person's notification with 404", async () => {
    const list = await request(server).get('/me/notifications').set(caseworker.auth).expect(200);
    const [first] = list.body.items;
    await request(server).post(`/me/notifications/${first.id}/read`).set(caseworker.auth).expect(204);
    await request(server).post(`/me/notifications/${first.id}/read`).set(supervisor.auth).expect(404);
    await request(server).post('/me/notifications/read-all').set(caseworker.auth).expect(204);
    expect((await request(server).get('/me/notifications/counts').set(caseworker.auth).expect(200)).body.unread).toBe(0);
  });

  it('R17: closure cancels the visits still to come and every open reminder of the file', async () => {
    const fileId = await reunifiedChild(13, 50);
    await eventually(async () => (await stack.database.query('SELECT 1 FROM followup_plan WHERE file_id = $1', [fileId])).length === 1);
    await step(server, caseworker.auth, fileId, 'start_follow_up');
    expect((await approved(server, caseworker.auth, supervisor.auth, fileId, 'close', { reason: '结案' })).body.to).toBe('closed');
    await eventually(async () => {
      const open = await stack.database.query(`SELECT count(*)::int AS n FROM reminder WHERE file_id = $1 AND status IN ('scheduled', 'delivered')`, [fileId]);
      return open[0].n === 0;
    });
    const visits = await stack.database.query(`SELECT DISTINCT status FROM followup_visit WHERE file_id = $1`, [fileId]);
    expect(visits).toEqual([{ status: 'cancelled' }]);
  });

  it('counts working days with 调休: 3 working days from the eve of National Day 2026 end on the working Saturday 10 October', async () => {
    const calendar = stack.api!.get(WorkingCalendar);
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.isWorkday('2026-10-05')).toBe(false);
  });

  it("names the seeded holidays in each language, not chinese-days' raw `New Year's Day,元旦,1`", async () => {
    const year = await request(server).get('/calendar/2026').set(caseworker.auth).expect(200);
    expect(year.body.exceptions).toEqual(
      expect.arrayContaining([
        { date: '2026-01-01', isWorkday: false, name: { zh: '元旦', en: "New Year's Day" } },
        { date: '2026-02-14', isWorkday: true, name: { zh: '春节', en: 'Spring Festival' } },
      ]),
    );
    expect(year.body.exceptions.filter((day: { name: { zh: string } }) => day.name.zh.includes(','))).toEqual([]);
  });

  it('loads an official year through the API (administrators only, audited); a year not loaded counts weekends only, and readiness says so', async () => {
    // Readiness judges by the clock's year: stand in 2028 (whatever the base date), and go back afterwards.
    stack.clock.set('2028-03-01');
    try {
      await loadsAYear();
    } finally {
      stack.clock.set(TEST_TODAY);
    }
  });

  async function loadsAYear(): Promise<void> {
    const calendar = stack.api!.get(WorkingCalendar);
    expect(calendar.addWorkingDays('2028-09-29', 3)).toBe('2028-10-04');
    // Signed in now: the tokens of the base date have long expired in 2028.
    const admin = await signedIn(server, stack.database, 'administrator', { id: bureau });
    const caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    await request(server).put('/calendar/2028').set(caseworker.auth).send({ holidays: [], workdays: [] }).expect(403);
    const impossible = await request(server)
      .put('/calendar/2028')
      .set(admin.auth)
      .send({ holidays: [{ date: '2028-02-30', name: '春节' }], workdays: [] })
      .expect(422);
    expect(impossible.body.error.details).toEqual([expect.objectContaining({ field: 'holidays[0].date' })]);
    const weekday = await request(server)
      .put('/calendar/2028')
      .set(admin.auth)
      .send({ holidays: [{ date: '2029-01-01', name: '元旦' }], workdays: [{ date: '2028-10-09', name: '国庆' }] })
      .expect(422);
    expect(weekday.body.error.details).toEqual([
      { field: 'holidays[0].date', reason: '须在 2028 年内 / must be in 2028' },
      { field: 'workdays[0].date', reason: '调休上班日须为周六或周日 / a 调休 working day is a Saturday or a Sunday' },
    ]);
    const national = ['2028-10-02', '2028-10-03', '2028-10-04', '2028-10-05', '2028-10-06'].map((date) => ({ date, name: '国庆节' }));
    await request(server)
      .put('/calendar/2028')
      .set(admin.auth)
      .send({ holidays: national, workdays: [{ date: '2028-10-07', name: '国庆节调休' }] })
      .expect(200);
    expect(calendar.addWorkingDays('2028-09-29', 3)).toBe('2028-10-10');
    expect((await request(server).get('/calendar/2028').set(caseworker.auth).expect(200)).body).toMatchObject({
      loaded: true,
      exceptions: expect.arrayContaining([{ date: '2028-10-07', isWorkday: true, name: { zh: '国庆节调休', en: '国庆节调休' } }]),
    });
    expect(await auditRecords(stack.database, `action = 'calendar.load' AND entity_id = '2028'`)).toHaveLength(1);
    // This year is loaded: ready, with a warning that next year is not.
    const ready = await request(server).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.info.calendar).toEqual({ status: 'up', loadedUntil: 2028, warning: expect.stringContaining('2029') });
    // In 2029 nothing is loaded: degraded, still serving.
    stack.clock.set('2029-03-01');
    const degraded = await request(server).get('/health/ready').expect(200);
    expect(degraded.body.details.calendar).toMatchObject({ status: 'degraded', warning: expect.stringContaining('2029') });
  }

  it('shows the queue dashboard to administrators only', async () => {
    const admin = await signedIn(server, stack.database, 'administrator', { id: bureau });
    await request(server).get('/admin/queues').expect(401);
    await request(server).get('/admin/queues').set(caseworker.auth).expect(403);
    const page = await request(server).get('/admin/queues').set(admin.auth).expect(200);
    expect(page.text).toContain('<html');
    const queues = await request(server).get('/admin/queues/api/queues').set(admin.auth).expect(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name)).toEqual(expect.arrayContaining(['reminders', 'escalations', 'domain-events']));
  });

  it('creates no plan twice for the same file', async () => {
    const fileId = await reunifiedChild(14, 60);
    await eventually(async () => (await stack.database.query('SELECT 1 FROM followup_plan WHERE file_id = $1', [fileId])).length === 1);
    expect(await stack.worker!.get(FollowupService).createPlan(fileId)).toBe(false);
    const plan = await stack.database.query(
      `SELECT to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM followup_plan WHERE file_id = $1`,
      [fileId],
    );
    const expected = visitDates(plan[0].starts_on, plan[0].ends_on, { monthlyUntilMonth: 6, quarterlyUntilMonth: 24 }).length;
    expect((await stack.database.query('SELECT count(*)::int AS n FROM followup_visit WHERE file_id = $1', [fileId]))[0].n).toBe(expected);
  });

  it('R17: a transfer hands the visits and reminders over to the receiving bureau', async () => {
    const fileId = await reunifiedChild(15, 70);
    await eventually(async () => (await stack.database.query('SELECT 1 FROM followup_plan WHERE file_id = $1', [fileId])).length === 1);
    const lijiang = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530702' });
    const receiver = await signedIn(server, stack.database, 'caseworker', { id: lijiang });
    // A partner's deadline on the file (a school asked to accept the child) stays the school's.
    const school = await createOrganisation(stack.database, { kind: 'school', jurisdictionCode: '530102' });
    const [partnerReminder] = await stack.database.query(
      `INSERT INTO reminder (kind, title, file_id, due_at, assignee_organisation_id, escalate_to_organisation_id) VALUES ('referral_accept_by', '请接收转介', $1, $4::timestamptz + interval '3 days', $2, $3) RETURNING id`,
      [fileId, school, bureau, stack.clock.now()],
    );
    await approved(server, caseworker.auth, supervisor.auth, fileId, 'transfer', { toOrganisationId: lijiang, reason: '随父母迁居丽江' });
    const transfer = (await request(server).get('/transfers').set(receiver.auth).expect(200)).body.items.find((t: { fileId: string }) => t.fileId === fileId);
    await request(server).post(`/transfers/${transfer.id}/accept`).set(receiver.auth).send({}).expect(200);
    await eventually(async () => {
      const open = await stack.database.query(
        `SELECT DISTINCT assignee_user_id, assignee_organisation_id FROM reminder WHERE file_id = $1 AND status IN ('scheduled', 'delivered')`,
        [fileId],
      );
      return open.length === 2 && open.some((row) => row.assignee_user_id === receiver.userId && row.assignee_organisation_id === lijiang);
    });
    const [kept] = await stack.database.query(`SELECT assignee_organisation_id, escalate_to_organisation_id FROM reminder WHERE id = $1`, [partnerReminder.id]);
    // Overdue, it goes up to the bureau now responsible.
    expect(kept).toEqual({ assignee_organisation_id: school, escalate_to_organisation_id: lijiang });
    const visits = await stack.database.query(`SELECT DISTINCT assignee_user_id FROM followup_visit WHERE file_id = $1 AND status = 'scheduled'`, [fileId]);
    expect(visits).toEqual([{ assignee_user_id: receiver.userId }]);
  });

  it('R17: a visit recorded by mistake is corrected by an audited edit, versioned by the file; the plan shows what it said before', async () => {
    const fileId = await reunifiedChild(9, 80);
    const [first, second] = await eventually(async () => {
      const rows = await stack.database.query(`SELECT id FROM followup_visit WHERE file_id = $1 AND seq IN (1, 2) ORDER BY seq`, [fileId]);
      return rows.length === 2 ? rows : false;
    });
    await request(server)
      .post(`/files/${fileId}/followup/visits/${first.id}`)
      .set(caseworker.auth)
      .send({ visitedOn: day(0), livingSituation: '与祖父母同住', problems: '无' })
      .expect(201);
    const plan = (await request(server).get(`/files/${fileId}/followup`).set(caseworker.auth).expect(200)).body;
    expect(plan.visits[0]).toMatchObject({ status: 'done', livingSituation: '与祖父母同住', recordedBy: 'Test caseworker', corrections: [] });

    // Only a recorded visit is corrected; a visit of another file is not found, and the attempt is on record.
    const correction = { visitedOn: day(-1), livingSituation: '与父母同住', problems: '学习跟不上', reason: '记录时写错了同住人和日期' };
    const unrecorded = await request(server)
      .put(`/files/${fileId}/followup/visits/${second.id}`)
      .set(caseworker.auth)
      .send({ ...correction, expectedVersion: plan.version })
      .expect(409);
    expect(unrecorded.body.error.code).toBe('VISIT_NOT_RECORDED');
    const [elsewhere] = await stack.database.query(`SELECT id FROM followup_visit WHERE file_id <> $1 LIMIT 1`, [fileId]);
    const foreign = await request(server)
      .put(`/files/${fileId}/followup/visits/${elsewhere.id}`)
      .set(caseworker.auth)
      .send({ ...correction, expectedVersion: plan.version })
      .expect(404);
    expect(foreign.body.error.code).toBe('VISIT_NOT_FOUND');
    expect(await auditRecords(stack.database, `action = 'followup.visit_correct' AND outcome = 'denied' AND entity_id = $1`, [fileId])).toHaveLength(1);
    const future = await request(server)
      .put(`/files/${fileId}/followup/visits/${first.id}`)
      .set(caseworker.auth)
      .send({ ...correction, visitedOn: day(1), expectedVersion: plan.version })
      .expect(422);
    expect(future.body.error.details).toEqual([{ field: 'visitedOn', reason: '不能晚于今天 / must not be in the future' }]);

    // A stale version is refused; the current one replaces the record and moves the version on.
    const stale = await request(server)
      .put(`/files/${fileId}/followup/visits/${first.id}`)
      .set(caseworker.auth)
      .send({ ...correction, expectedVersion: plan.version - 1 })
      .expect(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const corrected = await request(server)
      .put(`/files/${fileId}/followup/visits/${first.id}`)
      .set(supervisor.auth)
      .send({ ...correction, expectedVersion: plan.version })
      .expect(200);
    expect(corrected.body.version).toBe(plan.version + 1);
    expect(corrected.body.visit).toMatchObject({
      visitedOn: day(-1),
      livingSituation: '与父母同住',
      problems: '学习跟不上',
      schoolingEmployment: null,
      corrections: [
        {
          at: expect.any(String),
          by: 'Test supervisor',
          reason: '记录时写错了同住人和日期',
          previous: { visitedOn: day(0), livingSituation: '与祖父母同住', schoolingEmployment: null, problems: '无', actionsAgreed: null },
        },
      ],
    });
    const reread = (await request(server).get(`/files/${fileId}/followup`).set(caseworker.auth).expect(200)).body;
    expect(reread.version).toBe(plan.version + 1);
    expect(reread.visits[0]).toEqual(corrected.body.visit);
    expect(await auditRecords(stack.database, `action = 'followup.visit_correct' AND outcome = 'allowed' AND entity_id = $1`, [first.id])).toEqual([
      expect.objectContaining({ file_ids: [fileId], details: { changed: ['visitedOn', 'livingSituation', 'problems'] } }),
    ]);
  });

  it('R17: the visits and reminders follow a newly assigned caseworker (file.caseworker_assigned), like a transfer', async () => {
    const fileId = await reunifiedChild(10, 90);
    await eventually(async () => (await stack.database.query('SELECT 1 FROM followup_plan WHERE file_id = $1', [fileId])).length === 1);
    const colleague = await createUser(stack.database, { role: 'caseworker', organisationId: bureau });
    const { version } = (await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200)).body;
    await request(server).put(`/files/${fileId}/caseworker`).set(supervisor.auth).send({ caseworkerId: colleague.id, expectedVersion: version, reason: '工作调整' }).expect(200);
    await eventually(async () => {
      const holders = await stack.database.query(`SELECT DISTINCT assignee_user_id FROM reminder WHERE file_id = $1 AND status IN ('scheduled', 'delivered')`, [fileId]);
      return holders.length === 1 && holders[0].assignee_user_id === colleague.id;
    });
    const visits = await stack.database.query(`SELECT DISTINCT assignee_user_id FROM followup_visit WHERE file_id = $1 AND status = 'scheduled'`, [fileId]);
    expect(visits).toEqual([{ assignee_user_id: colleague.id }]);
  });

  it('pages the inbox with a keyset cursor, one query per page whatever its size (no N+1)', async () => {
    const reader = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    const fileId = await createFile(stack.database, { jurisdictionCode: '530102', organisationId: bureau });
    await stack.database.query(
      `WITH r AS (
         INSERT INTO reminder (kind, title, file_id, due_at, assignee_user_id, assignee_organisation_id, status, delivered_at)
         SELECT 'other', '分页 ' || g, $2, $3, $1, $4, 'delivered', $3 FROM generate_series(1, 60) g RETURNING id, title)
       INSERT INTO notification (recipient_user_id, reminder_id, kind, title, body, file_id, created_at)
       SELECT $1, r.id, 'other', r.title, r.title, $2, $3::timestamptz - make_interval(secs => substring(r.title FROM 4)::int) FROM r`,
      [reader.userId, fileId, stack.clock.now(), bureau],
    );
    const counted = async (limit: number) => {
      const requestId = `count-inbox-${limit}`;
      const response = await request(server).get(`/me/notifications?limit=${limit}`).set(reader.auth).set('x-request-id', requestId).expect(200);
      expect(response.body.items).toHaveLength(limit);
      return queries(stack.api).of(requestId);
    };
    const one = await counted(1);
    expect(await counted(50)).toBe(one);
    expect(one).toBeLessThanOrEqual(2);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(server)
        .get(`/me/notifications?limit=25${cursor ? `&cursor=${cursor}` : ''}`)
        .set(reader.auth)
        .expect(200);
      seen.push(...page.body.items.map((n: { title: string }) => n.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `分页 ${i + 1}`));
    expect((await request(server).get('/me/notifications?unread=false').set(reader.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });
  });
});

import request from 'supertest';
import type { App } from 'supertest/types.js';
import { ReminderScheduler } from '#app/followup';
import { addDays, OutboxRelay } from '#app/platform';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { approved, interview, residentId, step, versionOf } from '../support/case-fixtures.js';
import { bornAged, compact } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { queries, startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

interface Notification {
  reminderId: string;
  fileId: string;
  kind: string;
  title: string;
  escalationLevel: number;
}

describe('R11: household registration for those who stay unidentified', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let police: string;
  let caseworker: User;
  let supervisor: User;
  let institutionStaff: User;
  let policeLiaison: User;
  let otherPolice: User;

  beforeAll(async () => {
    stack = await startStack({
      worker: true,
      overrides: { REMINDER_RELAY_INTERVAL_MS: '100', RECONCILE_INTERVAL_MS: '500', ESCALATION_SCAN_INTERVAL_MS: '200', ESCALATION_GRACE_HOURS: '0.0005' },
    });
    server = stack.api!.getHttpServer();
    stack.worker!.get(OutboxRelay).start();
    stack.worker!.get(ReminderScheduler).start();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530100', name: '昆明市民政局' });
    const station = await createOrganisation(db, { kind: 'assistance_institution', jurisdictionCode: '530102', name: '五华区救助管理站' });
    // The household registration unit is the city's: none serves the district itself.
    police = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530100', name: '昆明市公安局户政支队' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, db, 'supervisor', { id: bureau });
    institutionStaff = await signedIn(server, db, 'institution_staff', { id: station });
    policeLiaison = await signedIn(server, db, 'police_liaison', { id: police });
    otherPolice = await signedIn(server, db, 'police_liaison', { kind: 'public_security', jurisdictionCode: '532901' });
  });
  afterAll(() => stack?.close());
  const today = () => stack.clock.today();

  /** Someone the station took in `daysAgo` days ago, identity unknown. */
  async function foundDaysAgo(daysAgo: number, person: Record<string, unknown> = {}): Promise<string> {
    const intake = await request(server)
      .post('/intake/discoveries')
      .set(institutionStaff.auth)
      .send({
        person: { sex: 'female', birthDateRange: { from: bornAged(46), to: bornAged(40) }, identityStatus: 'unknown', languages: ['zh'], ...person },
        discovery: { discoveredOn: addDays(today(), -daysAgo), placeCode: '530102', circumstances: '言语不清，无法说明来历，由救助站接回。' },
      })
      .expect(201);
    return intake.body.file.id;
  }

  async function inbox(user: User, fileId: string): Promise<Notification[]> {
    const response = await request(server).get('/me/notifications').set(user.auth).expect(200);
    return response.body.items.filter((n: Notification) => n.fileId === fileId);
  }

  async function taskOf(fileId: string, as: User = caseworker) {
    return eventually(async () => {
      const response = await request(server).get(`/files/${fileId}/household-registration`).set(as.auth);
      return response.status === 200 ? response.body : false;
    });
  }

  it('R11: after 90 days in care with identity unknown the task is raised to the caseworker and the police by itself; registered, then enrolled in social security', async () => {
    const fileId = await foundDaysAgo(95);
    const waiting = await foundDaysAgo(30);

    // Nobody did anything: the clock ran from the day she came, and the task reached both inboxes.
    const raised = await eventually(async () => {
      const [mine, theirs] = [await inbox(caseworker, fileId), await inbox(policeLiaison, fileId)];
      return mine.length > 0 && theirs.length > 0 ? { mine, theirs } : false;
    });
    expect(raised.mine).toEqual([expect.objectContaining({ kind: 'household_registration', escalationLevel: 0, title: expect.stringContaining('滞留满90天') })]);
    expect(raised.theirs).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'household_registration', escalationLevel: 0, title: expect.stringContaining('R11') })]));
    const task = await taskOf(fileId);
    expect(task).toMatchObject({
      status: 'raised',
      clockStartedOn: addDays(today(), -95),
      dueOn: addDays(today(), -5),
      daysInCare: 95,
      policeUnit: { id: police, name: '昆明市公安局户政支队' },
      application: null,
      registration: null,
      dnaDatabaseCheckRequired: false,
    });
    // The steps as the reader may take them, greyed with their reasons (as the file's transitions): the application is due on day 90.
    const stepsOf = (view: { steps: { step: string; allowed: boolean; reasons: { code: string; message: string }[]; dueOn: string | null }[] }) =>
      Object.fromEntries(view.steps.map(({ step, allowed, reasons, dueOn }) => [step, { allowed, reasons, dueOn }]));
    expect(stepsOf(task)).toEqual({
      application: { allowed: true, reasons: [], dueOn: addDays(today(), -5) },
      registration: {
        allowed: false,
        reasons: [{ code: 'STEP_OUT_OF_ORDER', message: '须先完成：备妥落户申请及材料 / first: the application and its documents prepared' }],
        dueOn: null,
      },
      social_security: { allowed: false, reasons: [expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' })], dueOn: null },
      exception: { allowed: false, reasons: [expect.objectContaining({ code: 'ROLE_MAY_NOT_FIRE' })], dueOn: null },
    });
    expect(stepsOf(await taskOf(fileId, supervisor)).exception).toEqual({ allowed: true, reasons: [], dueOn: null });
    expect((await auditRecords(stack.database, `action = 'household.clock_started' AND entity_id = $1`, [fileId])).length).toBe(1);

    // Thirty days in, the clock counts; nothing is raised yet, and the police have nothing to see.
    expect(await taskOf(waiting)).toMatchObject({ status: 'counting', dueOn: addDays(today(), 60), daysInCare: 30 });
    expect(await inbox(caseworker, waiting)).toEqual([]);
    await request(server).get(`/files/${waiting}/household-registration`).set(policeLiaison.auth).expect(404);
    const policeTasks = await request(server).get('/household-registrations').set(policeLiaison.auth).expect(200);
    expect(policeTasks.body.items.map((t: { fileId: string }) => t.fileId)).toEqual(expect.arrayContaining([fileId]));
    expect(policeTasks.body.items.map((t: { fileId: string }) => t.fileId)).not.toContain(waiting);
    expect((await request(server).get('/household-registrations').set(otherPolice.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });
    await request(server).get(`/files/${fileId}/household-registration`).set(otherPolice.auth).expect(404);

    // Steps in order: the police cannot register before the application is prepared.
    const tooEarly = await request(server)
      .post(`/files/${fileId}/household-registration/registration`)
      .set(policeLiaison.auth)
      .send({ registeredOn: today(), householdNumber: 'KM-5301-0001' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('STEP_OUT_OF_ORDER');

    const application = await request(server)
      .post(`/files/${fileId}/household-registration/application`)
      .set(caseworker.auth)
      .send({ preparedOn: today(), documents: ['tracing_notice', 'institution_certificate', 'police_sampling_receipt', 'photo'], note: '寻亲公告已发布满30日' })
      .expect(201);
    expect(application.body).toMatchObject({ status: 'application_prepared', registrationDueOn: addDays(today(), 30) });
    // The registration is the police's turn now, due HOUSEHOLD_STEP_DAYS after the application; the application is behind.
    const prepared = stepsOf(await taskOf(fileId, policeLiaison));
    expect(prepared.registration).toEqual({ allowed: true, reasons: [], dueOn: addDays(today(), 30) });
    expect(prepared.application.reasons).toEqual(
      expect.arrayContaining([
        { code: 'STEP_OUT_OF_ORDER', message: '落户任务已是「申请已备妥，待公安机关落户」 / the task is already: application prepared: the police register next' },
      ]),
    );
    // The raise is answered; the registration is now the police's, reminded to the unit and escalated to the bureau.
    const reminders = await stack.database.query(
      `SELECT dedupe_key, status, assignee_organisation_id, escalate_to_organisation_id FROM reminder WHERE file_id = $1 AND kind = 'household_registration' ORDER BY created_at, dedupe_key`,
      [fileId],
    );
    expect(reminders).toEqual([
      expect.objectContaining({ dedupe_key: expect.stringMatching(/:raise:bureau$/), status: 'acknowledged' }),
      expect.objectContaining({ dedupe_key: expect.stringMatching(/:raise:police$/), status: 'acknowledged' }),
      { dedupe_key: `household:${fileId}:registration`, status: 'scheduled', assignee_organisation_id: police, escalate_to_organisation_id: bureau },
    ]);

    // A late step is reminded and goes up the ladder: the unit, then the bureau's supervisor.
    await stack.database.query(`UPDATE reminder SET due_at = $2, enqueued_at = NULL WHERE dedupe_key = $1`, [`household:${fileId}:registration`, stack.clock.now()]);
    await stack.database.query(`SELECT pg_notify('reminder', '')`);
    const escalated = await eventually(async () => {
      const seen = (await inbox(supervisor, fileId)).filter((n) => n.title.includes('请办理落户登记'));
      return seen.some((n) => n.escalationLevel === 1) ? seen : false;
    }, 20_000);
    expect(escalated).toEqual(expect.arrayContaining([expect.objectContaining({ title: expect.stringContaining('请督办') })]));
    expect((await inbox(policeLiaison, fileId)).some((n) => n.title.includes('请办理落户登记') && n.escalationLevel === 0)).toBe(true);

    // The police register her; the number is encrypted at rest; social security is the next reminder.
    const registered = await request(server)
      .post(`/files/${fileId}/household-registration/registration`)
      .set(policeLiaison.auth)
      .send({ registeredOn: today(), householdNumber: 'KM-5301-0001' })
      .expect(201);
    expect(registered.body).toMatchObject({ status: 'registered', socialSecurityDueOn: addDays(today(), 30) });
    expect(stepsOf(await taskOf(fileId)).social_security).toEqual({ allowed: true, reasons: [], dueOn: addDays(today(), 30) });
    const [stored] = await stack.database.query(`SELECT encode(household_number_cipher, 'escape') AS raw FROM household_registration WHERE file_id = $1`, [fileId]);
    expect(stored.raw).not.toContain('KM-5301-0001');
    const [socialReminder] = await stack.database.query(`SELECT status, assignee_organisation_id FROM reminder WHERE dedupe_key = $1`, [`household:${fileId}:social_security`]);
    expect(socialReminder).toEqual({ status: 'scheduled', assignee_organisation_id: bureau });
    expect((await stack.database.query(`SELECT status FROM reminder WHERE dedupe_key = $1`, [`household:${fileId}:registration`]))[0].status).toBe('acknowledged');

    // Social security follows: an enrolment before the registration is refused; each kind once.
    const before = await request(server)
      .post(`/files/${fileId}/household-registration/social-security`)
      .set(caseworker.auth)
      .send({ kind: 'basic_medical_insurance', enrolledOn: addDays(today(), -1) })
      .expect(422);
    expect(before.body.error.details).toEqual([expect.objectContaining({ field: 'enrolledOn' })]);
    await request(server)
      .post(`/files/${fileId}/household-registration/social-security`)
      .set(caseworker.auth)
      .send({ kind: 'basic_medical_insurance', enrolledOn: today(), reference: '医保-530102-77' })
      .expect(201);
    await request(server)
      .post(`/files/${fileId}/household-registration/social-security`)
      .set(caseworker.auth)
      .send({ kind: 'minimum_living_allowance', enrolledOn: today() })
      .expect(201);
    const twice = await request(server)
      .post(`/files/${fileId}/household-registration/social-security`)
      .set(caseworker.auth)
      .send({ kind: 'basic_medical_insurance', enrolledOn: today() })
      .expect(409);
    expect(twice.body.error.code).toBe('ALREADY_ENROLLED');
    expect((await stack.database.query(`SELECT status FROM reminder WHERE dedupe_key = $1`, [`household:${fileId}:social_security`]))[0].status).toBe('acknowledged');

    const done = await taskOf(fileId);
    expect(done).toMatchObject({
      status: 'registered',
      application: { preparedOn: today(), documents: ['tracing_notice', 'institution_certificate', 'police_sampling_receipt', 'photo'] },
      registration: { registeredOn: today(), householdNumber: 'KM-5301-0001' },
      socialSecurity: [expect.objectContaining({ kind: 'basic_medical_insurance', reference: '医保-530102-77' }), expect.objectContaining({ kind: 'minimum_living_allowance' })],
    });
    // The institution sees the task with the file; the number only with it too.
    expect((await request(server).get(`/files/${fileId}/household-registration`).set(institutionStaff.auth).expect(200)).body.status).toBe('registered');

    // Registered: she may now be resettled locally (R7, R11).
    await request(server).post(`/files/${fileId}/interview`).set(institutionStaff.auth).send(interview).expect(201);
    await step(server, caseworker.auth, fileId, 'start_tracing');
    expect((await approved(server, caseworker.auth, supervisor.auth, fileId, 'resettle_locally', { note: '寻亲未果，已落户，本人愿留昆' })).body).toMatchObject({
      to: 'locally_resettled',
    });
  });

  it("R11: local resettlement waits for the registration, or for a supervisor's exception with its reason", async () => {
    const fileId = await foundDaysAgo(10);
    await taskOf(fileId);
    await request(server).post(`/files/${fileId}/interview`).set(institutionStaff.auth).send(interview).expect(201);
    expect((await step(server, caseworker.auth, fileId, 'start_tracing')).body.to).toBe('tracing');
    const blocked = await step(server, caseworker.auth, fileId, 'resettle_locally', { note: '本人愿留昆' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({ code: 'HOUSEHOLD_REGISTRATION_REQUIRED', message: expect.stringContaining('R11') });

    await request(server).post(`/files/${fileId}/household-registration/exception`).set(caseworker.auth).send({ reason: '本人已在原籍有户口，正由公安核实' }).expect(403);
    const short = await request(server).post(`/files/${fileId}/household-registration/exception`).set(supervisor.auth).send({ reason: '' }).expect(422);
    expect(short.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    await request(server).post(`/files/${fileId}/household-registration/exception`).set(supervisor.auth).send({ reason: '本人已在原籍有户口，正由公安核实' }).expect(201);
    expect((await taskOf(fileId)).exception).toMatchObject({ reason: '本人已在原籍有户口，正由公安核实', by: 'Test supervisor' });
    expect((await approved(server, caseworker.auth, supervisor.auth, fileId, 'resettle_locally', { note: '本人愿留昆' })).body).toMatchObject({ to: 'locally_resettled' });
    // Excused: the task is not raised later.
    expect(
      (await stack.database.query(`SELECT count(*)::int AS n FROM reminder WHERE file_id = $1 AND kind = 'household_registration' AND status = 'scheduled'`, [fileId]))[0].n,
    ).toBe(0);
  });

  it('R11, C-3.7: a child of unknown origin is registered only after the police checked the DNA database — their reference, never the data', async () => {
    const fileId = await foundDaysAgo(120, { birthDateRange: { from: bornAged(10), to: bornAged(8) } });
    expect((await taskOf(fileId)).dnaDatabaseCheckRequired).toBe(true);
    await request(server)
      .post(`/files/${fileId}/household-registration/application`)
      .set(caseworker.auth)
      .send({ preparedOn: today(), documents: ['tracing_notice'] })
      .expect(201);
    const missing = await request(server)
      .post(`/files/${fileId}/household-registration/registration`)
      .set(policeLiaison.auth)
      .send({ registeredOn: today(), householdNumber: 'KM-5301-0002' })
      .expect(422);
    expect(missing.body.error).toMatchObject({ code: 'DNA_DATABASE_CHECK_REQUIRED', details: [expect.objectContaining({ field: 'dnaDatabaseCheckReference' })] });
    const genetic = await request(server)
      .post(`/files/${fileId}/household-registration/registration`)
      .set(policeLiaison.auth)
      .send({ registeredOn: today(), householdNumber: 'KM-5301-0002', dnaDatabaseCheckReference: 'D8S1179 13,14 TH01 6,9' });
    expect(genetic.body.error.code).toBe('GENETIC_DATA_REFUSED');
    await request(server)
      .post(`/files/${fileId}/household-registration/registration`)
      .set(policeLiaison.auth)
      .send({ registeredOn: today(), householdNumber: 'KM-5301-0002', dnaDatabaseCheckReference: '昆公DNA入库〔2026〕211号' })
      .expect(201);
    expect((await taskOf(fileId)).registration).toMatchObject({ dnaDatabaseCheckReference: '昆公DNA入库〔2026〕211号' });
  });

  it("R11: after a transfer the task is the new place's: its police unit takes it over, the clock runs on", async () => {
    const fileId = await foundDaysAgo(100);
    const before = await taskOf(fileId);
    expect(before.policeUnit.id).toBe(police);
    const lijiang = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530702', name: '古城区民政局' });
    const lijiangPolice = await createOrganisation(stack.database, { kind: 'public_security', jurisdictionCode: '530702', name: '丽江市公安局古城分局' });
    const receiver = await signedIn(server, stack.database, 'caseworker', { id: lijiang });
    const lijiangLiaison = await signedIn(server, stack.database, 'police_liaison', { id: lijiangPolice });
    await approved(server, caseworker.auth, supervisor.auth, fileId, 'transfer', { toOrganisationId: lijiang, reason: '本人记得丽江口音，移交丽江寻亲与安置' });
    const transfer = (await request(server).get('/transfers').set(receiver.auth).expect(200)).body.items.find((t: { fileId: string }) => t.fileId === fileId);
    await request(server).post(`/transfers/${transfer.id}/accept`).set(receiver.auth).send({}).expect(200);

    const after = await eventually(async () => {
      const task = await taskOf(fileId, receiver);
      return task.policeUnit?.id === lijiangPolice ? task : false;
    });
    expect(after).toMatchObject({ status: 'raised', clockStartedOn: before.clockStartedOn });
    expect((await request(server).get('/household-registrations').set(lijiangLiaison.auth).expect(200)).body.items.map((t: { fileId: string }) => t.fileId)).toContain(fileId);
    expect((await request(server).get('/household-registrations').set(policeLiaison.auth).expect(200)).body.items.map((t: { fileId: string }) => t.fileId)).not.toContain(fileId);
    const [policeReminder] = await stack.database.query(`SELECT assignee_organisation_id FROM reminder WHERE file_id = $1 AND dedupe_key LIKE '%:raise:police'`, [fileId]);
    expect(policeReminder.assignee_organisation_id).toBe(lijiangPolice);
  });

  it('R11: the clock stops when the identity is established, and restarts after a gap in care', async () => {
    const identified = await foundDaysAgo(100);
    await eventually(async () => (await inbox(caseworker, identified)).length > 0);
    await request(server)
      .put(`/files/${identified}/identity`)
      .set(caseworker.auth)
      .send({
        idNumber: residentId('530102', compact(bornAged(43)), '026'),
        basis: 'police_verification',
        basisReference: '五华公户核〔2026〕9号',
        expectedVersion: await versionOf(server, caseworker.auth, identified),
      })
      .expect(200);
    const cancelled = await eventually(async () => {
      const response = await request(server).get(`/files/${identified}/household-registration`).set(caseworker.auth).expect(200);
      return response.body.status === 'cancelled' ? response.body : false;
    });
    expect(cancelled.cancelledReason).toBe('身份已查明 / identity established');
    const open = await stack.database.query(
      `SELECT count(*)::int AS n FROM reminder WHERE file_id = $1 AND kind = 'household_registration' AND status IN ('scheduled', 'delivered')`,
      [identified],
    );
    expect(open[0].n).toBe(0);
    // The identity is settled once: a second confirmation is a conflict.
    await request(server)
      .put(`/files/${identified}/identity`)
      .set(caseworker.auth)
      .send({
        idNumber: residentId('530102', compact(bornAged(43)), '026'),
        basis: 'documents',
        basisReference: 'again',
        expectedVersion: await versionOf(server, caseworker.auth, identified),
      })
      .expect(409);

    // She left care and came back after a gap: a new stay, a new clock (a move the next day would not restart it, see clock.spec).
    const returned = await foundDaysAgo(200);
    const first = await taskOf(returned);
    const other = await createOrganisation(stack.database, { kind: 'assistance_institution', jurisdictionCode: '530102', name: '五华区第二救助站' });
    await stack.database.query(`UPDATE placement SET to_date = $2 WHERE file_id = $1`, [returned, addDays(today(), -150)]);
    // She left the station then: the stay that began with her discovery ends with the placement.
    await stack.database.query(`UPDATE institution_stay SET departed_at = $2::date, departure_reason = 'left_without_notice' WHERE file_id = $1 AND departed_at IS NULL`, [
      returned,
      addDays(today(), -150),
    ]);
    await approved(server, caseworker.auth, supervisor.auth, returned, 'place_in_institution', {
      institutionId: other,
      fromDate: addDays(today(), -40),
      reason: '再次流浪，由第二救助站接回',
    });
    const restarted = await eventually(async () => {
      const task = await taskOf(returned);
      return task.clockStartedOn !== first.clockStartedOn ? task : false;
    });
    expect(restarted).toMatchObject({ status: 'counting', clockStartedOn: addDays(today(), -40), dueOn: addDays(today(), 50) });
    const raises = await stack.database.query(`SELECT status FROM reminder WHERE file_id = $1 AND dedupe_key LIKE '%:raise:%' ORDER BY due_at`, [returned]);
    expect(raises.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'scheduled', 'scheduled']);
  });

  it('R11, R22: the to-do lists page with a keyset, the oldest due first, in the same number of queries whatever the page size (no N+1)', async () => {
    const files = [await foundDaysAgo(130), await foundDaysAgo(110), await foundDaysAgo(105)];
    for (const fileId of files) await taskOf(fileId);
    const list = async (user: User, query: string) => (await request(server).get(`/household-registrations?${query}`).set(user.auth).expect(200)).body;
    const walk = async (user: User, query: string, limit: number): Promise<string[]> => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(user, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        ids.push(...page.items.map((item: { fileId: string }) => item.fileId));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    for (const user of [caseworker, policeLiaison]) {
      const all = await list(user, 'status=due&limit=200');
      expect(all.nextCursor).toBeNull();
      expect(all.items.map((item: { fileId: string }) => item.fileId)).toEqual(expect.arrayContaining(files));
      const due = all.items.map((item: { dueOn: string }) => item.dueOn);
      expect(due).toEqual([...due].sort());
      expect(all.items.every((item: { status: string; statusLabel: string }) => ['raised', 'application_prepared'].includes(item.status) && / \/ /.test(item.statusLabel))).toBe(
        true,
      );
      expect(await walk(user, 'status=due', 1)).toEqual(all.items.map((item: { fileId: string }) => item.fileId));
      const counted = async (limit: number) => {
        const requestId = `count-household-${user.userId}-${limit}`;
        await request(server).get(`/household-registrations?limit=${limit}`).set(user.auth).set('x-request-id', requestId).expect(200);
        return queries(stack.api).of(requestId);
      };
      const one = await counted(1);
      expect(await counted(50)).toBe(one);
    }
    // Every open task, the counting ones too, for the bureau; the police still see only those raised to them.
    const counting = await foundDaysAgo(20);
    await taskOf(counting);
    expect((await list(caseworker, 'status=all&limit=200')).items.map((item: { fileId: string }) => item.fileId)).toContain(counting);
    expect((await list(caseworker, 'status=due&limit=200')).items.map((item: { fileId: string }) => item.fileId)).not.toContain(counting);
    expect((await list(policeLiaison, 'status=all&limit=200')).items.map((item: { fileId: string }) => item.fileId)).not.toContain(counting);
  });
});

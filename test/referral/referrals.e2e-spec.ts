import request from 'supertest';
import type { App } from 'supertest/types.js';
import { ReminderScheduler } from '#app/followup';
import { addMonths, OutboxRelay } from '#app/platform';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { interview, laoNational, referralDesk, residentId } from '../support/case-fixtures.js';
import { bornAged, compact, day, TEST_TODAY } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { queries, startStack, type TestStack } from '../support/test-context.js';

describe('referrals to partners, each working in its own inbox', () => {
  let stack: TestStack;
  let server: App;
  let desk: Awaited<ReturnType<typeof referralDesk>>;
  let bureau: string;
  let caseworker: Session & { userId: string };
  let supervisor: Session & { userId: string };
  let partner: Record<string, Session & { userId: string }>;
  let org: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({
      worker: true,
      overrides: { REMINDER_RELAY_INTERVAL_MS: '100', RECONCILE_INTERVAL_MS: '500', ESCALATION_SCAN_INTERVAL_MS: '200', ESCALATION_GRACE_HOURS: '0.0005' },
    });
    stack.worker!.get(OutboxRelay).start();
    stack.worker!.get(ReminderScheduler).start();
    desk = await referralDesk(stack, ['hospital', 'plainHospital', 'school', 'farSchool', 'technical', 'hrss', 'legalAid', 'socialWork', 'foreign'], {
      name: '转介',
      caseNumber: 'R',
      serial: 100,
    });
    ({ server, bureau, caseworker, partner, org } = desk);
    supervisor = await signedIn(server, stack.database, 'supervisor', { id: bureau });
  });
  afterAll(() => stack?.close());

  const file = (person: Record<string, unknown>, withInterview = true) => desk.file(person, withInterview);
  const refer = (fileId: string, body: Record<string, unknown>) => desk.refer(fileId, body);
  const as = (user: Session) => desk.as(user);

  it('R12: medical referrals go to designated hospitals only; the hospital records the disability grade and completes', async () => {
    const fileId = await file({ birthDateRange: { from: bornAged(31), to: bornAged(30) }, disability: '右腿行动不便' });
    const plain = await refer(fileId, { kind: 'disability_assessment', organisationId: org.plainHospital, purpose: '残疾评定' }).expect(422);
    expect(plain.body.error).toMatchObject({ code: 'NOT_DESIGNATED', details: [{ field: 'organisationId', reason: expect.any(String) }] });
    const wrongKind = await refer(fileId, { kind: 'disability_assessment', organisationId: org.school, purpose: '残疾评定' }).expect(422);
    expect(wrongKind.body.error.code).toBe('WRONG_ORGANISATION_KIND');

    const created = await refer(fileId, { kind: 'disability_assessment', organisationId: org.hospital, purpose: '残疾等级评定', send: true }).expect(201);
    expect(created.body).toMatchObject({ status: 'sent', kind: 'disability_assessment' });
    const hospital = as(partner.hospital);
    const inbox = await hospital.get('/referrals/inbox').expect(200);
    const entry = inbox.body.items.find((r: { id: string }) => r.id === created.body.id);
    expect(entry.person).toEqual({ name: expect.any(String), sex: 'female', age: expect.any(Object), disability: '右腿行动不便', languages: ['zh'] });

    await hospital.post(`/referrals/${created.body.id}/accept`).expect(200);
    await hospital.post(`/referrals/${created.body.id}/start`).expect(200);
    expect((await hospital.post(`/referrals/${created.body.id}/complete`, { summary: '评定完成' }).expect(409)).body.error.code).toBe('ASSESSMENT_REQUIRED');
    await hospital.post(`/referrals/${created.body.id}/disability-assessment`, { category: 'physical', grade: 5, assessedOn: day(-3), assessedBy: '某医生' }).expect(422);
    await hospital.post(`/referrals/${created.body.id}/disability-assessment`, { category: 'physical', grade: 3, assessedOn: day(-3), assessedBy: '骨科 王医生' }).expect(201);
    await hospital.post(`/referrals/${created.body.id}/notes`, { kind: 'progress', text: '已安排复查' }).expect(201);
    // The hospital sees the file while the referral is open.
    expect((await hospital.get(`/files/${fileId}`).expect(200)).body.audience).toBe('partner');
    await hospital.post(`/referrals/${created.body.id}/complete`, { summary: '三级肢体残疾' }).expect(200);

    const mine = await as(caseworker).get(`/files/${fileId}/referrals`).expect(200);
    expect(mine.body.items[0]).toMatchObject({
      status: 'completed',
      outcome: { summary: '三级肢体残疾' },
      assessments: [{ category: 'physical', grade: 3 }],
      notes: [expect.objectContaining({ text: '已安排复查' })],
    });
    // Completed: the hospital keeps its own records of the referral, not the person or the file.
    const after = await hospital.get(`/referrals/${created.body.id}`).expect(200);
    expect(after.body.person).toBeUndefined();
    expect(after.body.notes).toHaveLength(1);
    await hospital.get(`/files/${fileId}`).expect(404);
  });

  it("R16: a school sees name, sex, age, grade and the guardian's contact — nothing of the trafficking history — unless disclosed with consent", async () => {
    const born = bornAged(10);
    const idNumber = residentId('530102', compact(born), '028');
    const fileId = await file({ birthDate: born, idNumber, identityStatus: 'confirmed', contacts: [{ label: '母亲', phone: '13900000009' }] });
    await request(server)
      .post(`/files/${fileId}/guardians`)
      .set(caseworker.auth)
      .send({ kind: 'parent', name: '周母', relation: '母亲', phone: '13900000009', since: day(-60) })
      .expect(201);
    await request(server).post(`/files/${fileId}/buyer-household`).set(caseworker.auth).send({ name: '买家某', address: '某村1号' }).expect(201);
    const noConsent = await refer(fileId, {
      kind: 'schooling',
      organisationId: org.school,
      purpose: '插班入学',
      details: { gradeLevel: '四年级' },
      disclose: ['trafficking_history'],
    }).expect(422);
    expect(noConsent.body.error).toMatchObject({ code: 'CONSENT_REQUIRED', details: [expect.objectContaining({ field: 'disclose[0]' })] });

    const created = await refer(fileId, { kind: 'schooling', organisationId: org.school, purpose: '插班入学', details: { gradeLevel: '四年级' }, send: true }).expect(201);
    const seen = await as(partner.school).get(`/referrals/${created.body.id}`).expect(200);
    expect(seen.body.person).toEqual({
      name: expect.any(String),
      sex: 'female',
      age: expect.any(Object),
      gradeLevel: '四年级',
      guardianContact: [{ name: '周母', relation: '母亲', phone: '13900000009' }],
    });
    const text = JSON.stringify(seen.body);
    for (const secret of [interview.circumstances, interview.risks, '买家某', '某村1号', 'R-', idNumber, 'circumstances', 'buyer', 'policeCaseNumber', 'idNumber']) {
      expect({ secret, present: text.includes(secret) }).toEqual({ secret, present: false });
    }
    const fileView = await as(partner.school).get(`/files/${fileId}`).expect(200);
    // The minimal file view (its version for the records a partner keeps, R19): nothing of the history.
    expect(Object.keys(fileView.body).sort()).toEqual(['audience', 'id', 'person', 'reference', 'version']);
    await as(partner.school).get(`/files/${fileId}/interview`).expect(403);

    // With the guardian's recorded consent, the history may be shared with, say, the legal aid centre.
    await desk.consent(fileId, 'trafficking_history', 'guardian');
    const disclosed = await refer(fileId, { kind: 'legal_aid', organisationId: org.legalAid, purpose: '代理民事赔偿', disclose: ['trafficking_history'], send: true }).expect(201);
    expect((await as(partner.legalAid).get(`/referrals/${disclosed.body.id}`).expect(200)).body.person.circumstances).toBe(interview.circumstances);
  });

  it('R14: children of school age not enrolled are listed; a school elsewhere needs the contact made; enrolment schedules follow-up visits', async () => {
    const fileId = await file({ birthDate: bornAged(9) });
    const before = await as(caseworker).get('/schooling/unenrolled').expect(200);
    expect(before.body.items.map((row: { fileId: string }) => row.fileId)).toContain(fileId);
    const missing = await refer(fileId, { kind: 'schooling', organisationId: org.farSchool, purpose: '随亲属异地就学' }).expect(422);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ field: 'details.elsewhere.contactMade' })]);
    const created = await refer(fileId, {
      kind: 'schooling',
      organisationId: org.farSchool,
      purpose: '随亲属异地就学',
      details: { gradeLevel: '三年级', elsewhere: { contactMade: '已与丽江古城区教育局联系，同意接收' } },
      send: true,
    }).expect(201);
    expect(created.body.details.elsewhere).toEqual({ contactMade: '已与丽江古城区教育局联系，同意接收', destinationJurisdictionCode: '530702' });
    const school = as(partner.farSchool);
    await school.post(`/referrals/${created.body.id}/accept`).expect(200);
    const enrolledOn = day(-20);
    const enrolled = await school.post(`/referrals/${created.body.id}/enrolment`, { grade: '三年级', className: '二班', enrolledOn }).expect(201);
    expect(enrolled.body.followUpVisits).toEqual([addMonths(enrolledOn, 1), addMonths(enrolledOn, 3), addMonths(enrolledOn, 6)]);
    const visits = await stack.database.query(`SELECT assignee_user_id FROM reminder WHERE subject_type = 'enrolment' AND subject_id = $1`, [created.body.id]);
    expect(visits).toHaveLength(3);
    await school.post(`/referrals/${created.body.id}/notes`, { kind: 'visit', text: '适应良好', visitedOn: day(-5) }).expect(201);
    const after = await as(caseworker).get('/schooling/unenrolled').expect(200);
    expect(after.body.items.map((row: { fileId: string }) => row.fileId)).not.toContain(fileId);
  });

  it("R15: job training from 16, by the person's will; 16–17 year olds go to a technical school", async () => {
    const young = await file({ birthDate: bornAged(14) });
    expect((await refer(young, { kind: 'job_training', organisationId: org.hrss, purpose: '培训' }).expect(422)).body.error.code).toBe('TOO_YOUNG');

    const straddling = await file({ birthDateRange: { from: bornAged(17), to: bornAged(15) } });
    expect((await refer(straddling, { kind: 'job_training', organisationId: org.technical, purpose: '培训' }).expect(422)).body.error.code).toBe('AGE_CONFIRMATION_REQUIRED');
    expect((await refer(straddling, { kind: 'job_training', organisationId: org.technical, purpose: '培训', ageConfirmed: true }).expect(422)).body.error.code).toBe(
      'CONSENT_REQUIRED',
    );

    const seventeen = await file({ birthDate: bornAged(17) });
    await desk.consent(seventeen, 'job_training');
    expect((await refer(seventeen, { kind: 'job_training', organisationId: org.hrss, purpose: '学厨师' }).expect(422)).body.error.code).toBe('WRONG_ORGANISATION_KIND');
    const guided = await refer(seventeen, { kind: 'job_training', organisationId: org.technical, purpose: '学厨师' }).expect(201);
    expect(guided.body).toMatchObject({ kind: 'technical_school', forcedFrom: 'job_training' });

    const adult = await file({ birthDate: bornAged(26) });
    await desk.consent(adult, 'job_training');
    const id = await desk.accepted(adult, { kind: 'job_training', organisationId: org.hrss, purpose: '家政服务培训', details: { trade: '家政' } }, partner.hrss);
    const hrss = as(partner.hrss);
    await hrss.post(`/referrals/${id}/start`).expect(200);
    const incomplete = await hrss.post(`/referrals/${id}/complete`, { summary: '结业' }).expect(422);
    expect(incomplete.body.error).toMatchObject({ code: 'OUTCOME_INCOMPLETE', details: [{ field: 'course', reason: expect.any(String) }] });
    await hrss
      .post(`/referrals/${id}/complete`, {
        course: '家政服务员（中级）',
        certificate: '职业技能等级证书',
        placement: { employer: '昆明某家政公司', place: '昆明市', startDate: day(5) },
        workElsewhere: '协助办理外出务工手续',
      })
      .expect(200);
  });

  it('R18: a green-channel case sent on the eve of National Day must be accepted by the working Saturday after it, is listed first, and escalates when that passes', async () => {
    const fileId = await file({ birthDate: bornAged(28) });
    // The eve of National Day 2026: a Wednesday, the last working day before the holiday (the test stands there, whatever the base date).
    stack.clock.set('2026-09-30');
    try {
      await greenChannelOnTheEveOfNationalDay(fileId);
    } finally {
      stack.clock.set(TEST_TODAY);
    }
  });

  async function greenChannelOnTheEveOfNationalDay(fileId: string): Promise<void> {
    const other = await refer(fileId, { kind: 'rehabilitation', organisationId: org.socialWork, purpose: '康复', send: true }).expect(201);
    expect(other.body.greenChannel).toBe(false);
    const created = await refer(fileId, { kind: 'legal_aid', organisationId: org.legalAid, purpose: '刑事附带民事诉讼', details: { matter: '索赔' }, send: true }).expect(201);
    expect(created.body).toMatchObject({ greenChannel: true });
    // Sent 2026-09-30; 1–7 October are the holiday; 8, 9 and the 调休 Saturday 10 October are three working days.
    expect(created.body.acceptBy).toBe('2026-10-10T15:59:59.000Z');
    const inbox = await as(partner.legalAid).get('/referrals/inbox').expect(200);
    expect(inbox.body.items[0]).toMatchObject({ greenChannel: true });
    // The working days left, 调休 counted: 8 and 9 October and the make-up Saturday.
    expect(inbox.body.items[0].deadline).toEqual({ kind: 'accept', day: '2026-10-10', workingDaysLeft: 3, overdue: false });

    // The deadline passes with nobody accepting: the centre is told, then the centre and the caseworker's supervisor.
    const [reminder] = await stack.database.query(`SELECT id FROM reminder WHERE dedupe_key = $1`, [`referral:${created.body.id}:accept`]);
    await stack.database.query(`UPDATE reminder SET due_at = $2, enqueued_at = NULL WHERE id = $1`, [reminder.id, stack.clock.now()]);
    await eventually(async () => (await stack.database.query('SELECT escalation_level FROM reminder WHERE id = $1', [reminder.id]))[0].escalation_level >= 1, 20_000);
    const told = await stack.database.query(`SELECT recipient_user_id, escalation_level FROM notification WHERE reminder_id = $1 ORDER BY escalation_level`, [reminder.id]);
    expect(told).toEqual(
      expect.arrayContaining([
        { recipient_user_id: partner.legalAid.userId, escalation_level: 0 },
        { recipient_user_id: supervisor.userId, escalation_level: 1 },
      ]),
    );

    const centre = as(partner.legalAid);
    await centre.post(`/referrals/${created.body.id}/accept`).expect(200);
    expect((await stack.database.query('SELECT status FROM reminder WHERE id = $1', [reminder.id]))[0].status).toBe('acknowledged');
    await centre.post(`/referrals/${created.body.id}/start`).expect(200);
    await centre.post(`/referrals/${created.body.id}/complete`, { service: 'litigation', court: '五华区人民法院', stage: '一审判决', result: '获赔5万元' }).expect(200);
  }

  it('R13: social work brings in funding and in-kind support from organisations and individuals', async () => {
    const fileId = await file({ birthDate: bornAged(36) });
    const id = await desk.accepted(fileId, { kind: 'rehabilitation', organisationId: org.socialWork, purpose: '心理与社会功能康复' }, partner.socialWork);
    const social = as(partner.socialWork);
    await social
      .post(`/referrals/${id}/support-contributions`, {
        sourceKind: 'organisation',
        sourceName: '某基金会',
        amountYuan: 3000,
        purpose: '康复训练费用',
        receivedOn: day(-3),
      })
      .expect(201);
    await request(server)
      .post(`/files/${fileId}/support-contributions`)
      .set(caseworker.auth)
      .send({ sourceKind: 'individual', sourceName: '爱心人士', inKind: '冬衣两套', purpose: '生活物资', receivedOn: day(-2) })
      .expect(201);
    await social.post(`/referrals/${id}/support-contributions`, { sourceKind: 'individual', sourceName: '某', purpose: '空', receivedOn: day(-2) }).expect(422);
    const rows = await stack.database.query('SELECT source_kind, amount_yuan, in_kind FROM support_contribution WHERE file_id = $1 ORDER BY recorded_at', [fileId]);
    expect(rows).toEqual([
      { source_kind: 'organisation', amount_yuan: '3000.00', in_kind: null },
      { source_kind: 'individual', amount_yuan: null, in_kind: '冬衣两套' },
    ]);
  });

  it('R19: repatriation is referred to the foreign affairs office, for foreign nationals only', async () => {
    const chinese = await file({ birthDate: bornAged(36), nationality: 'CN' });
    expect((await refer(chinese, { kind: 'repatriation', organisationId: org.foreign, purpose: '遣返' }).expect(422)).body.error.code).toBe('NOT_FOREIGN_NATIONAL');
    const foreign = await file(laoNational);
    const created = await refer(foreign, { kind: 'repatriation', organisationId: org.foreign, purpose: '协调老挝驻昆总领馆接收', send: true }).expect(201);
    const seen = await as(partner.foreign).get(`/referrals/${created.body.id}`).expect(200);
    expect(seen.body.person).toMatchObject({ nationality: 'LA', travelDocument: { type: 'passport', country: 'LA', number: 'P7654321' }, languages: ['lo'] });
  });

  it("refuses acting on another organisation's referral (404) and accepting a withdrawn one (409), writing nothing", async () => {
    const fileId = await file({ birthDate: bornAged(36) });
    const created = await refer(fileId, { kind: 'medical_care', organisationId: org.hospital, purpose: '体检', send: true }).expect(201);
    await as(partner.school).post(`/referrals/${created.body.id}/accept`).expect(404);
    await as(partner.school).get(`/referrals/${created.body.id}`).expect(404);
    expect(await auditRecords(stack.database, `action = 'referral.accept' AND outcome = 'denied' AND entity_id = $1`, [created.body.id])).toHaveLength(1);
    await request(server).post(`/referrals/${created.body.id}/withdraw`).set(caseworker.auth).send({ reason: '改由其他医院' }).expect(200);
    const refused = await as(partner.hospital).post(`/referrals/${created.body.id}/accept`).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'REFERRAL_NOT_ALLOWED', details: { status: 'withdrawn' } });
    expect((await stack.database.query('SELECT status FROM referral WHERE id = $1', [created.body.id]))[0].status).toBe('withdrawn');
    await as(partner.hospital).get(`/files/${fileId}`).expect(404);
  });
  it('R16: consents are listed for those who keep the file; a withdrawn consent (reason on record) stops disclosure to new referrals and drafts', async () => {
    const fileId = await file({ birthDate: bornAged(30) });
    const consents = as(caseworker);
    const given = await consents.post(`/files/${fileId}/consents`, { category: 'family', givenBy: 'person', givenOn: day(-5), note: '同意告知家属联系方式' }).expect(201);
    expect(given.body).toMatchObject({ category: 'family', givenBy: 'person', givenOn: day(-5), standing: true, withdrawnAt: null, withdrawReason: null });
    const draft = await refer(fileId, { kind: 'rehabilitation', organisationId: org.socialWork, purpose: '家庭支持康复', disclose: ['family'] }).expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', disclosed: ['family'] });
    await consents.post(`/files/${fileId}/consents`, { category: 'medical', givenBy: 'guardian', givenOn: day(-4) }).expect(201);
    const first = await consents.get(`/files/${fileId}/consents?limit=1`).expect(200);
    expect(first.body.items).toEqual([expect.objectContaining({ id: given.body.id, category: 'family' })]);
    const second = await consents.get(`/files/${fileId}/consents?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ category: 'medical', givenBy: 'guardian', standing: true })], nextCursor: null });

    const reason = '本人要求不再向合作机构提供家属信息 / the person no longer wants family details shared';
    const withdrawn = await consents.post(`/consents/${given.body.id}/withdraw`, { reason }).expect(200);
    expect(withdrawn.body).toMatchObject({ id: given.body.id, standing: false, withdrawReason: reason, withdrawnAt: expect.any(String), withdrawnBy: expect.any(String) });
    const [record] = await stack.database.query(`SELECT file_ids, purpose FROM audit_record WHERE action = 'consent.withdraw' AND outcome = 'allowed' AND entity_id = $1`, [
      given.body.id,
    ]);
    expect(record).toEqual({ file_ids: [fileId], purpose: reason });
    expect((await consents.post(`/consents/${given.body.id}/withdraw`, { reason: '再次撤回' }).expect(409)).body.error.code).toBe('CONSENT_ALREADY_WITHDRAWN');

    // New referrals may no longer disclose it, and the draft that does cannot be sent.
    const refused = await refer(fileId, { kind: 'rehabilitation', organisationId: org.socialWork, purpose: '康复', disclose: ['medical', 'family'] }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'CONSENT_REQUIRED', details: [{ field: 'disclose[1]', reason: expect.stringContaining('withdrawn') }] });
    const stuck = await consents.post(`/referrals/${draft.body.id}/send`).expect(409);
    expect(stuck.body.error).toMatchObject({ code: 'CONSENT_WITHDRAWN', details: { categories: ['family'] } });
    expect((await stack.database.query('SELECT status FROM referral WHERE id = $1', [draft.body.id]))[0].status).toBe('draft');
    // Given again, it stands again.
    await consents.post(`/files/${fileId}/consents`, { category: 'family', givenBy: 'person', givenOn: day(0) }).expect(201);
    expect((await consents.post(`/referrals/${draft.body.id}/send`).expect(200)).body.status).toBe('sent');

    // Out of scope: like a consent that does not exist, on record; partners may not read consents.
    const elsewhere = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: '530702' });
    expect((await as(elsewhere).post(`/consents/${given.body.id}/withdraw`, { reason: '越权' }).expect(404)).body.error.code).toBe('CONSENT_NOT_FOUND');
    await as(elsewhere).get(`/files/${fileId}/consents`).expect(404);
    expect(await auditRecords(stack.database, `action = 'consent.withdraw' AND outcome = 'denied' AND actor_user_id = $1`, [elsewhere.userId])).toHaveLength(1);
    await as(partner.socialWork).get(`/files/${fileId}/consents`).expect(403);
  });

  it('R16: a withdrawn consent also ends what partners of open referrals see of the category; the referring side sees it withheld', async () => {
    const fileId = await file({ birthDate: bornAged(30), contacts: [{ label: '本人', phone: '13900000077' }] }, false);
    // At the interview she agreed to share her contacts; nothing else.
    await request(server)
      .post(`/files/${fileId}/interview`)
      .set(caseworker.auth)
      .send({ ...interview, consents: { contacts: { given: true, by: 'person' }, trafficking_history: { given: false, by: 'person' } } })
      .expect(201);
    const keeper = as(caseworker);
    const standing = async () =>
      Object.fromEntries(
        ((await keeper.get(`/files/${fileId}/consents/standing`).expect(200)).body.categories as { category: string }[]).map(({ category, ...rest }) => [category, rest]),
      );
    const before = await standing();
    expect(Object.keys(before)).toEqual(['trafficking_history', 'identity', 'contacts', 'family', 'medical', 'needs', 'job_training']);
    expect(before.contacts).toEqual({ standing: true, source: 'interview', givenBy: 'person', withdrawn: false });
    expect(before.trafficking_history).toEqual({ standing: false, source: null, givenBy: null, withdrawn: false });

    await keeper.post(`/files/${fileId}/consents`, { category: 'trafficking_history', givenBy: 'person', givenOn: day(-1), note: '同意告知法律援助中心' }).expect(201);
    expect((await standing()).trafficking_history).toEqual({ standing: true, source: 'recorded', givenBy: 'person', withdrawn: false });
    const legal = await refer(fileId, {
      kind: 'legal_aid',
      organisationId: org.legalAid,
      purpose: '代理民事赔偿',
      disclose: ['trafficking_history', 'contacts'],
      send: true,
    }).expect(201);
    const centre = as(partner.legalAid);
    const seen = (await centre.get(`/referrals/${legal.body.id}`).expect(200)).body;
    expect(seen).toMatchObject({ disclosed: ['trafficking_history', 'contacts'], person: { circumstances: interview.circumstances, contacts: [{ phone: '13900000077' }] } });

    // The person takes both back: the recorded consent, and the one given at the interview (now on record as withdrawn).
    const reason = '本人不愿再向合作机构提供 / the person no longer wants it shared';
    const history = await keeper.post(`/files/${fileId}/consents/withdraw`, { category: 'trafficking_history', reason }).expect(200);
    expect(history.body).toEqual({ category: 'trafficking_history', items: [expect.objectContaining({ standing: false, withdrawReason: reason })] });
    const contacts = await keeper.post(`/files/${fileId}/consents/withdraw`, { category: 'contacts', reason }).expect(200);
    expect(contacts.body.items).toEqual([expect.objectContaining({ category: 'contacts', givenBy: 'person', givenOn: day(-7), standing: false, withdrawReason: reason })]);
    expect((await keeper.post(`/files/${fileId}/consents/withdraw`, { category: 'contacts', reason }).expect(409)).body.error.code).toBe('NO_STANDING_CONSENT');
    expect((await standing()).contacts).toEqual({ standing: false, source: null, givenBy: null, withdrawn: true });

    // The centre no longer sees them, nor is told what they were; the referring side sees them withheld.
    const after = await centre.get(`/referrals/${legal.body.id}`).expect(200);
    expect(after.body.disclosed).toEqual([]);
    expect(after.body.person).toEqual({ name: expect.any(String), sex: 'female', age: expect.any(Object), languages: ['zh'] });
    const inbox = await centre.get('/referrals/inbox?limit=200').expect(200);
    const listed = JSON.stringify(inbox.body.items.find((item: { id: string }) => item.id === legal.body.id));
    for (const secret of [interview.circumstances, '13900000077']) expect({ secret, present: listed.includes(secret) }).toEqual({ secret, present: false });
    const mine = (await keeper.get(`/files/${fileId}/referrals`).expect(200)).body.items[0];
    expect(mine).toMatchObject({ disclosed: ['trafficking_history', 'contacts'], withheld: ['trafficking_history', 'contacts'] });
    expect(await auditRecords(stack.database, `action = 'consent.withdraw' AND outcome = 'allowed' AND $1 = ANY(file_ids)`, [fileId])).toHaveLength(2);

    // Given again, the centre sees the history again.
    await keeper.post(`/files/${fileId}/consents`, { category: 'trafficking_history', givenBy: 'person', givenOn: day(0) }).expect(201);
    expect((await centre.get(`/referrals/${legal.body.id}`).expect(200)).body.person.circumstances).toBe(interview.circumstances);
  });

  it('R16: a draft is rewritten at the version seen under the rules of a new referral, then sent; only a draft is rewritten', async () => {
    const fileId = await file({ birthDate: bornAged(30) });
    const draft = await refer(fileId, { kind: 'rehabilitation', organisationId: org.socialWork, purpose: '康复' }).expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, withheld: [] });
    const keeper = as(caseworker);
    const edit = (body: Record<string, unknown>) => request(server).put(`/referrals/${draft.body.id}`).set(caseworker.auth).send(body);
    const medical = { kind: 'medical_care', organisationId: org.hospital, purpose: '入院体检', completeBy: day(30) };

    expect((await edit({ ...medical, organisationId: org.plainHospital, expectedVersion: 1 }).expect(422)).body.error).toMatchObject({
      code: 'NOT_DESIGNATED',
      details: [{ field: 'organisationId', reason: expect.any(String) }],
    });
    expect((await edit({ ...medical, disclose: ['medical'], expectedVersion: 1 }).expect(422)).body.error).toMatchObject({
      code: 'CONSENT_REQUIRED',
      details: [{ field: 'disclose[0]', reason: expect.any(String) }],
    });
    const edited = await edit({ ...medical, expectedVersion: 1 }).expect(200);
    expect(edited.body).toMatchObject({ status: 'draft', version: 2, kind: 'medical_care', organisation: { id: org.hospital }, purpose: '入院体检', completeBy: day(30) });
    expect(edited.body.history.map((entry: { event: string }) => entry.event)).toEqual(['create', 'edit']);
    // Someone else's edit meanwhile: the caller's version is stale.
    expect((await edit({ ...medical, purpose: '复查', expectedVersion: 1 }).expect(409)).body.error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
    expect(await auditRecords(stack.database, `action = 'referral.edit' AND outcome = 'allowed' AND entity_id = $1`, [draft.body.id])).toHaveLength(1);
    // Nothing reached the hospital while it was a draft.
    await as(partner.hospital).get(`/referrals/${draft.body.id}`).expect(404);

    expect((await keeper.post(`/referrals/${draft.body.id}/send`).expect(200)).body).toMatchObject({ status: 'sent', version: 3 });
    expect((await edit({ ...medical, expectedVersion: 3 }).expect(409)).body.error).toMatchObject({ code: 'REFERRAL_NOT_ALLOWED', details: { event: 'edit', status: 'sent' } });
    expect((await as(partner.hospital).get(`/referrals/${draft.body.id}`).expect(200)).body).toMatchObject({ kind: 'medical_care', purpose: '入院体检' });
  });

  it('R13: the support recorded on the file and by the partner is listed for those who keep the file, in pages', async () => {
    const fileId = await file({ birthDate: bornAged(40) });
    const id = await desk.accepted(fileId, { kind: 'rehabilitation', organisationId: org.socialWork, purpose: '社会功能康复' }, partner.socialWork);
    const social = as(partner.socialWork);
    const brought = await social
      .post(`/referrals/${id}/support-contributions`, {
        sourceKind: 'organisation',
        sourceName: '某公益基金会',
        amountYuan: 1500.5,
        purpose: '康复训练',
        receivedOn: day(-3),
      })
      .expect(201);
    expect(brought.body).toMatchObject({ referralId: id, amountYuan: 1500.5, inKind: null, recordedByOrganisation: '五华区社工中心' });
    await as(caseworker)
      .post(`/files/${fileId}/support-contributions`, { sourceKind: 'individual', sourceName: '爱心人士', inKind: '棉被一床', purpose: '生活物资', receivedOn: day(-1) })
      .expect(201);
    const first = await as(caseworker).get(`/files/${fileId}/support-contributions?limit=1`).expect(200);
    expect(first.body.items).toEqual([
      {
        id: brought.body.id,
        sourceKind: 'organisation',
        sourceName: '某公益基金会',
        amountYuan: 1500.5,
        inKind: null,
        purpose: '康复训练',
        receivedOn: day(-3),
        referralId: id,
        recordedBy: expect.any(String),
        recordedByOrganisation: '五华区社工中心',
        recordedAt: expect.any(String),
      },
    ]);
    const second = await as(supervisor).get(`/files/${fileId}/support-contributions?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ sourceKind: 'individual', inKind: '棉被一床', amountYuan: null, referralId: null })], nextCursor: null });
    await social.get(`/files/${fileId}/support-contributions`).expect(403);
    expect(await auditRecords(stack.database, `action = 'support.list' AND outcome = 'allowed' AND $1 = ANY(file_ids)`, [fileId])).toHaveLength(2);
  });

  it('a note recorded by mistake is corrected by an addendum with the reason, audited; the note itself never changes', async () => {
    const fileId = await file({ birthDate: bornAged(33) });
    const id = await desk.accepted(fileId, { kind: 'rehabilitation', organisationId: org.socialWork, purpose: '康复' }, partner.socialWork);
    const social = as(partner.socialWork);
    const visit = await social.post(`/referrals/${id}/notes`, { kind: 'visit', text: '家访，情绪稳定', visitedOn: day(-3) }).expect(201);
    expect(visit.body).toMatchObject({ kind: 'visit', text: '家访，情绪稳定', visitedOn: day(-3), corrections: [] });
    const progress = await social.post(`/referrals/${id}/notes`, { kind: 'progress', text: '开始小组活动' }).expect(201);

    const reason = '日期记错 / the day was recorded wrong';
    const corrected = await social.post(`/referrals/${id}/notes/${visit.body.id}/corrections`, { text: '家访实际在前一天', visitedOn: day(-4), reason }).expect(201);
    expect(corrected.body).toMatchObject({
      id: visit.body.id,
      text: '家访，情绪稳定',
      visitedOn: day(-3),
      corrections: [
        { id: expect.any(String), text: '家访实际在前一天', visitedOn: day(-4), reason, author: expect.any(String), organisation: '五华区社工中心', createdAt: expect.any(String) },
      ],
    });
    const [record] = await stack.database.query(`SELECT file_ids, purpose FROM audit_record WHERE action = 'referral.note_correction' AND outcome = 'allowed' AND entity_id = $1`, [
      id,
    ]);
    expect(record).toEqual({ file_ids: [fileId], purpose: reason });
    const wrongDay = await social.post(`/referrals/${id}/notes/${progress.body.id}/corrections`, { text: '补充', visitedOn: day(-2), reason: '补充说明' }).expect(422);
    expect(wrongDay.body.error.details).toEqual([expect.objectContaining({ field: 'visitedOn' })]);
    // Only the organisation that wrote it, on its own referral.
    await as(partner.school).post(`/referrals/${id}/notes/${visit.body.id}/corrections`, { text: '改正', reason: '越权' }).expect(404);
    const other = await refer(fileId, { kind: 'rehabilitation', organisationId: org.socialWork, purpose: '另一转介', send: true }).expect(201);
    const elsewhere = await social.post(`/referrals/${other.body.id}/notes/${visit.body.id}/corrections`, { text: '改正', reason: '错单' }).expect(404);
    expect(elsewhere.body.error.code).toBe('NOTE_NOT_FOUND');

    // Once completed, the partner's records stay its own and can still be put right; the caseworker sees both.
    await social.post(`/referrals/${id}/start`).expect(200);
    await social.post(`/referrals/${id}/complete`, { summary: '康复目标达成' }).expect(200);
    await social.post(`/referrals/${id}/notes/${progress.body.id}/corrections`, { text: '小组活动共六次', reason: '补充次数 / the count added' }).expect(201);
    const seen = await as(caseworker).get(`/referrals/${id}`).expect(200);
    expect(seen.body.audience).toBe('referrer');
    expect(seen.body.notes.map((note: { text: string; corrections: { text: string }[] }) => [note.text, note.corrections.map((c) => c.text)])).toEqual([
      ['家访，情绪稳定', ['家访实际在前一天']],
      ['开始小组活动', ['小组活动共六次']],
    ]);
    // Each move emitted its typed domain event, in order.
    const events = await stack.database.query<{ job_name: string }>(`SELECT job_name FROM outbox WHERE payload ->> 'subjectId' = $1 ORDER BY id`, [id]);
    expect(events.map((event) => event.job_name)).toEqual(['referral.sent', 'referral.accepted', 'referral.in_progress', 'referral.completed']);
  });

  it('R18: the inbox pages in one order — open first, green channel first, then the nearest deadline to accept — and a closed referral shows no person (R16)', async () => {
    const centre = await createOrganisation(stack.database, { kind: 'legal_aid_centre', jurisdictionCode: '530102', name: '排序法援中心' });
    const staff = as(await signedIn(server, stack.database, 'legal_aid_staff', { id: centre }));
    const fileId = await file({ birthDate: bornAged(29) });
    const at = (days: number) => new Date(stack.clock.now().getTime() + days * 86_400_000);
    const rows: [string, boolean, Date | null, number][] = [
      ['closed', true, at(1), -5], // completed: after every open one
      ['late', false, at(9), -4],
      ['green-late', true, at(5), -3],
      ['none', false, null, -6], // no deadline: last of the open ones
      ['green-soon', true, at(2), -2],
      ['soon', false, at(3), -1],
    ];
    const ids: Record<string, string> = {};
    for (const [purpose, green, acceptBy, sentDaysAgo] of rows) {
      const [row] = await stack.database.query(
        `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, green_channel, accept_by, created_by, sent_at)
         VALUES ($1, 'legal_aid', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [fileId, centre, bureau, purpose, purpose === 'closed' ? 'completed' : 'sent', green, acceptBy, caseworker.userId, at(sentDaysAgo)],
      );
      ids[purpose] = row.id;
    }
    const walk = async (status: string) => {
      const seen: { purpose: string; person?: unknown }[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await staff.get(`/referrals/inbox?status=${status}&limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect((await walk('open')).map((item) => item.purpose)).toEqual(['green-soon', 'green-late', 'soon', 'late', 'none']);
    const all = await walk('all');
    expect(all.map((item) => item.purpose)).toEqual(['green-soon', 'green-late', 'soon', 'late', 'none', 'closed']);
    expect(all[0].person).toEqual({ name: expect.any(String), sex: 'female', age: expect.any(Object), languages: ['zh'] });
    expect(Object.keys(all[5])).not.toContain('person');
    const tampered = await staff.get('/referrals/inbox?cursor=bm90LWEtY3Vyc29y').expect(422);
    expect(tampered.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('R14: the unenrolled children page newest file first, each once', async () => {
    const older = await file({ birthDate: bornAged(8) });
    const newer = await file({ birthDate: bornAged(7) });
    const whole = await as(caseworker).get('/schooling/unenrolled?limit=200').expect(200);
    expect(whole.body.nextCursor).toBeNull();
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await as(caseworker)
        .get(`/schooling/unenrolled?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      walked.push(...page.body.items.map((row: { fileId: string }) => row.fileId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(whole.body.items.map((row: { fileId: string }) => row.fileId));
    expect(walked.indexOf(newer)).toBeLessThan(walked.indexOf(older));
    expect(whole.body.items.find((row: { fileId: string }) => row.fileId === newer)).toEqual({
      fileId: newer,
      reference: expect.any(String),
      state: 'received',
      name: expect.any(String),
      age: { min: 7, max: 7 },
      schoolingReferralOpen: false,
    });
  });

  it('lists a page of the inbox and of a file’s referrals in the same number of queries whatever its size (no N+1)', async () => {
    const hospital = await createOrganisation(stack.database, { kind: 'hospital', jurisdictionCode: '530102', designated: true, name: '计数定点医院' });
    const staffUser = await signedIn(server, stack.database, 'hospital_staff', { id: hospital });
    const staff = as(staffUser);
    const fileId = await file({ birthDate: bornAged(34), disability: '听力障碍', contacts: [{ label: '姐姐', phone: '13900000021' }] });
    await request(server)
      .post(`/files/${fileId}/guardians`)
      .set(caseworker.auth)
      .send({ kind: 'relative', name: '周姐', relation: '姐姐', phone: '13900000021', since: day(-30) })
      .expect(201);
    const categories = ['trafficking_history', 'identity', 'contacts', 'family', 'medical', 'needs'];
    for (const category of categories) {
      await request(server)
        .post(`/files/${fileId}/consents`)
        .set(caseworker.auth)
        .send({ category, givenBy: 'person', givenOn: day(-3) })
        .expect(201);
    }
    const kinds = ['medical_care', 'psychological_counselling', 'disability_assessment'];
    for (let n = 0; n < 6; n += 1) {
      const created = await refer(fileId, { kind: kinds[n % 3], organisationId: hospital, purpose: `第${n + 1}次转介`, disclose: categories.slice(0, n + 1), send: true }).expect(
        201,
      );
      if (n % 2 === 0) {
        await staff.post(`/referrals/${created.body.id}/accept`).expect(200);
        const note = await staff.post(`/referrals/${created.body.id}/notes`, { kind: 'progress', text: `记录${n}` }).expect(201);
        await staff.post(`/referrals/${created.body.id}/notes/${note.body.id}/corrections`, { text: `更正${n}`, reason: '笔误' }).expect(201);
      }
    }
    const counted = async (path: string, auth: { authorization: string }, limit: number) => {
      const requestId = `count-${path.replace(/\W+/g, '-')}-${limit}`;
      const response = await request(server).get(`${path}?limit=${limit}`).set(auth).set('x-request-id', requestId).expect(200);
      return { count: queries(stack.api).of(requestId), items: response.body.items.length as number };
    };
    const inboxOne = await counted('/referrals/inbox', staffUser.auth, 1);
    const inboxAll = await counted('/referrals/inbox', staffUser.auth, 50);
    expect([inboxOne.items, inboxAll.items]).toEqual([1, 6]);
    expect(inboxAll.count).toBe(inboxOne.count);
    const fileOne = await counted(`/files/${fileId}/referrals`, caseworker.auth, 1);
    const fileAll = await counted(`/files/${fileId}/referrals`, caseworker.auth, 50);
    expect([fileOne.items, fileAll.items]).toEqual([1, 6]);
    expect(fileAll.count).toBe(fileOne.count);
    expect(inboxOne.count).toBeLessThanOrEqual(3);
    expect(fileOne.count).toBeLessThanOrEqual(4);
  });
});

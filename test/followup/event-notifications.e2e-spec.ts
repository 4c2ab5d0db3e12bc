import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { ReminderScheduler } from '#app/followup';
import { DomainEventsProcessor, OutboxRelay, outboxJobId, QueueRegistry, QUEUES, type DomainEventPayload } from '#app/platform';
import { createOrganisation, createUser, login, signedIn, type Session } from '../support/access-fixtures.js';
import { interview, step } from '../support/case-fixtures.js';
import { bornAged, day } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  fileId: string | null;
  fileReference: string | null;
  subjectType: string | null;
  subjectId: string | null;
}

/** What the webhook receives (also the worker's signed audit checkpoints, without title or recipient). */
interface Outgoing {
  notificationId?: string;
  recipient?: { username: string; email: string | null; mobile: string | null };
  title?: string;
}

describe("everyone's inbox gets the events that concern them, once", () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let receiving: string;
  let police: string;
  let otherPolice: string;
  let caseworker: User;
  let supervisor: User;
  let otherSupervisor: User;
  let receivingCaseworker: User;
  let receivingSupervisor: User;
  let policeOfficer: User;
  let otherPoliceOfficer: User;
  let administrator: User;
  const partner: Record<string, User> = {};
  const org: Record<string, string> = {};
  const webhook: Outgoing[] = [];
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
        NOTIFY_CHANNEL: 'webhook',
        NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/hook`,
      },
    });
    server = stack.api!.getHttpServer();
    stack.worker!.get(OutboxRelay).start();
    stack.worker!.get(ReminderScheduler).start();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    const otherBureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530702', name: '古城区民政局' });
    receiving = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530602', name: '昭阳区民政局' });
    police = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530102', name: '五华分局' });
    otherPolice = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530702', name: '古城分局' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, db, 'supervisor', { id: bureau });
    administrator = await signedIn(server, db, 'administrator', { id: bureau });
    otherSupervisor = await signedIn(server, db, 'supervisor', { id: otherBureau });
    receivingCaseworker = await signedIn(server, db, 'caseworker', { id: receiving });
    receivingSupervisor = await signedIn(server, db, 'supervisor', { id: receiving });
    policeOfficer = await signedIn(server, db, 'police_liaison', { id: police });
    otherPoliceOfficer = await signedIn(server, db, 'police_liaison', { id: otherPolice });
    const partners: [string, Parameters<typeof createOrganisation>[1], Parameters<typeof signedIn>[2]][] = [
      ['school', { kind: 'school', jurisdictionCode: '530102', name: '五华区实验小学' }, 'school_staff'],
      ['otherSchool', { kind: 'school', jurisdictionCode: '530102', name: '五华区第二小学' }, 'school_staff'],
      ['hospital', { kind: 'hospital', jurisdictionCode: '530102', designated: true, name: '五华区定点医院' }, 'hospital_staff'],
      ['legalAid', { kind: 'legal_aid_centre', jurisdictionCode: '530102', name: '五华区法律援助中心' }, 'legal_aid_staff'],
    ];
    for (const [key, organisation, role] of partners) {
      org[key] = await createOrganisation(db, organisation);
      partner[key] = await signedIn(server, db, role, { id: org[key] });
    }
    // A second teacher of the school, with contact for the outgoing channel, set by an administrator (stored encrypted).
    const teacher = await createUser(db, { role: 'school_staff', organisationId: org.school });
    partner.teacher = { ...(await login(server, teacher.username)), userId: teacher.id, organisationId: org.school };
    const legalAidLawyer = await createUser(db, { role: 'legal_aid_staff', organisationId: org.legalAid });
    partner.lawyer = { ...(await login(server, legalAidLawyer.username)), userId: legalAidLawyer.id, organisationId: org.legalAid };
    for (const [who, email, mobile] of [
      [partner.teacher, 'teacher@school.example.cn', '13800000001'],
      [partner.lawyer, 'lawyer@legalaid.example.cn', '+8613800000002'],
    ] as const) {
      const updated = await request(server).patch(`/users/${who.userId}`).set(administrator.auth).send({ email, mobile }).expect(200);
      expect(updated.body).toMatchObject({ email, mobile });
    }
  });
  afterAll(async () => {
    await stack?.close();
    if (webhookServer) await new Promise((resolve) => webhookServer.close(resolve));
  });

  async function inbox(user: User): Promise<Notice[]> {
    return (await request(server).get('/me/notifications?limit=100').set(user.auth).expect(200)).body.items;
  }
  /** The user's notices of a kind about a subject, once they are there. */
  async function noticed(user: User, kind: string, subjectId: string, count = 1): Promise<Notice[]> {
    return eventually(async () => {
      const mine = (await inbox(user)).filter((n) => n.kind === kind && n.subjectId === subjectId);
      return mine.length >= count ? mine : false;
    });
  }
  async function none(users: User[], subjectId: string): Promise<void> {
    for (const user of users) expect((await inbox(user)).filter((n) => n.subjectId === subjectId)).toEqual([]);
  }

  let serial = 200;
  /** A girl bought into a household (her trafficking history is on the file), handed over by the police. */
  async function file(): Promise<{ id: string; reference: string; name: string }> {
    serial += 1;
    const name = `通知${serial}`;
    const intake = await request(server)
      .post('/intake/police-handovers')
      .set(caseworker.auth)
      .send({
        person: { name, sex: 'female', identityStatus: 'claimed', languages: ['zh'], birthDateRange: { from: bornAged(12), to: bornAged(11) } },
        handover: { policeOrganisationId: police, policeCaseNumber: `N-${serial}`, handoverDate: day(-30), placeCode: '530102', materials: [], circumstances: '被拐卖至买家家中' },
        duplicateDecision: { action: 'new_person' },
      })
      .expect(201);
    const id: string = intake.body.file.id;
    await request(server).post(`/files/${id}/interview`).set(caseworker.auth).send(interview).expect(201);
    await request(server).post(`/files/${id}/buyer-household`).set(caseworker.auth).send({ name: '买家某', address: '某村1号' }).expect(201);
    return { id, reference: intake.body.file.reference, name };
  }
  const refer = (fileId: string, body: Record<string, unknown>) =>
    request(server)
      .post(`/files/${fileId}/referrals`)
      .set(caseworker.auth)
      .send({ send: true, ...body })
      .expect(201);

  it('R12, R16: a new referral reaches every staff member of the partner organisation, naming the kind and the file — nothing of the trafficking history — and nobody else', async () => {
    const { id: fileId, reference, name } = await file();
    const referral = await refer(fileId, { kind: 'schooling', organisationId: org.school, purpose: '被拐卖儿童插班入学', details: { gradeLevel: '五年级' } });
    for (const staff of [partner.school, partner.teacher]) {
      const [notice] = await noticed(staff, 'referral_sent', referral.body.id);
      expect(notice).toMatchObject({ fileId, fileReference: reference, subjectType: 'referral' });
      // One ` / ` between the halves (the kind's label cut in two): a reader shows one language.
      expect(notice.title).toBe(`新转介：入学，档案 ${reference} / new referral: schooling (R14), file ${reference}`);
      // The minimal view (R16): no name, no purpose, no buyer, nothing of how she came here.
      const text = `${notice.title} ${notice.body}`;
      for (const secret of [name, '拐卖', '买家', '某村', '插班', 'trafficking']) expect(text).not.toContain(secret);
    }
    // Another school, the bureau's own staff and the police hear nothing of it.
    await none([partner.otherSchool, partner.hospital, caseworker, supervisor, policeOfficer], referral.body.id);
    // The outgoing channel carries it with the teacher's contact (the other staff member has none: still sent, without contact).
    const sent = await eventually(() => webhook.find((m) => m.title?.includes(reference) && m.recipient?.email === 'teacher@school.example.cn') ?? false);
    expect(sent.recipient).toMatchObject({ email: 'teacher@school.example.cn', mobile: '13800000001' });
    // At rest the contact is ciphertext.
    const [row] = await stack.database.query<{ email: Buffer }>('SELECT email_cipher AS email FROM user_account WHERE id = $1', [partner.teacher.userId]);
    expect(row.email.toString('latin1')).not.toContain('teacher@');
  });

  it('R18: a green-channel legal-aid referral reaches the centre at once and by the outgoing channel; its 3-working-day deadline is a reminder like any other (the same escalation ladder)', async () => {
    const { id: fileId, reference } = await file();
    const referral = await refer(fileId, { kind: 'legal_aid', organisationId: org.legalAid, purpose: '申请法律援助', details: { matter: '民事赔偿' } });
    const [notice] = await noticed(partner.lawyer, 'referral_sent', referral.body.id);
    expect(notice.title).toBe(`【绿色通道】新转介：法律援助绿色通道，档案 ${reference} / [green channel] new referral: green-channel legal aid (R18), file ${reference}`);
    expect(notice.body).toMatch(/^请于 \d{4}-\d{2}-\d{2} 前接收 \/ accept it by \d{4}-\d{2}-\d{2}$/);
    await eventually(() => webhook.some((m) => m.title?.includes('【绿色通道】') && m.recipient?.mobile === '+8613800000002'));
    // The deadline: due now, it reaches the centre's staff (its inbox and the webhook, with the lawyer's contact).
    const [reminder] = await stack.database.query<{ id: string }>(`SELECT id FROM reminder WHERE subject_id = $1 AND kind = 'referral_accept_by'`, [referral.body.id]);
    await stack.database.query('UPDATE reminder SET due_at = $2, enqueued_at = NULL WHERE id = $1', [reminder.id, stack.clock.now()]);
    await stack.database.query(`SELECT pg_notify('reminder', '')`);
    await eventually(async () => (await inbox(partner.lawyer)).some((n) => n.kind === 'referral_accept_by' && n.fileReference === reference));
    await eventually(() => webhook.some((m) => m.title?.startsWith('到期提醒') && m.title.includes(reference) && m.recipient?.email === 'lawyer@legalaid.example.cn'));
  });

  it('R12: accepted, declined and completed reach the responsible caseworker, and only them', async () => {
    const { id: fileId, reference } = await file();
    const medical = await refer(fileId, { kind: 'medical_care', organisationId: org.hospital, purpose: '体检' });
    await request(server).post(`/referrals/${medical.body.id}/accept`).set(partner.hospital.auth).expect(200);
    const [accepted] = await noticed(caseworker, 'referral_accepted', medical.body.id);
    expect(accepted.title).toBe(`已接收转介：基本医疗，档案 ${reference} / referral accepted: basic medical care (R12), file ${reference}`);
    await request(server).post(`/referrals/${medical.body.id}/start`).set(partner.hospital.auth).expect(200);
    await request(server).post(`/referrals/${medical.body.id}/complete`).set(partner.hospital.auth).send({ summary: '体检完成' }).expect(200);
    await noticed(caseworker, 'referral_completed', medical.body.id);

    const schooling = await refer(fileId, { kind: 'schooling', organisationId: org.otherSchool, purpose: '入学', details: { gradeLevel: '五年级' } });
    await request(server).post(`/referrals/${schooling.body.id}/decline`).set(partner.otherSchool.auth).send({ reason: '学位已满' }).expect(200);
    const [declined] = await noticed(caseworker, 'referral_declined', schooling.body.id);
    expect(declined.title).toBe(`转介被拒：入学，档案 ${reference} / referral declined: schooling (R14), file ${reference}`);
    expect(declined.body).toBe('五华区第二小学；理由：学位已满 / 五华区第二小学; reason: 学位已满');
    // Only the caseworker: the supervisor, the partners and the other bureau hear nothing of the answers.
    for (const user of [supervisor, otherSupervisor, partner.school]) {
      expect((await inbox(user)).filter((n) => n.kind.startsWith('referral_') && n.fileId === fileId)).toEqual([]);
    }
  });

  it("approval requested → the bureau's supervisors; approved → the requester; the transfer then → the receiving bureau's caseworkers and supervisors", async () => {
    const { id: fileId, reference } = await file();
    const requested = await step(server, caseworker.auth, fileId, 'transfer', { toOrganisationId: receiving, reason: '家属在昭阳区' });
    expect(requested.body.outcome).toBe('approval_requested');
    const approvalId: string = requested.body.approval.id;
    const [asked] = await noticed(supervisor, 'approval_requested', approvalId);
    expect(asked.title).toBe(`待审批：移交其他辖区，档案 ${reference} / approval requested: transfer to another jurisdiction, file ${reference}`);
    await none([caseworker, otherSupervisor, receivingSupervisor], approvalId);

    await request(server).post(`/approvals/${approvalId}/approve`).set(supervisor.auth).send({ reason: '同意' }).expect(200);
    const [decided] = await noticed(caseworker, 'approval_approved', approvalId);
    expect(decided.title).toContain('审批已通过');
    const [transfer] = await stack.database.query<{ id: string }>('SELECT id FROM file_transfer WHERE file_id = $1', [fileId]);
    for (const user of [receivingCaseworker, receivingSupervisor]) {
      const [incoming] = await noticed(user, 'transfer_incoming', transfer.id);
      expect(incoming.title).toBe(`转入待接收：档案 ${reference} / incoming transfer: file ${reference}`);
      expect(incoming.body).toContain('五华区民政局');
    }
    await none([caseworker, supervisor, otherSupervisor], transfer.id);
  });

  it('a supervisor asking is not told of their own request (another decides); rejected → the requester, with the reason', async () => {
    const { id: fileId } = await file();
    const secondSupervisor = await signedIn(server, stack.database, 'supervisor', { id: bureau });
    const requested = await step(server, supervisor.auth, fileId, 'transfer', { toOrganisationId: receiving, reason: '家属在昭阳区' });
    const approvalId: string = requested.body.approval.id;
    await noticed(secondSupervisor, 'approval_requested', approvalId);
    expect((await inbox(supervisor)).filter((n) => n.subjectId === approvalId)).toEqual([]);
    await request(server).post(`/approvals/${approvalId}/reject`).set(secondSupervisor.auth).send({ reason: '材料不全' }).expect(200);
    const [rejected] = await noticed(supervisor, 'approval_rejected', approvalId);
    expect(rejected.body).toBe('理由：材料不全 / reason: 材料不全');
    expect((await inbox(receivingSupervisor)).filter((n) => n.fileId === fileId)).toEqual([]);
    expect((await inbox(caseworker)).filter((n) => n.subjectId === approvalId)).toEqual([]);
  });

  it("R9: a DNA comparison asked of a police unit reaches that unit's staff, not another unit's", async () => {
    const { id: fileId, reference } = await file();
    const [wanted] = await stack.database.query<{ id: string }>(
      `INSERT INTO tracing_request (reference, sex, birth_date_from, birth_date_to, missing_on, missing_place_code, family_contact_name, recorded_by, organisation_id)
       VALUES ($1, 'female', $2, $3, $4, '530102', '王父', $5, $6) RETURNING id`,
      [`TR-${serial}`, bornAged(12), bornAged(11), day(-2000), policeOfficer.userId, police],
    );
    const [candidate] = await stack.database.query<{ id: string }>(`INSERT INTO match_candidate (file_id, request_id, score, features) VALUES ($1, $2, 0.9, '{}') RETURNING id`, [
      fileId,
      wanted.id,
    ]);
    const comparison = await request(server)
      .post(`/tracing/candidates/${candidate.id}/dna-comparison`)
      .set(caseworker.auth)
      .send({ policeOrganisationId: police, policeReference: '五公DNA比〔2026〕007号', requestedOn: day(0) })
      .expect(201);
    const [notice] = await noticed(policeOfficer, 'dna_comparison_requested', comparison.body.id);
    expect(notice.title).toBe(`DNA 比对请求：档案 ${reference} / DNA comparison requested: file ${reference} (R9)`);
    expect(notice.body).toContain('五公DNA比〔2026〕007号');
    await none([otherPoliceOfficer, caseworker, supervisor], comparison.body.id);
  });

  it('R12: an event relayed twice by the outbox and handled again by a retried job is in the inbox, and sent out, once', async () => {
    const { id: fileId } = await file();
    const referral = await refer(fileId, { kind: 'schooling', organisationId: org.school, purpose: '入学', details: { gradeLevel: '四年级' } });
    await noticed(partner.teacher, 'referral_sent', referral.body.id);
    await noticed(partner.school, 'referral_sent', referral.body.id);
    const [event] = await stack.database.query<{ id: string; payload: DomainEventPayload }>(
      `SELECT id, payload FROM outbox WHERE job_name = 'referral.sent' AND payload->>'subjectId' = $1`,
      [referral.body.id],
    );
    const count = async () =>
      (await stack.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE subject_id = $1 AND kind = 'referral_sent'`, [referral.body.id]))[0].n;
    const outgoingCount = async () =>
      (
        await stack.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox o JOIN notification n ON n.id = (o.payload->>'notificationId')::uuid WHERE o.queue = 'outgoing-notifications' AND n.subject_id = $1`,
          [referral.body.id],
        )
      )[0].n;
    expect(await count()).toBe(2);
    expect(await outgoingCount()).toBe(2);

    // The job retried: the same event (the same job id) handled again.
    await stack.worker!.get(DomainEventsProcessor).process(event.payload, { id: outboxJobId(event.id) } as Job);
    // The outbox relaying the row again (as after a crash between adding the job and marking the row published).
    await stack.worker!.get(QueueRegistry).queue(QUEUES.domainEvents).remove(outboxJobId(event.id));
    await stack.database.query('UPDATE outbox SET published_at = NULL WHERE id = $1', [event.id]);
    await eventually(async () => (await stack.database.query<{ p: boolean }>('SELECT published_at IS NOT NULL AS p FROM outbox WHERE id = $1', [event.id]))[0].p);
    await eventually(async () => {
      const job = await stack.worker!.get(QueueRegistry).queue(QUEUES.domainEvents).getJob(outboxJobId(event.id));
      return job ? await job.isCompleted() : false;
    });
    expect(await count()).toBe(2);
    expect(await outgoingCount()).toBe(2);
    expect((await inbox(partner.teacher)).filter((n) => n.subjectId === referral.body.id)).toHaveLength(1);
  });

  it('users get an optional email and mobile, checked, set and cleared by administrators, never written to the audit in clear', async () => {
    const user = await createUser(stack.database, { role: 'caseworker', organisationId: bureau });
    const bad = await request(server).patch(`/users/${user.id}`).set(administrator.auth).send({ email: 'not-an-address', mobile: '12345' }).expect(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'mobile']);
    await request(server).patch(`/users/${user.id}`).set(administrator.auth).send({ email: 'cw@bureau.example.cn', mobile: '13900000003' }).expect(200);
    const cleared = await request(server).patch(`/users/${user.id}`).set(administrator.auth).send({ email: null }).expect(200);
    expect(cleared.body).toMatchObject({ email: null, mobile: '13900000003' });
    const created = await request(server)
      .post('/users')
      .set(administrator.auth)
      .send({ username: `contact-${serial}`, displayName: '联系人', organisationId: bureau, role: 'caseworker', password: 'Huijia-Contact-Pass-9', mobile: '13900000004' })
      .expect(201);
    expect(created.body).toMatchObject({ mobile: '13900000004', email: null });
    const audit = await stack.database.query<{ details: unknown }>(`SELECT details FROM audit_record WHERE entity_id IN ($1, $2) AND action LIKE 'user.%'`, [
      user.id,
      created.body.id,
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/13900000003|13900000004|cw@bureau/);
    expect(audit.map((row) => row.details)).toContainEqual(expect.objectContaining({ email: 'cleared' }));
  });
});

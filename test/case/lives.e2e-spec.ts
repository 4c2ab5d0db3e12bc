/**
 * Whole lives of files through the API, as each role would use it: a child
 * returned to the parents, an unidentified adult who stays, a foreign victim
 * repatriated.
 */
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { OutboxRelay } from '#app/platform';
import { approved, interview, residentId, step, versionOf } from '../support/case-fixtures.js';
import { bornAged, chinaMorning, compact, day } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

describe('lives of victim files', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let police: User;
  let caseworker: User;
  let supervisor: User;
  let institutionStaff: User;
  let foreignAffairs: User;
  let centre: string;

  beforeAll(async () => {
    stack = await startStack({ worker: true });
    server = stack.api!.getHttpServer();
    // The worker follows the files: the household registration clock (R11) among others.
    stack.worker!.get(OutboxRelay).start();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    centre = await createOrganisation(db, { kind: 'minor_protection_centre', jurisdictionCode: '530100', name: '昆明市未成年人救助保护中心' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, db, 'supervisor', { id: bureau });
    police = await signedIn(server, db, 'police_liaison', { kind: 'public_security', jurisdictionCode: '530102' });
    institutionStaff = await signedIn(server, db, 'institution_staff', { id: centre });
    foreignAffairs = await signedIn(server, db, 'foreign_affairs_officer', { kind: 'foreign_affairs_office', jurisdictionCode: '530000' });
  });
  afterAll(() => stack?.close());

  const file = (id: string, session: Session = caseworker) => request(server).get(`/files/${id}`).set(session.auth);

  it('R1, R2, R5, R6, R7, R23: a rescued child handed over by the police goes home to her parents, never to the buyers', async () => {
    const born = bornAged(11, 160);
    const idNumber = residentId('530102', compact(born), '022');
    // R1: the police hand the child over with the case number and the materials.
    const intake = await request(server)
      .post('/intake/police-handovers')
      .set(police.auth)
      .send({
        responsibleOrganisationId: bureau,
        person: {
          name: '李小梅',
          aliases: [{ name: '梅梅', kind: 'childhood_name' }],
          sex: 'female',
          identityStatus: 'confirmed',
          idNumber,
          nationality: 'CN',
          languages: ['zh'],
          contacts: [{ label: '母亲', phone: '13900000001', address: '云南省昆明市五华区红云街道8号' }],
        },
        handover: {
          policeOrganisationId: police.organisationId,
          policeCaseNumber: '五公（刑）立字〔2026〕118号',
          handoverDate: day(-60),
          placeCode: '530102',
          materials: [{ item: '解救经过说明' }, { item: '询问笔录', quantity: 2 }, { item: '体检记录' }],
          circumstances: '公安机关在外省解救，当日移交民政部门。',
        },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    expect(intake.body.file).toMatchObject({ state: 'received', version: 1, reference: expect.stringMatching(/^530102-\d{4}-000001$/) });

    // The police unit keeps the minimal view: name, sex, age; nothing of the history.
    const policeView = await file(fileId, police).expect(200);
    expect(policeView.body).toEqual({
      audience: 'partner',
      id: fileId,
      reference: intake.body.file.reference,
      version: 1,
      person: { name: '李小梅', sex: 'female', age: expect.any(Object) },
    });

    const full = await file(fileId).expect(200);
    expect(full.body.person).toMatchObject({
      name: '李小梅',
      pinyin: 'li xiao mei',
      idNumber,
      birthDate: { from: born, to: born, exact: true },
      aliases: [{ name: '梅梅', kind: 'childhood_name', pinyin: 'mei mei' }],
      contacts: [expect.objectContaining({ label: '母亲', phone: '13900000001' })],
    });
    expect(full.body.intake).toMatchObject({
      kind: 'police_handover',
      policeCaseNumber: '五公（刑）立字〔2026〕118号',
      materials: expect.arrayContaining([{ item: '询问笔录', quantity: 2 }]),
    });
    // A database dump shows no identifier in plain text.
    const dump = JSON.stringify(await stack.database.query('SELECT * FROM person p JOIN person_contact c ON c.person_id = p.id'));
    expect(dump).not.toContain(compact(born));
    expect(dump).not.toContain('13900000001');

    // R2: the one interview, then only addenda.
    await request(server).post(`/files/${fileId}/interview`).set(caseworker.auth).send(interview).expect(201);
    const second = await request(server).post(`/files/${fileId}/interview`).set(institutionStaff.auth).send(interview);
    expect([404, 409]).toContain(second.status);
    expect((await request(server).post(`/files/${fileId}/interview`).set(caseworker.auth).send(interview).expect(409)).body.error.code).toBe('INTERVIEW_EXISTS');
    await request(server).post(`/files/${fileId}/interview/addenda`).set(caseworker.auth).send({ section: 'wishes', text: '也想见外婆', reason: '第二天补充' }).expect(201);

    // R6: the buying household, as the police established it.
    await request(server)
      .post(`/files/${fileId}/buyer-household`)
      .set(police.auth)
      .send({ name: '王某某', relation: '收买人', idNumber: residentId('412722', '19800101', '031'), address: '河南省某县某村3组12号' })
      .expect(201);
    await request(server).post(`/files/${fileId}/buyer-household`).set(caseworker.auth).send({ name: '王某', address: '河南省某县某村3组12号' }).expect(201);

    // R23: no placement of a minor without a guardian on record; the buyer can never be one.
    const noGuardian = await step(server, caseworker.auth, fileId, 'place_in_institution', { institutionId: centre, fromDate: day(-60) });
    expect(noGuardian.status).toBe(422);
    expect(noGuardian.body.error.code).toBe('GUARDIAN_REQUIRED');
    const buyerAsGuardian = await request(server)
      .post(`/files/${fileId}/guardians`)
      .set(caseworker.auth)
      .send({ kind: 'relative', name: '王某某', idNumber: residentId('412722', '19800101', '031'), since: day(-60) })
      .expect(422);
    expect(buyerAsGuardian.body.error.code).toBe('BUYER_HOUSEHOLD');
    await request(server)
      .post(`/files/${fileId}/guardians`)
      .set(caseworker.auth)
      .send({ kind: 'civil_affairs', name: '五华区民政局', organisationId: bureau, since: day(-60) })
      .expect(201);
    await request(server)
      .post(`/files/${fileId}/mandatory-reports`)
      .set(institutionStaff.auth)
      .send({ suspectedHarm: '身上有旧伤', reportedTo: '五华分局', reportedAt: chinaMorning(day(-59)).toISOString(), reference: 'BG-2026-7' })
      .expect(404); // not staying there yet: out of the centre's scope

    // R5: placement needs a supervisor's approval; then the centre keeps her.
    const placed = await approved(server, caseworker.auth, supervisor.auth, fileId, 'place_in_institution', {
      institutionId: centre,
      fromDate: day(-60),
      reason: '父母尚未联系上',
    });
    expect(placed.body).toMatchObject({ outcome: 'applied', from: 'received', to: 'in_care' });
    await request(server)
      .post(`/files/${fileId}/mandatory-reports`)
      .set(institutionStaff.auth)
      .send({ suspectedHarm: '身上有旧伤', reportedTo: '五华分局', reportedAt: chinaMorning(day(-59)).toISOString(), reference: 'BG-2026-7' })
      .expect(201);
    await request(server)
      .post(`/files/${fileId}/assistance-measures`)
      .set(institutionStaff.auth)
      .send({ kind: 'shelter', description: '安排住宿', providedOn: day(-60) })
      .expect(201);
    await request(server)
      .post(`/files/${fileId}/assistance-measures`)
      .set(institutionStaff.auth)
      .send({ kind: 'psychological', description: '心理疏导', providedOn: day(-58) })
      .expect(201);

    // R5: home to the parents first — and R6: never to the buyers' address, whoever is named.
    expect((await step(server, caseworker.auth, fileId, 'start_return_home')).body).toMatchObject({ outcome: 'applied', to: 'returning_home' });
    const toBuyers = await request(server)
      .put(`/files/${fileId}/return-home`)
      .set(caseworker.auth)
      .send({ recipientName: '张某', relation: '母亲', address: '河南省 某县某村3组12号', placeCode: '411722', expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(422);
    expect(toBuyers.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'address' } });
    expect(await auditRecords(stack.database, `action = 'return_home.record' AND outcome = 'denied'`)).toHaveLength(1);
    await request(server)
      .put(`/files/${fileId}/return-home`)
      .set(caseworker.auth)
      .send({
        expectedVersion: await versionOf(server, caseworker.auth, fileId),
        recipientName: '李建国',
        relation: '父亲',
        recipientPhone: '13900000002',
        address: '云南省昆明市五华区红云街道8号',
        placeCode: '530102',
        plannedOn: day(-2),
        travelArrangements: '民政工作人员护送',
      })
      .expect(200);
    const reunified = await approved(server, caseworker.auth, supervisor.auth, fileId, 'reunify', { handedOverAt: chinaMorning(day(-1)).toISOString() });
    expect(reunified.body).toMatchObject({ outcome: 'applied', to: 'reunified' });

    const home = await file(fileId).expect(200);
    expect(home.body).toMatchObject({ state: 'reunified', currentInstitution: null, returnHome: expect.objectContaining({ relation: '父亲', handedOverAt: expect.any(String) }) });
    expect(home.body.placements).toEqual([expect.objectContaining({ institutionId: centre, fromDate: day(-60), toDate: expect.any(String) })]);
    expect(home.body.guardians).toHaveLength(1);
    expect(home.body.assistanceMeasures.map((m: { kind: string }) => m.kind)).toEqual(['shelter', 'psychological']);
    // She left the centre: its staff no longer see her file.
    await file(fileId, institutionStaff).expect(404);

    expect((await step(server, caseworker.auth, fileId, 'start_follow_up')).body).toMatchObject({ to: 'follow_up' });
    expect((await approved(server, caseworker.auth, supervisor.auth, fileId, 'close', { reason: '回访稳定，结案' })).body).toMatchObject({ to: 'closed' });
    expect(
      (
        await request(server)
          .post(`/files/${fileId}/assistance-measures`)
          .set(caseworker.auth)
          .send({ kind: 'food', description: '送餐', providedOn: day(0) })
          .expect(409)
      ).body.error.code,
    ).toBe('FILE_CLOSED');

    const history = await request(server).get(`/files/${fileId}/history`).set(caseworker.auth).expect(200);
    expect(history.body.items.map((row: { event: string }) => row.event)).toEqual(['open', 'place_in_institution', 'start_return_home', 'reunify', 'start_follow_up', 'close']);
  });

  it('R3, R7: an adult found by an institution, identity unknown, stays and is resettled locally', async () => {
    const intake = await request(server)
      .post('/intake/discoveries')
      .set(institutionStaff.auth)
      .send({
        person: { sex: 'female', birthDateRange: { from: '1986-01-01', to: '1990-12-31' }, identityStatus: 'unknown', languages: ['yue'], disability: '听力障碍' },
        discovery: { discoveredOn: day(-120), placeCode: '530102', circumstances: '在火车站附近流浪，由救助站接回。' },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    const seen = await file(fileId, institutionStaff).expect(200);
    expect(seen.body).toMatchObject({
      currentInstitution: { id: centre },
      person: { name: null, identityStatus: 'unknown', age: { min: expect.any(Number), max: expect.any(Number) } },
    });
    expect(seen.body.responsibleOrganisation.id).toBe(bureau);

    const blocked = await request(server).get(`/files/${fileId}/transitions`).set(caseworker.auth).expect(200);
    const tracing = blocked.body.transitions.find((t: { event: string }) => t.event === 'start_tracing');
    expect(tracing).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ code: 'INTERVIEW_REQUIRED' })] });

    await request(server)
      .post(`/files/${fileId}/interview`)
      .set(institutionStaff.auth)
      .send({ ...interview, language: 'yue', interpreter: { name: '陈译员', language: 'yue' } })
      .expect(201);
    expect((await step(server, caseworker.auth, fileId, 'start_tracing')).body).toMatchObject({ to: 'tracing' });
    // Unidentified for 120 days: household registration first (R11), then she may stay.
    const refused = await step(server, caseworker.auth, fileId, 'resettle_locally', { note: '寻亲未果，本人愿留昆' });
    expect(refused.body.error.code).toBe('HOUSEHOLD_REGISTRATION_REQUIRED');
    await eventually(async () => (await request(server).get(`/files/${fileId}/household-registration`).set(caseworker.auth)).body.status === 'raised');
    await request(server)
      .post(`/files/${fileId}/household-registration/application`)
      .set(caseworker.auth)
      .send({ preparedOn: stack.clock.today(), documents: ['tracing_notice', 'institution_certificate'] })
      .expect(201);
    await request(server)
      .post(`/files/${fileId}/household-registration/registration`)
      .set(caseworker.auth)
      .send({ registeredOn: stack.clock.today(), householdNumber: 'KM-0102-3301' })
      .expect(201);
    const resettled = await approved(server, caseworker.auth, supervisor.auth, fileId, 'resettle_locally', { note: '寻亲未果，本人愿留昆' });
    expect(resettled.body).toMatchObject({ to: 'locally_resettled' });
    await request(server)
      .post(`/files/${fileId}/assistance-measures`)
      .set(caseworker.auth)
      .send({ kind: 'minimum_living_allowance', description: '纳入低保', providedOn: day(0), amountYuan: 800 })
      .expect(201);
    expect((await file(fileId).expect(200)).body.assistanceMeasures).toEqual([expect.objectContaining({ kind: 'minimum_living_allowance', amountYuan: 800 })]);
  });

  it('R19: a foreign victim takes the repatriation path, coordinated with the foreign affairs office', async () => {
    const intake = await request(server)
      .post('/intake/police-handovers')
      .set(caseworker.auth)
      .send({
        person: {
          name: 'Nguyen Thi Lan',
          sex: 'female',
          birthDate: '1999-04-02',
          identityStatus: 'confirmed',
          nationality: 'VN',
          travelDocument: { type: 'passport', number: 'C1234567', country: 'VN' },
          languages: ['vi'],
        },
        handover: {
          policeOrganisationId: police.organisationId,
          policeCaseNumber: 'A-2026-9',
          handoverDate: day(-50),
          placeCode: '530102',
          materials: [],
          circumstances: '边境解救',
        },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    await request(server)
      .post(`/files/${fileId}/interview`)
      .set(caseworker.auth)
      .send({ ...interview, language: 'vi', interpreter: { name: '阮译员', language: 'vi' } })
      .expect(201);

    const home = await step(server, caseworker.auth, fileId, 'start_return_home');
    expect(home.status).toBe(409);
    expect(home.body.error.code).toBe('FOREIGN_NATIONAL');
    expect((await step(server, caseworker.auth, fileId, 'start_repatriation')).body).toMatchObject({ to: 'repatriation' });
    expect((await step(server, caseworker.auth, fileId, 'repatriate')).body.error.code).toBe('REPATRIATION_HANDOVER_REQUIRED');

    await file(fileId, foreignAffairs).expect(404);
    const transit = { country: 'VN', foreignAffairsOrganisationId: foreignAffairs.organisationId, transitCare: '在救助站中转康复，安排翻译和体检' };
    const planned = await request(server)
      .put(`/files/${fileId}/repatriation`)
      .set(caseworker.auth)
      .send({ ...transit, expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(200);
    // The foreign affairs office now sees the partner view, with the version to hand over against.
    const seenByOffice = await file(fileId, foreignAffairs).expect(200);
    expect(seenByOffice.body).toMatchObject({ audience: 'partner', version: planned.body.version });
    // A stale version is refused: nobody overwrites a change they did not see.
    const stale = await request(server)
      .put(`/files/${fileId}/repatriation`)
      .set(foreignAffairs.auth)
      .send({ ...transit, handedOverAt: chinaMorning(day(-10)).toISOString(), handedOverTo: '越南驻昆明总领事馆', expectedVersion: planned.body.version - 1 })
      .expect(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: planned.body.version } });
    await request(server)
      .put(`/files/${fileId}/repatriation`)
      .set(foreignAffairs.auth)
      .send({
        ...transit,
        handedOverAt: chinaMorning(day(-10)).toISOString(),
        handedOverTo: '越南驻昆明总领事馆',
        reference: 'WB-2026-31',
        expectedVersion: seenByOffice.body.version,
      })
      .expect(200);
    expect((await step(server, caseworker.auth, fileId, 'repatriate')).body).toMatchObject({ to: 'repatriated' });
    expect((await approved(server, caseworker.auth, supervisor.auth, fileId, 'close', { reason: '已安全遣返' })).body).toMatchObject({ to: 'closed' });
    expect((await file(fileId).expect(200)).body.repatriation).toMatchObject({ handedOverTo: '越南驻昆明总领事馆' });
  });
});

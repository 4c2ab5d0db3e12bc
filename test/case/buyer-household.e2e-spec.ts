/**
 * R6 and R23 as the issue found them walked around: a buyer recorded by name
 * only, the buyer himself as a guardian shown to the school, homophones that
 * must not block a real mother for ever, approvals of data that changed since,
 * guardians who are children or the ward herself.
 */
import pg from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { interview, residentId, step, versionOf } from '../support/case-fixtures.js';
import { bornAged, compact, day } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

describe('R6 and R23: never with the buyers, guardians who are adults', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let police: User;
  let caseworker: User;
  let supervisor: User;
  let approver: User;
  let centre: string;
  let school: string;
  let schoolStaff: User;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    centre = await createOrganisation(db, { kind: 'minor_protection_centre', jurisdictionCode: '530100', name: '昆明市未成年人救助保护中心' });
    school = await createOrganisation(db, { kind: 'school', jurisdictionCode: '530102', name: '五华区实验小学' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, db, 'supervisor', { id: bureau });
    approver = await signedIn(server, db, 'supervisor', { id: bureau });
    police = await signedIn(server, db, 'police_liaison', { kind: 'public_security', jurisdictionCode: '530102' });
    schoolStaff = await signedIn(server, db, 'school_staff', { id: school });
  });
  afterAll(() => stack?.close());

  let serial = 0;
  /** A girl of 11 handed over by the police, interviewed; her ID number is on record. */
  async function childFile(): Promise<{ fileId: string; wardId: string }> {
    serial += 1;
    const wardId = residentId('530102', compact(bornAged(11, 100 + serial)), `0${20 + serial * 2}`.slice(-3));
    const intake = await request(server)
      .post('/intake/police-handovers')
      .set(caseworker.auth)
      .send({
        person: { name: `周${'一二三四五六七八九十'[serial % 10]}兰${serial}`, sex: 'female', identityStatus: 'confirmed', idNumber: wardId },
        handover: {
          policeOrganisationId: police.organisationId,
          policeCaseNumber: `B-${serial}`,
          handoverDate: day(-30),
          placeCode: '530102',
          materials: [],
          circumstances: '解救移交',
        },
        duplicateDecision: { action: 'new_person' },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    await request(server).post(`/files/${fileId}/interview`).set(caseworker.auth).send(interview).expect(201);
    return { fileId, wardId };
  }
  const buyer = (fileId: string, body: Record<string, unknown>) => request(server).post(`/files/${fileId}/buyer-household`).set(police.auth).send(body).expect(201);
  const guardian = (fileId: string, body: Record<string, unknown>) =>
    request(server)
      .post(`/files/${fileId}/guardians`)
      .set(caseworker.auth)
      .send({ kind: 'relative', since: day(-30), ...body });
  const bureauAsGuardian = (fileId: string) => guardian(fileId, { kind: 'civil_affairs', name: '五华区民政局', organisationId: bureau }).expect(201);
  /** Sets the return home at the file's current version, expecting `status`. */
  const returnHome = async (fileId: string, body: Record<string, unknown>, status: number) =>
    request(server)
      .put(`/files/${fileId}/return-home`)
      .set(caseworker.auth)
      .send({ relation: '母亲', address: '云南省昆明市五华区红云街道8号', placeCode: '530102', expectedVersion: await versionOf(server, caseworker.auth, fileId), ...body })
      .expect(status);
  const approve = (approvalId: string) => request(server).post(`/approvals/${approvalId}/approve`).set(approver.auth).send({});
  const stateOf = async (fileId: string) => (await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200)).body.state;

  it("R6: a return home to the buyer's wife recorded by name only, at another address, is refused at the request and at the approval", async () => {
    const { fileId } = await childFile();
    await bureauAsGuardian(fileId);
    await step(server, caseworker.auth, fileId, 'start_return_home');
    // The police know the buyer's wife by name only, and by another name she goes by.
    await buyer(fileId, { name: '王芳', relation: '收买人之妻', aliases: ['阿芳'] });

    const byName = await returnHome(fileId, { recipientName: '王芳' }, 422);
    expect(byName.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'name', field: 'recipientName', member: { name: '王芳', relation: '收买人之妻' } } });
    const byAlias = await returnHome(fileId, { recipientName: '阿 芳' }, 422);
    expect(byAlias.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'alias' } });
    // No role overrides it.
    const bySupervisor = await request(server)
      .put(`/files/${fileId}/return-home`)
      .set(supervisor.auth)
      .send({ recipientName: '王芳', relation: '母亲', address: '某地', placeCode: '530102', expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(422);
    expect(bySupervisor.body.error.code).toBe('BUYER_HOUSEHOLD');
    expect(await auditRecords(stack.database, `action = 'return_home.record' AND outcome = 'denied' AND $1 = ANY(file_ids)`, [fileId])).toHaveLength(3);

    // Recorded before the buyer household was known, requested, then the police name her: the approval checks again and refuses.
    const other = await childFile();
    await bureauAsGuardian(other.fileId);
    await step(server, caseworker.auth, other.fileId, 'start_return_home');
    await returnHome(other.fileId, { recipientName: '李秀英', address: '云南省昆明市五华区某路1号' }, 200);
    const requested = await step(server, caseworker.auth, other.fileId, 'reunify');
    expect(requested.body.outcome).toBe('approval_requested');
    await buyer(other.fileId, { name: '李秀英', relation: '收买人之母', address: '河北省邯郸市永年区某村3号' });
    const atApproval = await approve(requested.body.approval.id).expect(422);
    expect(atApproval.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'name', field: 'returnHome.recipientName' } });
    expect(await stateOf(other.fileId)).toBe('returning_home');
    // And asked again, it is refused at the request.
    expect((await step(server, caseworker.auth, other.fileId, 'reunify')).body.error.code).toBe('BUYER_HOUSEHOLD');
  });

  it('R6: the buyer himself is never a guardian (养父, by name or at his address), so the school never gets him as the guardian contact', async () => {
    const { fileId } = await childFile();
    await buyer(fileId, { name: '刘建国', relation: '收买人', address: '河北省邯郸市永年区某村3号' });
    const himself = await guardian(fileId, { kind: 'other', name: '刘建国', relation: '养父', phone: '13900000077' }).expect(422);
    expect(himself.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'name', field: 'name' } });
    // Another name, but the household's address written another way.
    const atHisAddress = await guardian(fileId, { kind: 'other', name: '刘某某', relation: '养父', address: '邯郸永年区 某村３号' }).expect(422);
    expect(atHisAddress.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'address', field: 'address' } });
    expect(await auditRecords(stack.database, `action = 'guardian.record' AND outcome = 'denied' AND $1 = ANY(file_ids)`, [fileId])).toHaveLength(2);

    await bureauAsGuardian(fileId);
    const referral = await request(server)
      .post(`/files/${fileId}/referrals`)
      .set(caseworker.auth)
      .send({ kind: 'schooling', organisationId: school, purpose: '插班入学', details: { gradeLevel: '五年级' }, send: true })
      .expect(201);
    const seen = await request(server).get(`/referrals/${referral.body.id}`).set(schoolStaff.auth).expect(200);
    expect(seen.body.person.guardianContact).toEqual([{ name: '五华区民政局', relation: null, phone: null }]);
    expect(JSON.stringify(seen.body)).not.toMatch(/刘建国|13900000077|养父/);
  });

  it('R6: a guardian recorded before the buyer household was known stops the placement until removed with a reason (audited)', async () => {
    const { fileId } = await childFile();
    const added = await guardian(fileId, { name: '张伟', relation: '舅舅' }).expect(201);
    await buyer(fileId, { name: '张伟', relation: '收买人' });
    const placement = await step(server, caseworker.auth, fileId, 'place_in_institution', { institutionId: centre, fromDate: day(-1) });
    expect(placement.status).toBe(422);
    expect(placement.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { field: `guardians.${added.body.id}.name` } });

    const removed = await request(server)
      .post(`/files/${fileId}/guardians/${added.body.id}/remove`)
      .set(caseworker.auth)
      .send({ reason: '经公安核实为收买人', expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(200);
    expect(removed.body).toMatchObject({ id: added.body.id, fileId });
    const [record] = await stack.database.query<{ purpose: string }>(`SELECT purpose FROM audit_record WHERE action = 'guardian.remove' AND entity_id = $1`, [added.body.id]);
    expect(record.purpose).toBe('经公安核实为收买人');
    expect((await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200)).body.guardians).toEqual([]);
    await bureauAsGuardian(fileId);
    expect((await step(server, caseworker.auth, fileId, 'place_in_institution', { institutionId: centre, fromDate: day(-1) })).body.outcome).toBe('approval_requested');
    // The school's view of a referral no longer shows him either.
    const referral = await request(server)
      .post(`/files/${fileId}/referrals`)
      .set(caseworker.auth)
      .send({ kind: 'schooling', organisationId: school, purpose: '插班入学', details: { gradeLevel: '五年级' }, send: true })
      .expect(201);
    const seen = await request(server).get(`/referrals/${referral.body.id}`).set(schoolStaff.auth).expect(200);
    expect(seen.body.person.guardianContact).toEqual([expect.objectContaining({ name: '五华区民政局' })]);
  });

  it('R6: a homophone (王芳 / 汪芳) asks for the verified ID number, and passes once a different one is given', async () => {
    const { fileId } = await childFile();
    await buyer(fileId, { name: '王芳', relation: '收买人之妻' });
    const mother = residentId('530102', '19850312', '046');

    const asked = await returnHome(fileId, { recipientName: '汪芳' }, 422);
    expect(asked.body.error).toMatchObject({
      code: 'BUYER_HOUSEHOLD_HOMOPHONE',
      details: { matchedBy: 'homophone', field: 'recipientIdNumber', member: { name: '王芳' } },
    });
    expect(asked.body.error.message).toMatch(/verified ID number/);
    // An ID number nobody checked is not enough.
    expect((await returnHome(fileId, { recipientName: '汪芳', recipientIdNumber: mother }, 422)).body.error.code).toBe('BUYER_HOUSEHOLD_HOMOPHONE');
    await returnHome(fileId, { recipientName: '汪芳', recipientIdNumber: mother, recipientIdNumberVerified: true }, 200);
    expect((await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200)).body.returnHome).toMatchObject({
      recipientName: '汪芳',
      recipientIdNumberVerified: true,
    });

    // The same for a guardian.
    expect((await guardian(fileId, { kind: 'parent', name: '汪芳', relation: '母亲' }).expect(422)).body.error.code).toBe('BUYER_HOUSEHOLD_HOMOPHONE');
    await guardian(fileId, { kind: 'parent', name: '汪芳', relation: '母亲', idNumber: mother, idNumberVerified: true }).expect(201);
    // Verified means a number was given.
    const noNumber = await returnHome(fileId, { recipientName: '汪芳', recipientIdNumberVerified: true }, 422);
    expect(noNumber.body.error.details).toEqual([expect.objectContaining({ field: 'recipientIdNumber' })]);
  });

  it('R6: the same name passes only when both people carry verified, different ID numbers', async () => {
    const { fileId } = await childFile();
    const member = await buyer(fileId, { name: '陈静', relation: '收买人之妻' });
    const buyersWife = residentId('130429', '19800101', '022');
    const mother = residentId('530102', '19840606', '028');

    // Her ID number is verified, the buyer's wife has none on record: refused, no override.
    const refused = await returnHome(fileId, { recipientName: '陈静', recipientIdNumber: mother, recipientIdNumberVerified: true }, 422);
    expect(refused.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'name' } });

    // The police verify the wife's ID number (a correction, with its reason); a caseworker may not correct the household.
    const correction = { name: '陈静', relation: '收买人之妻', idNumber: buyersWife, idNumberVerified: true, reason: '公安核实身份证号' };
    await request(server)
      .put(`/files/${fileId}/buyer-household/${member.body.id}`)
      .set(caseworker.auth)
      .send({ ...correction, expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(403);
    await request(server)
      .put(`/files/${fileId}/buyer-household/${member.body.id}`)
      .set(police.auth)
      .send({ ...correction, expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(200);
    const [record] = await stack.database.query<{ purpose: string }>(`SELECT purpose FROM audit_record WHERE action = 'buyer_household.correct' AND entity_id = $1`, [
      member.body.id,
    ]);
    expect(record.purpose).toBe('公安核实身份证号');

    await returnHome(fileId, { recipientName: '陈静', recipientIdNumber: mother, recipientIdNumberVerified: true }, 200);
    // Not verified on her side: still refused; the wife's own number: refused by ID number.
    expect((await returnHome(fileId, { recipientName: '陈静', recipientIdNumber: mother }, 422)).body.error.code).toBe('BUYER_HOUSEHOLD');
    const hers = await returnHome(fileId, { recipientName: '陈晶', recipientIdNumber: buyersWife, recipientIdNumberVerified: true }, 422);
    expect(hers.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'id_number', field: 'recipientIdNumber' } });
  });

  it("R6: an ID number in any file's buying household is refused, whatever the name", async () => {
    const elsewhere = await childFile();
    const buyersId = residentId('130429', '19750505', '031');
    await buyer(elsewhere.fileId, { name: '赵某', relation: '收买人', idNumber: buyersId, idNumberVerified: true });
    const { fileId } = await childFile();
    const refused = await returnHome(fileId, { recipientName: '赵大勇', relation: '父亲', recipientIdNumber: buyersId, recipientIdNumberVerified: true }, 422);
    expect(refused.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'id_number', field: 'recipientIdNumber' } });
    // Another file's household counts by ID number only: the same name here is someone else.
    await returnHome(fileId, { recipientName: '赵某', relation: '父亲' }, 200);
  });

  it('R5, R6, R23: the supervisor is shown what a request is bound to — who receives her, where, and her guardians — without contact details', async () => {
    const { fileId } = await childFile();
    await bureauAsGuardian(fileId);
    await step(server, caseworker.auth, fileId, 'start_return_home');
    await returnHome(fileId, { recipientName: '赵丽', recipientPhone: '13800000009', escortedBy: '李个案' }, 200);
    const reunify = await step(server, caseworker.auth, fileId, 'reunify', { note: '由母亲接回' });
    const transfer = await childFile();
    const panlong = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530103' });
    const moved = await step(server, caseworker.auth, transfer.fileId, 'transfer', { toOrganisationId: panlong, reason: '家属在盘龙区' });
    expect(moved.body.outcome).toBe('approval_requested');
    const pending = (await request(server).get('/approvals?limit=100').set(approver.auth).expect(200)).body.items as Record<string, unknown>[];

    const asked = pending.find((item) => item.id === reunify.body.approval.id)!;
    expect(asked).toMatchObject({
      payload: { note: '由母亲接回' },
      returnHome: {
        recipientName: '赵丽',
        relation: '母亲',
        recipientIdNumberVerified: false,
        address: '云南省昆明市五华区红云街道8号',
        placeCode: '530102',
        placeName: '五华区',
        plannedOn: null,
        escortedBy: '李个案',
      },
      guardians: [{ kind: 'civil_affairs', name: '五华区民政局', relation: null, idNumberVerified: false, since: day(-30), until: null }],
    });
    expect(JSON.stringify(asked)).not.toContain('13800000009');
    // A step bound to neither shows neither.
    expect(pending.find((item) => item.id === moved.body.approval.id)).toMatchObject({ returnHome: null, guardians: null });
  });

  it('R6: an approval applies only to the data it was asked for: changed since, it is refused and must be asked again', async () => {
    const { fileId } = await childFile();
    await bureauAsGuardian(fileId);
    await step(server, caseworker.auth, fileId, 'start_return_home');
    await returnHome(fileId, { recipientName: '赵丽' }, 200);
    const first = await step(server, caseworker.auth, fileId, 'reunify');
    expect(first.body.outcome).toBe('approval_requested');
    // The address changes after the request.
    await returnHome(fileId, { recipientName: '赵丽', address: '云南省昆明市五华区另一街9号' }, 200);
    const stale = await approve(first.body.approval.id).expect(409);
    expect(stale.body.error).toMatchObject({ code: 'APPROVAL_DATA_CHANGED', details: { changed: ['returnHome'] } });
    expect(stale.body.error.message).toContain('申请后资料已变更，请重新申请');
    expect(await stateOf(fileId)).toBe('returning_home');
    // Set aside: no longer awaiting anyone, and a second try answers that it was decided.
    const pending = await request(server).get('/approvals').set(approver.auth).expect(200);
    expect(pending.body.items.map((item: { id: string }) => item.id)).not.toContain(first.body.approval.id);
    expect((await approve(first.body.approval.id).expect(409)).body.error.code).toBe('APPROVAL_DECIDED');
    expect(await auditRecords(stack.database, `action = 'file.approval_stale' AND entity_id = $1`, [first.body.approval.id])).toHaveLength(1);
    const told = await stack.database.query(`SELECT 1 FROM outbox WHERE job_name = 'file.approval_stale' AND payload->>'subjectId' = $1`, [fileId]);
    expect(told).toHaveLength(1);

    // Asked again, approved: applied.
    const again = await step(server, caseworker.auth, fileId, 'reunify');
    expect(again.body.outcome).toBe('approval_requested');
    expect((await approve(again.body.approval.id).expect(200)).body).toMatchObject({ outcome: 'applied', to: 'reunified' });

    // The guardians too; asking again while the stale request still waits replaces it.
    const placed = await childFile();
    await bureauAsGuardian(placed.fileId);
    const request1 = await step(server, caseworker.auth, placed.fileId, 'place_in_institution', { institutionId: centre, fromDate: day(-1) });
    await guardian(placed.fileId, { kind: 'parent', name: '周母', relation: '母亲' }).expect(201);
    const request2 = await step(server, caseworker.auth, placed.fileId, 'place_in_institution', { institutionId: centre, fromDate: day(-1) });
    expect(request2.body.outcome).toBe('approval_requested');
    expect((await approve(request1.body.approval.id).expect(409)).body.error.code).toBe('APPROVAL_DECIDED');
    expect((await approve(request2.body.approval.id).expect(200)).body).toMatchObject({ outcome: 'applied', to: 'in_care' });
    // Unchanged data: still one request at a time.
    const twice = await childFile();
    await bureauAsGuardian(twice.fileId);
    await step(server, caseworker.auth, twice.fileId, 'place_in_institution', { institutionId: centre, fromDate: day(-1) });
    expect((await step(server, caseworker.auth, twice.fileId, 'place_in_institution', { institutionId: centre, fromDate: day(-1) })).body.error.code).toBe('APPROVAL_PENDING');
  });

  it('R23: a guardian is an adult other than the ward (422 naming the field)', async () => {
    const { fileId, wardId } = await childFile();
    const ward = await guardian(fileId, { name: '周某', idNumber: wardId }).expect(422);
    expect(ward.body.error).toMatchObject({ code: 'GUARDIAN_IS_THE_WARD', details: [expect.objectContaining({ field: 'idNumber' })] });
    const byBirthDate = await guardian(fileId, { name: '周姐', relation: '姐姐', birthDate: bornAged(17) }).expect(422);
    expect(byBirthDate.body.error).toMatchObject({ code: 'GUARDIAN_UNDER_AGE', details: [expect.objectContaining({ field: 'birthDate', reason: expect.stringMatching(/17/) })] });
    const byIdNumber = await guardian(fileId, { name: '周哥', relation: '哥哥', idNumber: residentId('530102', compact(bornAged(16)), '013') }).expect(422);
    expect(byIdNumber.body.error).toMatchObject({ code: 'GUARDIAN_UNDER_AGE', details: [expect.objectContaining({ field: 'idNumber' })] });
    // Eighteen today is an adult.
    const adult = await guardian(fileId, { name: '周姐', relation: '姐姐', birthDate: bornAged(18, 0) }).expect(201);
    // A correction is checked again.
    const younger = await request(server)
      .put(`/files/${fileId}/guardians/${adult.body.id}`)
      .set(caseworker.auth)
      .send({ birthDate: bornAged(17), reason: '更正出生日期', expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(422);
    expect(younger.body.error).toMatchObject({ code: 'GUARDIAN_UNDER_AGE', details: [expect.objectContaining({ field: 'birthDate' })] });
  });

  it('R6, R23: guardians and buyer-household members are corrected or removed with a reason, versioned and audited', async () => {
    const { fileId } = await childFile();
    const added = await guardian(fileId, { kind: 'parent', name: '周父', relation: '父亲' }).expect(201);
    const version = await versionOf(server, caseworker.auth, fileId);
    const corrected = await request(server)
      .put(`/files/${fileId}/guardians/${added.body.id}`)
      .set(caseworker.auth)
      .send({ name: '周福', idNumber: residentId('530102', '19800808', '017'), idNumberVerified: true, reason: '姓名录入有误', expectedVersion: version })
      .expect(200);
    expect(corrected.body.version).toBe(version + 1);
    const [update] = await auditRecords(stack.database, `action = 'guardian.update' AND entity_id = $1`, [added.body.id]);
    expect(update.details).toMatchObject({ changed: ['name', 'idNumber', 'idNumberVerified'] });
    expect((await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200)).body.guardians).toEqual([
      expect.objectContaining({ name: '周福', idNumberVerified: true }),
    ]);
    // A stale version: 409, nothing removed.
    await request(server).post(`/files/${fileId}/guardians/${added.body.id}/remove`).set(caseworker.auth).send({ reason: '重复录入', expectedVersion: version }).expect(409);
    await request(server)
      .post(`/files/${fileId}/guardians/${added.body.id}/remove`)
      .set(caseworker.auth)
      .send({ reason: '重复录入', expectedVersion: version + 1 })
      .expect(200);
    const gone = await request(server)
      .post(`/files/${fileId}/guardians/${added.body.id}/remove`)
      .set(caseworker.auth)
      .send({ reason: '重复录入', expectedVersion: version + 2 })
      .expect(404);
    expect(gone.body.error.code).toBe('RECORD_NOT_FOUND');
    await request(server)
      .post(`/files/${fileId}/guardians/${added.body.id}/remove`)
      .set(caseworker.auth)
      .send({ expectedVersion: version + 2 })
      .expect(422);

    // A member recorded by mistake: a caseworker may not remove it; a supervisor does, with the reason; it no longer counts, and is kept.
    const member = await buyer(fileId, { name: '孙丽', relation: '收买人之妻' });
    const removal = { reason: '公安更正：非收买家庭成员', expectedVersion: await versionOf(server, caseworker.auth, fileId) };
    await request(server).post(`/files/${fileId}/buyer-household/${member.body.id}/remove`).set(caseworker.auth).send(removal).expect(403);
    await request(server).post(`/files/${fileId}/buyer-household/${member.body.id}/remove`).set(supervisor.auth).send(removal).expect(200);
    const [record] = await stack.database.query<{ purpose: string; outcome: string }>(
      `SELECT purpose, outcome FROM audit_record WHERE action = 'buyer_household.remove' AND entity_id = $1`,
      [member.body.id],
    );
    expect(record).toEqual({ purpose: '公安更正：非收买家庭成员', outcome: 'allowed' });
    expect((await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200)).body.buyerHousehold).toEqual([]);
    const [kept] = await stack.database.query<{ removal_reason: string }>('SELECT removal_reason FROM buyer_household_member WHERE id = $1', [member.body.id]);
    expect(kept.removal_reason).toBe('公安更正：非收买家庭成员');
    await returnHome(fileId, { recipientName: '孙丽' }, 200);
  });

  it("R6, R21: a write that loses a deadlock over an audit chain's head to another process is run again, not refused", async () => {
    const { fileId } = await childFile();
    const other = new pg.Client({ connectionString: stack.database.ownerUrl });
    await other.connect();
    try {
      // Another process (the worker, say) holds every audit chain's head…
      await other.query('BEGIN');
      await other.query('SELECT chain FROM audit_chain FOR UPDATE');
      // …the police's write locks the file, then waits for its chain's head…
      const recording = request(server).post(`/files/${fileId}/buyer-household`).set(police.auth).send({ name: '赵强', relation: '收买人' });
      const response = recording.then((answer) => answer);
      await eventually(async () => (await other.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rowCount === 1);
      // …and the other process then wants the file: a deadlock, which PostgreSQL breaks by rolling the write back.
      await other.query('SELECT id FROM victim_file WHERE id = $1 FOR UPDATE', [fileId]);
      await other.query('ROLLBACK');
      expect((await response).status).toBe(201);
    } finally {
      await other.end();
    }
    const members = await stack.database.query('SELECT id FROM buyer_household_member WHERE file_id = $1 AND name = $2', [fileId, '赵强']);
    expect(members).toHaveLength(1);
    expect(await auditRecords(stack.database, `action = 'buyer_household.record' AND $1::uuid = ANY(file_ids)`, [fileId])).toHaveLength(1);
  });
});

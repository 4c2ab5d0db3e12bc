import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, signedIn, type Session } from '../support/access-fixtures.js';
import { laoNational, referralDesk } from '../support/case-fixtures.js';
import { bornAged, day } from '../support/clock.js';
import { startStack, type TestStack } from '../support/test-context.js';

/**
 * Issue 14: each partner keeps the records of its kind on the referral it
 * works — training, certificates and jobs (R15), the steps of a green-channel
 * legal aid case (R18), the repatriation handover (R19) — only on a referral
 * of that kind, sent to its own organisation, while it is worked; the
 * referring side sees them, and the partner keeps them after closure.
 */
describe("the partners' records of their kind", () => {
  let stack: TestStack;
  let server: App;
  let desk: Awaited<ReturnType<typeof referralDesk>>;
  let caseworker: Session;
  let partner: Record<string, Session>;
  let org: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    desk = await referralDesk(stack, ['school', 'hrss', 'otherHrss', 'legalAid', 'otherLegalAid', 'foreign'], { name: '记录', caseNumber: 'K', serial: 900 });
    ({ server, caseworker, partner, org } = desk);
  });
  afterAll(() => stack?.close());

  const file = (person: Record<string, unknown>) => desk.file(person);
  const refer = (fileId: string, body: Record<string, unknown>) => desk.refer(fileId, body).expect(201);
  const as = (user: Session) => desk.as(user);

  async function trainingReferral(kind: 'job_training' | 'job_placement'): Promise<string> {
    const fileId = await file({ birthDate: bornAged(26) });
    await desk.consent(fileId, 'job_training');
    const created = await refer(fileId, { kind, organisationId: org.hrss, purpose: '家政服务培训与就业', send: true });
    return created.body.id;
  }

  it('R15: the training centre records the course, the certificate and the job, here or in another place, once the referral is accepted', async () => {
    const id = await trainingReferral('job_training');
    const hrss = as(partner.hrss);
    const course = { name: '家政服务员（中级）', provider: '昆明市职业技能培训中心', startsOn: day(-30), endsOn: day(-2), status: 'completed' };
    // Sent, not yet accepted: nothing is recorded.
    const early = await hrss.post(`/referrals/${id}/training-courses`, course).expect(409);
    expect(early.body.error).toMatchObject({ code: 'REFERRAL_NOT_ALLOWED', details: { status: 'sent' } });
    await hrss.post(`/referrals/${id}/accept`).expect(200);

    const backwards = await hrss.post(`/referrals/${id}/training-courses`, { ...course, endsOn: day(-40) }).expect(422);
    expect(backwards.body.error.details).toEqual([{ field: 'endsOn', reason: expect.stringContaining('before it starts') }]);
    const recorded = await hrss.post(`/referrals/${id}/training-courses`, course).expect(201);
    expect(recorded.body).toMatchObject({ ...course, id: expect.any(String) });
    await hrss.post(`/referrals/${id}/training-certificates`, { name: '职业技能等级证书（家政服务员四级）', number: 'S000053010000245001', issuedOn: day(-1) }).expect(201);
    const badPlace = await hrss.post(`/referrals/${id}/jobs`, { employer: '某公司', position: '保洁', startsOn: day(5), placeCode: '999999' }).expect(422);
    expect(badPlace.body.error).toMatchObject({ code: 'UNKNOWN_JURISDICTION', details: [{ field: 'placeCode' }] });
    await hrss.post(`/referrals/${id}/start`).expect(200);
    // Work in another place is supported (R15): a job in Lijiang on a file of Wuhua district.
    const away = await hrss.post(`/referrals/${id}/jobs`, { employer: '丽江某酒店', position: '客房服务员', startsOn: day(5), placeCode: '530702' }).expect(201);
    expect(away.body).toMatchObject({ placeCode: '530702', elsewhere: true });
    await hrss.post(`/referrals/${id}/jobs`, { employer: '昆明某家政公司', position: '家政服务员', startsOn: day(3), placeCode: '530102' }).expect(201);

    const seen = await hrss.get(`/referrals/${id}`).expect(200);
    expect(seen.body.records).toMatchObject({
      trainingCourses: [{ name: '家政服务员（中级）', status: 'completed', startsOn: day(-30), endsOn: day(-2) }],
      certificates: [{ number: 'S000053010000245001', issuedOn: day(-1) }],
      jobs: [
        { employer: '丽江某酒店', elsewhere: true, placeName: expect.any(String) },
        { employer: '昆明某家政公司', elsewhere: false },
      ],
      legalAidSteps: [],
      handover: null,
    });
    expect(await auditRecords(stack.database, `action = 'referral.job_placement' AND outcome = 'allowed' AND details->>'referralId' = $1`, [id])).toHaveLength(2);

    // The caseworker sees them; once completed, the centre keeps its records, without the person.
    await hrss
      .post(`/referrals/${id}/complete`, {
        course: '家政服务员（中级）',
        placement: { employer: '丽江某酒店', place: '丽江市', startDate: day(5) },
        workElsewhere: '协助办理外出务工',
      })
      .expect(200);
    const referrer = await as(caseworker).get(`/referrals/${id}`).expect(200);
    expect(referrer.body.records.jobs).toHaveLength(2);
    const after = await hrss.get(`/referrals/${id}`).expect(200);
    expect(after.body.person).toBeUndefined();
    expect(after.body.records.trainingCourses).toHaveLength(1);
    expect(after.body.records.certificates).toHaveLength(1);
    // Completed: no more records.
    await hrss.post(`/referrals/${id}/training-certificates`, { name: '另一证书', issuedOn: day(-1) }).expect(409);
  });

  it('R15: only a job training, technical school or job placement referral keeps training records (422 naming the kind); another organisation gets 404', async () => {
    const child = await file({ birthDate: bornAged(9) });
    const schooling = await desk.accepted(child, { kind: 'schooling', organisationId: org.school, purpose: '插班入学', details: { gradeLevel: '三年级' } }, partner.school);
    const wrong = await as(partner.school)
      .post(`/referrals/${schooling}/training-courses`, { name: '烹饪', provider: '某学校', startsOn: day(-5), status: 'in_progress' })
      .expect(422);
    expect(wrong.body.error).toMatchObject({ code: 'WRONG_REFERRAL_KIND', details: [{ field: 'kind', reason: expect.stringContaining('R15') }] });

    const id = await trainingReferral('job_placement');
    await as(partner.hrss).post(`/referrals/${id}/accept`).expect(200);
    await as(partner.otherHrss)
      .post(`/referrals/${id}/jobs`, { employer: '某公司', position: '保洁', startsOn: day(5), placeCode: '530102' })
      .expect(404);
    expect(await auditRecords(stack.database, `action = 'referral.job_placement' AND outcome = 'denied' AND entity_id = $1`, [id])).toHaveLength(1);
    // A job placement referral records the job.
    await as(partner.hrss)
      .post(`/referrals/${id}/jobs`, { employer: '某公司', position: '保洁', startsOn: day(5), placeCode: '530102' })
      .expect(201);
    expect(await stack.database.query('SELECT count(*)::int AS n FROM job_placement_record WHERE referral_id = $1', [id])).toEqual([{ n: 1 }]);
  });

  it("R18: the legal aid centre records the green-channel case's dated steps; another centre gets 404, a wrong kind 422", async () => {
    const fileId = await file({ birthDate: bornAged(28) });
    const id = await desk.accepted(fileId, { kind: 'legal_aid', organisationId: org.legalAid, purpose: '刑事附带民事诉讼', details: { matter: '索赔' } }, partner.legalAid);
    const centre = as(partner.legalAid);
    await centre.post(`/referrals/${id}/legal-aid-steps`, { kind: 'consultation', takenOn: day(-20), note: '首次咨询，了解案情' }).expect(201);
    await centre.post(`/referrals/${id}/start`).expect(200);
    const filed = await centre.post(`/referrals/${id}/legal-aid-steps`, { kind: 'litigation_filed', takenOn: day(-10), note: '向五华区人民法院提起附带民事诉讼' }).expect(201);
    expect(filed.body).toMatchObject({ kind: 'litigation_filed', takenOn: day(-10) });
    const unknown = await centre.post(`/referrals/${id}/legal-aid-steps`, { kind: 'appeal_lost', takenOn: day(-1), note: '无' }).expect(422);
    expect(unknown.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'kind' })]));
    await as(partner.otherLegalAid)
      .post(`/referrals/${id}/legal-aid-steps`, { kind: 'hearing', takenOn: day(-1), note: '开庭' })
      .expect(404);
    await as(partner.foreign)
      .post(`/referrals/${id}/legal-aid-steps`, { kind: 'hearing', takenOn: day(-1), note: '开庭' })
      .expect(403);

    // A referral of another kind at the centre (recorded directly): refused, naming the field.
    const [other] = await stack.database.query<{ id: string }>(
      `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, created_by, sent_at)
       SELECT file_id, 'rehabilitation', organisation_id, referring_organisation_id, 'x', 'accepted', created_by, sent_at FROM referral WHERE id = $1 RETURNING id`,
      [id],
    );
    const wrong = await centre.post(`/referrals/${other.id}/legal-aid-steps`, { kind: 'hearing', takenOn: day(-1), note: '开庭' }).expect(422);
    expect(wrong.body.error).toMatchObject({ code: 'WRONG_REFERRAL_KIND', details: [{ field: 'kind', reason: expect.stringContaining('R18') }] });

    await centre.post(`/referrals/${id}/complete`, { service: 'litigation', court: '五华区人民法院', stage: '一审判决', result: '获赔5万元' }).expect(200);
    const after = await centre.get(`/referrals/${id}`).expect(200);
    expect(after.body.person).toBeUndefined();
    expect(after.body.records.legalAidSteps.map((step: { kind: string }) => step.kind)).toEqual(['consultation', 'litigation_filed']);
    expect((await as(caseworker).get(`/referrals/${id}`).expect(200)).body.records.legalAidSteps).toHaveLength(2);
  });

  it('R19: the foreign affairs office records the handover at the border once; another kind 422, another organisation 404', async () => {
    const foreign = await file(laoNational);
    const created = await refer(foreign, { kind: 'repatriation', organisationId: org.foreign, purpose: '协调老挝驻昆总领馆接收', send: true });
    const id = created.body.id;
    const office = as(partner.foreign);
    const handover = { handedOverOn: day(-1), place: '磨憨口岸', receivingAuthority: '老挝南塔省警察局', receivingCountry: 'LA', travelDocumentRef: 'P7654321' };
    await office.post(`/referrals/${id}/repatriation-handover`, handover).expect(409);
    await office.post(`/referrals/${id}/accept`).expect(200);
    const badCountry = await office.post(`/referrals/${id}/repatriation-handover`, { ...handover, receivingCountry: 'Laos' }).expect(422);
    expect(badCountry.body.error.details).toEqual([expect.objectContaining({ field: 'receivingCountry' })]);
    await as(partner.hrss).post(`/referrals/${id}/repatriation-handover`, handover).expect(403);
    const recorded = await office.post(`/referrals/${id}/repatriation-handover`, handover).expect(201);
    expect(recorded.body).toMatchObject(handover);
    expect((await office.post(`/referrals/${id}/repatriation-handover`, handover).expect(409)).body.error.code).toBe('RECORD_EXISTS');

    const [legal] = await stack.database.query<{ id: string }>(
      `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, created_by, sent_at)
       SELECT file_id, 'legal_aid', organisation_id, referring_organisation_id, 'x', 'accepted', created_by, sent_at FROM referral WHERE id = $1 RETURNING id`,
      [id],
    );
    const wrong = await office.post(`/referrals/${legal.id}/repatriation-handover`, handover).expect(422);
    expect(wrong.body.error).toMatchObject({ code: 'WRONG_REFERRAL_KIND', details: [{ field: 'kind', reason: expect.stringContaining('R19') }] });
    // Another organisation of the same kind: 404, on record.
    const elsewhere = await signedIn(server, stack.database, 'foreign_affairs_officer', { kind: 'foreign_affairs_office', jurisdictionCode: '530000' });
    await request(server).post(`/referrals/${id}/repatriation-handover`).set(elsewhere.auth).send(handover).expect(404);
    expect(await auditRecords(stack.database, `action = 'referral.repatriation_handover' AND outcome = 'denied' AND entity_id = $1`, [id])).toHaveLength(1);

    await office.post(`/referrals/${id}/start`).expect(200);
    await office.post(`/referrals/${id}/complete`, { summary: '已于磨憨口岸移交老方' }).expect(200);
    const after = await office.get(`/referrals/${id}`).expect(200);
    expect(after.body.person).toBeUndefined();
    expect(after.body.records.handover).toMatchObject({ place: '磨憨口岸', receivingCountry: 'LA' });
  });
});

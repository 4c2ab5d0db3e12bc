import request from 'supertest';
import type { App } from 'supertest/types.js';
import { OutboxRelay } from '#app/platform';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { approved, interview, residentId, step, versionOf } from '../support/case-fixtures.js';
import { day } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { queries, startStack, type TestStack } from '../support/test-context.js';
import { walkPages } from '../support/paging.js';

type User = Session & { userId: string; organisationId: string };

interface Candidate {
  id: string;
  requestId: string;
  requestReference: string;
  score: number;
  status: string;
  features: Record<string, { score: number; weight: number; why: string }>;
}

const STR_PROFILE = 'D8S1179 13,14; D21S11 29,30; TH01 6,9.3; FGA 22,24; Amelogenin X,X';

describe('R8–R10: family tracing, with DNA only at the police', () => {
  let stack: TestStack;
  let server: App;
  let institution: string;
  let police: string;
  let caseworker: User;
  let supervisor: User;
  let institutionStaff: User;
  let policeLiaison: User;
  let otherPolice: User;

  beforeAll(async () => {
    stack = await startStack({ worker: true });
    server = stack.api!.getHttpServer();
    stack.worker!.get(OutboxRelay).start();
    const db = stack.database;
    const bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    institution = await createOrganisation(db, { kind: 'minor_protection_centre', jurisdictionCode: '530102', name: '五华区未成年人救助保护中心' });
    police = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530602', name: '昭通市公安局昭阳分局' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, db, 'supervisor', { id: bureau });
    institutionStaff = await signedIn(server, db, 'institution_staff', { id: institution });
    policeLiaison = await signedIn(server, db, 'police_liaison', { id: police });
    otherPolice = await signedIn(server, db, 'police_liaison', { kind: 'public_security', jurisdictionCode: '530102' });
  });
  afterAll(() => stack?.close());
  const today = () => stack.clock.today();

  /** A child found by the institution, who remembers only a childhood name. */
  async function unidentifiedChild(person: Record<string, unknown>): Promise<string> {
    const intake = await request(server)
      .post('/intake/discoveries')
      .set(institutionStaff.auth)
      .send({
        person: { sex: 'female', identityStatus: 'unknown', ...person },
        discovery: { discoveredOn: day(-45), placeCode: '530102', circumstances: '在客运站独自徘徊，由救助保护中心接回。' },
      })
      .expect(201);
    return intake.body.file.id;
  }

  function familyRequest(body: Record<string, unknown>, by: User = caseworker) {
    return request(server)
      .post('/tracing/requests')
      .set(by.auth)
      .send({ sex: 'female', familyContact: { name: '王建军', relation: '父亲', phone: '13912345678' }, ...body });
  }

  async function candidatesOf(fileId: string): Promise<Candidate[]> {
    return (await request(server).get(`/files/${fileId}/tracing`).set(caseworker.auth).expect(200)).body.candidates.items;
  }

  it("R8, R9, R10: an unidentified child is matched to a family's request through pinyin and age, referred to the police, and reunified only after the police-reported match", async () => {
    // The family's request, filed at the police in Zhaotong years ago: their 小红 went missing at five.
    const wanted = await familyRequest(
      {
        names: [
          { name: '王小红', kind: 'name' },
          { name: '小红', kind: 'childhood_name' },
        ],
        ageWhenMissing: 5,
        missingOn: '2020-05-01',
        missingPlaceCode: '530602',
        marks: '左耳后有一颗痣',
        policeReportReference: '昭公刑立字〔2020〕118号',
      },
      policeLiaison,
    ).expect(201);
    // Decoys: the same childhood name, a generation older; a boy; a girl of the right age from the same county with another name.
    await familyRequest({ names: [{ name: '小红', kind: 'childhood_name' }], ageWhenMissing: 3, missingOn: '2004-02-01', missingPlaceCode: '530602' }).expect(201);
    await familyRequest({ names: [{ name: '王晓东', kind: 'name' }], sex: 'male', ageWhenMissing: 5, missingOn: '2020-06-01', missingPlaceCode: '530602' }).expect(201);
    const other = await familyRequest({ names: [{ name: '张红梅', kind: 'name' }], ageWhenMissing: 6, missingOn: '2019-08-01', missingPlaceCode: '530102' }).expect(201);

    // She calls herself 晓红 — other characters, the same sound — and looks ten or eleven.
    const fileId = await unidentifiedChild({ aliases: [{ name: '晓红', kind: 'childhood_name' }], birthDateRange: { from: '2014-06-01', to: '2016-06-01' } });
    await request(server).post(`/files/${fileId}/interview`).set(institutionStaff.auth).send(interview).expect(201);
    await request(server)
      .post(`/files/${fileId}/guardians`)
      .set(caseworker.auth)
      .send({ kind: 'civil_affairs', name: '五华区民政局', since: day(-45) })
      .expect(201);
    expect((await step(server, caseworker.auth, fileId, 'start_tracing')).body).toMatchObject({ to: 'tracing' });
    // What she remembers, as leads: the dialect and a place name.
    await request(server).post(`/files/${fileId}/tracing/leads`).set(institutionStaff.auth).send({ kind: 'dialect', text: '说昭通口音的方言', source: 'person' }).expect(201);
    await request(server)
      .post(`/files/${fileId}/tracing/leads`)
      .set(institutionStaff.auth)
      .send({ kind: 'place_name', text: '记得家门口有条河，叫"昭阳"', source: 'interview', placeCode: '530602' })
      .expect(201);

    // The queued matcher found her without anyone asking: the family's request first, its score broken down by feature.
    const candidates = await eventually(async () => {
      const found = await candidatesOf(fileId);
      // Matched again once the leads were in: the place she named counts.
      const match = found.find((c) => c.requestId === wanted.body.id);
      return match?.features.place.score === 1 && found.some((c) => c.requestId === other.body.id) ? found : false;
    });
    const [best] = candidates;
    expect(best.requestId).toBe(wanted.body.id);
    expect(best.features.name).toMatchObject({ score: 0.85, why: '同音 xiaohong（晓红 / 小红）/ same pinyin xiaohong' });
    expect(best.features.age).toMatchObject({ score: 1 });
    expect(best.features.place).toMatchObject({ score: 1, why: '同一县区 530602 / same county 530602' });
    expect(Object.keys(best.features).sort()).toEqual(['age', 'marks', 'name', 'place', 'sex', 'time']);
    expect(candidates.find((c) => c.requestId === other.body.id)!.score).toBeLessThan(best.score);
    // A boy, and a girl missing before this child was born, are no candidates at all.
    expect(candidates).toHaveLength(2);

    // The other candidate is dismissed with a reason; matching again on demand does not bring it back.
    const dismissed = candidates.find((c) => c.requestId === other.body.id)!;
    await request(server).post(`/tracing/candidates/${dismissed.id}/dismiss`).set(caseworker.auth).send({ reason: '姓名与方言均不符' }).expect(200);
    const again = await request(server).post(`/files/${fileId}/tracing/match`).set(caseworker.auth).expect(200);
    expect(again.body.candidates.items.find((c: Candidate) => c.id === dismissed.id)).toMatchObject({ status: 'dismissed', dismissedReason: '姓名与方言均不符' });
    await request(server)
      .post(`/tracing/candidates/${dismissed.id}/dna-comparison`)
      .set(caseworker.auth)
      .send({ policeOrganisationId: police, policeReference: '昭公DNA比〔2026〕030号', requestedOn: today() })
      .expect(409);

    // R22: the request is held by the police in Zhaotong; the bureau here, whose child is only a candidate, sees why it matched and who holds it — nothing of the family.
    const asCandidate = await request(server).get(`/tracing/requests/${wanted.body.id}`).set(caseworker.auth).expect(200);
    expect(asCandidate.body).toMatchObject({
      access: 'candidate',
      holder: { id: police, name: '昭通市公安局昭阳分局' },
      familyContactName: null,
      familyContactRelation: null,
      familyPhone: null,
      marks: null,
      policeReportReference: null,
      names: [],
    });
    expect(JSON.stringify(asCandidate.body)).not.toContain('13912345678');
    const listed = await request(server).get('/tracing/requests').set(caseworker.auth).expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === wanted.body.id)).toMatchObject({ access: 'candidate', names: null, holder: { id: police } });
    // The holder and the unit comparing see it all.
    expect((await request(server).get(`/tracing/requests/${wanted.body.id}`).set(policeLiaison.auth).expect(200)).body).toMatchObject({
      access: 'holder',
      familyPhone: '13912345678',
      marks: '左耳后有一颗痣',
    });

    // R9: the police compare DNA; huijia records the request — unit, reference, date.
    const comparison = await request(server)
      .post(`/tracing/candidates/${best.id}/dna-comparison`)
      .set(caseworker.auth)
      .send({ policeOrganisationId: police, policeReference: '昭公DNA比〔2026〕031号', requestedOn: today() })
      .expect(201);
    // One comparison at a time.
    await request(server)
      .post(`/tracing/candidates/${best.id}/dna-comparison`)
      .set(caseworker.auth)
      .send({ policeOrganisationId: police, policeReference: '昭公DNA比〔2026〕032号', requestedOn: today() })
      .expect(409);
    const pending = await request(server).get('/tracing/dna-comparisons').set(policeLiaison.auth).expect(200);
    expect(pending.body).toEqual({ items: [expect.objectContaining({ id: comparison.body.id, outcome: 'pending', fileId, requestId: wanted.body.id })], nextCursor: null });
    // The unit sees the minimal view of the file while it compares; another unit nothing.
    await request(server).get(`/files/${fileId}`).set(policeLiaison.auth).expect(200);
    expect((await request(server).get('/tracing/dna-comparisons').set(otherPolice.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });

    // R10: without the police's match there is no going home to a traced family…
    const early = await step(server, caseworker.auth, fileId, 'family_found');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('POLICE_MATCH_REQUIRED');
    // …and a private paternity test the family brings is recorded as refused, and changes nothing.
    const paternity = await request(server)
      .post(`/files/${fileId}/tracing/paternity-tests`)
      .set(caseworker.auth)
      .send({ offeredBy: '王建军（自称父亲）', offeredOn: today(), note: '家属自行委托某鉴定所' })
      .expect(201);
    expect(paternity.body.refused).toBe(true);
    expect((await step(server, caseworker.auth, fileId, 'family_found')).body.error.code).toBe('POLICE_MATCH_REQUIRED');
    const transitions = await request(server).get(`/files/${fileId}/transitions`).set(caseworker.auth).expect(200);
    expect(transitions.body.transitions.find((t: { event: string }) => t.event === 'family_found')).toMatchObject({
      allowed: false,
      reasons: [expect.objectContaining({ code: 'POLICE_MATCH_REQUIRED' })],
    });

    // Only the unit asked may report; it reports a match, with its report reference.
    await request(server)
      .post(`/tracing/dna-comparisons/${comparison.body.id}/outcome`)
      .set(otherPolice.auth)
      .send({ outcome: 'match', reportedOn: today(), reportReference: '冒报〔2026〕1号' })
      .expect(404);
    await request(server)
      .post(`/tracing/dna-comparisons/${comparison.body.id}/outcome`)
      .set(policeLiaison.auth)
      .send({ outcome: 'match', reportedOn: today(), reportReference: '昭公DNA鉴〔2026〕031号' })
      .expect(200);
    await request(server)
      .post(`/tracing/dna-comparisons/${comparison.body.id}/outcome`)
      .set(policeLiaison.auth)
      .send({ outcome: 'no_match', reportedOn: today(), reportReference: 'again' })
      .expect(409);
    const traced = await request(server).get(`/files/${fileId}/tracing`).set(caseworker.auth).expect(200);
    expect(traced.body.candidates.items.find((c: Candidate) => c.id === best.id).status).toBe('confirmed');
    expect(traced.body.dnaComparisons).toEqual([
      expect.objectContaining({ outcome: 'match', reportReference: '昭公DNA鉴〔2026〕031号', policeReference: '昭公DNA比〔2026〕031号' }),
    ]);
    expect(traced.body.refusedPaternityTests).toEqual([expect.objectContaining({ offeredBy: '王建军（自称父亲）' })]);
    // R8, R10: the police reported the match: the family's contact is released to the bureau keeping the child's file.
    expect((await request(server).get(`/tracing/requests/${wanted.body.id}`).set(caseworker.auth).expect(200)).body).toMatchObject({
      status: 'found',
      access: 'police_match',
      familyPhone: '13912345678',
      familyContactName: '王建军',
      policeReportReference: '昭公刑立字〔2020〕118号',
    });
    // The comparison is over: the unit's view of the file closes again.
    await request(server).get(`/files/${fileId}`).set(policeLiaison.auth).expect(404);

    // Now she goes home: identity established on the police's match, the relatives told of their duties of care (R8).
    expect((await step(server, caseworker.auth, fileId, 'family_found')).body).toMatchObject({ to: 'returning_home' });
    await request(server)
      .put(`/files/${fileId}/identity`)
      .set(caseworker.auth)
      .send({
        idNumber: residentId('530602', '20150214', '024'),
        name: '王小红',
        basis: 'police_dna_match',
        basisReference: '昭公DNA鉴〔2026〕031号',
        expectedVersion: await versionOf(server, caseworker.auth, fileId),
      })
      .expect(200);
    await request(server).post(`/files/${fileId}/guardians`).set(caseworker.auth).send({ kind: 'parent', name: '王建军', relation: '父亲', since: today() }).expect(201);
    await request(server)
      .put(`/files/${fileId}/return-home`)
      .set(caseworker.auth)
      .send({ recipientName: '王建军', relation: '父亲', address: '昭阳区凤凰街道12号', placeCode: '530602', expectedVersion: await versionOf(server, caseworker.auth, fileId) })
      .expect(200);
    const withoutNotice = await step(server, caseworker.auth, fileId, 'reunify');
    expect(withoutNotice.status).toBe(409);
    expect(withoutNotice.body.error.code).toBe('DUTY_OF_CARE_NOTICE_REQUIRED');
    await request(server)
      .post(`/files/${fileId}/tracing/duty-notices`)
      .set(caseworker.auth)
      .send({ relatives: '父亲王建军、母亲李秀英', notifiedOn: today(), method: 'in_person', note: '告知监护、抚养、教育义务及不得再次出卖' })
      .expect(201);
    expect((await approved(server, caseworker.auth, supervisor.auth, fileId, 'reunify')).body).toMatchObject({ to: 'reunified' });
    const seen = await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(200);
    expect(seen.body.person).toMatchObject({ name: '王小红', identityStatus: 'confirmed' });
    // Still findable by the name she gave.
    const search = await request(server).get('/files?q=xiaohong').set(caseworker.auth).expect(200);
    expect(search.body.items.map((f: { id: string }) => f.id)).toContain(fileId);
  });

  it("R8, R22: across jurisdictions the family's contact is released only by the bureau holding the request, on record", async () => {
    const zhaoyang = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530602', name: '昭阳区民政局' });
    const holder = await signedIn(server, stack.database, 'caseworker', { id: zhaoyang });
    const wanted = await familyRequest(
      {
        names: [{ name: '陈佳怡', kind: 'name' }],
        ageWhenMissing: 6,
        missingOn: '2020-03-01',
        missingPlaceCode: '530602',
        marks: '右手腕有烫伤疤痕',
        policeReportReference: '昭公立〔2020〕7号',
      },
      holder,
    ).expect(201);
    const fileId = await unidentifiedChild({ name: '陈佳怡', birthDateRange: { from: '2013-06-01', to: '2015-06-01' } });
    const candidate = await eventually(async () => (await candidatesOf(fileId)).find((c) => c.requestId === wanted.body.id) ?? false);
    expect(candidate.features.name.why).toContain('陈佳怡');
    const read = () => request(server).get(`/tracing/requests/${wanted.body.id}`).set(caseworker.auth).expect(200);
    expect((await read()).body).toMatchObject({ access: 'candidate', holder: { id: zhaoyang, name: '昭阳区民政局' }, familyPhone: null, marks: null, policeReportReference: null });

    // Only the holder releases: not the candidate's bureau, and only to a candidate's file.
    const release = (by: User, body: object) => request(server).post(`/tracing/requests/${wanted.body.id}/releases`).set(by.auth).send(body);
    expect((await release(caseworker, { fileId, reason: '我方自行查看' }).expect(404)).body.error.code).toBe('REQUEST_NOT_FOUND');
    const stranger = await unidentifiedChild({ name: '刘洋洋', birthDateRange: { from: '1990-01-01', to: '1991-01-01' } });
    expect((await release(holder, { fileId: stranger, reason: '家属同意' }).expect(422)).body.error).toMatchObject({
      code: 'NOT_A_CANDIDATE',
      details: [expect.objectContaining({ field: 'fileId' })],
    });
    const released = await release(holder, { fileId, reason: '家属同意五华区民政局联系' }).expect(201);
    expect(released.body).toMatchObject({ requestId: wanted.body.id, fileId, reason: '家属同意五华区民政局联系' });
    expect((await read()).body).toMatchObject({ access: 'released', familyPhone: '13912345678', marks: '右手腕有烫伤疤痕', policeReportReference: '昭公立〔2020〕7号' });
    const records = await auditRecords(stack.database, `action = 'tracing.request_release' AND entity_id = $1`, [wanted.body.id]);
    expect(records).toEqual([
      expect.objectContaining({ outcome: 'denied', actor_user_id: caseworker.userId }),
      expect.objectContaining({ outcome: 'allowed', actor_user_id: holder.userId, file_ids: [fileId] }),
    ]);
    // Every read is on record with how it was reached.
    const reads = await auditRecords(stack.database, `action = 'tracing.request_read' AND entity_id = $1 AND actor_user_id = $2`, [wanted.body.id, caseworker.userId]);
    expect(reads.map((row) => row.details.access)).toEqual(['candidate', 'released']);
  });

  it('R9: after an inconclusive comparison the police may be asked again; a ruled-out candidate stays ruled out', async () => {
    const wanted = await familyRequest({ names: [{ name: '赵思琪', kind: 'name' }], ageWhenMissing: 8, missingOn: '2021-07-01', missingPlaceCode: '530102' }).expect(201);
    const fileId = await unidentifiedChild({ name: '赵思琪', birthDateRange: { from: '2012-06-01', to: '2014-06-01' } });
    const candidate = await eventually(async () => (await candidatesOf(fileId)).find((c) => c.requestId === wanted.body.id) ?? false);
    const ask = (reference: string) =>
      request(server)
        .post(`/tracing/candidates/${candidate.id}/dna-comparison`)
        .set(caseworker.auth)
        .send({ policeOrganisationId: police, policeReference: reference, requestedOn: today() });
    const report = (id: string, outcome: string) =>
      request(server)
        .post(`/tracing/dna-comparisons/${id}/outcome`)
        .set(policeLiaison.auth)
        .send({ outcome, reportedOn: today(), reportReference: `鉴-${outcome}` })
        .expect(200);
    const first = await ask('比-1').expect(201);
    await report(first.body.id, 'inconclusive');
    const second = await ask('比-2').expect(201);
    await report(second.body.id, 'no_match');
    expect((await candidatesOf(fileId)).find((c) => c.id === candidate.id)!.status).toBe('ruled_out');
    await ask('比-3').expect(409);
    expect((await request(server).get(`/tracing/requests/${wanted.body.id}`).set(caseworker.auth).expect(200)).body.status).toBe('open');
  });

  it('R8: a lead is followed up and its outcome recorded once — held or ruled out, the day, what was done — on its own file only', async () => {
    const fileId = await unidentifiedChild({ aliases: [{ name: '阿珍', kind: 'childhood_name' }], birthDateRange: { from: '2013-01-01', to: '2015-01-01' } });
    const elsewhere = await unidentifiedChild({ aliases: [{ name: '阿秀', kind: 'childhood_name' }] });
    const lead = await request(server)
      .post(`/files/${fileId}/tracing/leads`)
      .set(institutionStaff.auth)
      .send({ kind: 'place_name', text: '记得村口有座石桥', source: 'person', placeCode: '530602' })
      .expect(201);
    const other = await request(server)
      .post(`/files/${elsewhere}/tracing/leads`)
      .set(institutionStaff.auth)
      .send({ kind: 'dialect', text: '说彝语', source: 'person' })
      .expect(201);
    const outcome = (forFile: string, leadId: string, body: Record<string, unknown>, as: User = caseworker) =>
      request(server).post(`/files/${forFile}/tracing/leads/${leadId}/outcome`).set(as.auth).send(body);
    const checked = { outcome: 'ruled_out', checkedOn: today(), note: '联系昭阳区各乡镇，未找到有石桥的村' };

    // Before any outcome the lead is open, dated by the clock.
    const leads = async () => (await request(server).get(`/files/${fileId}/tracing`).set(caseworker.auth).expect(200)).body.leads;
    expect(await leads()).toEqual([
      expect.objectContaining({ id: lead.body.id, status: 'open', checkedOn: null, outcomeNote: null, checkedBy: null, recordedAt: expect.stringMatching(/Z$/) }),
    ]);
    expect((await leads())[0].recordedAt.slice(0, 10)).toBe(stack.clock.now().toISOString().slice(0, 10));

    // A lead of another file is none of this one; the day cannot be ahead; the outcome is one of two.
    expect((await outcome(fileId, other.body.id, checked).expect(404)).body.error.code).toBe('LEAD_NOT_FOUND');
    expect((await outcome(fileId, lead.body.id, { ...checked, checkedOn: day(1) }).expect(422)).body.error.details).toEqual([expect.objectContaining({ field: 'checkedOn' })]);
    expect((await outcome(fileId, lead.body.id, { ...checked, outcome: 'maybe' }).expect(422)).body.error.details).toEqual([expect.objectContaining({ field: 'outcome' })]);

    expect((await outcome(fileId, lead.body.id, checked, institutionStaff).expect(200)).body).toEqual({ id: lead.body.id, fileId, status: 'ruled_out', checkedOn: today() });
    expect((await outcome(fileId, lead.body.id, { ...checked, outcome: 'confirmed' }).expect(409)).body.error.code).toBe('LEAD_CHECKED');
    expect(await leads()).toEqual([
      expect.objectContaining({ id: lead.body.id, status: 'ruled_out', checkedOn: today(), outcomeNote: '联系昭阳区各乡镇，未找到有石桥的村', checkedBy: expect.any(String) }),
    ]);
    expect((await auditRecords(stack.database, `action = 'tracing.lead_checked' AND entity_id = $1`, [lead.body.id])).map((r) => r.outcome)).toEqual(['allowed']);
    // The police compare DNA; following a file's leads up is not theirs.
    await outcome(elsewhere, other.body.id, checked, policeLiaison).expect(403);
  });

  it('R9: genetic content is refused in every field, query and upload — nothing stored, the attempt audited without the content', async () => {
    const fileId = await unidentifiedChild({ birthDateRange: { from: '2012-01-01', to: '2013-12-31' } });
    const leadsBefore = await stack.database.query(`SELECT count(*)::int AS n FROM tracing_lead WHERE file_id = $1`, [fileId]);
    const requestsBefore = await stack.database.query(`SELECT count(*)::int AS n FROM tracing_request`);

    const lead = await request(server)
      .post(`/files/${fileId}/tracing/leads`)
      .set(caseworker.auth)
      .send({ kind: 'other', text: `家属提供的检测结果：${STR_PROFILE}`, source: 'family' });
    expect(lead.status).toBe(422);
    expect(lead.body.error).toMatchObject({ code: 'GENETIC_DATA_REFUSED', details: [expect.objectContaining({ field: 'text' })] });
    expect(lead.body.error.message).toContain('R9');

    const nested = await familyRequest({
      names: [{ name: '李梅', kind: 'name' }],
      ageWhenMissing: 7,
      missingOn: '2018-03-01',
      missingPlaceCode: '530102',
      familyContact: { name: `母亲 ${'ACGT'.repeat(12)}` },
    });
    expect(nested.status).toBe(422);
    expect(nested.body.error.details).toEqual([expect.objectContaining({ field: 'familyContact.name' })]);

    const fasta = await request(server)
      .post(`/files/${fileId}/tracing/leads`)
      .set(caseworker.auth)
      .send({ kind: 'other', source: 'family', text: `>sample_1 mitochondrial\n${'GATTACACCGTAGGCTTAAC'.repeat(5)}` });
    expect(fasta.body.error.code).toBe('GENETIC_DATA_REFUSED');

    const query = await request(server)
      .get(`/files?q=${encodeURIComponent('TH01 6,9.3 FGA 22,24')}`)
      .set(caseworker.auth);
    expect(query.status).toBe(422);
    expect(query.body.error.details).toEqual([expect.objectContaining({ field: 'query.q' })]);

    const upload = await request(server)
      .post(`/files/${fileId}/tracing/leads`)
      .set(caseworker.auth)
      .set('content-type', 'text/x-fastq')
      .send(`@read1\n${'ACGT'.repeat(20)}\n+\n${'I'.repeat(80)}\n`);
    expect(upload.status).toBe(422);
    expect(upload.body.error.code).toBe('GENETIC_DATA_REFUSED');

    // The police report an outcome, never a profile.
    const outcome = await request(server)
      .post(`/tracing/dna-comparisons/00000000-0000-4000-8000-000000000000/outcome`)
      .set(policeLiaison.auth)
      .send({ outcome: 'match', reportedOn: today(), reportReference: STR_PROFILE });
    expect(outcome.body.error.code).toBe('GENETIC_DATA_REFUSED');

    // Ordinary words that merely look technical pass: a reference with digits, a dialect note.
    await request(server).post(`/files/${fileId}/tracing/leads`).set(caseworker.auth).send({ kind: 'person', text: '记得邻居叫"阿TH"，门牌 13 号', source: 'person' }).expect(201);

    expect((await stack.database.query(`SELECT count(*)::int AS n FROM tracing_lead WHERE file_id = $1`, [fileId]))[0].n).toBe(leadsBefore[0].n + 1);
    expect((await stack.database.query(`SELECT count(*)::int AS n FROM tracing_request`))[0].n).toBe(requestsBefore[0].n);
    const refused = await auditRecords(stack.database, `action = 'genetic_data.refused'`);
    expect(refused.length).toBeGreaterThanOrEqual(6);
    expect(refused.every((record) => record.outcome === 'denied')).toBe(true);
    expect(refused.map((record) => record.details.field)).toEqual(expect.arrayContaining(['text', 'familyContact.name', 'query.q', '(body)', 'reportReference']));
    // Nothing of the content anywhere in the database: not in the audit, not in the outbox.
    const leaked = await stack.database.query(
      `SELECT (SELECT count(*) FROM audit_record WHERE details::text ~ 'D8S1179|ACGTACGT|GATTACA') + (SELECT count(*) FROM outbox WHERE payload::text ~ 'D8S1179|ACGTACGT|GATTACA')
              + (SELECT count(*) FROM tracing_lead WHERE text ~ 'D8S1179|ACGTACGT|GATTACA') AS n`,
    );
    expect(Number(leaked[0].n)).toBe(0);
  });

  it('R8: a tracing request with an impossible date, an unknown place or no age is refused, and nothing is half-written', async () => {
    const before = await stack.database.query(`SELECT (SELECT count(*) FROM tracing_request)::int AS requests, (SELECT count(*) FROM tracing_request_name)::int AS names`);
    const base = {
      names: [
        { name: '刘芳', kind: 'name' },
        { name: '芳芳', kind: 'childhood_name' },
      ],
      missingPlaceCode: '530102',
    };
    const future = await familyRequest({ ...base, ageWhenMissing: 6, missingOn: '2099-01-01' }).expect(422);
    expect(future.body.error.details).toEqual([expect.objectContaining({ field: 'missingOn' })]);
    const bornAfter = await familyRequest({ ...base, birthDate: '2019-05-01', missingOn: '2018-03-01' }).expect(422);
    expect(bornAfter.body.error.details).toEqual([expect.objectContaining({ field: 'birthDate' })]);
    const noAge = await familyRequest({ ...base, missingOn: '2018-03-01' }).expect(422);
    expect(noAge.body.error.details).toEqual([expect.objectContaining({ field: 'birthDate' })]);
    const nowhere = await familyRequest({ ...base, ageWhenMissing: 6, missingOn: '2018-03-01', missingPlaceCode: '999999' }).expect(422);
    expect(nowhere.body.error.details).toEqual([expect.objectContaining({ field: 'missingPlaceCode' })]);
    const notADate = await familyRequest({ ...base, ageWhenMissing: 6, missingOn: '2018-02-30' }).expect(422);
    expect(notADate.body.error.details).toEqual([expect.objectContaining({ field: 'missingOn' })]);
    const after = await stack.database.query(`SELECT (SELECT count(*) FROM tracing_request)::int AS requests, (SELECT count(*) FROM tracing_request_name)::int AS names`);
    expect(after).toEqual(before);

    // A good one: its age becomes a birth range, its phone is encrypted at rest, and the family may close it.
    const created = await familyRequest({ ...base, ageWhenMissing: 6, missingOn: '2018-03-01' }).expect(201);
    const read = await request(server).get(`/tracing/requests/${created.body.id}`).set(caseworker.auth).expect(200);
    expect(read.body).toMatchObject({ birthDateFrom: '2011-03-02', birthDateTo: '2012-03-01', familyPhone: '13912345678', status: 'open' });
    const [row] = await stack.database.query(`SELECT family_phone_cipher::text AS raw FROM tracing_request WHERE id = $1`, [created.body.id]);
    expect(row.raw).not.toContain('13912345678');
    await request(server).post(`/tracing/requests/${created.body.id}/close`).set(caseworker.auth).send({ reason: '家属告知已自行找到' }).expect(200);
    await request(server).post(`/tracing/requests/${created.body.id}/close`).set(caseworker.auth).send({ reason: 'again' }).expect(409);
    expect((await request(server).get('/tracing/requests?status=closed').set(caseworker.auth).expect(200)).body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    // Another jurisdiction's police never see it.
    await request(server).get(`/tracing/requests/${created.body.id}`).set(otherPolice.auth).expect(404);
  });

  it("R8, R9, R22: requests, a file's candidates and a police unit's comparisons page with a keyset, in the same number of queries whatever the page size (no N+1)", async () => {
    const names = ['周小燕', '吴小燕', '郑小燕', '冯小燕'];
    for (const name of names) {
      await familyRequest({
        names: [
          { name, kind: 'name' },
          { name: '燕燕', kind: 'childhood_name' },
        ],
        ageWhenMissing: 7,
        missingOn: '2019-04-01',
        missingPlaceCode: '530102',
      }).expect(201);
    }
    const walk = (path: string, user: User, limit: number) => walkPages(server, user.auth, path, limit);
    const counted = async (path: string, user: User, requestId: string) => {
      await request(server).get(path).set(user.auth).set('x-request-id', requestId).expect(200);
      return queries(stack.api).of(requestId);
    };

    // Tracing requests: newest first, every one once across pages of 2.
    const all = (await request(server).get('/tracing/requests?status=all&limit=200').set(caseworker.auth).expect(200)).body;
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(names.length);
    const times = all.items.map((item: { createdAt: string }) => Date.parse(item.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await walk('/tracing/requests?status=all', caseworker, 2)).toEqual(all.items.map((item: { id: string }) => item.id));
    const oneRequest = await counted('/tracing/requests?status=all&limit=1', caseworker, 'count-requests-1');
    expect(await counted('/tracing/requests?status=all&limit=50', caseworker, 'count-requests-50')).toBe(oneRequest);
    const tampered = await request(server).get('/tracing/requests?cursor=bm90LWEtY3Vyc29y').set(caseworker.auth).expect(422);
    expect(tampered.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);

    // A child called 燕燕 meets the four requests: her candidates page open first, the best first, the same on every page size.
    const fileId = await unidentifiedChild({ aliases: [{ name: '燕燕', kind: 'childhood_name' }], birthDateRange: { from: '2011-01-01', to: '2012-12-31' } });
    const candidates = await eventually(async () => {
      const page = (await request(server).get(`/files/${fileId}/tracing/candidates?limit=200`).set(caseworker.auth).expect(200)).body;
      return page.items.length >= names.length ? (page.items as Candidate[]) : false;
    });
    expect(await walk(`/files/${fileId}/tracing/candidates`, caseworker, 1)).toEqual(candidates.map((c) => c.id));
    const scores = candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const oneCandidate = await counted(`/files/${fileId}/tracing/candidates?limit=1`, caseworker, 'count-candidates-1');
    expect(await counted(`/files/${fileId}/tracing/candidates?limit=50`, caseworker, 'count-candidates-50')).toBe(oneCandidate);
    await request(server).get(`/files/${fileId}/tracing/candidates`).set(otherPolice.auth).expect(403);

    // Two of them referred to the police: the unit's worklist pages too, pending first.
    for (const [index, candidate] of candidates.slice(0, 2).entries()) {
      await request(server)
        .post(`/tracing/candidates/${candidate.id}/dna-comparison`)
        .set(caseworker.auth)
        .send({ policeOrganisationId: police, policeReference: `燕-${index}`, requestedOn: today() })
        .expect(201);
    }
    const worklist = (await request(server).get('/tracing/dna-comparisons?status=all&limit=200').set(policeLiaison.auth).expect(200)).body.items;
    expect(worklist.length).toBeGreaterThanOrEqual(2);
    const pendingFirst = worklist.map((item: { outcome: string }) => item.outcome !== 'pending');
    expect(pendingFirst).toEqual([...pendingFirst].sort());
    expect(await walk('/tracing/dna-comparisons?status=all', policeLiaison, 1)).toEqual(worklist.map((item: { id: string }) => item.id));
    const oneComparison = await counted('/tracing/dna-comparisons?status=all&limit=1', policeLiaison, 'count-dna-1');
    expect(await counted('/tracing/dna-comparisons?status=all&limit=50', policeLiaison, 'count-dna-50')).toBe(oneComparison);
  });
});

import request from 'supertest';
import type { App } from 'supertest/types.js';
import { createOrganisation, signedIn } from '../support/access-fixtures.js';
import { interview, step } from '../support/case-fixtures.js';
import { day } from '../support/clock.js';
import { walkPages } from '../support/paging.js';
import { startStack, type TestStack } from '../support/test-context.js';

type User = Awaited<ReturnType<typeof signedIn>>;

/** All a unit sees of a comparison asked of it (R9, R22): references and dates, the file's and the request's references — no genetic content, no person, no family. */
const COMPARISON_FIELDS = [
  'fileId',
  'fileReference',
  'id',
  'outcome',
  'policeReference',
  'reportReference',
  'reportedOn',
  'requestId',
  'requestPoliceReference',
  'requestReference',
  'requestedOn',
];
const NOBODY = '00000000-0000-4000-8000-000000000000';

describe("R9, R22: a police unit's DNA comparison worklist holds the comparisons asked of it, and only those", () => {
  let stack: TestStack;
  let server: App;
  let unit: string;
  let liaison: User;
  let colleague: User;
  let otherUnit: User;
  let caseworker: User;
  /** Asked of `unit`, in the order asked (the same day: the oldest recorded first). */
  const ours: string[] = [];
  let theirs: string;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    const db = stack.database;
    const bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    const centre = await createOrganisation(db, { kind: 'minor_protection_centre', jurisdictionCode: '530102', name: '五华区未成年人救助保护中心' });
    unit = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530102', name: '昆明市公安局五华分局' });
    liaison = await signedIn(server, db, 'police_liaison', { id: unit });
    colleague = await signedIn(server, db, 'police_liaison', { id: unit });
    otherUnit = await signedIn(server, db, 'police_liaison', { kind: 'public_security', jurisdictionCode: '530602' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    const staff = await signedIn(server, db, 'institution_staff', { id: centre });

    // Four families looking for a girl called 燕燕, who went missing at seven.
    for (const [index, name] of ['周小燕', '吴小燕', '郑小燕', '冯小燕'].entries()) {
      await request(server)
        .post('/tracing/requests')
        .set(caseworker.auth)
        .send({
          names: [
            { name, kind: 'name' },
            { name: '燕燕', kind: 'childhood_name' },
          ],
          sex: 'female',
          ageWhenMissing: 7,
          missingOn: '2019-04-01',
          missingPlaceCode: '530102',
          marks: '右手腕有一道疤',
          familyContact: { name: `${name.slice(0, 1)}建华`, relation: '父亲', phone: `1391234567${index}` },
          policeReportReference: `五公刑立字〔2019〕${40 + index}号`,
        })
        .expect(201);
    }
    // A girl found by the centre who remembers being called 燕燕.
    const intake = await request(server)
      .post('/intake/discoveries')
      .set(staff.auth)
      .send({
        person: { sex: 'female', identityStatus: 'unknown', aliases: [{ name: '燕燕', kind: 'childhood_name' }], birthDateRange: { from: '2011-01-01', to: '2012-12-31' } },
        discovery: { discoveredOn: day(-45), placeCode: '530102', circumstances: '在客运站独自徘徊，由救助保护中心接回。' },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    await request(server).post(`/files/${fileId}/interview`).set(staff.auth).send(interview).expect(201);
    await request(server)
      .post(`/files/${fileId}/guardians`)
      .set(caseworker.auth)
      .send({ kind: 'civil_affairs', name: '五华区民政局', since: day(-45) })
      .expect(201);
    expect((await step(server, caseworker.auth, fileId, 'start_tracing')).body).toMatchObject({ to: 'tracing' });
    const candidates: { id: string }[] = (await request(server).post(`/files/${fileId}/tracing/match`).set(caseworker.auth).expect(200)).body.candidates.items;
    expect(candidates).toHaveLength(4);

    // Three candidates referred to the unit, one to another.
    const refer = async (candidateId: string, police: string, policeReference: string) =>
      (
        await request(server)
          .post(`/tracing/candidates/${candidateId}/dna-comparison`)
          .set(caseworker.auth)
          .send({ policeOrganisationId: police, policeReference, requestedOn: day(-2) })
          .expect(201)
      ).body.id as string;
    for (const [index, candidate] of candidates.slice(0, 3).entries()) ours.push(await refer(candidate.id, unit, `五公DNA比-${index + 1}`));
    theirs = await refer(candidates[3].id, otherUnit.organisationId, '昭公DNA比-1');
    // The first one asked has been answered.
    await request(server)
      .post(`/tracing/dna-comparisons/${ours[0]}/outcome`)
      .set(liaison.auth)
      .send({ outcome: 'no_match', reportedOn: day(-1), reportReference: '五公DNA鉴〔2026〕7号' })
      .expect(200);
  });
  afterAll(() => stack.close());

  const ids = (response: request.Response) => (response.body.items as { id: string }[]).map((item) => item.id);

  it("R9: the pending ones by default, the oldest asked first; status=all puts the answered after them; another unit's are never listed", async () => {
    for (const user of [liaison, colleague]) {
      expect(ids(await request(server).get('/tracing/dna-comparisons').set(user.auth).expect(200))).toEqual([ours[1], ours[2]]);
      expect(ids(await request(server).get('/tracing/dna-comparisons?status=pending').set(user.auth).expect(200))).toEqual([ours[1], ours[2]]);
      expect(ids(await request(server).get('/tracing/dna-comparisons?status=all').set(user.auth).expect(200))).toEqual([ours[1], ours[2], ours[0]]);
    }
    expect(ids(await request(server).get('/tracing/dna-comparisons?status=all').set(otherUnit.auth).expect(200))).toEqual([theirs]);
    const unknown = await request(server).get('/tracing/dna-comparisons?status=done').set(liaison.auth).expect(422);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ field: 'status' })]);
  });

  it("R9, R22: one comparison of the unit's is read; another unit's answers 404, exactly as one that does not exist", async () => {
    const answered = await request(server).get(`/tracing/dna-comparisons/${ours[0]}`).set(colleague.auth).expect(200);
    expect(answered.body).toMatchObject({ id: ours[0], outcome: 'no_match', reportedOn: day(-1), reportReference: '五公DNA鉴〔2026〕7号', requestedOn: day(-2) });
    const elsewhere = await request(server).get(`/tracing/dna-comparisons/${theirs}`).set(liaison.auth).expect(404);
    const nowhere = await request(server).get(`/tracing/dna-comparisons/${NOBODY}`).set(liaison.auth).expect(404);
    const { requestId: _first, ...refusal } = elsewhere.body.error;
    const { requestId: _second, ...absent } = nowhere.body.error;
    expect(refusal).toEqual(absent);
    expect(elsewhere.text).not.toContain('昭公');
  });

  it('R9, R22: the minimal view — references and dates only: no genetic content, no name, no family contact, no marks', async () => {
    const list = await request(server).get('/tracing/dna-comparisons?status=all').set(liaison.auth).expect(200);
    const one = await request(server).get(`/tracing/dna-comparisons/${ours[1]}`).set(liaison.auth).expect(200);
    for (const item of [...list.body.items, one.body]) {
      expect(Object.keys(item).sort()).toEqual(COMPARISON_FIELDS);
      expect(item.requestPoliceReference).toMatch(/^五公刑立字〔2019〕4\d号$/);
    }
    for (const text of [list.text, one.text]) {
      for (const secret of ['燕', '建华', '1391234567', '右手腕', '客运站']) expect(text).not.toContain(secret);
    }
  });

  it('R9: pages with a keyset — every comparison once across pages of one, in the same order; a forged cursor is refused on its field', async () => {
    expect(await walkPages(server, liaison.auth, '/tracing/dna-comparisons?status=all', 1)).toEqual([ours[1], ours[2], ours[0]]);
    expect(await walkPages(server, liaison.auth, '/tracing/dna-comparisons', 1)).toEqual([ours[1], ours[2]]);
    const forged = await request(server).get('/tracing/dna-comparisons?cursor=bm90LWEtY3Vyc29y').set(liaison.auth).expect(422);
    expect(forged.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});

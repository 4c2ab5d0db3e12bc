/**
 * No silent truncation (R4, R8): the duplicate check and the matcher limit
 * how many rows they score, but rank them first — an exact identifier or an
 * exact name is never cut off by a crowd of common names.
 */
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { residentId } from '../support/case-fixtures.js';
import { bornAged, compact, day } from '../support/clock.js';
import { startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

describe('ranked before limited (R4, R8)', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let police: string;
  let caseworker: User;
  let institutionStaff: User;

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    server = stack.api!.getHttpServer();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    police = await createOrganisation(db, { kind: 'public_security', jurisdictionCode: '530102' });
    const centre = await createOrganisation(db, { kind: 'minor_protection_centre', jurisdictionCode: '530102' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    institutionStaff = await signedIn(server, db, 'institution_staff', { id: centre });
  });
  afterAll(() => stack?.close());

  it('R4: with thousands of people of the same common name, the one with the same ID number is still found', async () => {
    const born = bornAged(30, 10);
    const idNumber = residentId('530102', compact(born), '046');
    const handover = (duplicateDecision?: object) =>
      request(server)
        .post('/intake/police-handovers')
        .set(caseworker.auth)
        .send({
          responsibleOrganisationId: bureau,
          person: { name: '张伟', sex: 'female', identityStatus: 'confirmed', idNumber, nationality: 'CN', languages: ['zh'] },
          handover: { policeOrganisationId: police, policeCaseNumber: `TR-${Math.random()}`, handoverDate: day(-3), placeCode: '530102', materials: [], circumstances: '移交' },
          ...(duplicateDecision ? { duplicateDecision } : {}),
        });
    // 3,000 others called 张伟, as old, from the same place, on record first: six times what the check scores.
    await stack.database.query(
      `WITH people AS (
         INSERT INTO person (name, sex, birth_date_from, birth_date_to, identity_status, origin_place_code)
         SELECT '张伟', 'female', $1::date - 200, $1::date + 200, 'claimed', '530102' FROM generate_series(1, 3000) RETURNING id
       )
       INSERT INTO person_name (person_id, kind, name, pinyin, pinyin_compact, initials) SELECT id, 'name', '张伟', 'zhang wei', 'zhangwei', 'zw' FROM people`,
      [born],
    );
    const first = await handover({ action: 'new_person' }).expect(201);
    const [{ person_id: personId }] = await stack.database.query<{ person_id: string }>('SELECT person_id FROM victim_file WHERE id = $1', [first.body.file.id]);
    const again = await handover().expect(409);
    expect(again.body.error.code).toBe('LIKELY_DUPLICATE');
    const [best] = again.body.error.details.candidates;
    expect(best).toMatchObject({ personId, likely: true });
    expect(best.reasons).toEqual(expect.arrayContaining(['same_id_number']));
  });

  it('R8: with more requests of a sound-alike name than the matcher scores, the request with the exact name is still a candidate', async () => {
    const intake = await request(server)
      .post('/intake/discoveries')
      .set(institutionStaff.auth)
      .send({
        person: { name: '李娜', sex: 'female', identityStatus: 'unknown', birthDateRange: { from: bornAged(11), to: bornAged(9) } },
        discovery: { discoveredOn: day(-5), placeCode: '530102', circumstances: '车站独自徘徊' },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    // 10,000 open requests for a 丽娜 (the same pinyin, lina) of the right age: twice what one blocking query brings back.
    await stack.database.query(
      `WITH requests AS (
         INSERT INTO tracing_request (reference, sex, birth_date_from, birth_date_to, missing_on, missing_place_code, family_contact_name, recorded_by, organisation_id)
         SELECT 'XR-T-' || n, 'female', $1::date, $2::date, '2020-01-01', '530602', '家属', $3, $4 FROM generate_series(1, 10000) AS n RETURNING id
       )
       INSERT INTO tracing_request_name (request_id, kind, name, pinyin, pinyin_compact, initials, given_pinyin) SELECT id, 'name', '丽娜', 'li na', 'lina', 'ln', 'na' FROM requests`,
      [bornAged(11), bornAged(9), caseworker.userId, bureau],
    );
    const exact = await request(server)
      .post('/tracing/requests')
      .set(caseworker.auth)
      .send({
        names: [{ name: '李娜', kind: 'name' }],
        sex: 'female',
        birthDate: bornAged(10),
        missingOn: '2020-01-01',
        missingPlaceCode: '530602',
        familyContact: { name: '李父', phone: '13800001111' },
      })
      .expect(201);
    const matched = await request(server).post(`/files/${fileId}/tracing/match`).set(caseworker.auth).expect(200);
    const [best] = matched.body.candidates.items;
    expect(best).toMatchObject({ requestId: exact.body.id });
    expect(best.features.name.why).toContain('同名 李娜');
  });
});

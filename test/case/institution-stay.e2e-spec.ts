/**
 * The stay in an institution (issue 13): it begins when a placement takes
 * effect; the institution's staff record the arrival, daily care notes, leaves
 * and returns and the departure of the people staying with them — no one
 * else's (R22) — through the file kernel (scope, lock, audit, clock); the
 * file's civil-affairs staff read it; partners never (R16).
 */
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { approved, interview, step, versionOf } from '../support/case-fixtures.js';
import { bornAged, chinaMorning, day } from '../support/clock.js';
import { startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

describe('the stay in an institution (issue 13)', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let caseworker: User;
  let supervisor: User;
  let police: User;
  let staff: User;
  let otherStaff: User;
  let school: User;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    const db = stack.database;
    bureau = await createOrganisation(db, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102', name: '五华区民政局' });
    caseworker = await signedIn(server, db, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, db, 'supervisor', { id: bureau });
    police = await signedIn(server, db, 'police_liaison', { kind: 'public_security', jurisdictionCode: '530102' });
    staff = await signedIn(server, db, 'institution_staff', { kind: 'assistance_institution', jurisdictionCode: '530100' });
    otherStaff = await signedIn(server, db, 'institution_staff', { kind: 'minor_protection_centre', jurisdictionCode: '530100' });
    school = await signedIn(server, db, 'school_staff', { kind: 'school', jurisdictionCode: '530102' });
  });
  afterAll(() => stack?.close());

  const as = (user: User) => ({
    get: (path: string) => request(server).get(path).set(user.auth),
    post: (path: string, body: object = {}) => request(server).post(path).set(user.auth).send(body),
  });
  const at = (days: number, hour = 10) => new Date(chinaMorning(day(days)).getTime() + (hour - 10) * 3_600_000).toISOString();

  let serial = 0;
  /** A girl handed over by the police, interviewed, with the bureau as guardian, placed in `institution` from `fromDate`. */
  async function placed(institution: string, fromDate = day(-10)): Promise<string> {
    serial += 1;
    const intake = await as(police)
      .post('/intake/police-handovers', {
        responsibleOrganisationId: bureau,
        person: { name: `在院${serial}`, sex: 'female', identityStatus: 'claimed', birthDateRange: { from: bornAged(12), to: bornAged(11) }, languages: ['zh'] },
        handover: {
          policeOrganisationId: police.organisationId,
          policeCaseNumber: `ZY-${serial}`,
          handoverDate: day(-20),
          placeCode: '530102',
          materials: [],
          circumstances: '移交',
        },
        duplicateDecision: { action: 'new_person' },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    await as(caseworker).post(`/files/${fileId}/interview`, interview).expect(201);
    await as(caseworker)
      .post(`/files/${fileId}/guardians`, { kind: 'civil_affairs', name: '五华区民政局', organisationId: bureau, since: day(-20) })
      .expect(201);
    const placement = await approved(server, caseworker.auth, supervisor.auth, fileId, 'place_in_institution', { institutionId: institution, fromDate });
    expect(placement.body).toMatchObject({ to: 'in_care' });
    return fileId;
  }

  /** Arrived on the placement's day, in room 302 of the girls' unit. */
  async function arrived(fileId: string): Promise<void> {
    await as(staff)
      .post(`/files/${fileId}/stay/arrival`, { arrivedAt: at(-10, 15), room: '302室', unit: '女童区' })
      .expect(201);
  }

  it('a stay begins with the placement; the staff record the arrival, care notes (a correction is a new note), a leave and the return; all audited', async () => {
    const fileId = await placed(staff.organisationId);
    const before = await as(staff).get(`/files/${fileId}/stay`).expect(200);
    expect(before.body).toMatchObject({ fileId, current: { institution: { id: staff.organisationId }, beginsOn: day(-10), onLeave: false, notes: [], leaves: [] }, earlier: [] });
    expect(before.body.current.arrival).toBeUndefined();
    // Notes and leaves wait for the arrival.
    expect((await as(staff).post(`/files/${fileId}/stay/notes`, { text: '情绪稳定' })).body.error.code).toBe('ARRIVAL_REQUIRED');

    await arrived(fileId);
    expect((await as(staff).post(`/files/${fileId}/stay/arrival`, { arrivedAt: at(-10, 16) })).body.error.code).toBe('ARRIVAL_RECORDED');

    const note = await as(staff)
      .post(`/files/${fileId}/stay/notes`, { text: '入住后情绪低落，已安排心理疏导。', notedAt: at(-9, 20) })
      .expect(201);
    const correction = await as(staff).post(`/files/${fileId}/stay/notes`, { text: '更正：心理疏导安排在次日上午。', correctsNoteId: note.body.id }).expect(201);
    // A correction names a note of this stay.
    const stray = await as(staff).post(`/files/${fileId}/stay/notes`, { text: '更正', correctsNoteId: correction.body.stayId }).expect(404);
    expect(stray.body.error).toMatchObject({ code: 'RECORD_NOT_FOUND', details: [expect.objectContaining({ field: 'correctsNoteId' })] });

    // Out two days ago, due back yesterday: overdue until she is back.
    const leave = await as(staff)
      .post(`/files/${fileId}/stay/leaves`, { leftAt: at(-2, 9), expectedBackAt: at(-1, 17), reason: '到定点医院复诊' })
      .expect(201);
    expect((await as(staff).post(`/files/${fileId}/stay/leaves`, { leftAt: at(-1, 9), expectedBackAt: at(0, 17), reason: '外出' })).body.error.code).toBe('ON_LEAVE');
    const away = await as(staff).get(`/files/${fileId}/stay`).expect(200);
    expect(away.body.current).toMatchObject({ onLeave: true, overdueLeave: true, leaves: [{ id: leave.body.id, reason: '到定点医院复诊', overdue: true }] });
    // The caseworker sees the overdue return with the stay, and on the file itself.
    expect((await as(caseworker).get(`/files/${fileId}/stay`).expect(200)).body.current.overdueLeave).toBe(true);
    const file = await as(caseworker).get(`/files/${fileId}`).expect(200);
    expect(file.body.stay).toMatchObject({ institutionId: staff.organisationId, room: '302室', unit: '女童区', onLeave: true, overdueLeave: true, notes: 2 });

    expect((await as(staff).post(`/files/${fileId}/stay/leaves/${leave.body.id}/return`, { returnedAt: at(-2, 8) })).status).toBe(422);
    await as(staff)
      .post(`/files/${fileId}/stay/leaves/${leave.body.id}/return`, { returnedAt: at(0, 9) })
      .expect(201);
    expect((await as(staff).post(`/files/${fileId}/stay/leaves/${leave.body.id}/return`, { returnedAt: at(0, 9) })).body.error.code).toBe('LEAVE_RETURNED');

    const back = await as(staff).get(`/files/${fileId}/stay`).expect(200);
    expect(back.body.current).toMatchObject({
      arrival: { arrivedAt: at(-10, 15), room: '302室', unit: '女童区' },
      onLeave: false,
      overdueLeave: false,
      leaves: [{ returnedAt: at(0, 9), overdue: false }],
    });
    const [first, second] = back.body.current.notes;
    expect(first).toMatchObject({
      id: note.body.id,
      text: '入住后情绪低落，已安排心理疏导。',
      notedAt: at(-9, 20),
      author: { id: staff.userId },
      correctedByNoteIds: [correction.body.id],
    });
    // Notes without a time are noted at the clock's now.
    expect(second).toMatchObject({ id: correction.body.id, correctsNoteId: note.body.id, correctedByNoteIds: [] });
    expect(Math.abs(Date.parse(second.notedAt) - stack.clock.now().getTime())).toBeLessThan(60_000);
    // A note is never edited, not even by the database's owner.
    await expect(stack.database.query(`UPDATE stay_care_note SET text = 'changed' WHERE id = $1`, [note.body.id])).rejects.toThrow(/append-only/);

    const audit = await auditRecords(stack.database, `$1 = ANY (file_ids) AND action LIKE 'stay.%'`, [fileId]);
    expect(audit.map((record) => `${record.action} ${record.outcome}`)).toEqual(
      expect.arrayContaining(['stay.arrival allowed', 'stay.note allowed', 'stay.leave allowed', 'stay.return allowed', 'stay.read allowed']),
    );
    expect(audit.filter((record) => record.action === 'stay.note' && record.outcome === 'allowed').every((record) => record.actor_user_id === staff.userId)).toBe(true);
  });

  it('R22: staff of another institution get 404 as for a file that does not exist, on record; partners are refused; the caseworker reads but does not write', async () => {
    const fileId = await placed(staff.organisationId);
    await as(otherStaff).get(`/files/${fileId}/stay`).expect(404);
    expect((await as(otherStaff).post(`/files/${fileId}/stay/arrival`, { arrivedAt: at(-10, 15) })).body.error.code).toBe('FILE_NOT_FOUND');
    const denied = await auditRecords(stack.database, `entity_id = $1 AND action = 'stay.arrival' AND outcome = 'denied'`, [fileId]);
    expect(denied).toHaveLength(1);

    await as(school).get(`/files/${fileId}/stay`).expect(403);
    await as(police).get(`/files/${fileId}/stay`).expect(403);
    await as(caseworker).get(`/files/${fileId}/stay`).expect(200);
    await as(supervisor).get(`/files/${fileId}/stay`).expect(200);
    await as(caseworker)
      .post(`/files/${fileId}/stay/arrival`, { arrivedAt: at(-10, 15) })
      .expect(403);
  });

  it('a departure recorded by the staff is linked to the transition that ends the placement; a move to another institution starts a new stay there', async () => {
    const fileId = await placed(staff.organisationId);
    await arrived(fileId);
    // Moved to the minors' centre: the stay here ends as "transferred", linked to the placement transition; a new stay begins there.
    const moved = await approved(server, caseworker.auth, supervisor.auth, fileId, 'place_in_institution', { institutionId: otherStaff.organisationId, fromDate: day(-1) });
    expect(moved.body).toMatchObject({ to: 'in_care' });
    await as(staff).get(`/files/${fileId}/stay`).expect(404);
    const there = await as(otherStaff).get(`/files/${fileId}/stay`).expect(200);
    // The centre sees its own stay only.
    expect(there.body).toMatchObject({ current: { institution: { id: otherStaff.organisationId }, beginsOn: day(-1) }, earlier: [] });
    await as(otherStaff)
      .post(`/files/${fileId}/stay/arrival`, { arrivedAt: at(-1, 11), unit: '未成年人保护区' })
      .expect(201);

    // The centre records her departure home; then the bureau reunifies her with her parents.
    await as(otherStaff)
      .post(`/files/${fileId}/stay/departure`, { departedAt: at(0, 8), reason: 'reunified', note: '父母接回' })
      .expect(201);
    expect((await as(otherStaff).post(`/files/${fileId}/stay/notes`, { text: '离院后补记' })).body.error.code).toBe('NO_OPEN_STAY');
    expect((await step(server, caseworker.auth, fileId, 'start_return_home')).body).toMatchObject({ to: 'returning_home' });
    await request(server)
      .put(`/files/${fileId}/return-home`)
      .set(caseworker.auth)
      .send({
        recipientName: '张建国',
        relation: '父亲',
        address: '云南省昆明市五华区某街道3号',
        placeCode: '530102',
        expectedVersion: await versionOf(server, caseworker.auth, fileId),
      })
      .expect(200);
    expect((await approved(server, caseworker.auth, supervisor.auth, fileId, 'reunify', { handedOverAt: at(0, 8) })).body).toMatchObject({ to: 'reunified' });

    const all = await as(caseworker).get(`/files/${fileId}/stay`).expect(200);
    expect(all.body.current).toBeUndefined();
    const [atCentre, atStation] = all.body.earlier;
    expect(atCentre).toMatchObject({
      institution: { id: otherStaff.organisationId },
      departure: { departedAt: at(0, 8), reason: 'reunified', note: '父母接回', transition: { event: 'reunify' } },
    });
    expect(atStation).toMatchObject({ institution: { id: staff.organisationId }, departure: { reason: 'transferred', transition: { event: 'place_in_institution' } } });
    const [stored] = await stack.database.query<{ event: string }>('SELECT event FROM file_history WHERE id = $1', [atCentre.departure.transition.historyId]);
    expect(stored.event).toBe('reunify');
    expect((await as(caseworker).get(`/files/${fileId}`).expect(200)).body.stay).toBeNull();
    // She went home: the centre no longer sees her.
    await as(otherStaff).get(`/files/${fileId}/stay`).expect(404);
  });

  it('a person the institution found and recorded stays there from that day: its staff record the arrival and notes', async () => {
    const intake = await as(staff)
      .post('/intake/discoveries', {
        person: { name: '拾遗', sex: 'female', identityStatus: 'unknown', birthDateRange: { from: bornAged(10), to: bornAged(9) } },
        discovery: { discoveredOn: day(-3), placeCode: '530102', circumstances: '在客运站独自徘徊，由救助站接回。' },
      })
      .expect(201);
    const fileId: string = intake.body.file.id;
    const stay = await as(staff).get(`/files/${fileId}/stay`).expect(200);
    expect(stay.body).toMatchObject({ fileId, current: { institution: { id: staff.organisationId }, beginsOn: day(-3), notes: [], leaves: [] } });
    await as(staff)
      .post(`/files/${fileId}/stay/arrival`, { arrivedAt: at(-3, 18), room: '105室' })
      .expect(201);
    await as(staff).post(`/files/${fileId}/stay/notes`, { text: '入站体检正常。' }).expect(201);
  });

  it('a closed file refuses every write (409 FILE_CLOSED)', async () => {
    const fileId = await placed(staff.organisationId);
    await arrived(fileId);
    // Closing a file ends the stay (the person leaves); should a closed file still name the institution, writes are refused all the same.
    await stack.database.query(`UPDATE victim_file SET state = 'closed' WHERE id = $1`, [fileId]);
    const refused = await as(staff).post(`/files/${fileId}/stay/notes`, { text: '结案后补记' }).expect(409);
    expect(refused.body.error.code).toBe('FILE_CLOSED');
    expect((await as(staff).post(`/files/${fileId}/stay/departure`, { departedAt: at(0, 8), reason: 'other' })).body.error.code).toBe('FILE_CLOSED');
    await as(staff).get(`/files/${fileId}/stay`).expect(200);
  });

  it.each([
    ['an arrival before 1900', 'arrival', { arrivedAt: '1899-12-31T10:00:00Z' }, 'arrivedAt', /1900/],
    ['an arrival in the future', 'arrival', { arrivedAt: '2099-01-01T10:00:00Z' }, 'arrivedAt', /future/],
    ['an arrival before the placement', 'arrival', { arrivedAt: 'BEFORE' }, 'arrivedAt', /placement/],
    ['an arrival that is no date', 'arrival', { arrivedAt: 'yesterday' }, 'arrivedAt', /./],
    ['a room name of a novel', 'arrival', { arrivedAt: 'OK', room: '房'.repeat(51) }, 'room', /./],
    ['a note that is not text', 'notes', { text: { $gt: '' } }, 'text', /./],
    ['a departure for no known reason', 'departure', { departedAt: 'OK', reason: 'escaped!' }, 'reason', /./],
    ['a leave back before it began', 'leaves', { leftAt: 'OK', expectedBackAt: '1999-01-01T00:00:00Z', reason: '外出' }, 'expectedBackAt', /after/],
  ])('refuses %s (422 naming the field)', async (_case, route, body, field, reason) => {
    const fileId = await placed(staff.organisationId);
    if (route !== 'arrival') await arrived(fileId);
    const fill = (value: unknown) => (value === 'OK' ? at(0, 8) : value === 'BEFORE' ? at(-11, 10) : value);
    const sent = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, fill(value)]));
    const response = await as(staff).post(`/files/${fileId}/stay/${route}`, sent).expect(422);
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason: expect.stringMatching(reason) })]));
  });
});

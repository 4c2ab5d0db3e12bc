import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createOrganisation, signedIn, type Session } from '../support/access-fixtures.js';
import { approved, interview, residentId, step, versionOf } from '../support/case-fixtures.js';
import { bornAged, compact, day } from '../support/clock.js';
import { queries, startStack, type TestStack } from '../support/test-context.js';

type User = Session & { userId: string; organisationId: string };

describe('the victim file: rules and bad input', () => {
  let stack: TestStack;
  let server: App;
  let bureau: string;
  let policeUnit: string;
  let caseworker: User;
  let supervisor: User;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530111', name: '官渡区民政局' });
    policeUnit = await createOrganisation(stack.database, { kind: 'public_security', jurisdictionCode: '530111' });
    caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    supervisor = await signedIn(server, stack.database, 'supervisor', { id: bureau });
  });
  afterAll(() => stack?.close());

  const handover = {
    policeOrganisationId: '',
    policeCaseNumber: 'GD-2026-1',
    handoverDate: day(-30),
    placeCode: '530111',
    materials: [{ item: '移交说明' }],
    circumstances: '公安移交',
  };
  const intake = (person: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    request(server)
      .post('/intake/police-handovers')
      .set(caseworker.auth)
      .send({ person, handover: { ...handover, policeOrganisationId: policeUnit }, ...extra });
  const count = async () => Number((await stack.database.query('SELECT (SELECT count(*) FROM victim_file) + (SELECT count(*) FROM person) AS n'))[0].n);
  // A girl of 11 or 12 on the base date; `childBirth` lies in her range.
  const child = (overrides: Record<string, unknown> = {}) => ({
    name: '周小兰',
    sex: 'female',
    birthDateRange: { from: bornAged(12), to: bornAged(11) },
    identityStatus: 'claimed',
    ...overrides,
  });
  const childBirth = compact(bornAged(11, 200));

  describe('R3: identity is validated, and bad input writes nothing', () => {
    it.each([
      ['a wrong check digit', { idNumber: `${residentId('530111', '20140301', '024').slice(0, 17)}1` }, 'person.idNumber', 'INVALID_ID_NUMBER', /check digit should be/],
      ['an impossible birth date in the ID', { idNumber: residentId('530111', '20140230', '024') }, 'person.idNumber', 'INVALID_ID_NUMBER', /does not exist/],
      ['an impossible birth date', { birthDateRange: undefined, birthDate: '2014-02-30' }, 'person.birthDate', 'VALIDATION_FAILED', /./],
      ['a birth date in the future', { birthDateRange: undefined, birthDate: '2099-01-01' }, 'person.birthDate', 'VALIDATION_FAILED', /future/],
      ['an inverted age range', { birthDateRange: { from: '2015-12-31', to: '2014-01-01' } }, 'person.birthDateRange.to', 'VALIDATION_FAILED', /ends before it begins/],
      ['an ID that contradicts the birth range', { idNumber: residentId('530111', '20100301', '024') }, 'person.birthDateRange', 'INCONSISTENT_BIRTH', /2010-03-01/],
      ['an ID that contradicts the sex', { idNumber: residentId('530111', childBirth, '013') }, 'person.sex', 'VALIDATION_FAILED', /male/],
      ['an unknown admin code of origin', { originPlaceCode: '539999' }, 'person.originPlaceCode', 'UNKNOWN_JURISDICTION', /./],
      ['a made-up nationality', { nationality: 'XX' }, 'person.nationality', 'VALIDATION_FAILED', /ISO 3166/],
      ['a confirmed identity without a document', { identityStatus: 'confirmed' }, 'person.identityStatus', 'VALIDATION_FAILED', /document/],
    ])('refuses %s (422 naming the field)', async (_case, change, field, code, reason) => {
      const before = await count();
      const response = await intake(child(change)).expect(422);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason: expect.stringMatching(reason) })]));
      expect(await count()).toBe(before);
    });

    it('refuses an unknown admin code of the handover place', async () => {
      const before = await count();
      const response = await request(server)
        .post('/intake/police-handovers')
        .set(caseworker.auth)
        .send({ person: child(), handover: { ...handover, policeOrganisationId: policeUnit, placeCode: '530199' } })
        .expect(422);
      expect(response.body.error).toMatchObject({ code: 'UNKNOWN_JURISDICTION', details: [expect.objectContaining({ field: 'handover.placeCode' })] });
      expect(await count()).toBe(before);
    });

    it('R1: a police handover needs the police unit and the case number', async () => {
      const response = await request(server)
        .post('/intake/police-handovers')
        .set(caseworker.auth)
        .send({ person: child(), handover: { ...handover, policeOrganisationId: bureau } })
        .expect(422);
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'handover.policeOrganisationId' })]);
      const noNumber = await request(server)
        .post('/intake/police-handovers')
        .set(caseworker.auth)
        .send({ person: child(), handover: { ...handover, policeOrganisationId: policeUnit, policeCaseNumber: undefined } })
        .expect(422);
      expect(noNumber.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'handover.policeCaseNumber' })]));
    });
  });

  describe('R4: duplicates', () => {
    it('stops the intake of a likely duplicate until it is confirmed as a new person or linked', async () => {
      const id = residentId('530111', '20130708', '046');
      const first = await intake({ name: '陈晓雨', sex: 'female', identityStatus: 'confirmed', idNumber: id }).expect(201);

      // The same ID number: stopped, with the score and the reason.
      const again = await intake({ name: '陈晓雨', sex: 'female', identityStatus: 'confirmed', idNumber: id }).expect(409);
      expect(again.body.error.code).toBe('LIKELY_DUPLICATE');
      expect(again.body.error.details.candidates).toEqual([
        expect.objectContaining({ personId: first.body.personId, likely: true, reasons: expect.arrayContaining(['same_id_number']), name: '陈晓雨' }),
      ]);
      const linked = await intake(
        { name: '陈晓雨', sex: 'female', identityStatus: 'confirmed', idNumber: id },
        { duplicateDecision: { action: 'link', personId: first.body.personId } },
      ).expect(201);
      expect(linked.body).toMatchObject({ personId: first.body.personId, linkedToExistingPerson: true });

      // A homophone (晓 / 小) born in the same years in the same county: likely, by pinyin.
      const homophone = await intake({
        name: '陈小雨',
        sex: 'female',
        birthDateRange: { from: '2013-01-01', to: '2013-12-31' },
        identityStatus: 'claimed',
        originPlaceCode: '530111',
      }).expect(409);
      expect(homophone.body.error.details.candidates[0]).toMatchObject({ personId: first.body.personId, reasons: expect.arrayContaining(['same_pinyin', 'birth_overlaps']) });
      const confirmed = await intake(
        { name: '陈小雨', sex: 'female', birthDateRange: { from: '2013-01-01', to: '2013-12-31' }, identityStatus: 'claimed', originPlaceCode: '530111' },
        { duplicateDecision: { action: 'new_person' } },
      ).expect(201);
      expect(confirmed.body.personId).not.toBe(first.body.personId);

      const onDemand = await request(server).get(`/files/${confirmed.body.file.id}/duplicates`).set(caseworker.auth).expect(200);
      expect(onDemand.body.candidates[0]).toMatchObject({ personId: first.body.personId, score: expect.any(Number), reasons: expect.arrayContaining(['same_pinyin']) });
    });

    it("shows a candidate outside the caller's scope without the person's name or file", async () => {
      const dali = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '532901' });
      const daliCaseworker = await signedIn(server, stack.database, 'caseworker', { id: dali });
      const daliPolice = await createOrganisation(stack.database, { kind: 'public_security', jurisdictionCode: '532901' });
      const id = residentId('532901', '20120909', '064');
      await request(server)
        .post('/intake/police-handovers')
        .set(daliCaseworker.auth)
        .send({
          person: { name: '杨丽', sex: 'female', identityStatus: 'confirmed', idNumber: id },
          handover: { ...handover, policeOrganisationId: daliPolice, placeCode: '532901' },
        })
        .expect(201);
      const here = await intake({ name: '杨丽', sex: 'female', identityStatus: 'confirmed', idNumber: id }).expect(409);
      expect(here.body.error.details.candidates[0]).toMatchObject({
        name: null,
        files: [{ id: null, reference: null, inScope: false, responsibleJurisdiction: { code: '532901', name: '大理市' } }],
      });
    });
  });

  describe('the state machine', () => {
    // People unlike each other and everyone else here, so no intake meets a likely duplicate (R4): a random name once did.
    const freshPeople = [
      ['欧阳秋菊', 1990],
      ['司马春燕', 1978],
      ['上官雪梅', 1966],
      ['诸葛晓云', 1984],
      ['慕容玉兰', 1972],
      ['东方静怡', 1996],
      ['皇甫丽娟', 1960],
      ['端木婉清', 1987],
    ].map(([name, year]) => ({ name, birthDateRange: { from: `${year}-01-01`, to: `${year}-12-31` } }));
    async function freshFile(): Promise<string> {
      const person = freshPeople.shift();
      if (!person) throw new Error('freshFile: add a person to freshPeople');
      const created = await intake(child(person)).expect(201);
      return created.body.file.id;
    }

    it('refuses a step that is not possible now (409 with the code) and a stale version (409)', async () => {
      const fileId = await freshFile();
      const notNow = await step(server, caseworker.auth, fileId, 'reunify');
      expect(notNow.status).toBe(409);
      expect(notNow.body.error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { event: 'reunify', state: 'received' } });
      const stale = await request(server).post(`/files/${fileId}/transitions`).set(caseworker.auth).send({ event: 'start_tracing', expectedVersion: 7 }).expect(409);
      expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', details: { expectedVersion: 7, currentVersion: 1 } });
      const unknown = await request(server).post(`/files/${fileId}/transitions`).set(caseworker.auth).send({ event: 'teleport', expectedVersion: 1 }).expect(422);
      expect(unknown.body.error.details).toEqual([expect.objectContaining({ field: 'event' })]);
      const badPayload = await request(server)
        .post(`/files/${fileId}/transitions`)
        .set(caseworker.auth)
        .send({ event: 'place_in_institution', expectedVersion: 1, payload: { institutionId: 'x' } })
        .expect(422);
      expect(badPayload.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'payload.institutionId' }), expect.objectContaining({ field: 'payload.fromDate' })]),
      );
    });

    it('lets exactly one of 50 concurrent attempts move a file; the rest get 409 and the history has one row', async () => {
      const fileId = await freshFile();
      await request(server).post(`/files/${fileId}/interview`).set(caseworker.auth).send(interview).expect(201);
      const attempts = await Promise.all(
        Array.from({ length: 50 }, () => request(server).post(`/files/${fileId}/transitions`).set(caseworker.auth).send({ event: 'start_tracing', expectedVersion: 1 })),
      );
      const statuses = attempts.map((response) => response.status);
      expect(attempts.find((response) => response.status === 200)!.body).toMatchObject({ outcome: 'applied', file: { state: 'tracing', version: 2 } });
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      const history = await stack.database.query(`SELECT event FROM file_history WHERE file_id = $1 AND event = 'start_tracing'`, [fileId]);
      expect(history).toHaveLength(1);
    });

    it('needs a supervisor other than the requester to approve, and records the rejection with its reason', async () => {
      const fileId = await freshFile();
      const requested = await step(server, supervisor.auth, fileId, 'place_in_institution', {
        institutionId: await createOrganisation(stack.database, { kind: 'assistance_institution', jurisdictionCode: '530111' }),
        fromDate: day(-30),
      });
      expect(requested.body.outcome).toBe('approval_requested');
      expect((await step(server, caseworker.auth, fileId, 'place_in_institution', { institutionId: bureau, fromDate: day(-30) })).body.error.code).toBe('APPROVAL_PENDING');
      const own = await request(server).post(`/approvals/${requested.body.approval.id}/approve`).set(supervisor.auth).send({}).expect(403);
      expect(own.body.error.code).toBe('OWN_REQUEST');
      await request(server).post(`/approvals/${requested.body.approval.id}/approve`).set(caseworker.auth).send({}).expect(403);
      const other = await signedIn(server, stack.database, 'supervisor', { id: bureau });
      const listed = await request(server).get('/approvals').set(other.auth).expect(200);
      expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(requested.body.approval.id);
      await request(server).post(`/approvals/${requested.body.approval.id}/reject`).set(other.auth).send({ reason: '先联系家属' }).expect(200);
      expect((await request(server).get(`/files/${fileId}`).set(caseworker.auth)).body.state).toBe('received');
      expect(await auditRecords(stack.database, `action = 'file.approval_reject' AND entity_id = $1`, [requested.body.approval.id])).toHaveLength(1);
    });

    it('R6: refuses the reunification with the buying household even when the return record was made before the household was known, and records the refusal', async () => {
      const fileId = await freshFile();
      await request(server).post(`/files/${fileId}/interview`).set(caseworker.auth).send(interview).expect(201);
      await step(server, caseworker.auth, fileId, 'start_return_home');
      const buyerId = residentId('530111', '19700505', '011');
      await request(server)
        .put(`/files/${fileId}/return-home`)
        .set(caseworker.auth)
        .send({
          recipientName: '刘某',
          relation: '丈夫',
          recipientIdNumber: buyerId,
          address: '官渡区某街1号',
          placeCode: '530111',
          expectedVersion: await versionOf(server, caseworker.auth, fileId),
        })
        .expect(200);
      await request(server).post(`/files/${fileId}/buyer-household`).set(caseworker.auth).send({ name: '刘某', idNumber: buyerId }).expect(201);
      const refused = await step(server, caseworker.auth, fileId, 'reunify');
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'BUYER_HOUSEHOLD', details: { matchedBy: 'id_number' } });
      // No role can override it: a supervisor is refused the same way.
      expect((await step(server, supervisor.auth, fileId, 'reunify')).body.error.code).toBe('BUYER_HOUSEHOLD');
      expect(await auditRecords(stack.database, `action = 'file.reunify' AND outcome = 'denied' AND entity_id = $1`, [fileId])).toHaveLength(2);
    });

    it('lists the steps one may take now, and why the others are disabled', async () => {
      const fileId = await freshFile();
      const available = await request(server).get(`/files/${fileId}/transitions`).set(caseworker.auth).expect(200);
      expect(available.body).toMatchObject({ state: 'received', version: 1 });
      const byEvent = Object.fromEntries(available.body.transitions.map((t: { event: string }) => [t.event, t]));
      expect(byEvent.place_in_institution).toMatchObject({ allowed: true, needsApproval: true, to: 'in_care' });
      expect(byEvent.start_tracing).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ code: 'INTERVIEW_REQUIRED' })] });
      expect(byEvent.start_repatriation.reasons.map((r: { code: string }) => r.code)).toEqual(['INTERVIEW_REQUIRED', 'NOT_FOREIGN_NATIONAL']);
    });

    it('transfers a file to another jurisdiction once approved and accepted by the receiving bureau', async () => {
      const fileId = await freshFile();
      const lijiang = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530702' });
      const lijiangCaseworker = await signedIn(server, stack.database, 'caseworker', { id: lijiang });
      const transferred = await approved(server, caseworker.auth, supervisor.auth, fileId, 'transfer', { toOrganisationId: lijiang, reason: '本人户籍在丽江古城区' });
      expect(transferred.body).toMatchObject({ outcome: 'applied', to: 'received' });
      // Awaiting acceptance: no other step.
      expect((await step(server, caseworker.auth, fileId, 'start_tracing')).body.error.code).toBe('TRANSFER_AWAITING');
      const incoming = await request(server).get('/transfers').set(lijiangCaseworker.auth).expect(200);
      const transfer = incoming.body.items.find((t: { fileId: string }) => t.fileId === fileId);
      expect(transfer).toMatchObject({ reason: '本人户籍在丽江古城区', fromOrganisation: '官渡区民政局' });
      await request(server).get(`/files/${fileId}`).set(lijiangCaseworker.auth).expect(404);
      await request(server).post(`/transfers/${transfer.id}/accept`).set(lijiangCaseworker.auth).send({}).expect(200);
      const there = await request(server).get(`/files/${fileId}`).set(lijiangCaseworker.auth).expect(200);
      expect(there.body).toMatchObject({ responsibleJurisdiction: { code: '530702' }, responsibleCaseworker: { id: lijiangCaseworker.userId } });
      await request(server).get(`/files/${fileId}`).set(caseworker.auth).expect(404);
      await request(server).post(`/transfers/${transfer.id}/decline`).set(lijiangCaseworker.auth).send({ reason: 'late' }).expect(409);
    });
  });

  describe('lists and search', () => {
    let searchBureau: string;
    let reader: User;
    const ids: Record<string, string> = {};
    const zhangBorn = bornAged(10);
    const zhangId = residentId('530103', compact(zhangBorn), '028');

    beforeAll(async () => {
      searchBureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530103' });
      reader = await signedIn(server, stack.database, 'caseworker', { id: searchBureau });
      const police = await createOrganisation(stack.database, { kind: 'public_security', jurisdictionCode: '530103' });
      const take = async (key: string, person: Record<string, unknown>) => {
        const response = await request(server)
          .post('/intake/police-handovers')
          .set(reader.auth)
          .send({ person, handover: { ...handover, policeOrganisationId: police, placeCode: '530103' }, duplicateDecision: { action: 'new_person' } })
          .expect(201);
        ids[key] = response.body.file.id;
      };
      await take('zhang', { name: '张海燕', sex: 'female', birthDate: zhangBorn, identityStatus: 'confirmed', idNumber: zhangId });
      await take('zhao', { name: '赵海燕', sex: 'female', birthDateRange: { from: bornAged(46), to: bornAged(41) }, identityStatus: 'unknown' });
      await take('unknown', {
        sex: 'male',
        birthDateRange: { from: bornAged(15), to: bornAged(13) },
        identityStatus: 'unknown',
        aliases: [{ name: '小龙', kind: 'childhood_name' }],
      });
    });

    const found = async (query: string) => (await request(server).get(`/files?${query}`).set(reader.auth).expect(200)).body.items.map((f: { id: string }) => f.id).sort();

    it('finds by Chinese name, pinyin, initials, childhood name and exact ID number', async () => {
      expect(await found(`q=${encodeURIComponent('张海')}`)).toEqual([ids.zhang]);
      expect(await found('q=zhanghaiyan')).toEqual([ids.zhang]);
      expect(await found(`q=${encodeURIComponent('Zhang Hai')}`)).toEqual([ids.zhang]);
      expect(await found('q=zhy')).toEqual([ids.zhang, ids.zhao].sort());
      expect(await found(`q=${encodeURIComponent('小龙')}`)).toEqual([ids.unknown]);
      expect(await found(`idNumber=${zhangId}`)).toEqual([ids.zhang]);
    });

    it('finds like a caseworker: the given name alone, a file reference or its number, an ID number typed into the search box', async () => {
      expect(await found(`q=${encodeURIComponent('海燕')}`)).toEqual([ids.zhang, ids.zhao].sort());
      const reference: string = (await request(server).get(`/files/${ids.zhang}`).set(reader.auth).expect(200)).body.reference;
      expect(await found(`q=${encodeURIComponent(reference)}`)).toEqual([ids.zhang]);
      expect(await found(`q=${encodeURIComponent(reference.slice(-6))}`)).toEqual(expect.arrayContaining([ids.zhang]));
      expect(await found(`q=${zhangId}`)).toEqual([ids.zhang]);
    });

    it('lists a page in the same number of queries whatever its size (no N+1)', async () => {
      const counted = async (limit: number) => {
        const requestId = `count-files-${limit}`;
        await request(server).get(`/files?limit=${limit}`).set(reader.auth).set('x-request-id', requestId).expect(200);
        return queries(stack.api).of(requestId);
      };
      const one = await counted(1);
      expect(await counted(50)).toBe(one);
      expect(one).toBeLessThanOrEqual(3);
    });

    it('filters by identity status, age band and state, newest first with a keyset cursor', async () => {
      expect(await found('identityStatus=unknown')).toEqual([ids.zhao, ids.unknown].sort());
      expect(await found('ageBand=6-15')).toEqual([ids.zhang, ids.unknown].sort());
      expect(await found('ageBand=18-59')).toEqual([ids.zhao]);
      expect(await found('state=tracing')).toEqual([]);
      const first = await request(server).get('/files?limit=2').set(reader.auth).expect(200);
      expect(first.body.items.map((f: { id: string }) => f.id)).toEqual([ids.unknown, ids.zhao]);
      const second = await request(server).get(`/files?limit=2&cursor=${first.body.nextCursor}`).set(reader.auth).expect(200);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ id: ids.zhang, name: '张海燕', age: { min: expect.any(Number), max: expect.any(Number) } })],
        nextCursor: null,
      });
      const tampered = await request(server).get('/files?cursor=bm90LWEtY3Vyc29y').set(reader.auth).expect(422);
      expect(tampered.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
      expect((await request(server).get('/files?ageBand=7-9').set(reader.auth).expect(422)).body.error.details).toEqual([expect.objectContaining({ field: 'ageBand' })]);
    });

    it('R23: filters the minors — whoever may be under 18 today — and the adults for certain', async () => {
      expect(await found('minor=true')).toEqual([ids.zhang, ids.unknown].sort());
      expect(await found('minor=false')).toEqual([ids.zhao]);
      expect(await found('minor=true&identityStatus=unknown')).toEqual([ids.unknown]);
      expect((await request(server).get('/files?minor=yes').set(reader.auth).expect(422)).body.error.details).toEqual([expect.objectContaining({ field: 'minor' })]);
    });

    it('R4: shows an institution a possible duplicate whose file is not in its care as out of scope (false, never null)', async () => {
      const station = await createOrganisation(stack.database, { kind: 'assistance_institution', jurisdictionCode: '530103' });
      const staff = await signedIn(server, stack.database, 'institution_staff', { id: station });
      const found = await request(server)
        .post('/intake/discoveries')
        .set(staff.auth)
        .send({
          person: { name: '赵红英', sex: 'female', birthDate: zhangBorn, identityStatus: 'claimed' },
          discovery: { discoveredOn: day(-1), placeCode: '530103', circumstances: '车站流浪，由救助站接回。' },
        })
        .expect(201);
      const candidate = found.body.possibleDuplicates.find((entry: { files: { id: string | null }[] }) => entry.files.length > 0);
      expect(candidate).toMatchObject({ name: null, files: [{ id: null, reference: null, inScope: false }] });
    });
  });
});

/**
 * Issue 12 §1: hostile or careless input is the caller's problem (4xx naming
 * the field), never a 500. One test per cause seen in the field.
 */
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { REQUEST_SHAPE_LIMITS } from '#app/platform';
import { createOrganisation, createFile, signedIn, type Session } from '../support/access-fixtures.js';
import { day } from '../support/clock.js';
import { startStack, type TestStack } from '../support/test-context.js';

const HOME = '530102';
const NOWHERE = '3f1c9a52-7d4e-4b8a-9c0d-2e6f5a4b3c21';

/** The fields a 422 names. */
function fields(body: { error: { details: Array<{ field: string }> } }): string[] {
  return body.error.details.map((problem) => problem.field);
}

describe('input hygiene at the door (issue 12 §1)', () => {
  let stack: TestStack;
  let server: App;
  let caseworker: Session & { organisationId: string };
  let fileId: string;
  let police: string;
  let foreignAffairs: string;

  beforeAll(async () => {
    stack = await startStack();
    server = stack.api!.getHttpServer();
    caseworker = await signedIn(server, stack.database, 'caseworker', { kind: 'civil_affairs_bureau', jurisdictionCode: HOME });
    fileId = await createFile(stack.database, { jurisdictionCode: HOME, organisationId: caseworker.organisationId });
    police = await createOrganisation(stack.database, { kind: 'public_security', jurisdictionCode: HOME });
    foreignAffairs = await createOrganisation(stack.database, { kind: 'foreign_affairs_office', jurisdictionCode: HOME });
  });

  afterAll(() => stack?.close());

  const person = (name = '测试') => ({ name, sex: 'female', birthDateRange: { from: '2011-01-01', to: '2012-12-31' }, identityStatus: 'unknown' });
  const handover = () => ({
    policeOrganisationId: police,
    policeCaseNumber: `A${Math.random().toString(36).slice(2, 10)}`,
    handoverDate: day(-1),
    placeCode: HOME,
    materials: [{ item: '询问笔录' }],
    circumstances: '由公安解救后移交',
  });

  describe('text no database or reader can take', () => {
    it('refuses a NUL in a login name (a public route) as 422 naming the field', async () => {
      const response = await request(server).post('/auth/login').send({ username: 'ad\u0000min', password: 'whatever-it-is' });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(fields(response.body)).toEqual(['username']);
    });

    it('refuses a NUL in the query: GET /files?q=ab%00cd is 422 naming q', async () => {
      const response = await request(server).get('/files?q=ab%00cd').set(caseworker.auth);
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['q']);
    });

    it('refuses a NUL in a path parameter', async () => {
      const response = await request(server).get('/jurisdictions/5301%0002').set(caseworker.auth);
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['path']);
    });

    it('refuses a lone UTF-16 surrogate as 422 naming the nested field', async () => {
      const response = await request(server)
        .post('/intake/police-handovers')
        .set(caseworker.auth)
        .send({ person: person('王\ud800'), responsibleOrganisationId: caseworker.organisationId, handover: handover() });
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['person.name']);
    });

    it('stores text in NFC: a name sent decomposed reads back composed', async () => {
      const decomposed = 'Zoe\u0301 测试';
      const created = await request(server)
        .post('/intake/police-handovers')
        .set(caseworker.auth)
        .send({ person: person(decomposed), responsibleOrganisationId: caseworker.organisationId, handover: handover(), duplicateDecision: { action: 'new_person' } });
      expect(created.status).toBe(201);
      const [row] = await stack.database.query<{ name: string }>('SELECT name FROM person WHERE id = $1', [created.body.personId]);
      expect(row.name).toBe('Zoé 测试');
      expect(row.name).toBe(decomposed.normalize('NFC'));
    });
  });

  describe('shapes no reader should walk', () => {
    const deepObject = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);

    it.each([
      ['a 5,000-deep object', deepObject],
      ['a 100,000-deep array', deepArray],
    ])('refuses %s quickly as 422, before the genetic-data scanner or class-transformer sees it', async (_, text) => {
      const started = process.hrtime.bigint();
      const response = await request(server).post(`/files/${fileId}/assistance-measures`).set(caseworker.auth).set('content-type', 'application/json').send(text);
      expect(response.status).toBe(422);
      expect(response.body.error.details[0].reason).toMatch(`at most ${REQUEST_SHAPE_LIMITS.maxDepth} levels`);
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
    });

    it(`refuses more than ${REQUEST_SHAPE_LIMITS.maxNodes} keys and elements`, async () => {
      const response = await request(server)
        .post('/auth/login')
        .send({ username: 'x', password: Array.from({ length: REQUEST_SHAPE_LIMITS.maxNodes + 1 }, () => 1) });
      expect(response.status).toBe(422);
      expect(response.body.error.details[0].reason).toMatch('too many fields');
    });
  });

  describe('bodies that are missing or not JSON', () => {
    it('answers an empty body on intake with 422 naming person', async () => {
      const response = await request(server).post('/intake/police-handovers').set(caseworker.auth);
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(expect.arrayContaining(['person', 'handover']));
    });

    it('answers a missing person on discoveries with 422 naming person', async () => {
      const response = await request(server)
        .post('/intake/discoveries')
        .set(caseworker.auth)
        .send({ discovery: { discoveredOn: day(-1), placeCode: HOME, circumstances: '街头发现' } });
      expect(response.status).toBe(422);
      expect(fields(response.body)).toContain('person');
    });

    it('answers a form-encoded body with 415 and the envelope', async () => {
      const response = await request(server).post('/intake/police-handovers').set(caseworker.auth).type('form').send('person=x&handover=y');
      expect(response.status).toBe(415);
      expect(response.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', requestId: expect.any(String) });
    });
  });

  describe('numbers and dates the domain bounds', () => {
    it.each([1e308, 2 ** 53 + 1, 100_000_000.01])('refuses amountYuan %d on an assistance measure and a support contribution as 422', async (amountYuan) => {
      const measure = await request(server)
        .post(`/files/${fileId}/assistance-measures`)
        .set(caseworker.auth)
        .send({ kind: 'temporary_assistance', description: '临时救助金', providedOn: day(-1), amountYuan });
      expect(measure.status).toBe(422);
      expect(fields(measure.body)).toEqual(['amountYuan']);
      const contribution = await request(server)
        .post(`/files/${fileId}/support-contributions`)
        .set(caseworker.auth)
        .send({ sourceKind: 'individual', sourceName: '爱心人士', amountYuan, purpose: '生活费', receivedOn: day(-1) });
      expect(contribution.status).toBe(422);
      expect(fields(contribution.body)).toEqual(['amountYuan']);
    });

    it('refuses a version beyond an integer column (2^53+1) as 422 naming expectedVersion', async () => {
      const response = await request(server)
        .put(`/files/${fileId}/repatriation`)
        .set(caseworker.auth)
        .send({ country: 'VN', foreignAffairsOrganisationId: foreignAffairs, transitCare: '临时照料', expectedVersion: 2 ** 53 + 1 });
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['expectedVersion']);
    });

    it('refuses a date before 1900 and a thing that happened tomorrow', async () => {
      const early = await request(server).post(`/files/${fileId}/assistance-measures`).set(caseworker.auth).send({ kind: 'food', description: '餐食', providedOn: '1899-12-31' });
      expect(early.status).toBe(422);
      expect(fields(early.body)).toEqual(['providedOn']);
      const tomorrow = await request(server)
        .post(`/files/${fileId}/assistance-measures`)
        .set(caseworker.auth)
        .send({ kind: 'food', description: '餐食', providedOn: day(1) });
      expect(tomorrow.status).toBe(422);
      expect(fields(tomorrow.body)).toEqual(['providedOn']);
      const today = await request(server)
        .post(`/files/${fileId}/assistance-measures`)
        .set(caseworker.auth)
        .send({ kind: 'food', description: '餐食', providedOn: day(0) });
      expect(today.status).toBe(201);
    });
  });

  describe('references and constraints', () => {
    it('answers an organisation that does not exist with 422 UNKNOWN_ORGANISATION naming the field', async () => {
      const measure = await request(server)
        .post(`/files/${fileId}/assistance-measures`)
        .set(caseworker.auth)
        .send({ kind: 'food', description: '餐食', providedOn: day(-1), providedByOrganisationId: NOWHERE });
      expect(measure.status).toBe(422);
      expect(measure.body.error.code).toBe('UNKNOWN_ORGANISATION');
      expect(fields(measure.body)).toEqual(['providedByOrganisationId']);
      const report = await request(server)
        .post(`/files/${fileId}/mandatory-reports`)
        .set(caseworker.auth)
        .send({ suspectedHarm: '疑似遭受虐待', reportedTo: '派出所', reportedAt: `${day(-1)}T10:00:00+08:00`, reportedToOrganisationId: NOWHERE });
      expect(report.status).toBe(422);
      expect(report.body.error.code).toBe('UNKNOWN_ORGANISATION');
      expect(fields(report.body)).toEqual(['reportedToOrganisationId']);
    });

    it.each(['handedOverAt', 'handedOverTo'])('answers %s: null on PUT /files/:id/repatriation with 422 naming it', async (field) => {
      const body = {
        country: 'VN',
        foreignAffairsOrganisationId: foreignAffairs,
        transitCare: '临时照料',
        expectedVersion: 1,
        handedOverAt: `${day(-1)}T10:00:00+08:00`,
        handedOverTo: '越南驻昆明总领事馆',
      };
      const response = await request(server)
        .put(`/files/${fileId}/repatriation`)
        .set(caseworker.auth)
        .send({ ...body, [field]: null });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(fields(response.body)).toContain(field);
    });
  });
});

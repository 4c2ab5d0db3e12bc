import request from 'supertest';
import type { App } from 'supertest/types.js';
import { EchoFixtureController } from '../support/fixtures/echo-fixture.js';
import { startStack, type TestStack } from '../support/test-context.js';

describe('HTTP platform', () => {
  let stack: TestStack;
  let server: App;

  beforeAll(async () => {
    stack = await startStack({ apiMetadata: { controllers: [EchoFixtureController] } });
    server = stack.api!.getHttpServer();
  });
  afterAll(() => stack?.close());

  it('boots on an empty database, migrates, and is ready', async () => {
    const response = await request(server).get('/health/ready').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } });
  });

  it('is live without checking dependencies', async () => {
    await request(server).get('/health/live').expect(200, { status: 'ok' });
  });

  it('gives every response a request id, and keeps one the caller sent', async () => {
    const generated = await request(server).get('/health/live');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(server).get('/health/live').set('x-request-id', 'caller-id-123');
    expect(kept.headers['x-request-id']).toBe('caller-id-123');
  });

  it('R22: an answer of the API stays in no cache (no-store) and carries no ETag for a browser to revalidate (answered 304 with nothing in it)', async () => {
    const first = await request(server).get('/health/live').expect(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers.etag).toBeUndefined();
  });

  it('answers an unknown route with ROUTE_NOT_FOUND in the envelope', async () => {
    const response = await request(server).get('/no/such/route').set('x-request-id', 'rid-404').expect(404);
    expect(response.body).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: expect.stringContaining('No such endpoint'), details: null, requestId: 'rid-404' },
    });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, never 500', async () => {
    const response = await request(server).post('/health/live').set('content-type', 'application/json').send('{"name": ').expect(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
    expect(response.body.error.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) });
    const response = await request(server).post('/health/live').set('content-type', 'application/json').send(big).expect(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.body.error.details).toMatchObject({ limitBytes: 1024 * 1024 });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const document = await request(server).get('/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    await request(server).get('/docs').expect(200);
  });

  describe('validation of a body', () => {
    const valid = { name: '李梅', age: 14, contacts: [{ phone: '13800000000' }] };
    const outboxRows = async () => Number((await stack.database.query('SELECT count(*) AS n FROM outbox'))[0].n);

    it('accepts a valid body', async () => {
      const before = await outboxRows();
      await request(server).post('/test-fixture/records').send(valid).expect(201);
      expect(await outboxRows()).toBe(before + 1);
    });

    it.each([
      ['an unknown field', { ...valid, secretNote: 'x' }, { field: 'secretNote', reason: expect.stringContaining('unknown field') }],
      ['a wrong type', { ...valid, age: 'fourteen' }, { field: 'age', reason: expect.stringContaining('integer') }],
      ['a value out of range', { ...valid, age: 151 }, { field: 'age', reason: expect.stringContaining('greater than 150') }],
      ['a missing field', { age: 14, contacts: [] }, { field: 'name', reason: expect.any(String) }],
      ['a bad nested field', { ...valid, contacts: [{ phone: 13800000000 }] }, { field: 'contacts[0].phone', reason: expect.stringContaining('string') }],
    ])('answers %s with 422 VALIDATION_FAILED naming the field, and writes nothing', async (_case, body, problem) => {
      const before = await outboxRows();
      const response = await request(server).post('/test-fixture/records').send(body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toEqual(expect.arrayContaining([problem]));
      expect(await outboxRows()).toBe(before);
    });

    it('gives every field reason in Chinese with the English beside it', async () => {
      const response = await request(server)
        .post('/test-fixture/records')
        .send({ name: 5, age: 151, contacts: [{ phone: 13800000000 }], secretNote: 'x' })
        .expect(422);
      const reasons: string[] = response.body.error.details.map((problem: { reason: string }) => problem.reason);
      expect(reasons.filter((reason) => !/^[^ -~]+.* \/ [ -~]+$/.test(reason))).toEqual([]);
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([
          { field: 'secretNote', reason: '未知字段 / unknown field' },
          { field: 'name', reason: '须为字符串 / name must be a string' },
          { field: 'age', reason: '不得大于 150 / age must not be greater than 150' },
          { field: 'contacts[0].phone', reason: '须为字符串 / phone must be a string' },
        ]),
      );
    });

    it('answers a JSON array where an object is expected with 422, never 500', async () => {
      const response = await request(server).post('/test-fixture/records').send([1, 2]).expect(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });
});

describe('CORS', () => {
  it('is off by default and allows exactly the configured origins when set', async () => {
    const stack = await startStack({ overrides: { CORS_ORIGINS: 'https://huijia.example.cn' } });
    try {
      const server = stack.api!.getHttpServer();
      const allowed = await request(server).options('/health/live').set('origin', 'https://huijia.example.cn').set('access-control-request-method', 'GET');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://huijia.example.cn');
      const other = await request(server).get('/health/live').set('origin', 'https://evil.example.com');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await stack.close();
    }
  });
});

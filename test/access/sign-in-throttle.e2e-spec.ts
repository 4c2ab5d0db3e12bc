import { createHash } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { auditRecords, createOrganisation, createUser, login, TEST_PASSWORD } from '../support/access-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

/**
 * Wrong passwords are throttled per account *and* client (the browser's device
 * cookie when it signed in to the account before, else its address), with
 * growing delays; nobody can lock a caseworker out by failing on their behalf.
 * The clients here differ by address (X-Forwarded-For behind a trusted proxy)
 * and by device cookie.
 */
describe('sign-in throttled per account and client', () => {
  let stack: TestStack;
  let server: App;
  let organisationId: string;
  let lastOctet = 0;
  /** A fresh client address for each use. */
  const address = () => `203.0.113.${++lastOctet}`;

  beforeAll(async () => {
    stack = await startStack({
      // COOKIE_SECURE as in production: the device cookie is Secure.
      overrides: { COOKIE_SECURE: 'true', TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES_PER_IP: '1000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_DELAY_SECONDS: '6' },
    });
    server = stack.api!.getHttpServer();
    organisationId = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
  });
  afterAll(() => stack?.close());

  const newUser = () => createUser(stack.database, { role: 'caseworker', organisationId });
  const attempt = (username: string, password: string, from: string, device?: string) => {
    const test = request(server).post('/auth/login').set('x-forwarded-for', from);
    if (device) test.set('cookie', `other=1; huijia_device=${device}`);
    return test.send({ username, password });
  };
  /** The device cookie a successful sign-in set. */
  const deviceOf = (response: request.Response): string => {
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((line) => line.startsWith('huijia_device='));
    if (!cookie) throw new Error('no device cookie');
    return cookie.slice('huijia_device='.length).split(';')[0];
  };
  /** Fails `times` times from `from`, whatever the delays say (401 or 429). */
  const failFrom = async (username: string, from: string, times: number) => {
    for (let i = 0; i < times; i++) expect([401, 429]).toContain((await attempt(username, 'Wrong-Password-1', from)).status);
  };

  it('lets the right password through from a clean client while another client is throttled on the same account', async () => {
    const user = await newUser();
    const attacker = address();
    await failFrom(user.username, attacker, 12);
    // Before: six wrong passwords locked the account for everybody for 15 minutes.
    await attempt(user.username, TEST_PASSWORD, address()).expect(200);
    // The attacker's client stays throttled, even with the right password.
    const refused = await attempt(user.username, TEST_PASSWORD, attacker).expect(429);
    expect(refused.body.error.code).toBe('LOGIN_THROTTLED');
    expect(await auditRecords(stack.database, `action = 'auth.login' AND details->>'username' = $1 AND details->>'throttled' = 'true'`, [user.username])).not.toHaveLength(0);
  });

  it('makes each further attempt from a throttled client wait longer: 1, 2, 4 seconds … up to LOGIN_MAX_DELAY_SECONDS', async () => {
    const user = await newUser();
    const from = address();
    for (let i = 0; i < 5; i++) await attempt(user.username, 'Wrong-Password-1', from).expect(401);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const throttled = await attempt(user.username, TEST_PASSWORD, from).expect(429);
      const wait = Number(throttled.headers['retry-after']);
      expect(throttled.body.error.details).toEqual({ retryAfterSeconds: wait });
      waits.push(wait);
      stack.clock.advance(wait * 1000);
      await attempt(user.username, 'Wrong-Password-1', from).expect(401);
    }
    expect(waits).toEqual([1, 2, 4, 6, 6]);
    // Refused attempts are not counted, and the right password after the wait goes through and clears the client's failures.
    stack.clock.advance(6000);
    await attempt(user.username, TEST_PASSWORD, from).expect(200);
    await attempt(user.username, 'Wrong-Password-1', from).expect(401);
    await attempt(user.username, TEST_PASSWORD, from).expect(200);
  });

  it('counts parallel guesses at once: no more get a password checked than the client may fail', async () => {
    const user = await newUser();
    const from = address();
    const answers = await Promise.all(Array.from({ length: 12 }, () => attempt(user.username, 'Wrong-Password-1', from)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(true);
    const [counted] = await stack.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM login_attempt WHERE username = $1`, [user.username]);
    expect(counted.n).toBe(statuses.filter((status) => status === 401).length);
  });

  it('sets a device cookie at a successful sign-in (httpOnly, Secure, SameSite=Strict, /auth only), kept only as a hash', async () => {
    const user = await newUser();
    const response = await attempt(user.username, TEST_PASSWORD, address()).expect(200);
    const line = ([] as string[]).concat(response.headers['set-cookie']).find((cookie) => cookie.startsWith('huijia_device='))!;
    expect(line).toMatch(/; Path=\/auth(;|$)/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; Secure/);
    expect(line).toMatch(/; SameSite=Strict/);
    const device = deviceOf(response);
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await stack.database.query<{ token_hash: Buffer }>(`SELECT token_hash FROM login_device WHERE user_id = $1`, [user.id]);
    expect(rows.map((row) => row.token_hash.toString('hex'))).toEqual([createHash('sha256').update(device).digest('hex')]);
    // The same browser signing in again keeps its cookie.
    expect(deviceOf(await attempt(user.username, TEST_PASSWORD, address(), device).expect(200))).toBe(device);
  });

  it("a known device is a client of its own: failures from its address do not throttle it, nor its failures the address; another account's cookie does not count", async () => {
    const user = await newUser();
    const office = address();
    const device = deviceOf(await attempt(user.username, TEST_PASSWORD, office).expect(200));
    await failFrom(user.username, office, 8);
    await attempt(user.username, TEST_PASSWORD, office).expect(429);
    await attempt(user.username, TEST_PASSWORD, office, device).expect(200);
    // A cookie the account never signed in with is no device of it: the client is the address.
    const colleague = await newUser();
    const colleagues = deviceOf(await attempt(colleague.username, TEST_PASSWORD, address()).expect(200));
    await attempt(user.username, TEST_PASSWORD, office, colleagues).expect(429);
    // Guessing with a known device is throttled on that device.
    for (let i = 0; i < 5; i++) await attempt(user.username, 'Wrong-Password-1', office, device).expect(401);
    await attempt(user.username, TEST_PASSWORD, office, device).expect(429);
    await attempt(user.username, TEST_PASSWORD, address()).expect(200);
  });

  it('tells the user in their inbox once failures pile up, once per episode', async () => {
    const user = await newUser();
    const attacker = address();
    await failFrom(user.username, address(), 1);
    await failFrom(user.username, attacker, 10);
    const session = await login(server, user.username);
    const inbox = await request(server).get('/me/notifications').set(session.auth).expect(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ kind: 'sign_in_failures', title: expect.stringContaining('Failed sign-ins'), fileId: null, reminderId: null, readAt: null }),
    ]);
    const notice = inbox.body.items[0];
    expect(notice.body).toContain('5 failed sign-ins to your account since your last sign-in (from 2 address(es)');
    expect(notice.body).toContain(attacker);
    // After the user signed in, another run of failures is another notice.
    await failFrom(user.username, address(), 5);
    const again = await request(server).get('/me/notifications').set(session.auth).expect(200);
    expect(again.body.items.map((item: { kind: string }) => item.kind)).toEqual(['sign_in_failures', 'sign_in_failures']);
    expect(await auditRecords(stack.database, `action = 'auth.failures_notice' AND entity_id = $1`, [user.id])).toHaveLength(2);
  });

  it('throttles wrong current passwords at /auth/password like failed sign-ins (429 PASSWORD_THROTTLED), and tells the user', async () => {
    const user = await newUser();
    const from = address();
    const session = await login(server, user.username);
    const change = (currentPassword: string) =>
      request(server).post('/auth/password').set(session.auth).set('x-forwarded-for', from).send({ currentPassword, newPassword: 'Brand-New-Pass-2' });
    for (let i = 0; i < 5; i++) expect((await change('Wrong-Password-1').expect(422)).body.error.code).toBe('WRONG_PASSWORD');
    const throttled = await change(TEST_PASSWORD).expect(429);
    expect(throttled.body.error).toMatchObject({ code: 'PASSWORD_THROTTLED', details: { retryAfterSeconds: 1 } });
    expect(throttled.headers['retry-after']).toBe('1');
    // The same client's sign-ins wait too: one secret, one count.
    await attempt(user.username, TEST_PASSWORD, from).expect(429);
    stack.clock.advance(1000);
    await change(TEST_PASSWORD).expect(204);
    const inbox = await request(server).get('/me/notifications').set(session.auth).expect(200);
    expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'sign_in_failures' })]);
  });
});

describe('throttling per IP address', () => {
  let stack: TestStack;
  let server: App;
  let organisationId: string;

  beforeAll(async () => {
    stack = await startStack({ overrides: { LOGIN_MAX_FAILURES_PER_IP: '3' } });
    server = stack.api!.getHttpServer();
    organisationId = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
  });
  afterAll(() => stack?.close());

  it('answers 429 once one address has failed too often, whichever account it tries, except from a device the account knows', async () => {
    const user = await createUser(stack.database, { role: 'caseworker', organisationId });
    // The user signed in from this browser yesterday; the whole bureau shares one address.
    const first = await request(server).post('/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(200);
    const device = ([] as string[])
      .concat(first.headers['set-cookie'])
      .find((cookie) => cookie.startsWith('huijia_device='))!
      .split(';')[0];
    for (const name of ['a-guess', 'b-guess', 'c-guess']) {
      await request(server).post('/auth/login').send({ username: name, password: 'Wrong-Password-1' }).expect(401);
    }
    const response = await request(server).post('/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(429);
    expect(response.body.error.code).toBe('LOGIN_THROTTLED');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    await request(server).post('/auth/login').set('cookie', device).send({ username: user.username, password: TEST_PASSWORD }).expect(200);
  });
});

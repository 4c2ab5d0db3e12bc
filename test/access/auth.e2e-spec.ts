import { DataSource } from 'typeorm';
import { SignJWT } from 'jose';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { LoginAttemptRetention } from '#app/access';
import { auditRecords, createOrganisation, createUser, login, TEST_PASSWORD } from '../support/access-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

describe('sign-in and tokens', () => {
  let stack: TestStack;
  let server: App;
  let organisationId: string;

  beforeAll(async () => {
    stack = await startStack({ overrides: { LOGIN_MAX_FAILURES_PER_IP: '1000' } });
    server = stack.api!.getHttpServer();
    organisationId = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
  });
  afterAll(() => stack?.close());

  const newUser = () => createUser(stack.database, { role: 'caseworker', organisationId });

  it('signs in and answers /me with the role and organisation', async () => {
    const user = await newUser();
    const session = await login(server, user.username);
    expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await request(server).get('/me').set(session.auth).expect(200);
    expect(me.body).toMatchObject({ userId: user.id, role: 'caseworker', organisation: { id: organisationId, jurisdictionCode: '530100', jurisdictionName: '昆明市' } });
    const records = await auditRecords(stack.database, `action = 'auth.login' AND actor_user_id = $1`, [user.id]);
    expect(records).toEqual([expect.objectContaining({ outcome: 'allowed' })]);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const user = await newUser();
    const wrong = await request(server).post('/auth/login').send({ username: user.username, password: 'Not-The-Password-9' }).expect(401);
    const unknown = await request(server).post('/auth/login').send({ username: 'nobody-at-all', password: 'Not-The-Password-9' }).expect(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect({ ...wrong.body.error, requestId: null }).toEqual({ ...unknown.body.error, requestId: null });
    expect(await auditRecords(stack.database, `action = 'auth.login' AND outcome = 'denied' AND details->>'username' = 'nobody-at-all'`)).toHaveLength(1);
  });

  it('refuses a request without a token, with a tampered token and with an expired one (401)', async () => {
    const user = await newUser();
    const session = await login(server, user.username);
    await request(server).get('/me').expect(401);
    const [header, payload, signature] = session.accessToken.split('.');
    const tampered = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const bad = await request(server).get('/me').set('authorization', `Bearer ${tampered}`).expect(401);
    expect(bad.body.error.code).toBe('TOKEN_INVALID');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const expired = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('huijia')
      .setIssuedAt(Math.floor(stack.clock.now().getTime() / 1000) - 3600)
      .setExpirationTime(Math.floor(stack.clock.now().getTime() / 1000) - 60)
      .sign(new TextEncoder().encode(stack.config.auth.jwtSecret));
    expect((await request(server).get('/me').set('authorization', `Bearer ${expired}`).expect(401)).body.error.code).toBe('TOKEN_INVALID');
  });

  it('rotates refresh tokens, and a reused one ends the whole login', async () => {
    const user = await newUser();
    const first = await login(server, user.username);
    const second = await request(server).post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    await request(server).get('/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(200);

    const reuse = await request(server).post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    // The family is revoked: the newest tokens stop working too.
    await request(server).post('/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    await request(server).get('/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(401);
    expect(await auditRecords(stack.database, `action = 'auth.refresh_reuse' AND actor_user_id = $1`, [user.id])).toHaveLength(1);
  });

  it('logs out: the access and refresh tokens of that login stop working, others do not', async () => {
    const user = await newUser();
    const phone = await login(server, user.username);
    const desk = await login(server, user.username);
    await request(server).post('/auth/logout').set(phone.auth).expect(204);
    await request(server).get('/me').set(phone.auth).expect(401);
    await request(server).post('/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
    await request(server).get('/me').set(desk.auth).expect(200);
  });

  describe('the browser session: the refresh token in a cookie', () => {
    const refreshCookieOf = (response: request.Response) => ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((line) => line.startsWith('huijia_refresh='));
    const valueOf = (line: string) => line.slice('huijia_refresh='.length).split(';')[0];
    const cookieLogin = async (username: string) => {
      const response = await request(server).post('/auth/login').send({ username, password: TEST_PASSWORD, session: 'cookie' }).expect(200);
      return { response, cookie: valueOf(refreshCookieOf(response)!), auth: { authorization: `Bearer ${response.body.accessToken}` } };
    };
    const refreshWith = (cookie: string) => request(server).post('/auth/refresh').set('cookie', `huijia_refresh=${cookie}`).send({});

    it('sets the refresh token in an httpOnly SameSite=Strict cookie for /auth/refresh only, and leaves it out of the body', async () => {
      const user = await newUser();
      const { response } = await cookieLogin(user.username);
      const line = refreshCookieOf(response)!;
      expect(line).toMatch(/; Path=\/auth\/refresh(;|$)/);
      expect(line).toMatch(/; HttpOnly/);
      expect(line).toMatch(/; SameSite=Strict/);
      expect(line).toMatch(/; Max-Age=1209600/);
      // COOKIE_SECURE is off outside production (see the Secure case below).
      expect(line).not.toMatch(/; Secure/);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
      expect(response.body).not.toHaveProperty('refreshToken');
      // JSON clients that do not ask keep the token in the body and get no cookie.
      const json = await request(server).post('/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(200);
      expect(json.body.refreshToken).toEqual(expect.any(String));
      expect(refreshCookieOf(json)).toBeUndefined();
    });

    it('refreshes by the cookie and rotates it; a reused cookie ends the whole login and is cleared', async () => {
      const user = await newUser();
      const { cookie: first } = await cookieLogin(user.username);
      const second = await refreshWith(first).expect(200);
      const rotated = valueOf(refreshCookieOf(second)!);
      expect(rotated).not.toBe(first);
      expect(second.body).not.toHaveProperty('refreshToken');
      await request(server).get('/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(200);

      const reuse = await refreshWith(first).expect(401);
      expect(reuse.body.error.code).toBe('REFRESH_TOKEN_REUSED');
      expect(refreshCookieOf(reuse)).toMatch(/^huijia_refresh=;.*Expires=Thu, 01 Jan 1970/);
      await refreshWith(rotated).expect(401);
      await request(server).get('/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(401);
    });

    it('signs out: the cookie is cleared and the login ends', async () => {
      const user = await newUser();
      const { cookie, auth } = await cookieLogin(user.username);
      const out = await request(server).post('/auth/logout').set(auth).expect(204);
      expect(refreshCookieOf(out)).toMatch(/^huijia_refresh=;.*Path=\/auth\/refresh.*Expires=Thu, 01 Jan 1970/);
      expect((await refreshWith(cookie).expect(401)).body.error.code).toBe('TOKEN_INVALID');
      await request(server).get('/me').set(auth).expect(401);
    });

    it('without a token in the body or a cookie answers 422 naming refreshToken', async () => {
      const response = await request(server).post('/auth/refresh').send({}).expect(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'refreshToken' }] });
      expect((await request(server).post('/auth/refresh').send({ session: 'jar' }).expect(422)).body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'session' })]),
      );
    });

    it('marks the cookie Secure when COOKIE_SECURE is on (the production default)', async () => {
      const secure = await startStack({ overrides: { COOKIE_SECURE: 'true', LOGIN_MAX_FAILURES_PER_IP: '1000' } });
      try {
        const org = await createOrganisation(secure.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530100' });
        const user = await createUser(secure.database, { role: 'caseworker', organisationId: org });
        const response = await request(secure.api!.getHttpServer()).post('/auth/login').send({ username: user.username, password: TEST_PASSWORD, session: 'cookie' }).expect(200);
        expect(refreshCookieOf(response)).toMatch(/; Secure/);
      } finally {
        await secure.close();
      }
    });
  });

  it('changes the password: checks the current one and the rules, ends the other logins', async () => {
    const user = await newUser();
    const here = await login(server, user.username);
    const elsewhere = await login(server, user.username);
    const wrong = await request(server).post('/auth/password').set(here.auth).send({ currentPassword: 'nope-Nope-1', newPassword: 'Brand-New-Pass-2' }).expect(422);
    expect(wrong.body.error).toMatchObject({ code: 'WRONG_PASSWORD', details: [{ field: 'currentPassword' }] });
    const weak = await request(server).post('/auth/password').set(here.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(422);
    expect(weak.body.error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ field: 'newPassword', reason: expect.stringContaining('12') }] });
    for (const [newPassword, reason] of [
      [TEST_PASSWORD, 'must differ from the current password'],
      [`${user.username}-2026`, 'must not contain the username'],
      ['Qwerty123456!', 'most common passwords'],
      ['iloveyou-iloveyou', 'most common passwords'],
      ['Password2026', 'most common passwords'],
    ]) {
      const refused = await request(server).post('/auth/password').set(here.auth).send({ currentPassword: TEST_PASSWORD, newPassword }).expect(422);
      expect(refused.body.error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ field: 'newPassword', reason: expect.stringContaining(reason) }] });
    }
    await request(server).post('/auth/password').set(here.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Pass-2' }).expect(204);
    await request(server).get('/me').set(here.auth).expect(200);
    await request(server).get('/me').set(elsewhere.auth).expect(401);
    await login(server, user.username, 'Brand-New-Pass-2');
    await request(server).post('/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(401);
  });

  it('throttles failed logins per account and client with a clear 429 and Retry-After, even for the right password', async () => {
    const user = await newUser();
    for (let attempt = 0; attempt < 5; attempt++) {
      await request(server).post('/auth/login').send({ username: user.username, password: 'Wrong-Password-1' }).expect(401);
    }
    const throttled = await request(server).post('/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(429);
    expect(throttled.body.error.code).toBe('LOGIN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.body.error.details.retryAfterSeconds).toBe(Number(throttled.headers['retry-after']));
    // Another account from the same address is not affected by this account's failures.
    await login(server, (await newUser()).username);
  });

  it('sweeps login attempts older than a day, and throttling still holds for the recent ones', async () => {
    const user = await newUser();
    await stack.database.query(
      `INSERT INTO login_attempt (username, ip, succeeded, at) SELECT $1, '198.51.100.7', false, $2::timestamptz - interval '2 days' FROM generate_series(1, 50)`,
      [user.username, stack.clock.now()],
    );
    for (let attempt = 0; attempt < 5; attempt++) {
      await request(server).post('/auth/login').send({ username: user.username, password: 'Wrong-Password-1' }).expect(401);
    }
    const retention = new LoginAttemptRetention(stack.config, stack.api!.get(DataSource), stack.clock);
    expect(await retention.sweep()).toBeGreaterThanOrEqual(50);
    const left = await stack.database.query(`SELECT count(*)::int AS n, min(ip) AS ip FROM login_attempt WHERE username = $1`, [user.username]);
    expect(left[0].n).toBe(5);
    // Five more recent failures of this client: it waits 32 seconds, however slow this machine.
    await stack.database.query(`INSERT INTO login_attempt (username, ip, succeeded, at) SELECT $1, $2, false, $3 FROM generate_series(1, 5)`, [
      user.username,
      left[0].ip,
      stack.clock.now(),
    ]);
    await request(server).post('/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(429);
  });

  it('ends the logins of a deactivated user at once', async () => {
    const user = await newUser();
    const session = await login(server, user.username);
    await stack.database.query('UPDATE user_account SET active = false WHERE id = $1', [user.id]);
    await request(server).get('/me').set(session.auth).expect(401);
    await request(server).post('/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(401);
  });

  it('refuses a malformed login body with 422 naming the field', async () => {
    const response = await request(server).post('/auth/login').send({ username: 'x' }).expect(422);
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
  });
});

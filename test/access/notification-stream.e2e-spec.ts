/**
 * The live inbox: a single-use, short-lived ticket opens a Server-Sent Events
 * stream; a notification written by the worker reaches its recipient's open
 * stream (through Redis pub/sub), nobody else's — and so does every other
 * inbox write (the notice of repeated failed sign-ins, a partner told of a
 * withdrawn referral); signing out ends the stream.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { randomUUID } from 'node:crypto';
import { InboxWriter, ReminderScheduler } from '#app/followup';
import { OutboxRelay } from '#app/platform';
import { createFile, createInterview, createOrganisation, createUser, login, signedIn, type Session } from '../support/access-fixtures.js';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/test-context.js';

interface OpenStream {
  status: number;
  /** Everything received so far. */
  text(): string;
  ended: Promise<void>;
  close(): void;
}

/** Opens the stream as a browser's EventSource would: a GET with the ticket in the query, reading as it comes. */
function openStream(port: number, ticket: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/me/notifications/stream?ticket=${encodeURIComponent(ticket)}`, headers: { accept: 'text/event-stream' } }, (res) => {
      let received = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (received += chunk));
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      resolve({ status: res.statusCode ?? 0, text: () => received, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

describe('the notification stream (Server-Sent Events through Redis pub/sub)', () => {
  let stack: TestStack;
  let server: App;
  let port: number;
  let bureau: string;
  let caseworker: Session & { userId: string; organisationId: string };
  let colleague: Session & { userId: string; organisationId: string };
  const streams: OpenStream[] = [];

  beforeAll(async () => {
    stack = await startStack({ worker: true, overrides: { REMINDER_RELAY_INTERVAL_MS: '100' } });
    const httpServer = stack.api!.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    port = (httpServer.address() as AddressInfo).port;
    server = httpServer;
    stack.worker!.get(OutboxRelay).start();
    stack.worker!.get(ReminderScheduler).start();
    bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530102' });
    caseworker = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    colleague = await signedIn(server, stack.database, 'caseworker', { id: bureau });
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await stack?.close();
  });

  const ticketFor = async (session: Session): Promise<string> => (await request(server).post('/me/notifications/stream-tickets').set(session.auth).expect(201)).body.ticket;
  const opened = async (ticket: string): Promise<OpenStream> => {
    const stream = await openStream(port, ticket);
    streams.push(stream);
    return stream;
  };

  /** A reminder due now for a user: the worker delivers it into the inbox. */
  async function remind(userId: string, title: string): Promise<void> {
    await stack.database.query(
      `INSERT INTO reminder (kind, title, due_at, assignee_user_id, assignee_organisation_id) VALUES ('other', $1, $2::timestamptz - interval '1 minute', $3, $4)`,
      [title, stack.clock.now(), userId, bureau],
    );
    await stack.database.query(`SELECT pg_notify('reminder', '')`);
  }

  it('answers at once without a stream for a missing (422), unknown (401), used or expired ticket (401)', async () => {
    expect((await request(server).get('/me/notifications/stream').expect(422)).body.error.code).toBe('VALIDATION_FAILED');
    const unknown = 'Zq'.repeat(21) + 'Z';
    expect((await request(server).get(`/me/notifications/stream?ticket=${unknown}`).expect(401)).body.error.code).toBe('STREAM_TICKET_INVALID');

    // Single use: the first opens the stream, the second is refused.
    const ticket = await ticketFor(caseworker);
    const first = await opened(ticket);
    expect(first.status).toBe(200);
    await eventually(() => first.text().includes('event: ready'));
    expect((await request(server).get(`/me/notifications/stream?ticket=${ticket}`).expect(401)).body.error.code).toBe('STREAM_TICKET_INVALID');
    first.close();

    // Expiring: a ticket older than 60 s (by the clock) is refused.
    const late = await request(server).post('/me/notifications/stream-tickets').set(caseworker.auth).expect(201);
    expect(new Date(late.body.expiresAt).getTime() - stack.clock.now().getTime()).toBeLessThanOrEqual(60_000);
    stack.clock.advance(61_000);
    await request(server).get(`/me/notifications/stream?ticket=${late.body.ticket}`).expect(401);

    // A ticket needs a signed-in caller.
    await request(server).post('/me/notifications/stream-tickets').expect(401);
  });

  it("brings a notification the worker writes to its recipient's stream, and not to another user's", async () => {
    const mine = await opened(await ticketFor(caseworker));
    const theirs = await opened(await ticketFor(colleague));
    await eventually(() => mine.text().includes('event: ready') && theirs.text().includes('event: ready'));

    await remind(caseworker.userId, '回访到期 stream test');
    await eventually(() => mine.text().includes('event: notification'));
    const [row] = await stack.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND title LIKE '%stream test'`, [
      caseworker.userId,
    ]);
    expect(row.n).toBe(1);
    // The colleague's stream only heard its own events (the worker published to the caseworker alone).
    expect(theirs.text()).not.toContain('event: notification');
    mine.close();
    theirs.close();
  });

  it("brings an event's notice (a new referral, an approval asked for …) to its recipient's stream once written, and not to another user's", async () => {
    const mine = await opened(await ticketFor(caseworker));
    const theirs = await opened(await ticketFor(colleague));
    await eventually(() => mine.text().includes('event: ready') && theirs.text().includes('event: ready'));

    const subjectId = randomUUID();
    const notice = {
      eventId: randomUUID(),
      to: { users: [caseworker.userId] },
      kind: 'transfer_incoming',
      title: '移交待接收 / Transfer incoming',
      body: '—',
      fileId: null,
      subjectType: 'file_transfer',
      subjectId,
    };
    expect(await stack.worker!.get(InboxWriter).deliver(notice)).toBe(1);
    await eventually(() => mine.text().includes('event: notification'));
    expect(theirs.text()).not.toContain('event: notification');
    // Written once: handled again, nothing new is written and nothing is announced.
    expect(await stack.worker!.get(InboxWriter).deliver(notice)).toBe(0);
    mine.close();
    theirs.close();
  });

  it('brings the notice of repeated failed sign-ins to the user’s open stream', async () => {
    const user = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    const stream = await opened(await ticketFor(user));
    await eventually(() => stream.text().includes('event: ready'));

    // LOGIN_MAX_FAILURES_PER_ACCOUNT (5) failures since the last sign-in: the notice is written, and announced.
    for (let i = 0; i < 5; i++) await request(server).post('/auth/login').send({ username: user.username, password: 'Wrong-Password-1' }).expect(401);
    await eventually(() => stream.text().includes('event: notification'));
    const inbox = await request(server).get('/me/notifications').set(user.auth).expect(200);
    expect(inbox.body.items.map((item: { kind: string }) => item.kind)).toEqual(['sign_in_failures']);
    stream.close();
  });

  it('R16: brings the notice of a withdrawn referral to the open streams of the partner’s staff', async () => {
    const school = await createOrganisation(stack.database, { kind: 'school', jurisdictionCode: '530102' });
    const teacher = await signedIn(server, stack.database, 'school_staff', { id: school });
    const fileId = await createFile(stack.database, { jurisdictionCode: '530102', organisationId: bureau, caseworkerId: caseworker.userId });
    await createInterview(stack.database, fileId, caseworker.userId);
    const referral = await request(server)
      .post(`/files/${fileId}/referrals`)
      .set(caseworker.auth)
      .send({ kind: 'schooling', organisationId: school, purpose: '适龄儿童入学', details: { gradeLevel: '五年级' }, send: true })
      .expect(201);
    // The new referral's notice reached the school's staff of then; a colleague who joins afterwards has nothing to hear but the withdrawal.
    await eventually(async () => (await request(server).get('/me/notifications').set(teacher.auth)).body.items.some((item: { kind: string }) => item.kind === 'referral_sent'));
    const colleague = await login(server, (await createUser(stack.database, { role: 'school_staff', organisationId: school })).username);
    const stream = await opened(await ticketFor(colleague));
    await eventually(() => stream.text().includes('event: ready'));

    await request(server).post(`/referrals/${referral.body.id}/withdraw`).set(caseworker.auth).send({ reason: '家长已为孩子另行联系学校' }).expect(200);
    await eventually(() => stream.text().includes('event: notification'));
    const inbox = await request(server).get('/me/notifications').set(colleague.auth).expect(200);
    expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'referral_withdrawn', title: '转介已撤回：入学 / referral withdrawn: schooling (R14)' })]);
    stream.close();
  });

  it('ends the stream when its login signs out, not the streams of another login', async () => {
    const other = await signedIn(server, stack.database, 'caseworker', { id: bureau });
    const stream = await opened(await ticketFor(caseworker));
    const survivor = await opened(await ticketFor(other));
    await eventually(() => stream.text().includes('event: ready') && survivor.text().includes('event: ready'));

    await request(server).post('/auth/logout').set(caseworker.auth).expect(204);
    await stream.ended;
    expect(stream.text()).toContain('event: end');
    expect(stream.text()).toContain('signed_out');
    expect(survivor.text()).not.toContain('event: end');
    // The login is over: no new ticket either.
    await request(server).post('/me/notifications/stream-tickets').set(caseworker.auth).expect(401);
    survivor.close();
  });
});

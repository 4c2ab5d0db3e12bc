import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppError, AUDIT_SINK, CHANNELS, Clock, Outbox, PubSub, QUEUES, type AppConfig, type AuditSink, type ErrorDefinition } from '#app/platform';

/** The device cookie: random, httpOnly, SameSite=Strict, sent only to /auth; the server keeps its SHA-256. */
export const DEVICE_COOKIE = 'huijia_device';
export const DEVICE_COOKIE_PATH = '/auth';

/** Who is trying: the address, and the device cookie the request carried (if any). */
export interface SignInClient {
  ip: string;
  deviceToken?: string;
  userAgent?: string;
}

/**
 * The client of a request: its address (behind TRUST_PROXY's proxies) and its
 * device cookie. One cookie of a known shape is all we read, so the Cookie
 * header is parsed here rather than with cookie-parser (its signing is not
 * needed: the value is random and the server keeps only its hash).
 */
export function clientOf(request: Request): SignInClient {
  const header = request.headers.cookie;
  let deviceToken: string | undefined;
  if (typeof header === 'string') {
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === DEVICE_COOKIE) deviceToken = part.slice(eq + 1).trim();
    }
  }
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip ?? 'unknown', deviceToken, userAgent: typeof userAgent === 'string' ? userAgent : undefined };
}

export type AttemptKind = 'login' | 'password_change';

/** An attempt under way: reserved before the password is checked, settled after. */
export interface Attempt {
  id: string;
  username: string;
  kind: AttemptKind;
  /** The known device it came from, or null: the client is its address. */
  device: Buffer | null;
}

/** Failures of one account from one client are remembered this long (the retention sweep keeps a day at least). */
const MEMORY_HOURS = 24;
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const NOTICE_KIND = 'sign_in_failures';

/** "2026-11-23 10:00" in China. */
function chinaTime(instant: Date): string {
  return instant.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}

/**
 * Failed sign-ins are throttled per account *and* client, never for the
 * account as a whole: a client is the browser's device cookie when that
 * browser has signed in to the account before, else its address. Past
 * LOGIN_MAX_FAILURES_PER_ACCOUNT failures (since the client's last success,
 * within a day) each further attempt from that client must wait, the delay
 * doubling from 1 second up to LOGIN_MAX_DELAY_SECONDS; the right password
 * from any other client goes through. An address (without a known device)
 * that failed LOGIN_MAX_FAILURES_PER_IP times in the window is refused
 * whatever the account. An attempt is reserved (a row under way) before the
 * password is checked, so parallel guesses count at once. Once the account has
 * that many failures since its last sign-in, the user finds a notice in their
 * inbox (and in the outgoing channel), once per episode and day.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly pubsub: PubSub,
  ) {}

  static hashDevice(token: string): Buffer {
    return createHash('sha256').update(token, 'utf8').digest();
  }

  /**
   * Reserves an attempt of `username` from `client`, or refuses it with
   * `refusal` (429, Retry-After) while the client must wait; a refused attempt
   * is not counted and checks no password.
   */
  async reserve(username: string, client: SignInClient, kind: AttemptKind, refusal: ErrorDefinition): Promise<Attempt> {
    const now = this.clock.now();
    const device = await this.knownDevice(username, client.deviceToken);
    const [{ id }]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO login_attempt (username, ip, device_hash, kind, succeeded, at) VALUES ($1, $2, $3, $4, NULL, $5) RETURNING id::text`,
      [username, client.ip, device, kind, now],
    );
    const [counts]: { failures: number; since_last: number | null; ip_failures: number; ip_retry: number | null }[] = await this.dataSource.query(
      `WITH client AS (
         SELECT succeeded, at FROM login_attempt
          WHERE username = $1 AND id <> $2::bigint AND at > $5::timestamptz - make_interval(hours => $7)
            AND CASE WHEN $3::bytea IS NULL THEN device_hash IS NULL AND ip = $4 ELSE device_hash = $3::bytea END
       ),
       last_success AS (SELECT max(at) AS t FROM client WHERE succeeded),
       failures AS (SELECT count(*)::int AS n, max(at) AS last FROM client WHERE succeeded IS NOT TRUE AND at > COALESCE((SELECT t FROM last_success), '-infinity')),
       address AS (
         SELECT count(*)::int AS n, min(at) AS first FROM login_attempt
          WHERE ip = $4 AND id <> $2::bigint AND succeeded IS NOT TRUE AND at > $5::timestamptz - make_interval(mins => $6)
       )
       SELECT f.n AS failures, extract(epoch FROM ($5::timestamptz - f.last))::float8 AS since_last,
              a.n AS ip_failures, extract(epoch FROM (a.first + make_interval(mins => $6) - $5::timestamptz))::float8 AS ip_retry
         FROM failures f, address a`,
      [username, id, device, client.ip, now, this.config.auth.throttleWindowMinutes, MEMORY_HOURS],
    );
    const auth = this.config.auth;
    const waits: number[] = [];
    if (counts.failures >= auth.maxFailuresPerAccount) {
      const delay = Math.min(auth.maxDelaySeconds, 2 ** (counts.failures - auth.maxFailuresPerAccount));
      const left = delay - (counts.since_last ?? delay);
      if (left > 0) waits.push(left);
    }
    // The per-address limit spares a browser the account knows: a whole bureau may sit behind one address.
    if (!device && counts.ip_failures >= auth.maxFailuresPerIp) waits.push(counts.ip_retry ?? auth.throttleWindowMinutes * 60);
    if (waits.length === 0) return { id, username, kind, device };

    await this.dataSource.query('DELETE FROM login_attempt WHERE id = $1::bigint', [id]);
    const retryAfter = Math.max(1, Math.ceil(Math.max(...waits)));
    await this.audit.record({
      action: kind === 'login' ? 'auth.login' : 'auth.password_change',
      outcome: 'denied',
      details: { username, ip: client.ip, client: device ? 'device' : 'address', throttled: true, retryAfterSeconds: retryAfter },
    });
    throw new AppError(refusal, { details: { retryAfterSeconds: retryAfter }, headers: { 'Retry-After': String(retryAfter) } });
  }

  /**
   * The wrong password (or no such user): the attempt counts; the user hears
   * of it once failures pile up. An unknown user costs the same queries, so
   * the time of the answer does not tell whether the account exists.
   */
  async failed(attempt: Attempt, userId: string | undefined): Promise<void> {
    await this.dataSource.query('UPDATE login_attempt SET succeeded = false WHERE id = $1::bigint', [attempt.id]);
    await this.noticeIfRepeated(userId, attempt.username);
  }

  /** The right password: this client's failures stop counting. */
  async succeeded(manager: EntityManager, attempt: Attempt): Promise<void> {
    await manager.query('UPDATE login_attempt SET succeeded = true WHERE id = $1::bigint', [attempt.id]);
  }

  /**
   * After a successful sign-in: the browser becomes a known client of the
   * account. Its device cookie is kept when the server issued it (another
   * account may share the browser), else a new random one is issued; answers
   * the value to set (again, for its expiry to run from now).
   */
  async rememberDevice(manager: EntityManager, userId: string, client: SignInClient): Promise<string> {
    const now = this.clock.now();
    const presented = client.deviceToken && DEVICE_TOKEN.test(client.deviceToken) ? client.deviceToken : undefined;
    let token = presented;
    if (token) {
      const [known]: { known: boolean }[] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM login_device WHERE token_hash = $1 AND last_used_at > $2::timestamptz - make_interval(days => $3)) AS known`,
        [SignInThrottle.hashDevice(token), now, this.config.auth.deviceDays],
      );
      if (!known.known) token = undefined;
    }
    token ??= randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO login_device (token_hash, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (token_hash, user_id) DO UPDATE SET last_used_at = EXCLUDED.last_used_at`,
      [SignInThrottle.hashDevice(token), userId, now],
    );
    return token;
  }

  /** The device's hash when the cookie names a browser this account signed in from (and used lately), else null. */
  private async knownDevice(username: string, token: string | undefined): Promise<Buffer | null> {
    if (!token || !DEVICE_TOKEN.test(token)) return null;
    const hash = SignInThrottle.hashDevice(token);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM login_device d JOIN user_account u ON u.id = d.user_id
        WHERE d.token_hash = $1 AND u.username = $2 AND d.last_used_at > $3::timestamptz - make_interval(days => $4)`,
      [hash, username, this.clock.now(), this.config.auth.deviceDays],
    );
    return rows.length > 0 ? hash : null;
  }

  /** A notice in the user's inbox once the account's failures since its last sign-in reach the limit; once per episode and day. */
  private async noticeIfRepeated(userId: string | undefined, username: string): Promise<void> {
    const now = this.clock.now();
    const told = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('sign_in_failures:' || $1, 0))`, [username]);
      const [episode]: { failures: number; addresses: number; last_at: Date | null; last_ip: string | null; told: boolean }[] = await manager.query(
        `WITH since AS (
           SELECT greatest(COALESCE((SELECT max(at) FROM login_attempt WHERE username = $2 AND succeeded), '-infinity'),
                           $3::timestamptz - make_interval(hours => $4)) AS t
         ),
         failures AS (SELECT ip, at FROM login_attempt WHERE username = $2 AND succeeded = false AND at > (SELECT t FROM since))
         SELECT (SELECT count(*)::int FROM failures) AS failures,
                (SELECT count(DISTINCT ip)::int FROM failures) AS addresses,
                (SELECT at FROM failures ORDER BY at DESC LIMIT 1) AS last_at,
                (SELECT ip FROM failures ORDER BY at DESC LIMIT 1) AS last_ip,
                EXISTS (SELECT 1 FROM notification WHERE recipient_user_id = $1 AND kind = $5 AND created_at > (SELECT t FROM since)) AS told`,
        [userId ?? null, username, now, MEMORY_HOURS, NOTICE_KIND],
      );
      if (!userId || episode.failures < this.config.auth.maxFailuresPerAccount || episode.told || !episode.last_at) return false;
      const at = chinaTime(episode.last_at);
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO notification (recipient_user_id, kind, title, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          userId,
          NOTICE_KIND,
          '您的账户有多次登录失败 / Failed sign-ins to your account',
          `自您上次登录以来，您的账户有 ${episode.failures} 次登录失败（来自 ${episode.addresses} 个地址，最近一次：北京时间 ${at}，地址 ${episode.last_ip}）。` +
            `如果不是您本人，请告知管理员。您本人仍可照常登录。 / ` +
            `${episode.failures} failed sign-ins to your account since your last sign-in (from ${episode.addresses} address(es); the latest at ${at} China time, from ${episode.last_ip}). ` +
            `If it was not you, tell your administrator. You can still sign in as usual.`,
          now,
        ],
      );
      if (this.config.notify.channel !== 'none') await this.outbox.publish(manager, QUEUES.outgoingNotifications, 'send', { notificationId: id });
      await this.audit.record(
        { action: 'auth.failures_notice', outcome: 'allowed', entityType: 'user_account', entityId: userId, details: { failures: episode.failures } },
        manager,
      );
      return true;
    });
    // After the commit: the user's open streams look now. Not awaited: the failed sign-in's answer waits on no Redis round trip.
    if (told && userId) void this.pubsub.publish(CHANNELS.notificationsWritten, { userIds: [userId] });
  }
}

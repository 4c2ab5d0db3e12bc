import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppError, AUDIT_SINK, CHANNELS, Clock, PubSub, RequestContext, type AppConfig, type AuditSink } from '#app/platform';
import type { Actor } from '../actor.js';
import { AccessErrors } from '../errors.js';
import type { MeView } from './auth.view.js';
import { passwordProblem, Passwords } from './passwords.js';
import { SignInThrottle, type SignInClient } from './sign-in-throttle.js';
import { Tokens } from './tokens.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** A successful sign-in: the tokens, and the device cookie to set on the browser. */
export interface SignIn {
  tokens: TokenPair;
  deviceToken: string;
}

/** Who an access token belongs to, and whether they must change their password before anything else. */
export interface Authenticated {
  actor: Actor;
  passwordChangeRequired: boolean;
}

interface ActorRow {
  user_id: string;
  username: string;
  role: Actor['role'];
  organisation_id: string;
  organisation_kind: Actor['organisationKind'];
  jurisdiction_code: string;
}

function toActor(row: ActorRow, sessionId: string): Actor {
  return {
    userId: row.user_id,
    username: row.username,
    role: row.role,
    organisationId: row.organisation_id,
    organisationKind: row.organisation_kind,
    jurisdictionCode: row.jurisdiction_code,
    sessionId,
  };
}

const ACTOR_COLUMNS = `u.id AS user_id, u.username, u.role, u.organisation_id, o.kind AS organisation_kind, o.jurisdiction_code`;

/**
 * Sign-in, token refresh with rotation and reuse detection, sign-out and
 * password change. Wrong passwords (at sign-in and at a password change) are
 * throttled per account and client by SignInThrottle, counted in PostgreSQL;
 * every outcome is in the audit record (R21).
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly passwords: Passwords,
    private readonly tokens: Tokens,
    private readonly throttle: SignInThrottle,
    private readonly clock: Clock,
    private readonly pubsub: PubSub,
  ) {}

  async login(usernameInput: string, password: string, client: SignInClient): Promise<SignIn> {
    const username = usernameInput.trim().toLowerCase();
    const attempt = await this.throttle.reserve(username, client, 'login', AccessErrors.LOGIN_THROTTLED);
    const rows: (ActorRow & { password_hash: string })[] = await this.dataSource.query(
      `SELECT ${ACTOR_COLUMNS}, u.password_hash
         FROM user_account u JOIN organisation o ON o.id = u.organisation_id
        WHERE u.username = $1 AND u.active AND o.active`,
      [username],
    );
    const user = rows[0];
    // Unknown user and wrong password: the same work, the same answer.
    const valid = await this.passwords.verify(user?.password_hash, password);
    if (!user || !valid) {
      await this.throttle.failed(attempt, user?.user_id);
      await this.audit.record({ action: 'auth.login', outcome: 'denied', details: { username, ip: client.ip } });
      throw new AppError(AccessErrors.INVALID_CREDENTIALS);
    }
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await this.throttle.succeeded(manager, attempt);
      const deviceToken = await this.throttle.rememberDevice(manager, user.user_id, client);
      const [session]: { id: string }[] = await manager.query(
        `INSERT INTO auth_session (user_id, created_at, expires_at, ip, user_agent)
         VALUES ($1, $5, $5::timestamptz + make_interval(days => $2), $3, $4) RETURNING id`,
        [user.user_id, this.config.auth.refreshTokenTtlDays, client.ip, client.userAgent?.slice(0, 300) ?? null, now],
      );
      const actor = toActor(user, session.id);
      RequestContext.setActor(actor);
      const tokens = await this.issue(manager, actor);
      await this.audit.record({ action: 'auth.login', outcome: 'allowed', entityType: 'auth_session', entityId: session.id }, manager);
      return { tokens, deviceToken };
    });
  }

  /** Exchanges a refresh token for a new pair; a token used twice revokes its whole login (family). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const rows: (ActorRow & { token_id: string; used_at: Date | null; session_id: string; revoked_at: Date | null; expired: boolean; usable: boolean })[] = await manager.query(
        `SELECT t.id AS token_id, t.used_at, s.id AS session_id, s.revoked_at, s.expires_at <= $2 AS expired,
                  (u.active AND o.active) AS usable, ${ACTOR_COLUMNS}
             FROM refresh_token t
             JOIN auth_session s ON s.id = t.session_id
             JOIN user_account u ON u.id = s.user_id
             JOIN organisation o ON o.id = u.organisation_id
            WHERE t.token_hash = $1
            FOR UPDATE OF t, s`,
        [Tokens.hashRefresh(refreshToken), now],
      );
      const row = rows[0];
      if (!row || row.revoked_at || row.expired || !row.usable) return { error: AccessErrors.TOKEN_INVALID } as const;
      const actor = toActor(row, row.session_id);
      RequestContext.setActor(actor);
      if (row.used_at) {
        await manager.query(`UPDATE auth_session SET revoked_at = $2, revoked_reason = 'refresh token reused' WHERE id = $1`, [row.session_id, now]);
        await this.audit.record({ action: 'auth.refresh_reuse', outcome: 'denied', entityType: 'auth_session', entityId: row.session_id, details: { revoked: true } }, manager);
        return { error: AccessErrors.REFRESH_TOKEN_REUSED, endedSession: row.session_id } as const;
      }
      await manager.query('UPDATE refresh_token SET used_at = $2 WHERE id = $1', [row.token_id, now]);
      await manager.query('UPDATE auth_session SET expires_at = $3::timestamptz + make_interval(days => $2) WHERE id = $1', [
        row.session_id,
        this.config.auth.refreshTokenTtlDays,
        now,
      ]);
      return { pair: await this.issue(manager, actor), error: undefined } as const;
    });
    // The revocation above must commit before the refusal is reported (and the login's open streams end).
    if ('endedSession' in outcome && outcome.endedSession) await this.pubsub.publish(CHANNELS.sessionEnded, { sessionId: outcome.endedSession });
    if (outcome.error) throw new AppError(outcome.error);
    return outcome.pair;
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE auth_session SET revoked_at = $2, revoked_reason = 'logout' WHERE id = $1 AND revoked_at IS NULL`, [actor.sessionId, this.clock.now()]);
      await this.audit.record({ action: 'auth.logout', outcome: 'allowed', entityType: 'auth_session', entityId: actor.sessionId }, manager);
    });
    // Its open notification streams end now, in every api process (others are caught at their next heartbeat).
    await this.pubsub.publish(CHANNELS.sessionEnded, { sessionId: actor.sessionId });
  }

  /**
   * Changes the password and ends every other login of the user; clears the
   * change an administrator's reset required. A wrong current password counts
   * like a failed sign-in of the account from this client (and is throttled
   * alike); the new one must meet the policy and differ from the current one.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, client: SignInClient): Promise<void> {
    const attempt = await this.throttle.reserve(actor.username, client, 'password_change', AccessErrors.PASSWORD_THROTTLED);
    const [row]: { password_hash: string }[] = await this.dataSource.query('SELECT password_hash FROM user_account WHERE id = $1', [actor.userId]);
    if (!(await this.passwords.verify(row?.password_hash, currentPassword))) {
      await this.throttle.failed(attempt, actor.userId);
      await this.audit.record({ action: 'auth.password_change', outcome: 'denied', entityType: 'user_account', entityId: actor.userId });
      throw AppError.field(AccessErrors.WRONG_PASSWORD, 'currentPassword');
    }
    await this.throttle.succeeded(this.dataSource.manager, attempt);
    const problem = passwordProblem(newPassword, actor.username) ?? (newPassword === currentPassword ? '不得与当前密码相同 / must differ from the current password' : undefined);
    if (problem) throw AppError.field(AccessErrors.WEAK_PASSWORD, 'newPassword', problem);
    const hash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await manager.query(
        'UPDATE user_account SET password_hash = $2, password_changed_at = $3, password_change_required = false, version = version + 1, updated_at = now() WHERE id = $1',
        [actor.userId, hash, now],
      );
      await manager.query(`UPDATE auth_session SET revoked_at = $3, revoked_reason = 'password changed' WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`, [
        actor.userId,
        actor.sessionId,
        now,
      ]);
      await this.audit.record({ action: 'auth.password_change', outcome: 'allowed', entityType: 'user_account', entityId: actor.userId }, manager);
    });
  }

  /**
   * The actor behind an access token: the token must verify and its login, user
   * and organisation still be live; undefined for a user who must change their
   * password first (use `authenticate` where that is allowed).
   */
  async actorFor(accessToken: string): Promise<Actor | undefined> {
    const found = await this.authenticate(accessToken);
    return found && !found.passwordChangeRequired ? found.actor : undefined;
  }

  /** The actor behind an access token, and whether an administrator's reset requires them to change their password before anything else. */
  async authenticate(accessToken: string): Promise<Authenticated | undefined> {
    const claims = await this.tokens.verifyAccess(accessToken);
    if (!claims) return undefined;
    const rows: (ActorRow & { password_change_required: boolean })[] = await this.dataSource.query(
      `SELECT ${ACTOR_COLUMNS}, u.password_change_required
         FROM auth_session s
         JOIN user_account u ON u.id = s.user_id
         JOIN organisation o ON o.id = u.organisation_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3 AND u.active AND o.active`,
      [claims.sessionId, claims.userId, this.clock.now()],
    );
    return rows[0] ? { actor: toActor(rows[0], claims.sessionId), passwordChangeRequired: rows[0].password_change_required } : undefined;
  }

  /** Whether a login is still in force (not signed out, revoked or expired; user and organisation active): long-lived streams check it on each heartbeat. */
  async sessionActive(sessionId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM auth_session s JOIN user_account u ON u.id = s.user_id JOIN organisation o ON o.id = u.organisation_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3 AND u.active AND o.active`,
      [sessionId, userId, this.clock.now()],
    );
    return rows.length > 0;
  }

  /** The signed-in user with their organisation's and jurisdiction's names. */
  async me(actor: Actor): Promise<MeView> {
    const [row]: { display_name: string; name: string; jurisdiction_name: string; password_change_required: boolean }[] = await this.dataSource.query(
      `SELECT u.display_name, o.name, j.name AS jurisdiction_name, u.password_change_required
         FROM user_account u JOIN organisation o ON o.id = u.organisation_id JOIN jurisdiction j ON j.code = o.jurisdiction_code
        WHERE u.id = $1`,
      [actor.userId],
    );
    return {
      userId: actor.userId,
      username: actor.username,
      displayName: row.display_name,
      role: actor.role,
      organisation: {
        id: actor.organisationId,
        name: row.name,
        kind: actor.organisationKind,
        jurisdictionCode: actor.jurisdictionCode,
        jurisdictionName: row.jurisdiction_name,
      },
      passwordChangeRequired: row.password_change_required,
    };
  }

  /** Ends every login of a user (deactivation, password reset by an administrator). */
  async revokeAllSessions(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.query(`UPDATE auth_session SET revoked_at = $3, revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, reason, this.clock.now()]);
  }

  private async issue(manager: EntityManager, actor: Actor): Promise<TokenPair> {
    const refresh = this.tokens.newRefreshToken();
    await manager.query('INSERT INTO refresh_token (session_id, token_hash) VALUES ($1, $2)', [actor.sessionId, refresh.hash]);
    return {
      accessToken: await this.tokens.signAccess({ userId: actor.userId, sessionId: actor.sessionId }),
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenTtlSeconds,
    };
  }
}

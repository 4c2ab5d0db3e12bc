import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, FieldCipher, keysetPage, type AuditSink, type Page } from '#app/platform';
import type { Actor } from '../actor.js';
import { AuthService } from '../auth/auth.service.js';
import { passwordProblem, Passwords } from '../auth/passwords.js';
import { AccessErrors } from '../errors.js';
import { prefixOf } from '../jurisdictions/jurisdictions.service.js';
import { isUniqueViolation } from '../organisations/organisations.service.js';
import { ROLE_ORGANISATION_KINDS, ROLES, WORK_HOLDING_ROLES, type OrganisationKind, type Role } from '../roles.js';
import { containsPattern } from '../search.js';
import type { CreateUserDto, HandOverWorkDto, ListUsersQuery, UpdateUserDto } from './users.dto.js';
import { UserWorkloads } from './user-workload.js';
import type { UserView, UserWorkloadView, WorkHandedOverView } from './users.view.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: UserView['role'];
  active: boolean;
  password_change_required: boolean;
  version: number;
  created_at: Date;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: UserView['organisation']['kind'];
  jurisdiction_code: string;
  email_cipher: Buffer | null;
  mobile_cipher: Buffer | null;
}

const USER_COLUMNS = `u.id, u.username, u.display_name, u.role, u.active, u.password_change_required, u.version, u.created_at, u.email_cipher, u.mobile_cipher,
                      o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, o.jurisdiction_code`;
const USER_FROM = 'user_account u JOIN organisation o ON o.id = u.organisation_id';
const SELECT_USER = `SELECT ${USER_COLUMNS} FROM ${USER_FROM}`;

function toView(row: UserRow, cipher: FieldCipher): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active,
    passwordChangeRequired: row.password_change_required,
    version: row.version,
    organisation: {
      id: row.organisation_id,
      name: row.organisation_name,
      kind: row.organisation_kind,
      jurisdictionCode: row.jurisdiction_code,
      roles: ROLES.filter((role) => ROLE_ORGANISATION_KINDS[role].includes(row.organisation_kind)),
    },
    email: cipher.open(row.email_cipher),
    mobile: cipher.open(row.mobile_cipher),
    createdAt: row.created_at,
  };
}

/** What the audit keeps of a contact change: whether it was set or cleared, never the value. */
function contactChanges(input: { email?: string | null; mobile?: string | null }): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const field of ['email', 'mobile'] as const) {
    if (input[field] !== undefined) changes[field] = input[field] ? 'set' : 'cleared';
  }
  return changes;
}

/** 422 naming `role` when the role does not belong to the organisation's kind (a school's user is no police liaison). */
function refuseRoleMismatch(role: Role, kind: OrganisationKind): void {
  if (ROLE_ORGANISATION_KINDS[role].includes(kind)) return;
  throw AppError.field(
    AccessErrors.ROLE_ORGANISATION_MISMATCH,
    'role',
    `该角色属于 ${ROLE_ORGANISATION_KINDS[role].join('、')} 类机构 / a ${role} belongs to ${ROLE_ORGANISATION_KINDS[role].join(' or ')}, not ${kind}`,
  );
}

/**
 * User accounts. Administrators create and manage the users of organisations
 * within their jurisdiction; supervisors may look them up there (to assign
 * caseworkers). Scoped in SQL: anything outside is 404.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly passwords: Passwords,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly workloads: UserWorkloads,
  ) {}

  /** A contact as stored: encrypted; null or '' clears it, undefined leaves it (null in SQL: COALESCE keeps the old one). */
  private sealed(value: string | null | undefined): Buffer | null {
    return value ? this.cipher.encrypt(value.trim()) : null;
  }

  async create(actor: Actor, input: CreateUserDto): Promise<UserView> {
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw AppError.field(AccessErrors.WEAK_PASSWORD, 'password', problem);
    const [organisation]: { kind: OrganisationKind }[] = await this.dataSource.query('SELECT kind FROM organisation WHERE id = $1 AND active AND jurisdiction_code LIKE $2', [
      input.organisationId,
      prefixOf(actor.jurisdictionCode) + '%',
    ]);
    // An organisation outside the administrator's jurisdiction is as unknown as one that does not exist.
    if (!organisation) {
      await this.audit.record({ action: 'user.create', outcome: 'denied', entityType: 'organisation', entityId: input.organisationId });
      throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'organisationId');
    }
    refuseRoleMismatch(input.role, organisation.kind);
    const passwordHash = await this.passwords.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      let id: string;
      try {
        [{ id }] = await manager.query(
          `INSERT INTO user_account (username, display_name, organisation_id, role, password_hash, email_cipher, mobile_cipher) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [input.username, input.displayName.trim(), input.organisationId, input.role, passwordHash, this.sealed(input.email), this.sealed(input.mobile)],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'user_account_username_key')) throw AppError.field(AccessErrors.USERNAME_TAKEN, 'username');
        throw error;
      }
      await this.audit.record(
        { action: 'user.create', outcome: 'allowed', entityType: 'user_account', entityId: id, details: { role: input.role, ...contactChanges(input) } },
        manager,
      );
      return (await this.findScoped(actor, id, manager))!;
    });
  }

  /** A page of the users in the actor's jurisdiction by organisation name and username, searchable by (part of) a username or a name; one query. */
  list(actor: Actor, query: ListUsersQuery): Promise<Page<UserView>> {
    const params: unknown[] = [prefixOf(actor.jurisdictionCode) + '%'];
    const where = ['o.jurisdiction_code LIKE $1'];
    if (query.organisationId) where.push(`o.id = $${params.push(query.organisationId)}`);
    if (query.role) where.push(`u.role = $${params.push(query.role)}`);
    if (query.q) {
      const pattern = `$${params.push(containsPattern(query.q))}`;
      where.push(`(u.username ILIKE ${pattern} OR u.display_name ILIKE ${pattern})`);
    }
    return keysetPage(
      this.dataSource,
      {
        select: USER_COLUMNS,
        from: USER_FROM,
        where,
        params,
        keys: [
          { expr: 'o.name', cast: 'text' },
          { expr: 'u.username', cast: 'text' },
        ],
      },
      query,
      (row: UserRow) => toView(row, this.cipher),
    );
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    const found = await this.findScoped(actor, id);
    if (!found) {
      await this.audit.record({ action: 'user.read', outcome: 'denied', entityType: 'user_account', entityId: id });
      throw new AppError(AccessErrors.NOT_FOUND);
    }
    return found;
  }

  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const version = await this.lockScoped(actor, id, manager, 'user.update');
      if (input.expectedVersion !== undefined && input.expectedVersion !== version) {
        throw new AppError(AccessErrors.STALE_VERSION, { details: { expectedVersion: input.expectedVersion, currentVersion: version } });
      }
      const [current]: { role: Role; organisation_kind: OrganisationKind }[] = await manager.query(
        'SELECT u.role, o.kind AS organisation_kind FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1',
        [id],
      );
      const newRole = input.role !== undefined && input.role !== current.role ? input.role : undefined;
      // An administrator cannot lock themselves out, nor leave the jurisdiction without one: another administrator does it.
      if (id === actor.userId && (newRole || input.active === false)) {
        throw AppError.field(AccessErrors.OWN_ACCOUNT, newRole ? 'role' : 'active');
      }
      if (newRole) {
        refuseRoleMismatch(newRole, current.organisation_kind);
        if (!WORK_HOLDING_ROLES.includes(newRole)) await this.refuseWhileHolding(manager, id, 'role');
      }
      await manager.query(
        `UPDATE user_account SET display_name = COALESCE($2, display_name), active = COALESCE($3, active), role = COALESCE($8, role),
                email_cipher = CASE WHEN $5 THEN $4 ELSE email_cipher END, mobile_cipher = CASE WHEN $7 THEN $6 ELSE mobile_cipher END,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [
          id,
          input.displayName?.trim() ?? null,
          input.active ?? null,
          this.sealed(input.email),
          input.email !== undefined,
          this.sealed(input.mobile),
          input.mobile !== undefined,
          newRole ?? null,
        ],
      );
      if (input.active === false) {
        await this.refuseWhileHolding(manager, id, 'deactivate');
        await this.auth.revokeAllSessions(manager, id, 'deactivated');
      } else if (newRole) {
        // The user's workspace follows the role: they sign in again into the new one.
        await this.auth.revokeAllSessions(manager, id, 'role changed');
      }
      const { expectedVersion: _seen, email: _email, mobile: _mobile, role: _role, ...changes } = input;
      await this.audit.record(
        {
          action: 'user.update',
          outcome: 'allowed',
          entityType: 'user_account',
          entityId: id,
          details: { ...changes, ...(newRole ? { role: newRole, previousRole: current.role } : {}), ...contactChanges(input) },
        },
        manager,
      );
      return (await this.findScoped(actor, id, manager))!;
    });
  }

  /**
   * An administrator sets a new password (the user forgot theirs); every login
   * of the user ends, and the user must change it at their next sign-in (the
   * administrator knows it): until then the API refuses the rest.
   */
  async resetPassword(actor: Actor, id: string, newPassword: string): Promise<void> {
    const target = await this.findScoped(actor, id);
    if (!target) {
      await this.audit.record({ action: 'user.password_reset', outcome: 'denied', entityType: 'user_account', entityId: id });
      throw new AppError(AccessErrors.NOT_FOUND);
    }
    const problem = passwordProblem(newPassword, target.username);
    if (problem) throw AppError.field(AccessErrors.WEAK_PASSWORD, 'newPassword', problem);
    const hash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.lockScoped(actor, id, manager, 'user.password_reset');
      await manager.query(
        'UPDATE user_account SET password_hash = $2, password_changed_at = $3, password_change_required = true, version = version + 1, updated_at = now() WHERE id = $1',
        [id, hash, this.clock.now()],
      );
      await this.auth.revokeAllSessions(manager, id, 'password reset by an administrator');
      await this.audit.record({ action: 'user.password_reset', outcome: 'allowed', entityType: 'user_account', entityId: id }, manager);
    });
  }

  /** What the user still holds (the administrator checks before deactivating). */
  async workload(actor: Actor, id: string): Promise<UserWorkloadView> {
    await this.get(actor, id);
    return { files: 0, reminders: 0, ...(await this.workloads.held(this.dataSource.manager, id)) };
  }

  /**
   * Hands a user's open files (with their visits) and open reminders to an
   * active caseworker or supervisor of the same organisation, so that the user
   * can be deactivated and nothing escalates to nobody. One transaction; audited.
   */
  async handOver(actor: Actor, id: string, input: HandOverWorkDto): Promise<WorkHandedOverView> {
    if (input.toUserId === id) throw AppError.field(AccessErrors.HANDOVER_TO_SELF, 'toUserId');
    return this.dataSource.transaction(async (manager) => {
      await this.lockScoped(actor, id, manager, 'user.handover');
      const [from]: { organisation_id: string }[] = await manager.query('SELECT organisation_id FROM user_account WHERE id = $1', [id]);
      const [to]: { id: string }[] = await manager.query(`SELECT id FROM user_account WHERE id = $1 AND organisation_id = $2 AND active AND role = ANY($3)`, [
        input.toUserId,
        from.organisation_id,
        WORK_HOLDING_ROLES,
      ]);
      if (!to) {
        throw AppError.field(AccessErrors.UNKNOWN_USER, 'toUserId', '须为同一机构的在岗个案工作者或主管 / must be an active caseworker or supervisor of the same organisation');
      }
      const moved = await this.workloads.handOver(
        manager,
        actor,
        { id, organisationId: from.organisation_id },
        { id: input.toUserId, organisationId: from.organisation_id },
        input.reason,
      );
      await this.audit.record(
        { action: 'user.handover', outcome: 'allowed', entityType: 'user_account', entityId: id, purpose: input.reason, details: { toUserId: input.toUserId, ...moved } },
        manager,
      );
      return { toUserId: input.toUserId, files: 0, reminders: 0, ...moved };
    });
  }

  /**
   * Reminders must never escalate to nobody: someone still holding files or
   * reminders stays active, and a caseworker or supervisor, until they are
   * handed over.
   */
  private async refuseWhileHolding(manager: EntityManager, id: string, change: 'deactivate' | 'role'): Promise<void> {
    const held = await this.workloads.held(manager, id);
    if (Object.keys(held).length === 0) return;
    const files = held.files ?? 0;
    const reminders = held.reminders ?? 0;
    await this.audit.record({
      action: 'user.update',
      outcome: 'denied',
      entityType: 'user_account',
      entityId: id,
      details: { code: AccessErrors.USER_HOLDS_WORK.code, change, held },
    });
    const [zh, en] = change === 'role' ? ['更改其角色', 'changing their role'] : ['停用', 'deactivating'];
    throw new AppError(AccessErrors.USER_HOLDS_WORK, {
      message:
        `该用户仍负责 ${files} 份未结档案、${reminders} 条待办提醒，请先移交给同事再${zh} / ` +
        `The user still holds ${files} open files and ${reminders} open reminders: hand them over to a colleague before ${en}`,
      details: { held: { files, reminders } },
    });
  }

  private async findScoped(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<UserView | undefined> {
    const rows: UserRow[] = await manager.query(`${SELECT_USER} WHERE u.id = $1 AND o.jurisdiction_code LIKE $2`, [id, prefixOf(actor.jurisdictionCode) + '%']);
    return rows[0] ? toView(rows[0], this.cipher) : undefined;
  }

  /** Locks a user of the actor's jurisdiction and answers its version; 404 (on record) for anyone else. */
  private async lockScoped(actor: Actor, id: string, manager: EntityManager, action: string): Promise<number> {
    const rows: { version: number }[] = await manager.query(
      `SELECT u.version FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1 AND o.jurisdiction_code LIKE $2 FOR UPDATE OF u`,
      [id, prefixOf(actor.jurisdictionCode) + '%'],
    );
    if (rows.length === 0) {
      await this.audit.record({ action, outcome: 'denied', entityType: 'user_account', entityId: id });
      throw new AppError(AccessErrors.NOT_FOUND);
    }
    return rows[0].version;
  }
}

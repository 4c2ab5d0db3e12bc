import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppError, AUDIT_SINK, Clock, keysetPage, type AppConfig, type AuditSink, type Page, type PageQuery } from '#app/platform';
import type { Actor } from '../actor.js';
import { AccessErrors } from '../errors.js';
import { prefixOf } from '../jurisdictions/jurisdictions.service.js';
import { fileReach } from '../scope/file-scope.js';
import type { EmergencyAccessView } from './emergency-access.view.js';

interface Row {
  id: string;
  file_id: string;
  reference: string;
  user_id: string;
  username: string;
  display_name: string;
  organisation_name: string;
  reason: string;
  granted_at: Date;
  expires_at: Date;
  active: boolean;
  seconds_left: number;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

/** `now` is the placeholder of the clock's time: an access is active until it expires. */
const columns = (now: string) => `e.id, e.file_id, f.reference, e.user_id, u.username, u.display_name, o.name AS organisation_name, e.reason,
                                  e.granted_at, e.expires_at, e.expires_at > ${now}::timestamptz AS active,
                                  greatest(0, ceil(extract(epoch FROM e.expires_at - ${now}::timestamptz)))::int AS seconds_left, r.username AS reviewed_by, e.reviewed_at, e.review_note`;
const FROM = `emergency_access e
              JOIN victim_file f ON f.id = e.file_id
              JOIN user_account u ON u.id = e.user_id
              JOIN organisation o ON o.id = u.organisation_id
              LEFT JOIN user_account r ON r.id = e.reviewed_by`;
const select = (now: string) => `SELECT ${columns(now)} FROM ${FROM}`;

function toView(row: Row): EmergencyAccessView {
  return {
    id: row.id,
    fileId: row.file_id,
    fileReference: row.reference,
    user: { id: row.user_id, username: row.username, displayName: row.display_name, organisationName: row.organisation_name },
    reason: row.reason,
    grantedAt: row.granted_at,
    expiresAt: row.expires_at,
    active: row.active,
    secondsLeft: row.seconds_left,
    review: row.reviewed_at ? { by: row.reviewed_by ?? '', at: row.reviewed_at, note: row.review_note ?? '' } : null,
  };
}

/**
 * "Break the glass": a supervisor opens a file outside their scope for a
 * limited time (default 4 hours) by giving a reason. The access is flagged in
 * the audit record, listed for review by the level above, and ends by itself.
 */
@Injectable()
export class EmergencyAccessService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly clock: Clock,
  ) {}

  async open(actor: Actor, fileId: string, reason: string): Promise<EmergencyAccessView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const file = await fileReach(manager, actor, fileId, now);
      if (!file) {
        await this.audit.record({ action: 'file.emergency_access', outcome: 'denied', entityType: 'victim_file', entityId: fileId, purpose: reason });
        throw new AppError(AccessErrors.NOT_FOUND);
      }
      if (file.inScope) throw new AppError(AccessErrors.ALREADY_IN_SCOPE);
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO emergency_access (user_id, file_id, reason, granted_at, expires_at) VALUES ($1, $2, $3, $5, $5::timestamptz + make_interval(hours => $4)) RETURNING id`,
        [actor.userId, fileId, reason.trim(), this.config.emergencyAccessHours, now],
      );
      const [row]: Row[] = await manager.query(`${select('$2')} WHERE e.id = $1`, [id, now]);
      await this.audit.record(
        {
          action: 'file.emergency_access',
          outcome: 'allowed',
          entityType: 'victim_file',
          entityId: fileId,
          fileIds: [fileId],
          purpose: reason.trim(),
          details: { flagged: true, emergencyAccessId: id, expiresAt: row.expires_at },
        },
        manager,
      );
      return toView(row);
    });
  }

  /** One's own emergency accesses, active first, the newest first; one query per page. */
  mine(actor: Actor, query: PageQuery): Promise<Page<EmergencyAccessView>> {
    const params: unknown[] = [actor.userId, this.clock.now()];
    return keysetPage(
      this.dataSource,
      {
        select: columns('$2'),
        from: FROM,
        where: ['e.user_id = $1'],
        params,
        keys: [
          { expr: '(e.expires_at > $2::timestamptz)', cast: 'boolean' },
          { expr: 'e.granted_at', cast: 'timestamptz' },
          { expr: 'e.id', cast: 'uuid' },
        ],
        direction: 'desc',
      },
      query,
      toView,
    );
  }

  /**
   * For review by the next level: a supervisor sees those opened by users of
   * organisations strictly below their jurisdiction; an administrator, all
   * within theirs. The newest first; one query per page.
   */
  forReview(actor: Actor, status: 'unreviewed' | 'all', query: PageQuery): Promise<Page<EmergencyAccessView>> {
    const params: unknown[] = [prefixOf(actor.jurisdictionCode) + '%', this.clock.now()];
    const where = ['o.jurisdiction_code LIKE $1'];
    if (actor.role !== 'administrator') where.push(`o.jurisdiction_code <> $${params.push(actor.jurisdictionCode)}`);
    if (status === 'unreviewed') where.push('e.reviewed_at IS NULL');
    return keysetPage(
      this.dataSource,
      {
        select: columns('$2'),
        from: FROM,
        where,
        params,
        keys: [
          { expr: 'e.granted_at', cast: 'timestamptz' },
          { expr: 'e.id', cast: 'uuid' },
        ],
        direction: 'desc',
      },
      query,
      toView,
    );
  }

  async review(actor: Actor, id: string, note: string): Promise<EmergencyAccessView> {
    return this.dataSource.transaction(async (manager) => {
      const visible = await this.forReviewIds(actor, id, manager);
      if (!visible) {
        await this.audit.record({ action: 'emergency_access.review', outcome: 'denied', entityType: 'emergency_access', entityId: id });
        throw new AppError(AccessErrors.NOT_FOUND);
      }
      if (visible.reviewed) throw new AppError(AccessErrors.ALREADY_REVIEWED);
      const now = this.clock.now();
      await manager.query('UPDATE emergency_access SET reviewed_by = $2, reviewed_at = $4, review_note = $3 WHERE id = $1', [id, actor.userId, note.trim(), now]);
      const [row]: Row[] = await manager.query(`${select('$2')} WHERE e.id = $1`, [id, now]);
      await this.audit.record(
        { action: 'emergency_access.review', outcome: 'allowed', entityType: 'emergency_access', entityId: id, fileIds: [row.file_id], details: { note: note.trim() } },
        manager,
      );
      return toView(row);
    });
  }

  private async forReviewIds(actor: Actor, id: string, manager: DataSource['manager']): Promise<{ reviewed: boolean } | undefined> {
    const params: unknown[] = [id, prefixOf(actor.jurisdictionCode) + '%'];
    const strictly = actor.role === 'administrator' ? '' : `AND o.jurisdiction_code <> $${params.push(actor.jurisdictionCode)}`;
    const rows: { reviewed: boolean }[] = await manager.query(
      `SELECT e.reviewed_at IS NOT NULL AS reviewed FROM emergency_access e
         JOIN user_account u ON u.id = e.user_id JOIN organisation o ON o.id = u.organisation_id
        WHERE e.id = $1 AND o.jurisdiction_code LIKE $2 ${strictly} FOR UPDATE OF e`,
      params,
    );
    return rows[0];
  }
}

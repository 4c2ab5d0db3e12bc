import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, keysetPage, type AuditSink, type Page } from '#app/platform';
import type { Actor } from '#app/access';
import { FollowupErrors } from '../errors.js';
import type { NotificationCounts, NotificationView } from './notification.view.js';
import type { NotificationsQuery } from './notifications.dto.js';

interface Row extends Omit<NotificationView, 'createdAt'> {
  created_at: Date;
}

/** One's own inbox (R17): the notifications reminders and escalations left for the signed-in user, newest first. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly clock: Clock,
  ) {}

  /** One query per page whatever its size (the file reference and the reminder's status are joined). */
  list(actor: Actor, query: NotificationsQuery): Promise<Page<NotificationView>> {
    const params: unknown[] = [actor.userId];
    const where = ['n.recipient_user_id = $1'];
    if (query.unread === 'true') where.push('n.read_at IS NULL');
    if (query.unread === 'false') where.push('n.read_at IS NOT NULL');
    return keysetPage(
      this.dataSource,
      {
        select: `n.id, n.kind, n.title, n.body, n.file_id AS "fileId", f.reference AS "fileReference", n.reminder_id AS "reminderId", n.subject_type AS "subjectType", n.subject_id AS "subjectId",
                 n.escalation_level AS "escalationLevel", r.status AS "reminderStatus", n.created_at, n.read_at AS "readAt"`,
        from: 'notification n LEFT JOIN victim_file f ON f.id = n.file_id LEFT JOIN reminder r ON r.id = n.reminder_id',
        where,
        params,
        keys: [
          { expr: 'n.created_at', cast: 'timestamptz' },
          { expr: 'n.id', cast: 'uuid' },
        ],
        direction: 'desc',
      },
      query,
      ({ created_at, ...rest }: Row): NotificationView => ({ ...rest, createdAt: created_at }),
    );
  }

  async counts(actor: Actor): Promise<NotificationCounts> {
    const rows: { kind: string; unread: number; total: number }[] = await this.dataSource.query(
      `SELECT kind, count(*) FILTER (WHERE read_at IS NULL)::int AS unread, count(*)::int AS total FROM notification WHERE recipient_user_id = $1 GROUP BY kind`,
      [actor.userId],
    );
    return {
      unread: rows.reduce((sum, row) => sum + row.unread, 0),
      total: rows.reduce((sum, row) => sum + row.total, 0),
      unreadByKind: Object.fromEntries(rows.filter((row) => row.unread > 0).map((row) => [row.kind, row.unread])),
    };
  }

  /** Another person's notification is as unknown as a missing one (404, on record). */
  async read(actor: Actor, id: string): Promise<void> {
    const [, count]: [unknown[], number] = await this.dataSource.query('UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND recipient_user_id = $2', [
      id,
      actor.userId,
      this.clock.now(),
    ]);
    if (count === 0) {
      await this.audit.record({ action: 'notification.read', outcome: 'denied', entityType: 'notification', entityId: id });
      throw new AppError(FollowupErrors.NOTIFICATION_NOT_FOUND);
    }
  }

  async readAll(actor: Actor): Promise<void> {
    await this.dataSource.query('UPDATE notification SET read_at = $2 WHERE recipient_user_id = $1 AND read_at IS NULL', [actor.userId, this.clock.now()]);
  }
}

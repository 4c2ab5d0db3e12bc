import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, CHANNELS, Clock, Outbox, PubSub, QUEUES, type AppConfig } from '#app/platform';
import type { Role } from '#app/access';

/** Who an event concerns: named users, and (the active staff of) organisations, optionally only some roles. */
export interface Addressees {
  users?: readonly (string | null | undefined)[];
  organisations?: readonly { id: string | null | undefined; roles?: readonly Role[] }[];
  /** Left out whatever else says (whoever caused the event). */
  except?: readonly string[];
}

/** An event's notice in the inbox of everyone it concerns. */
export interface EventNotice {
  /** The domain event's id (`TypedDomainEvent.eventId`): one notification per event and person, however often it is handled. */
  eventId: string;
  to: Addressees;
  kind: string;
  /** `中文 / English`, naming the thing, never more of the person than the recipient may see (R16, R22). */
  title: string;
  body: string;
  fileId: string | null;
  subjectType: string;
  subjectId: string;
  /** Also through the configured outgoing channel (NOTIFY_CHANNEL): new referrals (R12–R18). */
  outgoing?: boolean;
}

/**
 * Writes notices of domain events into people's inboxes, exactly once per
 * event and person (a unique key on event id and recipient: an event relayed
 * again or a retried job adds nothing), and queues the outgoing channel for
 * the new rows only, in the same transaction.
 */
@Injectable()
export class InboxWriter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly pubsub: PubSub,
  ) {}

  async deliver(notice: EventNotice): Promise<number> {
    const users = (notice.to.users ?? []).filter((id): id is string => Boolean(id));
    const organisations = (notice.to.organisations ?? []).filter((o): o is { id: string; roles?: readonly Role[] } => Boolean(o.id));
    const written = await this.dataSource.transaction(async (manager) => {
      const rows: { id: string; recipient_user_id: string }[] = await manager.query(
        `WITH addressed AS (
           SELECT id FROM user_account WHERE id = ANY($1::uuid[]) AND active
           UNION
           SELECT u.id FROM user_account u JOIN jsonb_to_recordset($2::jsonb) AS o(id uuid, roles text[]) ON u.organisation_id = o.id
            WHERE u.active AND u.role NOT IN ('statistician', 'administrator') AND (o.roles IS NULL OR u.role = ANY(o.roles))
         )
         INSERT INTO notification (recipient_user_id, event_id, kind, title, body, file_id, subject_type, subject_id, created_at)
         SELECT id, $3, $4, $5, $6, $7, $8, $9, $11 FROM addressed WHERE id <> ALL($10::uuid[])
         ON CONFLICT (event_id, recipient_user_id) WHERE event_id IS NOT NULL DO NOTHING
         RETURNING id, recipient_user_id`,
        [
          users,
          JSON.stringify(organisations.map((o) => ({ id: o.id, roles: o.roles ?? null }))),
          notice.eventId,
          notice.kind,
          notice.title,
          notice.body,
          notice.fileId,
          notice.subjectType,
          notice.subjectId,
          notice.to.except ?? [],
          this.clock.now(),
        ],
      );
      if (notice.outgoing && this.config.notify.channel !== 'none') {
        for (const row of rows) await this.outbox.publish(manager, QUEUES.outgoingNotifications, 'send', { notificationId: row.id });
      }
      return rows;
    });
    // After the commit: the open streams of the people told refetch their inbox (several api processes: Redis pub/sub).
    if (written.length > 0) await this.pubsub.publish(CHANNELS.notificationsWritten, { userIds: written.map((row) => row.recipient_user_id) });
    return written.length;
  }
}

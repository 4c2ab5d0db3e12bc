import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AUDIT_SINK,
  CHANNELS,
  Clock,
  Outbox,
  ProcessorFor,
  PubSub,
  QUEUES,
  type AppConfig,
  type AuditSink,
  type EscalationPayload,
  type QueueProcessor,
  type ReminderDuePayload,
} from '#app/platform';
import { halves, prefixed, prefixedSql } from './halves.js';
import { recipientsOf, SELECT_REMINDER, type LadderStep, type ReminderRow } from './recipients.js';

const STEP_TITLES: Record<LadderStep, string> = {
  assignee: '到期提醒 / Due',
  supervisor: '逾期未处理，请督办 / Overdue: please follow it up',
  parent_bureau: '下级逾期未处理，请督办 / Overdue at the level below: please follow it up',
};

/** Inbox rows for a reminder's step, once per person (a retry adds nothing); the outgoing channel through the outbox. Returns who got a new row. */
async function notify(manager: EntityManager, outbox: Outbox, config: AppConfig, reminder: ReminderRow, level: number, recipients: string[]): Promise<string[]> {
  if (recipients.length === 0) return [];
  const step = config.reminders.escalationLadder[level];
  const rows: { id: string; recipient_user_id: string }[] = await manager.query(
    `INSERT INTO notification (recipient_user_id, reminder_id, escalation_level, kind, title, body, file_id)
     SELECT unnest($1::uuid[]), $2, $3, $4, $5, $6, $7
     ON CONFLICT (reminder_id, escalation_level, recipient_user_id) WHERE reminder_id IS NOT NULL DO NOTHING
     RETURNING id, recipient_user_id`,
    [recipients, reminder.id, level, reminder.kind, prefixed(STEP_TITLES[step], reminder.title), `due ${reminder.due_at.toISOString()}`, reminder.file_id],
  );
  if (config.notify.channel !== 'none') {
    for (const row of rows) await outbox.publish(manager, QUEUES.outgoingNotifications, 'send', { notificationId: row.id });
  }
  return rows.map((row) => row.recipient_user_id);
}

/**
 * Delivers a due reminder to its assignee's inbox and marks it delivered in
 * the same transaction: a retried job (a worker killed after the commit, a
 * re-enqueue after Redis lost it) finds it delivered and does nothing.
 */
@Injectable()
@ProcessorFor(QUEUES.reminders)
export class ReminderDelivery implements QueueProcessor<ReminderDuePayload> {
  private readonly logger = new Logger('ReminderDelivery');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly pubsub: PubSub,
  ) {}

  /**
   * One statement for the whole batch, so one round trip and atomic without a
   * transaction of its own: lock the batch's reminders that are due and still
   * scheduled, find who to tell (the assignee, or the organisation's
   * caseworkers and supervisors), insert their inbox rows (once each), mark
   * the reminders delivered, and queue the outgoing channel in the outbox.
   */
  async process(payload: ReminderDuePayload): Promise<{ delivered: number; notifications: number; notDueYet: number }> {
    const ladder = this.config.reminders.escalationLadder;
    const outgoing = this.config.notify.channel !== 'none';
    const [dueZh, dueEn] = halves(STEP_TITLES.assignee);
    const [result]: { delivered: number; notifications: number; not_due: number; unheard: number; recipients: string[] | null }[] = await this.dataSource.query(
      `WITH target AS (
         SELECT r.id, r.kind, r.title, r.file_id, r.due_at, r.assignee_user_id, r.assignee_organisation_id, r.status,
                r.due_at <= $6::timestamptz + interval '1 second' AS due
           FROM reminder r WHERE r.id = ANY($1::uuid[]) ORDER BY r.id FOR UPDATE
       ),
       deliverable AS (SELECT * FROM target WHERE status = 'scheduled' AND due),
       recipients AS (
         SELECT d.id AS reminder_id, u.id AS user_id FROM deliverable d JOIN user_account u ON u.id = d.assignee_user_id AND u.active
         UNION ALL
         SELECT d.id, u.id FROM deliverable d JOIN user_account u ON u.organisation_id = d.assignee_organisation_id
          WHERE u.active AND u.role <> 'administrator' AND (u.role <> 'statistician' OR d.file_id IS NULL)
            AND NOT EXISTS (SELECT 1 FROM user_account a WHERE a.id = d.assignee_user_id AND a.active)
       ),
       inbox AS (
         INSERT INTO notification (recipient_user_id, reminder_id, escalation_level, kind, title, body, file_id)
         SELECT rc.user_id, d.id, 0, d.kind, ${prefixedSql('d.title', '$2::text', '$7::text')}, 'due ' || to_char(d.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), d.file_id
           FROM deliverable d JOIN recipients rc ON rc.reminder_id = d.id
         ON CONFLICT (reminder_id, escalation_level, recipient_user_id) WHERE reminder_id IS NOT NULL DO NOTHING
         RETURNING id, recipient_user_id
       ),
       outgoing AS (
         INSERT INTO outbox (queue, job_name, payload)
         SELECT 'outgoing-notifications', 'send', jsonb_build_object('notificationId', id) FROM inbox WHERE $3
         RETURNING id
       ),
       marked AS (
         UPDATE reminder SET status = 'delivered', delivered_at = $6,
                next_escalation_at = CASE WHEN $4 > 1 THEN greatest(due_at, $6) + make_interval(secs => $5) END
          WHERE id IN (SELECT id FROM deliverable) RETURNING id
       )
       SELECT (SELECT count(*)::int FROM marked) AS delivered, (SELECT count(*)::int FROM inbox) AS notifications,
              (SELECT count(*)::int FROM target WHERE status = 'scheduled' AND NOT due) AS not_due,
              (SELECT count(*)::int FROM deliverable d WHERE NOT EXISTS (SELECT 1 FROM recipients rc WHERE rc.reminder_id = d.id)) AS unheard,
              (SELECT count(*) FROM outgoing) AS queued,
              (SELECT array_agg(DISTINCT recipient_user_id) FROM inbox) AS recipients`,
      [payload.reminderIds, dueZh, outgoing, ladder.length, this.config.reminders.escalationGraceHours * 3600, this.clock.now(), dueEn],
    );
    // A reminder moved later after this job was made is not due yet: the job of its new time delivers it.
    // Committed (one statement): the recipients' open streams look now, whichever api process holds them.
    if (result.recipients?.length) await this.pubsub.publish(CHANNELS.notificationsWritten, { userIds: result.recipients });
    if (result.unheard > 0) this.logger.warn(`${result.unheard} reminder(s) delivered with nobody active to tell`);
    return { delivered: result.delivered, notifications: result.notifications, notDueYet: result.not_due };
  }
}

/** One step up the ladder for a reminder still unacknowledged; each step a notification and an audit record (R17, R21). */
@Injectable()
@ProcessorFor(QUEUES.escalations)
export class ReminderEscalation implements QueueProcessor<EscalationPayload> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly pubsub: PubSub,
  ) {}

  async process(payload: EscalationPayload): Promise<{ notified: number } | { skipped: string }> {
    const ladder = this.config.reminders.escalationLadder;
    if (payload.level >= ladder.length) return { skipped: 'beyond the ladder' };
    let told: string[] = [];
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [reminder]: ReminderRow[] = await manager.query(`${SELECT_REMINDER} WHERE r.id = $1 FOR UPDATE OF r`, [payload.reminderId]);
      if (!reminder || reminder.status !== 'delivered') return { skipped: reminder ? `already ${reminder.status}` : 'no such reminder' };
      if (reminder.escalation_level >= payload.level) return { skipped: 'already escalated' };
      const step = ladder[payload.level];
      const recipients = await recipientsOf(manager, reminder, step);
      const notified = await notify(manager, this.outbox, this.config, reminder, payload.level, recipients);
      told = notified;
      const last = payload.level + 1 >= ladder.length;
      await manager.query(
        `UPDATE reminder SET escalation_level = $2, next_escalation_at = CASE WHEN $3 THEN NULL ELSE $5::timestamptz + make_interval(secs => $4) END WHERE id = $1`,
        [reminder.id, payload.level, last, this.config.reminders.escalationGraceHours * 3600, this.clock.now()],
      );
      await this.audit.record(
        {
          action: 'reminder.escalate',
          outcome: 'allowed',
          entityType: 'reminder',
          entityId: reminder.id,
          fileIds: reminder.file_id ? [reminder.file_id] : [],
          details: { step, level: payload.level, kind: reminder.kind, recipients: recipients.length },
          jurisdictionCode: reminder.jurisdiction_code,
        },
        manager,
      );
      return { notified: notified.length };
    });
    // After the commit: the recipients' open streams look now.
    if (told.length) await this.pubsub.publish(CHANNELS.notificationsWritten, { userIds: told });
    return outcome;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AUDIT_SINK,
  Outbox,
  ProcessorFor,
  QUEUES,
  type AppConfig,
  type AuditSink,
  type EscalationPayload,
  type QueueProcessor,
  type ReminderDuePayload,
} from '#app/platform';
import { recipientsOf, SELECT_REMINDER, type LadderStep, type ReminderRow } from './recipients.js';

const STEP_TITLES: Record<LadderStep, string> = {
  assignee: '到期提醒 / Due',
  supervisor: '逾期未处理，请督办 / Overdue: please follow it up',
  parent_bureau: '下级逾期未处理，请督办 / Overdue at the level below: please follow it up',
};

/** Inbox rows for a reminder's step, once per person (a retry adds nothing); the outgoing channel through the outbox. */
async function notify(manager: EntityManager, outbox: Outbox, config: AppConfig, reminder: ReminderRow, level: number, recipients: string[]): Promise<number> {
  if (recipients.length === 0) return 0;
  const step = config.reminders.escalationLadder[level];
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO notification (recipient_user_id, reminder_id, escalation_level, kind, title, body, file_id)
     SELECT unnest($1::uuid[]), $2, $3, $4, $5, $6, $7
     ON CONFLICT (reminder_id, escalation_level, recipient_user_id) WHERE reminder_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [recipients, reminder.id, level, reminder.kind, `${STEP_TITLES[step]}：${reminder.title}`, `due ${reminder.due_at.toISOString()}`, reminder.file_id],
  );
  if (config.notify.channel !== 'none') {
    for (const row of rows) await outbox.publish(manager, QUEUES.outgoingNotifications, 'send', { notificationId: row.id });
  }
  return rows.length;
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
  ) {}

  async process(payload: ReminderDuePayload): Promise<{ delivered: number } | { skipped: string }> {
    return this.dataSource.transaction(async (manager) => {
      const [reminder]: ReminderRow[] = await manager.query(`${SELECT_REMINDER} WHERE r.id = $1 FOR UPDATE OF r`, [payload.reminderId]);
      if (!reminder) return { skipped: 'no such reminder' };
      if (reminder.status !== 'scheduled') return { skipped: `already ${reminder.status}` };
      // Moved to a later time after this job was made: the job of the new time delivers it.
      if (reminder.due_at.getTime() > Date.now() + 1000) return { skipped: 'not due yet' };
      const recipients = await recipientsOf(manager, reminder, 'assignee');
      if (recipients.length === 0) this.logger.warn(`reminder ${reminder.id}: nobody active to tell in organisation ${reminder.assignee_organisation_id}`);
      const delivered = await notify(manager, this.outbox, this.config, reminder, 0, recipients);
      await manager.query(
        `UPDATE reminder SET status = 'delivered', delivered_at = now(),
                next_escalation_at = CASE WHEN $2 > 1 THEN greatest(due_at, now()) + make_interval(secs => $3) END
          WHERE id = $1`,
        [reminder.id, this.config.reminders.escalationLadder.length, this.config.reminders.escalationGraceHours * 3600],
      );
      return { delivered };
    });
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
  ) {}

  async process(payload: EscalationPayload): Promise<{ notified: number } | { skipped: string }> {
    const ladder = this.config.reminders.escalationLadder;
    if (payload.level >= ladder.length) return { skipped: 'beyond the ladder' };
    return this.dataSource.transaction(async (manager) => {
      const [reminder]: ReminderRow[] = await manager.query(`${SELECT_REMINDER} WHERE r.id = $1 FOR UPDATE OF r`, [payload.reminderId]);
      if (!reminder || reminder.status !== 'delivered') return { skipped: reminder ? `already ${reminder.status}` : 'no such reminder' };
      if (reminder.escalation_level >= payload.level) return { skipped: 'already escalated' };
      const step = ladder[payload.level];
      const recipients = await recipientsOf(manager, reminder, step);
      const notified = await notify(manager, this.outbox, this.config, reminder, payload.level, recipients);
      const last = payload.level + 1 >= ladder.length;
      await manager.query(
        `UPDATE reminder SET escalation_level = $2, next_escalation_at = CASE WHEN $3 THEN NULL ELSE now() + make_interval(secs => $4) END WHERE id = $1`,
        [reminder.id, payload.level, last, this.config.reminders.escalationGraceHours * 3600],
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
      return { notified };
    });
  }
}

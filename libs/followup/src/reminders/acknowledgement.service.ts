import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, type AuditSink } from '#app/platform';
import { prefixOf, type Actor } from '#app/access';
import { FollowupErrors } from '../errors.js';
import { RemindersService } from './reminders.service.js';

/**
 * "I am on it" (R17): the reminder stops escalating. Its assignee may say so,
 * whoever it reached (a notification of it), or a supervisor above the
 * assignee's organisation; anyone else gets 404, on record.
 */
@Injectable()
export class ReminderAcknowledgement {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly reminders: RemindersService,
  ) {}

  async acknowledge(actor: Actor, id: string): Promise<void> {
    const refused = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query(
        `SELECT r.id FROM reminder r JOIN organisation o ON o.id = r.assignee_organisation_id
          WHERE r.id = $1 AND (r.assignee_user_id = $2
                OR EXISTS (SELECT 1 FROM notification n WHERE n.reminder_id = r.id AND n.recipient_user_id = $2)
                OR ($3 = 'supervisor' AND o.jurisdiction_code LIKE $4))
          FOR UPDATE OF r`,
        [id, actor.userId, actor.role, prefixOf(actor.jurisdictionCode) + '%'],
      );
      if (rows.length === 0) return true;
      await this.reminders.acknowledge(manager, [id], actor.userId);
      await this.audit.record({ action: 'reminder.acknowledge', outcome: 'allowed', entityType: 'reminder', entityId: id }, manager);
      return false;
    });
    if (refused) {
      await this.audit.record({ action: 'reminder.acknowledge', outcome: 'denied', entityType: 'reminder', entityId: id });
      throw new AppError(FollowupErrors.REMINDER_NOT_FOUND);
    }
  }
}

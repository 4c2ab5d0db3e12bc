import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '#app/platform';

export const REMINDER_KINDS = ['followup_visit', 'referral_accept_by', 'referral_complete_by', 'household_registration', 'age_milestone', 'statistics_deadline', 'other'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface NewReminder {
  kind: ReminderKind;
  title: string;
  dueAt: Date;
  /** Whoever must act; null: every caseworker and supervisor of the organisation. */
  assigneeUserId: string | null;
  assigneeOrganisationId: string;
  fileId?: string | null;
  subjectType?: string;
  subjectId?: string;
  /** Makes scheduling idempotent: the same key schedules once (e.g. `visit:<id>`). */
  dedupeKey?: string;
  /** An organisation whose supervisors are told too when it escalates (the referring bureau of a referral). */
  escalateToOrganisationId?: string | null;
}

/**
 * Reminders as data (R17): every due thing is a row in PostgreSQL with its due
 * time, subject and assignee. The worker moves those entering the near-term
 * window into Redis, delivers them when due, and escalates the unacknowledged.
 * Other capabilities schedule and cancel through this service, in their own
 * transaction.
 */
@Injectable()
export class RemindersService {
  constructor(private readonly clock: Clock) {}

  async schedule(manager: EntityManager, reminder: NewReminder): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO reminder (kind, dedupe_key, title, file_id, subject_type, subject_id, due_at, assignee_user_id, assignee_organisation_id, escalate_to_organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key
       RETURNING id`,
      [
        reminder.kind,
        reminder.dedupeKey ?? null,
        reminder.title,
        reminder.fileId ?? null,
        reminder.subjectType ?? null,
        reminder.subjectId ?? null,
        reminder.dueAt,
        reminder.assigneeUserId,
        reminder.assigneeOrganisationId,
        reminder.escalateToOrganisationId ?? null,
      ],
    );
    await manager.query(`SELECT pg_notify('reminder', '')`);
    return rows[0].id;
  }

  /** Cancels reminders not yet acknowledged; a delivered one stops escalating. */
  async cancel(manager: EntityManager, where: { ids?: string[]; dedupeKeys?: string[]; fileId?: string; kinds?: ReminderKind[] }): Promise<number> {
    const params: unknown[] = [];
    const conditions = [`status IN ('scheduled', 'delivered')`];
    if (where.ids) conditions.push(`id = ANY($${params.push(where.ids)}::uuid[])`);
    if (where.dedupeKeys) conditions.push(`dedupe_key = ANY($${params.push(where.dedupeKeys)}::text[])`);
    if (where.fileId) conditions.push(`file_id = $${params.push(where.fileId)}`);
    if (where.kinds) conditions.push(`kind = ANY($${params.push(where.kinds)}::text[])`);
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE reminder SET status = 'cancelled', cancelled_at = $${params.push(this.clock.now())} WHERE ${conditions.join(' AND ')}`,
      params,
    );
    return count;
  }

  /**
   * Moves the file's open reminders held by civil affairs to a new assignee (a
   * transfer, a new caseworker); those of partners and the police stay theirs,
   * and the new bureau is the one told when they escalate.
   */
  async reassign(manager: EntityManager, fileId: string, assigneeUserId: string | null, assigneeOrganisationId: string): Promise<void> {
    await manager.query(
      `UPDATE reminder r SET assignee_user_id = $2, assignee_organisation_id = $3
         FROM organisation o WHERE o.id = r.assignee_organisation_id AND o.kind = 'civil_affairs_bureau'
          AND r.file_id = $1 AND r.status IN ('scheduled', 'delivered')`,
      [fileId, assigneeUserId, assigneeOrganisationId],
    );
    await manager.query(
      `UPDATE reminder SET escalate_to_organisation_id = $2 WHERE file_id = $1 AND status IN ('scheduled', 'delivered') AND escalate_to_organisation_id IS NOT NULL`,
      [fileId, assigneeOrganisationId],
    );
  }

  /** Hands open reminders to another assignee (a task that changed hands). */
  async moveTo(manager: EntityManager, ids: string[], assigneeUserId: string | null, assigneeOrganisationId: string): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE reminder SET assignee_user_id = $2, assignee_organisation_id = $3 WHERE id = ANY($1::uuid[]) AND status IN ('scheduled', 'delivered')`, [
      ids,
      assigneeUserId,
      assigneeOrganisationId,
    ]);
  }

  /** Someone acted: the reminder stops escalating. */
  async acknowledge(manager: EntityManager, ids: string[], userId: string | null): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE reminder SET status = 'acknowledged', acknowledged_at = $3, acknowledged_by = $2, next_escalation_at = NULL
        WHERE id = ANY($1::uuid[]) AND status IN ('scheduled', 'delivered')`,
      [ids, userId, this.clock.now()],
    );
  }
}

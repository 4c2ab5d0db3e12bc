import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addMonths, APP_CONFIG, AppError, AUDIT_SINK, Clock, dueAtNine, PlatformErrors, type AppConfig, type AuditSink } from '#app/platform';
import { fileScope, fileWriteScope, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { RemindersService } from '../reminders/reminders.service.js';
import { planEnd, visitDates } from './followup-template.js';

export interface RecordVisitInput {
  visitedOn: string;
  livingSituation: string;
  schoolingEmployment?: string;
  problems?: string;
  actionsAgreed?: string;
  nextVisitOn?: string;
}

interface FileRow {
  id: string;
  reference: string;
  responsible_organisation_id: string;
  responsible_caseworker_id: string | null;
  birth_date_from: string | null;
  birth_date_to: string | null;
}

const MILESTONES: { years: number; title: string }[] = [
  { years: 6, title: '满6周岁，到了入学年龄 / turns 6: school age (R14)' },
  { years: 16, title: '满16周岁，可参加技能培训 / turns 16: eligible for job training (R15)' },
  { years: 18, title: "满18周岁，离开未成年人保护 / turns 18: leaves minors' protection (R23)" },
];

/**
 * Long-term follow-up (R17): a plan of visits when a file reaches
 * reunification or local resettlement, each visit reminded to the responsible
 * caseworker and escalated when not recorded; closure cancels what is left, a
 * transfer hands it over. Age milestones are reminded from intake on.
 */
@Injectable()
export class FollowupService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  private async file(manager: EntityManager, fileId: string): Promise<FileRow | undefined> {
    const rows: FileRow[] = await manager.query(
      `SELECT f.id, f.reference, f.responsible_organisation_id, f.responsible_caseworker_id,
              to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to
         FROM victim_file f JOIN person p ON p.id = f.person_id WHERE f.id = $1`,
      [fileId],
    );
    return rows[0];
  }

  /** Idempotent: a plan exists once per file. */
  async createPlan(fileId: string, startsOnGiven?: string): Promise<boolean> {
    const startsOn = startsOnGiven ?? this.clock.today();
    return this.dataSource.transaction(async (manager) => {
      const file = await this.file(manager, fileId);
      if (!file) return false;
      const endsOn = planEnd(startsOn, this.config.followup.minYears, file.birth_date_to);
      await manager.query(`INSERT INTO followup_plan (file_id, starts_on, ends_on, status) VALUES ($1, $2, $3, 'active') ON CONFLICT (file_id) DO NOTHING`, [
        fileId,
        startsOn,
        endsOn,
      ]);
      const existing = await manager.query(`SELECT 1 FROM followup_visit WHERE file_id = $1 LIMIT 1`, [fileId]);
      if (existing.length > 0) return false;
      const dates = visitDates(startsOn, endsOn, this.config.followup);
      for (const [index, day] of dates.entries()) {
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO followup_visit (file_id, seq, due_on, assignee_user_id, status) VALUES ($1, $2, $3, $4, 'scheduled') RETURNING id`,
          [fileId, index + 1, day, file.responsible_caseworker_id],
        );
        const reminderId = await this.reminders.schedule(manager, {
          kind: 'followup_visit',
          title: `跟踪回访 ${index + 1}/${dates.length}：档案 ${file.reference} / follow-up visit ${index + 1} of ${dates.length}, file ${file.reference}`,
          dueAt: dueAtNine(day),
          assigneeUserId: file.responsible_caseworker_id,
          assigneeOrganisationId: file.responsible_organisation_id,
          fileId,
          subjectType: 'followup_visit',
          subjectId: id,
          dedupeKey: `visit:${id}`,
        });
        await manager.query('UPDATE followup_visit SET reminder_id = $2 WHERE id = $1', [id, reminderId]);
      }
      return true;
    });
  }

  /** Closure: visits still to come are cancelled, and every open reminder of the file. */
  async cancelForClosure(fileId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE followup_visit SET status = 'cancelled' WHERE file_id = $1 AND status = 'scheduled'`, [fileId]);
      await manager.query(`UPDATE followup_plan SET status = 'cancelled', updated_at = now() WHERE file_id = $1 AND status = 'active'`, [fileId]);
      await this.reminders.cancel(manager, { fileId });
    });
  }

  /** A transfer: the new bureau's caseworker (or the bureau) takes the visits and reminders over. */
  async reassign(fileId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const file = await this.file(manager, fileId);
      if (!file) return;
      await manager.query(`UPDATE followup_visit SET assignee_user_id = $2 WHERE file_id = $1 AND status = 'scheduled'`, [fileId, file.responsible_caseworker_id]);
      await this.reminders.reassign(manager, fileId, file.responsible_caseworker_id, file.responsible_organisation_id);
    });
  }

  /** Age milestones of a person who may still reach them: 6 (school), 16 (training), 18 (minors' protection ends). */
  async scheduleMilestones(fileId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const file = await this.file(manager, fileId);
      if (!file?.birth_date_from) return 0;
      const today = this.clock.today();
      let scheduled = 0;
      for (const milestone of MILESTONES) {
        // The earliest day the person may reach the age: nobody is reminded too late.
        const day = addMonths(file.birth_date_from, milestone.years * 12);
        if (day <= today) continue;
        await this.reminders.schedule(manager, {
          kind: 'age_milestone',
          title: `${milestone.title}：档案 ${file.reference}`,
          dueAt: dueAtNine(day),
          assigneeUserId: file.responsible_caseworker_id,
          assigneeOrganisationId: file.responsible_organisation_id,
          fileId,
          subjectType: 'age_milestone',
          dedupeKey: `milestone:${fileId}:${milestone.years}`,
        });
        scheduled += 1;
      }
      return scheduled;
    });
  }

  async plan(actor: Actor, fileId: string): Promise<Record<string, unknown>> {
    const params: unknown[] = [fileId];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    const [plan] =
      scope.audience === 'full'
        ? await this.dataSource.query(
            `SELECT to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn", p.status
               FROM victim_file f JOIN followup_plan p ON p.file_id = f.id WHERE f.id = $1 AND ${scope.where}`,
            params,
          )
        : [];
    if (!plan) {
      await this.audit.record({ action: 'followup.read', outcome: 'denied', entityType: 'victim_file', entityId: fileId });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    const visits = await this.dataSource.query(
      `SELECT v.id, v.seq, to_char(v.due_on, 'YYYY-MM-DD') AS "dueOn", v.status, u.display_name AS assignee, to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn",
              v.living_situation AS "livingSituation", v.schooling_employment AS "schoolingEmployment", v.problems, v.actions_agreed AS "actionsAgreed",
              r.status AS "reminderStatus", r.escalation_level AS "escalationLevel"
         FROM followup_visit v LEFT JOIN user_account u ON u.id = v.assignee_user_id LEFT JOIN reminder r ON r.id = v.reminder_id
        WHERE v.file_id = $1 ORDER BY v.seq`,
      [fileId],
    );
    await this.audit.record({ action: 'followup.read', outcome: 'allowed', entityType: 'victim_file', entityId: fileId, fileIds: [fileId] });
    return { ...plan, visits };
  }

  /** R17: the visit record; it acknowledges the visit's reminder, and may move the next visit. */
  async recordVisit(actor: Actor, fileId: string, visitId: string, input: RecordVisitInput): Promise<{ visitId: string; nextVisitOn: string | null }> {
    const today = this.clock.today();
    if (input.visitedOn > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'visitedOn', 'must not be in the future');
    if (input.nextVisitOn && input.nextVisitOn <= input.visitedOn) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'nextVisitOn', 'must be after the visit');
    let denied = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [visitId, fileId];
        const scope = fileWriteScope(actor, 'f', params);
        const [visit]: { id: string; seq: number; status: string; reminder_id: string | null }[] = await manager.query(
          `SELECT v.id, v.seq, v.status, v.reminder_id FROM followup_visit v JOIN victim_file f ON f.id = v.file_id
            WHERE v.id = $1 AND v.file_id = $2 AND ${scope} FOR UPDATE OF v`,
          params,
        );
        if (!visit) {
          denied = true;
          throw new AppError(CaseErrors.FILE_NOT_FOUND);
        }
        if (visit.status !== 'scheduled') throw new AppError(CaseErrors.RECORD_EXISTS, { details: { status: visit.status } });
        await manager.query(
          `UPDATE followup_visit SET status = 'done', visited_on = $2, living_situation = $3, schooling_employment = $4, problems = $5, actions_agreed = $6,
                  recorded_by = $7, recorded_at = $8 WHERE id = $1`,
          [visitId, input.visitedOn, input.livingSituation, input.schoolingEmployment ?? null, input.problems ?? null, input.actionsAgreed ?? null, actor.userId, this.clock.now()],
        );
        if (visit.reminder_id) await this.reminders.acknowledge(manager, [visit.reminder_id], actor.userId);
        let nextVisitOn: string | null = null;
        const [next]: { id: string; reminder_id: string | null; due_on: string }[] = await manager.query(
          `SELECT id, reminder_id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM followup_visit WHERE file_id = $1 AND status = 'scheduled' AND seq > $2 ORDER BY seq LIMIT 1`,
          [fileId, visit.seq],
        );
        if (next && input.nextVisitOn) {
          await manager.query('UPDATE followup_visit SET due_on = $2 WHERE id = $1', [next.id, input.nextVisitOn]);
          if (next.reminder_id) {
            // Moved: back to the schedule, out of Redis if it was already there (the relay enqueues it again in time).
            await manager.query(`UPDATE reminder SET due_at = $2, enqueued_at = NULL WHERE id = $1 AND status = 'scheduled'`, [next.reminder_id, dueAtNine(input.nextVisitOn)]);
          }
          nextVisitOn = input.nextVisitOn;
        } else if (next) {
          nextVisitOn = next.due_on;
        }
        await this.audit.record(
          { action: 'followup.visit', outcome: 'allowed', entityType: 'followup_visit', entityId: visitId, fileIds: [fileId], details: { nextVisitOn } },
          manager,
        );
        return { visitId, nextVisitOn };
      });
    } catch (error) {
      if (denied) await this.audit.record({ action: 'followup.visit', outcome: 'denied', entityType: 'followup_visit', entityId: visitId });
      throw error;
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addMonths, APP_CONFIG, Clock, dueAtNine, type AppConfig } from '#app/platform';
import { RemindersService } from '../reminders/reminders.service.js';
import { prefixed } from '../reminders/halves.js';
import { planEnd, visitDates } from './followup-template.js';

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
 * transfer or a newly assigned caseworker takes it over. Age milestones are
 * reminded from intake on. (Reading the plan and recording visits: VisitsService.)
 */
@Injectable()
export class FollowupService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
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

  /** A transfer or a new caseworker: whoever is now responsible (the caseworker, or the bureau) takes the visits and reminders over. */
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
          title: prefixed(milestone.title, `档案 ${file.reference} / file ${file.reference}`),
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
}

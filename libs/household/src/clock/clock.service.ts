import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, APP_CONFIG, AUDIT_SINK, Clock, dueAtNine, type AppConfig, type AuditSink } from '#app/platform';
import { nearestOrganisation } from '#app/access';
import { RemindersService } from '#app/followup';
import { clockRuns, refusal, stepOf, type ClockStep } from '../lifecycle/lifecycle.js';
import { raiseKeys, registrationKey, reminderIds, slotKeys } from '../lifecycle/task-reminders.js';
import { TASK_COLUMNS, type TaskRow } from '../lifecycle/task-row.js';
import { clockStart, type Placement } from './clock-start.js';

/** The file's facts the clock goes by (read by the worker, which acts for no one: no actor's scope applies). */
interface FileFacts {
  id: string;
  reference: string;
  state: string;
  identity_status: string;
  nationality: string | null;
  current_institution_id: string | null;
  responsible_organisation_id: string;
  responsible_caseworker_id: string | null;
  responsible_jurisdiction_code: string;
}

/** Where the person no longer waits in an institution (R5, R19): the clock stops. */
const LEFT_CARE = ['reunified', 'repatriation', 'repatriated', 'closed'];
const RECONCILE_BATCH = 500;

export const CANCELLED_IDENTIFIED = '身份已查明 / identity established';
export const CANCELLED_LEFT_CARE = '已离开救助机构 / left the institution';

/**
 * R11 without anyone remembering (the worker's side): the clock of days in
 * institutions with identity unknown, brought in line with the file's facts
 * by every event of the file and by the reconciler — started, restarted
 * after a gap in care, cancelled when the person is identified or leaves
 * care — and the task it raises by itself through the reminders to the
 * bureau and the police unit serving the file's place. Which step the clock
 * may take comes from the lifecycle table.
 */
@Injectable()
export class ClockService {
  private readonly logger = new Logger('HouseholdClock');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  /**
   * Brings the file's task in line with its facts; idempotent, so every event
   * of the file and the reconciler may call it. Counting while the person,
   * identity unknown and not a foreign national (R19 takes those home), stays
   * in an institution; cancelled when they go home or are identified.
   */
  async syncClock(fileId: string): Promise<void> {
    const today = this.clock.today();
    await this.dataSource.transaction(async (manager) => {
      const [file]: FileFacts[] = await manager.query(
        `SELECT f.id, f.reference, f.state, p.identity_status, p.nationality, f.current_institution_id, f.responsible_organisation_id,
                f.responsible_caseworker_id, f.responsible_jurisdiction_code
           FROM victim_file f JOIN person p ON p.id = f.person_id WHERE f.id = $1 FOR UPDATE OF f`,
        [fileId],
      );
      if (!file) return;
      const [found]: TaskRow[] = await manager.query(`SELECT ${TASK_COLUMNS} FROM household_registration h WHERE h.file_id = $1`, [fileId]);
      const task = found as TaskRow | undefined;
      if (!clockRuns(task, today)) return;
      const unidentified = file.identity_status !== 'confirmed' && (file.nationality === null || file.nationality === 'CN');
      const inInstitution = file.current_institution_id !== null && !LEFT_CARE.includes(file.state);
      if (!unidentified || !inInstitution) {
        if (task && this.may(task, 'cancel', today)) await this.cancelTask(manager, file, task, unidentified ? CANCELLED_LEFT_CARE : CANCELLED_IDENTIFIED);
        return;
      }
      const placements: Placement[] = await manager.query(
        `SELECT to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date FROM placement WHERE file_id = $1`,
        [fileId],
      );
      const start = clockStart(placements);
      if (!start) return;
      if (task && task.status !== 'cancelled') await this.followResponsibility(manager, file, task);
      if (this.may(task, 'start', today)) {
        await this.startTask(manager, file, start);
      } else if (task && this.may(task, 'restart', today) && task.clock_started_on !== start) {
        await this.reminders.cancel(manager, { ids: await reminderIds(manager, slotKeys(stepOf('restart').answers, fileId, task.clock_started_on)) });
        await this.startTask(manager, file, start);
      }
    });
  }

  private may(task: TaskRow | undefined, step: ClockStep, today: string): boolean {
    return refusal(task, step, today) === undefined;
  }

  private async startTask(manager: EntityManager, file: FileFacts, start: string): Promise<void> {
    const days = this.config.household.registrationDays;
    const dueOn = addDays(start, days);
    const police = await nearestOrganisation(manager, file.responsible_jurisdiction_code, 'public_security');
    await manager.query(
      `INSERT INTO household_registration (file_id, clock_started_on, due_on, police_organisation_id, status) VALUES ($1, $2, $3, $4, 'counting')
       ON CONFLICT (file_id) DO UPDATE SET clock_started_on = EXCLUDED.clock_started_on, due_on = EXCLUDED.due_on,
         police_organisation_id = EXCLUDED.police_organisation_id, status = 'counting', cancelled_reason = NULL, updated_at = now()`,
      [file.id, start, dueOn, police],
    );
    const [bureauKey, policeKey] = raiseKeys(file.id, start);
    const title = `落户办理：档案 ${file.reference} 在救助机构滞留满${days}天仍未查明身份 / household registration: file ${file.reference}, ${days} days in care with identity unknown (R11)`;
    const common = { kind: 'household_registration' as const, title, dueAt: dueAtNine(dueOn), fileId: file.id, subjectType: 'household_registration', subjectId: file.id };
    await this.reminders.schedule(manager, {
      ...common,
      assigneeUserId: file.responsible_caseworker_id,
      assigneeOrganisationId: file.responsible_organisation_id,
      dedupeKey: bureauKey,
    });
    if (police) {
      await this.reminders.schedule(manager, {
        ...common,
        assigneeUserId: null,
        assigneeOrganisationId: police,
        escalateToOrganisationId: file.responsible_organisation_id,
        dedupeKey: policeKey,
      });
    } else {
      this.logger.warn({ fileId: file.id, jurisdiction: file.responsible_jurisdiction_code }, "no public security unit serves the file's jurisdiction: the bureau alone is told");
    }
    await this.audit.record(
      { action: 'household.clock_started', outcome: 'allowed', entityType: 'household_registration', entityId: file.id, fileIds: [file.id], details: { start, dueOn } },
      manager,
    );
  }

  private async cancelTask(manager: EntityManager, file: FileFacts, task: TaskRow, reason: string): Promise<void> {
    await manager.query(`UPDATE household_registration SET status = 'cancelled', cancelled_reason = $2, updated_at = now() WHERE file_id = $1`, [file.id, reason]);
    await this.reminders.cancel(manager, { ids: await reminderIds(manager, slotKeys(stepOf('cancel').answers, file.id, task.clock_started_on)) });
    await this.audit.record(
      { action: 'household.cancelled', outcome: 'allowed', entityType: 'household_registration', entityId: file.id, fileIds: [file.id], details: { reason } },
      manager,
    );
  }

  /**
   * After a transfer the task is the new place's: its police unit takes the
   * police's reminders over (the bureau's follow the file, see FollowupService.reassign).
   */
  private async followResponsibility(manager: EntityManager, file: FileFacts, task: TaskRow): Promise<void> {
    const police = await nearestOrganisation(manager, file.responsible_jurisdiction_code, 'public_security');
    if (!police || police === task.police_organisation_id) return;
    await manager.query('UPDATE household_registration SET police_organisation_id = $2, updated_at = now() WHERE file_id = $1', [file.id, police]);
    const ids = await reminderIds(manager, [raiseKeys(file.id, task.clock_started_on)[1], registrationKey(file.id)]);
    await this.reminders.moveTo(manager, ids, null, police);
    task.police_organisation_id = police;
  }

  /**
   * Files whose task is missing or out of date (data from before this
   * capability, an event lost), brought in line batch by batch — all of them,
   * however many.
   */
  async reconcile(): Promise<number> {
    let done = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT f.id FROM victim_file f JOIN person p ON p.id = f.person_id LEFT JOIN household_registration h ON h.file_id = f.id
          WHERE f.id > $1
            AND ((h.file_id IS NULL AND f.current_institution_id IS NOT NULL AND p.identity_status <> 'confirmed' AND coalesce(p.nationality, 'CN') = 'CN'
                  AND f.state <> ALL($2::text[]))
              OR (h.status IN ('counting', 'application_prepared') AND h.exception_at IS NULL
                  AND (f.current_institution_id IS NULL OR p.identity_status = 'confirmed' OR f.state = ANY($2::text[]))))
          ORDER BY f.id
          LIMIT ${RECONCILE_BATCH}`,
        [after, LEFT_CARE],
      );
      for (const row of rows) await this.syncClock(row.id);
      done += rows.length;
      if (rows.length < RECONCILE_BATCH) return done;
      after = rows[rows.length - 1].id;
    }
  }
}

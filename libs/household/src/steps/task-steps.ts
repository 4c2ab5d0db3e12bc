import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, type AuditSink } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors, FileGateway } from '#app/case';
import { RemindersService } from '#app/followup';
import { HouseholdErrors } from '../errors.js';
import { refusal, stepOf, type PeopleStep } from '../lifecycle/lifecycle.js';
import { policeTaskScope } from '../lifecycle/police-scope.js';
import { reminderIds, slotKeys } from '../lifecycle/task-reminders.js';
import { TASK_COLUMNS, type TaskRow } from '../lifecycle/task-row.js';

/** The file's facts a step needs (from the kernel, or with the police unit's task). */
export interface StepFile {
  id: string;
  reference: string;
  responsibleOrganisationId: string;
  responsibleCaseworkerId: string | null;
  birthDateFrom: string | null;
  birthDateTo: string | null;
}

export interface StepWork {
  manager: EntityManager;
  task: TaskRow;
  file: StepFile;
  actor: Actor;
  now: Date;
  today: string;
}

interface PoliceRow extends TaskRow {
  reference: string;
  responsible_organisation_id: string;
  responsible_caseworker_id: string | null;
  birth_date_from: string | null;
  birth_date_to: string | null;
}

class Denied extends Error {}

/**
 * Takes a people's step of the household registration task, in order as the
 * lifecycle table says, in one transaction with the task locked: for civil
 * affairs through the file kernel (the file in the actor's write scope,
 * closed refused, audited, 404 out of scope); for the police unit by the
 * task raised to it — the unit has no scope on the file, the task is its
 * scope. Whatever reminders the step answers are acknowledged.
 */
@Injectable()
export class TaskSteps {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly gateway: FileGateway,
    private readonly reminders: RemindersService,
  ) {}

  take<T>(actor: Actor, fileId: string, step: PeopleStep, work: (work: StepWork) => Promise<T>): Promise<T> {
    const action = `household.${step}`;
    if (actor.role === 'police_liaison') return this.asPolice(actor, fileId, step, action, work);
    return this.gateway.write(actor, fileId, { action }, async ({ manager, file, now, today }) => {
      const [task]: TaskRow[] = await manager.query(`SELECT ${TASK_COLUMNS} FROM household_registration h WHERE h.file_id = $1 FOR UPDATE`, [fileId]);
      if (!task) throw new AppError(HouseholdErrors.NO_HOUSEHOLD_TASK);
      const stepFile: StepFile = {
        id: file.id,
        reference: file.reference,
        responsibleOrganisationId: file.responsibleOrganisationId,
        responsibleCaseworkerId: file.responsibleCaseworkerId,
        birthDateFrom: file.person.birthDateFrom,
        birthDateTo: file.person.birthDateTo,
      };
      const result = await this.apply(step, { manager, task, file: stepFile, actor, now, today }, work);
      return { result, entityType: 'household_registration', entityId: fileId, details: { step } };
    });
  }

  private async apply<T>(step: PeopleStep, work: StepWork, run: (work: StepWork) => Promise<T>): Promise<T> {
    const refused = refusal(work.task, step, work.today);
    if (refused) throw new AppError(HouseholdErrors.STEP_OUT_OF_ORDER, { details: { status: refused, step } });
    const result = await run(work);
    const keys = slotKeys(stepOf(step).answers, work.task.file_id, work.task.clock_started_on);
    await this.reminders.acknowledge(work.manager, await reminderIds(work.manager, keys), work.actor.userId);
    return result;
  }

  private async asPolice<T>(actor: Actor, fileId: string, step: PeopleStep, action: string, work: (work: StepWork) => Promise<T>): Promise<T> {
    const { now, today } = this.gateway.time();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [fileId];
        const [row]: PoliceRow[] = await manager.query(
          `SELECT ${TASK_COLUMNS}, f.reference, f.responsible_organisation_id, f.responsible_caseworker_id,
                  to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to
             FROM household_registration h JOIN victim_file f ON f.id = h.file_id JOIN person p ON p.id = f.person_id
            WHERE h.file_id = $1 AND ${policeTaskScope(actor, params, today)} FOR UPDATE OF h`,
          params,
        );
        if (!row) throw new Denied();
        const { reference, responsible_organisation_id, responsible_caseworker_id, birth_date_from, birth_date_to, ...task } = row;
        const file: StepFile = {
          id: fileId,
          reference,
          responsibleOrganisationId: responsible_organisation_id,
          responsibleCaseworkerId: responsible_caseworker_id,
          birthDateFrom: birth_date_from,
          birthDateTo: birth_date_to,
        };
        const result = await this.apply(step, { manager, task, file, actor, now, today }, work);
        await this.audit.record(
          { action, outcome: 'allowed', entityType: 'household_registration', entityId: fileId, fileIds: [fileId], details: { step, as: 'police_unit' } },
          manager,
        );
        return result;
      });
    } catch (error) {
      if (!(error instanceof Denied)) throw error;
      await this.audit.record({ action, outcome: 'denied', entityType: 'victim_file', entityId: fileId, details: { code: CaseErrors.FILE_NOT_FOUND.code } });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
  }
}

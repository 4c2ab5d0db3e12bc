import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, APP_CONFIG, AppError, AUDIT_SINK, Clock, daysBetween, dueAtNine, FieldCipher, mayBeMinor, PlatformErrors, type AppConfig, type AuditSink } from '#app/platform';
import { fileScope, fileWriteScope, nearestOrganisation, ROLE_FILE_REACH, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { RemindersService } from '#app/followup';
import type { ApplicationDto, ExceptionDto, RegistrationDto, SocialSecurityDto } from './household.dto.js';
import { HouseholdErrors } from './errors.js';

const HOUSEHOLD_NUMBER = 'household_number';

interface Placement {
  from_date: string;
  to_date: string | null;
}

/**
 * R11: the first day of the person's current uninterrupted stay in
 * institutions — a move from one institution to another the next day does
 * not restart the count; a gap does.
 */
export function clockStart(placements: readonly Placement[]): string | undefined {
  const latestFirst = [...placements].sort((a, b) => (a.from_date < b.from_date ? 1 : a.from_date > b.from_date ? -1 : 0));
  const open = latestFirst.find((placement) => placement.to_date === null);
  if (!open) return undefined;
  let start = open.from_date;
  for (const placement of latestFirst) {
    if (placement === open || placement.from_date >= start) continue;
    if (placement.to_date !== null && addDays(placement.to_date, 1) < start) break;
    start = placement.from_date;
  }
  return start;
}

interface FileRow {
  id: string;
  reference: string;
  state: string;
  identity_status: string;
  nationality: string | null;
  birth_date_from: string | null;
  birth_date_to: string | null;
  current_institution_id: string | null;
  responsible_organisation_id: string;
  responsible_caseworker_id: string | null;
  responsible_jurisdiction_code: string;
}

const FILE_SELECT = `SELECT f.id, f.reference, f.state, p.identity_status, p.nationality, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from,
         to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to, f.current_institution_id, f.responsible_organisation_id,
         f.responsible_caseworker_id, f.responsible_jurisdiction_code
    FROM victim_file f JOIN person p ON p.id = f.person_id WHERE f.id = $1`;

interface TaskRow {
  file_id: string;
  clock_started_on: string;
  due_on: string;
  police_organisation_id: string | null;
  status: 'counting' | 'application_prepared' | 'registered' | 'cancelled';
  application_on: string | null;
  registered_on: string | null;
  exception_at: Date | null;
}

const TASK_COLUMNS = `h.file_id, to_char(h.clock_started_on, 'YYYY-MM-DD') AS clock_started_on, to_char(h.due_on, 'YYYY-MM-DD') AS due_on,
  h.police_organisation_id, h.status, to_char(h.application_on, 'YYYY-MM-DD') AS application_on, to_char(h.registered_on, 'YYYY-MM-DD') AS registered_on, h.exception_at`;

/** Where the registration is done or excused, the clock has nothing more to do. */
const SETTLED = (task: TaskRow) => task.status === 'registered' || task.exception_at !== null;

const raiseKeys = (fileId: string, clockStartedOn: string) => [`household:${fileId}:${clockStartedOn}:raise:bureau`, `household:${fileId}:${clockStartedOn}:raise:police`];
const registrationKey = (fileId: string) => `household:${fileId}:registration`;
const socialSecurityKey = (fileId: string) => `household:${fileId}:social_security`;

/**
 * Household registration for those who stay unidentified (R11): the clock
 * of days in institutions with identity unknown, the task it raises by itself
 * through the reminders, the steps (application, registration by the police,
 * social security), each reminded and escalated when late, and the guard that
 * keeps local resettlement waiting for a registration or a supervisor's exception.
 */
@Injectable()
export class HouseholdService {
  private readonly logger = new Logger('HouseholdService');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly cipher: FieldCipher,
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  // ---- the clock (worker) -------------------------------------------------------------------

  /**
   * Brings the file's task in line with its facts; idempotent, so every event
   * of the file and the reconciler may call it. Counting while the person,
   * identity unknown and not a foreign national (R19 takes those home), stays
   * in an institution; cancelled when they go home or are identified.
   */
  async syncClock(fileId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [file]: FileRow[] = await manager.query(`${FILE_SELECT} FOR UPDATE OF f`, [fileId]);
      if (!file) return;
      const [task]: TaskRow[] = await manager.query(`SELECT ${TASK_COLUMNS} FROM household_registration h WHERE h.file_id = $1`, [fileId]);
      if (task && SETTLED(task)) return;
      const unidentified = file.identity_status !== 'confirmed' && (file.nationality === null || file.nationality === 'CN');
      const inInstitution = file.current_institution_id !== null && !['reunified', 'repatriation', 'repatriated', 'closed'].includes(file.state);
      if (!unidentified || !inInstitution) {
        if (task && task.status !== 'cancelled') await this.cancelTask(manager, file, task, unidentified ? 'left the institution' : 'identity established');
        return;
      }
      const placements: Placement[] = await manager.query(
        `SELECT to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date FROM placement WHERE file_id = $1`,
        [fileId],
      );
      const start = clockStart(placements);
      if (!start) return;
      if (task && task.status !== 'cancelled') await this.followResponsibility(manager, file, task);
      if (task?.status === 'application_prepared') return;
      if (task?.status === 'counting' && task.clock_started_on === start) return;
      if (task?.status === 'counting') await this.reminders.cancel(manager, { ids: await this.reminderIds(manager, raiseKeys(fileId, task.clock_started_on)) });
      await this.startTask(manager, file, start);
    });
  }

  private async startTask(manager: EntityManager, file: FileRow, start: string): Promise<void> {
    const days = this.config.household.registrationDays;
    const dueOn = addDays(start, days);
    const police = await this.policeUnitFor(manager, file.responsible_jurisdiction_code);
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

  private async cancelTask(manager: EntityManager, file: FileRow, task: TaskRow, reason: string): Promise<void> {
    await manager.query(`UPDATE household_registration SET status = 'cancelled', cancelled_reason = $2, updated_at = now() WHERE file_id = $1`, [file.id, reason]);
    const keys = [...raiseKeys(file.id, task.clock_started_on), registrationKey(file.id)];
    await this.reminders.cancel(manager, { ids: await this.reminderIds(manager, keys) });
    await this.audit.record(
      { action: 'household.cancelled', outcome: 'allowed', entityType: 'household_registration', entityId: file.id, fileIds: [file.id], details: { reason } },
      manager,
    );
  }

  /**
   * After a transfer the task is the new place's: its police unit takes the
   * police's reminders over (the bureau's follow the file, see FollowupService.reassign).
   */
  private async followResponsibility(manager: EntityManager, file: FileRow, task: TaskRow): Promise<void> {
    const police = await this.policeUnitFor(manager, file.responsible_jurisdiction_code);
    if (!police || police === task.police_organisation_id) return;
    await manager.query('UPDATE household_registration SET police_organisation_id = $2, updated_at = now() WHERE file_id = $1', [file.id, police]);
    const ids = await this.reminderIds(manager, [raiseKeys(file.id, task.clock_started_on)[1], registrationKey(file.id)]);
    await this.reminders.moveTo(manager, ids, null, police);
    task.police_organisation_id = police;
  }

  /** The public security unit serving the jurisdiction, or the nearest one above it. */
  private policeUnitFor(manager: EntityManager, jurisdictionCode: string): Promise<string | null> {
    return nearestOrganisation(manager, jurisdictionCode, 'public_security');
  }

  private async reminderIds(manager: EntityManager, keys: string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM reminder WHERE dedupe_key = ANY($1::text[])', [keys]);
    return rows.map((row) => row.id);
  }

  /** Files whose task is missing or out of date (data from before this capability, an event lost): brought in line. */
  async reconcile(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT f.id FROM victim_file f JOIN person p ON p.id = f.person_id LEFT JOIN household_registration h ON h.file_id = f.id
        WHERE (h.file_id IS NULL AND f.current_institution_id IS NOT NULL AND p.identity_status <> 'confirmed' AND coalesce(p.nationality, 'CN') = 'CN'
               AND f.state NOT IN ('reunified', 'repatriation', 'repatriated', 'closed'))
           OR (h.status IN ('counting', 'application_prepared') AND h.exception_at IS NULL
               AND (f.current_institution_id IS NULL OR p.identity_status = 'confirmed' OR f.state IN ('reunified', 'repatriation', 'repatriated', 'closed')))
        LIMIT 10000`,
    );
    for (const row of rows) await this.syncClock(row.id);
    return rows.length;
  }

  // ---- the steps (api) ----------------------------------------------------------------------

  async view(actor: Actor, fileId: string): Promise<Record<string, unknown>> {
    const params: unknown[] = [fileId];
    const where = this.readScope(actor, params);
    const [row]: Record<string, any>[] = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS}, f.reference, o.name AS police_name, h.documents, h.application_note, h.household_number_cipher,
              h.dna_database_check_reference, h.exception_reason, h.cancelled_reason, u.display_name AS exception_by_name
         FROM household_registration h JOIN victim_file f ON f.id = h.file_id
         LEFT JOIN organisation o ON o.id = h.police_organisation_id LEFT JOIN user_account u ON u.id = h.exception_by
        WHERE h.file_id = $1 AND ${where}`,
      params,
    );
    if (!row) {
      const visible = await this.fileVisible(actor, fileId);
      await this.audit.record({ action: 'household.read', outcome: visible ? 'allowed' : 'denied', entityType: 'victim_file', entityId: fileId });
      throw new AppError(visible ? HouseholdErrors.NO_HOUSEHOLD_TASK : CaseErrors.FILE_NOT_FOUND);
    }
    const socialSecurity = await this.dataSource.query(
      `SELECT kind, to_char(enrolled_on, 'YYYY-MM-DD') AS "enrolledOn", reference FROM social_security_enrolment WHERE file_id = $1 ORDER BY enrolled_on, kind`,
      [fileId],
    );
    await this.audit.record({ action: 'household.read', outcome: 'allowed', entityType: 'household_registration', entityId: fileId, fileIds: [fileId] });
    const today = this.clock.today();
    return {
      fileId,
      fileReference: row.reference,
      status: row.status === 'counting' && row.due_on <= today ? 'raised' : row.status,
      clockStartedOn: row.clock_started_on,
      dueOn: row.due_on,
      daysInCare: row.status === 'counting' || row.status === 'application_prepared' ? daysBetween(row.clock_started_on, today) : null,
      policeUnit: row.police_organisation_id ? { id: row.police_organisation_id, name: row.police_name } : null,
      application: row.application_on ? { preparedOn: row.application_on, documents: row.documents, note: row.application_note } : null,
      registration: row.registered_on
        ? { registeredOn: row.registered_on, householdNumber: this.cipher.open(row.household_number_cipher), dnaDatabaseCheckReference: row.dna_database_check_reference }
        : null,
      socialSecurity,
      exception: row.exception_at ? { reason: row.exception_reason, by: row.exception_by_name, at: row.exception_at } : null,
      cancelledReason: row.cancelled_reason,
    };
  }

  /** Tasks in one's scope: the police unit's raised ones, or a bureau's, with the days each has waited. */
  async tasks(actor: Actor, status: 'due' | 'all'): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [];
    const where = [this.readScope(actor, params), `h.status IN ('counting', 'application_prepared')`, 'h.exception_at IS NULL'];
    const today = `$${params.push(this.clock.today())}::date`;
    if (status === 'due') where.push(`(h.due_on <= ${today} OR h.status = 'application_prepared')`);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT h.file_id AS "fileId", f.reference AS "fileReference", CASE WHEN h.status = 'counting' AND h.due_on <= ${today} THEN 'raised' ELSE h.status END AS status,
              to_char(h.clock_started_on, 'YYYY-MM-DD') AS "clockStartedOn", to_char(h.due_on, 'YYYY-MM-DD') AS "dueOn",
              to_char(h.application_on, 'YYYY-MM-DD') AS "applicationPreparedOn", inst.name AS institution, p.sex
         FROM household_registration h JOIN victim_file f ON f.id = h.file_id JOIN person p ON p.id = f.person_id
         LEFT JOIN organisation inst ON inst.id = f.current_institution_id
        WHERE ${where.join(' AND ')} ORDER BY h.due_on LIMIT 500`,
      params,
    );
    await this.audit.record({ action: 'household.tasks', outcome: 'allowed', entityType: 'household_registration', fileIds: rows.map((row) => row.fileId as string) });
    return rows;
  }

  /** Step 1: the application and its documents, prepared by the bureau (early is allowed). The police have the next step. */
  async prepareApplication(actor: Actor, fileId: string, input: ApplicationDto): Promise<Record<string, unknown>> {
    return this.onTask(actor, fileId, 'household.application', async (manager, task, file) => {
      if (task.status !== 'counting') throw new AppError(HouseholdErrors.STEP_OUT_OF_ORDER, { details: { status: task.status, step: 'application' } });
      this.notFuture(input.preparedOn, 'preparedOn');
      if (input.preparedOn < task.clock_started_on)
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'preparedOn', `must not be before the stay began (${task.clock_started_on})`);
      await manager.query(
        `UPDATE household_registration SET status = 'application_prepared', application_on = $2, documents = $3, application_note = $4, updated_at = now() WHERE file_id = $1`,
        [fileId, input.preparedOn, [...new Set(input.documents)], input.note ?? null],
      );
      await this.reminders.acknowledge(manager, await this.reminderIds(manager, raiseKeys(fileId, task.clock_started_on)), actor.userId);
      const dueOn = addDays(input.preparedOn, this.config.household.stepDays);
      await this.reminders.schedule(manager, {
        kind: 'household_registration',
        title: `请办理落户登记：档案 ${file.reference}，申请已于 ${input.preparedOn} 备妥 / register the household: file ${file.reference}, application ready since ${input.preparedOn} (R11)`,
        dueAt: dueAtNine(dueOn),
        assigneeUserId: task.police_organisation_id ? null : file.responsible_caseworker_id,
        assigneeOrganisationId: task.police_organisation_id ?? file.responsible_organisation_id,
        escalateToOrganisationId: task.police_organisation_id ? file.responsible_organisation_id : null,
        fileId,
        subjectType: 'household_registration',
        subjectId: fileId,
        dedupeKey: registrationKey(fileId),
      });
      return { fileId, status: 'application_prepared', registrationDueOn: dueOn };
    });
  }

  /** Step 2: the police registered the household; its number is encrypted at rest. Social security is next. */
  async recordRegistration(actor: Actor, fileId: string, input: RegistrationDto): Promise<Record<string, unknown>> {
    return this.onTask(actor, fileId, 'household.registration', async (manager, task, file) => {
      if (task.status !== 'application_prepared') throw new AppError(HouseholdErrors.STEP_OUT_OF_ORDER, { details: { status: task.status, step: 'registration' } });
      this.notFuture(input.registeredOn, 'registeredOn');
      if (input.registeredOn < task.application_on!)
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'registeredOn', `must not be before the application (${task.application_on})`);
      // C-3.7: 对来历不明儿童落户的，要采血检验入库比对 — the reference of the police check, never its data (R9).
      if (mayBeMinor(file.birth_date_from, file.birth_date_to, input.registeredOn) && !input.dnaDatabaseCheckReference) {
        throw AppError.field(HouseholdErrors.DNA_DATABASE_CHECK_REQUIRED, 'dnaDatabaseCheckReference');
      }
      await manager.query(
        `UPDATE household_registration SET status = 'registered', registered_on = $2, household_number_cipher = $3, dna_database_check_reference = $4,
                registration_recorded_by = $5, updated_at = now() WHERE file_id = $1`,
        [fileId, input.registeredOn, this.cipher.seal(HOUSEHOLD_NUMBER, input.householdNumber).cipher, input.dnaDatabaseCheckReference ?? null, actor.userId],
      );
      await this.reminders.acknowledge(manager, await this.reminderIds(manager, [registrationKey(fileId)]), actor.userId);
      const dueOn = addDays(input.registeredOn, this.config.household.stepDays);
      await this.reminders.schedule(manager, {
        kind: 'household_registration',
        title: `请落实社会保障：档案 ${file.reference} 已于 ${input.registeredOn} 落户 / arrange social security: file ${file.reference}, registered on ${input.registeredOn} (R11)`,
        dueAt: dueAtNine(dueOn),
        assigneeUserId: file.responsible_caseworker_id,
        assigneeOrganisationId: file.responsible_organisation_id,
        fileId,
        subjectType: 'household_registration',
        subjectId: fileId,
        dedupeKey: socialSecurityKey(fileId),
      });
      return { fileId, status: 'registered', socialSecurityDueOn: dueOn };
    });
  }

  /** Step 3: social security follows the registration — basic medical insurance, minimum living allowance, other assistance. */
  async enrolSocialSecurity(actor: Actor, fileId: string, input: SocialSecurityDto): Promise<Record<string, unknown>> {
    return this.onTask(actor, fileId, 'household.social_security', async (manager, task) => {
      if (task.status !== 'registered') throw new AppError(HouseholdErrors.STEP_OUT_OF_ORDER, { details: { status: task.status, step: 'social_security' } });
      this.notFuture(input.enrolledOn, 'enrolledOn');
      if (input.enrolledOn < task.registered_on!)
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'enrolledOn', `must not be before the registration (${task.registered_on})`);
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO social_security_enrolment (file_id, kind, enrolled_on, reference, recorded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (file_id, kind) DO NOTHING RETURNING id`,
        [fileId, input.kind, input.enrolledOn, input.reference ?? null, actor.userId],
      );
      if (inserted.length === 0) throw AppError.field(HouseholdErrors.ALREADY_ENROLLED, 'kind');
      await this.reminders.acknowledge(manager, await this.reminderIds(manager, [socialSecurityKey(fileId)]), actor.userId);
      return { id: inserted[0].id, fileId, kind: input.kind, enrolledOn: input.enrolledOn };
    });
  }

  /** A supervisor excuses the registration, with the reason: local resettlement may go ahead without it (R11). */
  async grantException(actor: Actor, fileId: string, input: ExceptionDto): Promise<Record<string, unknown>> {
    return this.onTask(actor, fileId, 'household.exception', async (manager, task) => {
      if (task.status === 'registered' || task.status === 'cancelled' || task.exception_at) {
        throw new AppError(HouseholdErrors.STEP_OUT_OF_ORDER, { details: { status: task.exception_at ? 'excused' : task.status, step: 'exception' } });
      }
      await manager.query(`UPDATE household_registration SET exception_reason = $2, exception_by = $3, exception_at = $4, updated_at = now() WHERE file_id = $1`, [
        fileId,
        input.reason,
        actor.userId,
        this.clock.now(),
      ]);
      const ids = await this.reminderIds(manager, [...raiseKeys(fileId, task.clock_started_on), registrationKey(fileId)]);
      await this.reminders.acknowledge(manager, ids, actor.userId);
      return { fileId, exception: { reason: input.reason } };
    });
  }

  // ---- scope --------------------------------------------------------------------------------

  /**
   * Civil affairs and the institution see the task with the file; the police
   * unit sees it once raised to it (R22: the unit has nothing to see before).
   */
  private readScope(actor: Actor, params: unknown[]): string {
    if (actor.role === 'police_liaison') return this.policeScope(actor, params);
    const scope = fileScope(actor, 'f', params, this.clock.now());
    return scope.audience === 'full' ? scope.where : 'false';
  }

  private policeScope(actor: Actor, params: unknown[]): string {
    return `(h.police_organisation_id = $${params.push(actor.organisationId)} AND h.status <> 'cancelled' AND (h.due_on <= $${params.push(this.clock.today())}::date OR h.status <> 'counting'))`;
  }

  private writeScope(actor: Actor, params: unknown[]): string {
    if (actor.role === 'police_liaison') return this.policeScope(actor, params);
    return ROLE_FILE_REACH[actor.role] === 'jurisdiction' ? fileWriteScope(actor, 'f', params) : 'false';
  }

  private async fileVisible(actor: Actor, fileId: string): Promise<boolean> {
    if (actor.role === 'police_liaison') return false;
    const params: unknown[] = [fileId];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    if (scope.audience !== 'full') return false;
    return (await this.dataSource.query(`SELECT 1 FROM victim_file f WHERE f.id = $1 AND ${scope.where}`, params)).length > 0;
  }

  private notFuture(day: string, field: string): void {
    if (day > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, field, 'must not be in the future');
  }

  private async onTask<T>(actor: Actor, fileId: string, action: string, work: (manager: EntityManager, task: TaskRow, file: FileRow) => Promise<T>): Promise<T> {
    let denied = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [fileId];
        const [task]: TaskRow[] = await manager.query(
          `SELECT ${TASK_COLUMNS} FROM household_registration h JOIN victim_file f ON f.id = h.file_id WHERE h.file_id = $1 AND ${this.writeScope(actor, params)} FOR UPDATE OF h`,
          params,
        );
        if (!task) {
          const visible = actor.role !== 'police_liaison' && (await this.fileVisible(actor, fileId));
          denied = !visible;
          throw new AppError(visible ? HouseholdErrors.NO_HOUSEHOLD_TASK : CaseErrors.FILE_NOT_FOUND);
        }
        if (task.status === 'cancelled' && action !== 'household.exception') {
          throw new AppError(HouseholdErrors.STEP_OUT_OF_ORDER, { details: { status: task.status } });
        }
        const [file]: FileRow[] = await manager.query(FILE_SELECT, [fileId]);
        const result = await work(manager, task, file);
        await this.audit.record({ action, outcome: 'allowed', entityType: 'household_registration', entityId: fileId, fileIds: [fileId] }, manager);
        return result;
      });
    } catch (error) {
      if (denied) await this.audit.record({ action, outcome: 'denied', entityType: 'victim_file', entityId: fileId });
      throw error;
    }
  }
}

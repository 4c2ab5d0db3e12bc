import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppError, AUDIT_SINK, Clock, daysBetween, FieldCipher, keysetPage, mayBeMinor, type AppConfig, type AuditSink, type Page } from '#app/platform';
import { fileScope, type Actor } from '#app/access';
import { CaseErrors, FileGateway } from '#app/case';
import { HouseholdErrors } from '../errors.js';
import { sqlList, STATUS_TABLE, statusesWhere, statusOf, statusSql, storedOf, type TaskStatus } from '../lifecycle/lifecycle.js';
import { policeTaskScope } from '../lifecycle/police-scope.js';
import { stepsFor } from '../lifecycle/step-availability.js';
import { TASK_COLUMNS, type TaskRow } from '../lifecycle/task-row.js';
import type { HouseholdTaskQuery } from './tasks.dto.js';
import type { HouseholdApplicationView, HouseholdTaskListItem, HouseholdTaskView, SocialSecurityEnrolmentView } from './task.view.js';

interface ViewRow extends TaskRow {
  reference: string;
  file_state: string;
  birth_date_from: string | null;
  birth_date_to: string | null;
  police_name: string | null;
  documents: HouseholdApplicationView['documents'];
  application_note: string | null;
  household_number_cipher: Buffer | null;
  dna_database_check_reference: string | null;
  exception_reason: string | null;
  cancelled_reason: string | null;
  exception_by_name: string | null;
  social_security: SocialSecurityEnrolmentView[];
}

type ListRow = Omit<HouseholdTaskListItem, 'statusLabel'>;

/**
 * Reading household registration tasks (R11): one file's task — for civil
 * affairs and the institution through the file kernel, for the police unit
 * once the task is raised to it — and the to-do lists, a page at a time,
 * the oldest due first, scoped in SQL.
 */
@Injectable()
export class TasksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly gateway: FileGateway,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async view(actor: Actor, fileId: string): Promise<HouseholdTaskView> {
    if (actor.role === 'police_liaison') return this.policeView(actor, fileId);
    const view = await this.gateway.read<HouseholdTaskView | undefined>(
      actor,
      fileId,
      { action: 'household.read', details: (found) => ({ task: found !== undefined }) },
      ({ manager, today }) => this.load(manager, actor, fileId, today),
    );
    if (!view) throw new AppError(HouseholdErrors.NO_HOUSEHOLD_TASK);
    return view;
  }

  /** The police unit reads the task raised to it, nothing before (R22). */
  private async policeView(actor: Actor, fileId: string): Promise<HouseholdTaskView> {
    const today = this.clock.today();
    const view = await this.load(this.dataSource.manager, actor, fileId, today, (params) => policeTaskScope(actor, params, today));
    if (!view) {
      await this.audit.record({ action: 'household.read', outcome: 'denied', entityType: 'victim_file', entityId: fileId, details: { code: CaseErrors.FILE_NOT_FOUND.code } });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    await this.audit.record({
      action: 'household.read',
      outcome: 'allowed',
      entityType: 'household_registration',
      entityId: fileId,
      fileIds: [fileId],
      details: { as: 'police_unit' },
    });
    return view;
  }

  /** The task with its social security enrolments and the reader's steps, in one query. */
  private async load(manager: EntityManager, actor: Actor, fileId: string, today: string, scope?: (params: unknown[]) => string): Promise<HouseholdTaskView | undefined> {
    const params: unknown[] = [fileId];
    const where = scope ? ` AND ${scope(params)}` : '';
    const [row]: ViewRow[] = await manager.query(
      `SELECT ${TASK_COLUMNS}, f.reference, f.state AS file_state, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from,
              to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to, o.name AS police_name, h.documents, h.application_note, h.household_number_cipher,
              h.dna_database_check_reference, h.exception_reason, h.cancelled_reason, u.display_name AS exception_by_name,
              coalesce((SELECT jsonb_agg(jsonb_build_object('kind', s.kind, 'enrolledOn', to_char(s.enrolled_on, 'YYYY-MM-DD'), 'reference', s.reference) ORDER BY s.enrolled_on, s.kind)
                          FROM social_security_enrolment s WHERE s.file_id = h.file_id), '[]') AS social_security
         FROM household_registration h JOIN victim_file f ON f.id = h.file_id JOIN person p ON p.id = f.person_id
         LEFT JOIN organisation o ON o.id = h.police_organisation_id LEFT JOIN user_account u ON u.id = h.exception_by
        WHERE h.file_id = $1${where}`,
      params,
    );
    if (!row) return undefined;
    const status = statusOf(row, today) as TaskStatus;
    return {
      fileId,
      fileReference: row.reference,
      status,
      statusLabel: STATUS_TABLE[status].label,
      clockStartedOn: row.clock_started_on,
      dueOn: row.due_on,
      daysInCare: STATUS_TABLE[status].open ? daysBetween(row.clock_started_on, today) : null,
      policeUnit: row.police_organisation_id ? { id: row.police_organisation_id, name: row.police_name ?? '' } : null,
      application: row.application_on ? { preparedOn: row.application_on, documents: row.documents, note: row.application_note } : null,
      registration: row.registered_on
        ? { registeredOn: row.registered_on, householdNumber: this.cipher.open(row.household_number_cipher), dnaDatabaseCheckReference: row.dna_database_check_reference }
        : null,
      socialSecurity: row.social_security,
      exception: row.exception_at ? { reason: row.exception_reason ?? '', by: row.exception_by_name ?? '', at: row.exception_at } : null,
      cancelledReason: row.cancelled_reason,
      steps: stepsFor(row, { role: actor.role, today, stepDays: this.config.household.stepDays, fileClosed: row.file_state === 'closed' }),
      dnaDatabaseCheckRequired: mayBeMinor(row.birth_date_from, row.birth_date_to, today),
    };
  }

  /**
   * Tasks in one's scope (the police unit: those raised to it; a bureau: its
   * files'), excused ones left out, the oldest due first: the keyset runs over
   * (due_on, file_id). One query per page whatever its size.
   */
  async list(actor: Actor, query: HouseholdTaskQuery): Promise<Page<HouseholdTaskListItem>> {
    const today = this.clock.today();
    const params: unknown[] = [];
    const statuses = statusesWhere((status) => (query.status === 'all' ? status.open : status.due));
    const todayParam = `$${params.push(today)}`;
    const where = [
      this.listScope(actor, params, today),
      `h.status IN ${sqlList(storedOf(statuses))}`,
      `${statusSql(todayParam)} IN ${sqlList(statuses)}`,
      'h.exception_at IS NULL',
    ];
    const page = await keysetPage(
      this.dataSource,
      {
        select: `h.file_id AS "fileId", f.reference AS "fileReference", ${statusSql(todayParam)} AS status,
                 to_char(h.clock_started_on, 'YYYY-MM-DD') AS "clockStartedOn", to_char(h.due_on, 'YYYY-MM-DD') AS "dueOn",
                 to_char(h.application_on, 'YYYY-MM-DD') AS "applicationPreparedOn", inst.name AS institution, p.sex`,
        from: `household_registration h JOIN victim_file f ON f.id = h.file_id JOIN person p ON p.id = f.person_id
               LEFT JOIN organisation inst ON inst.id = f.current_institution_id`,
        where,
        params,
        keys: [
          { expr: 'h.due_on', cast: 'date' },
          { expr: 'h.file_id', cast: 'uuid' },
        ],
      },
      query,
      (item: ListRow): HouseholdTaskListItem => ({ ...item, statusLabel: STATUS_TABLE[item.status].label }),
    );
    await this.audit.record({
      action: 'household.tasks',
      outcome: 'allowed',
      entityType: 'household_registration',
      fileIds: page.items.map((item) => item.fileId),
      details: { status: query.status ?? 'due' },
    });
    return page;
  }

  /** Civil affairs and the institution see the task with the file (a list predicate, scoped in SQL); the police unit, the tasks raised to it. */
  private listScope(actor: Actor, params: unknown[], today: string): string {
    if (actor.role === 'police_liaison') return policeTaskScope(actor, params, today);
    const scope = fileScope(actor, 'f', params, this.clock.now());
    return scope.audience === 'full' ? scope.where : 'false';
  }
}

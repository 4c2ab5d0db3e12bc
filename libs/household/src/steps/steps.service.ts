import { Inject, Injectable } from '@nestjs/common';
import { addDays, APP_CONFIG, AppError, dueAtNine, FieldCipher, mayBeMinor, PlatformErrors, type AppConfig } from '#app/platform';
import type { Actor } from '#app/access';
import { RemindersService } from '#app/followup';
import { HouseholdErrors } from '../errors.js';
import { registrationKey, socialSecurityKey } from '../lifecycle/task-reminders.js';
import type { ApplicationDto, ExceptionDto, RegistrationDto, SocialSecurityDto } from './steps.dto.js';
import type { ApplicationPrepared, ExceptionGranted, RegistrationRecorded, SocialSecurityEnrolled } from './step.view.js';
import { TaskSteps } from './task-steps.js';

export const HOUSEHOLD_NUMBER = 'household_number';

/**
 * R11, the people's steps: the bureau prepares the application (the police
 * are reminded to register), the police register the household (its number
 * encrypted at rest; social security is reminded next), social security
 * follows, or a supervisor excuses the registration so that local
 * resettlement may go ahead. Each late step is reminded and escalated; the
 * order, the roles and the reminders answered come from the lifecycle table.
 */
@Injectable()
export class StepsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly steps: TaskSteps,
    private readonly cipher: FieldCipher,
    private readonly reminders: RemindersService,
  ) {}

  /** Step 1: the application and its documents, prepared by the bureau (early is allowed). The police have the next step. */
  prepareApplication(actor: Actor, fileId: string, input: ApplicationDto): Promise<ApplicationPrepared> {
    return this.steps.take(actor, fileId, 'application', async ({ manager, task, file, today, now }) => {
      this.notFuture(input.preparedOn, 'preparedOn', today);
      if (input.preparedOn < task.clock_started_on) {
        throw AppError.field(
          PlatformErrors.VALIDATION_FAILED,
          'preparedOn',
          `不能早于本次滞留开始之日（${task.clock_started_on}） / must not be before the stay began (${task.clock_started_on})`,
        );
      }
      await manager.query(
        `UPDATE household_registration SET status = 'application_prepared', application_on = $2, documents = $3, application_note = $4, updated_at = $5 WHERE file_id = $1`,
        [fileId, input.preparedOn, [...new Set(input.documents)], input.note ?? null, now],
      );
      const dueOn = addDays(input.preparedOn, this.config.household.stepDays);
      await this.reminders.schedule(manager, {
        kind: 'household_registration',
        title: `请办理落户登记：档案 ${file.reference}，申请已于 ${input.preparedOn} 备妥 / register the household: file ${file.reference}, application ready since ${input.preparedOn} (R11)`,
        dueAt: dueAtNine(dueOn),
        assigneeUserId: task.police_organisation_id ? null : file.responsibleCaseworkerId,
        assigneeOrganisationId: task.police_organisation_id ?? file.responsibleOrganisationId,
        escalateToOrganisationId: task.police_organisation_id ? file.responsibleOrganisationId : null,
        fileId,
        subjectType: 'household_registration',
        subjectId: fileId,
        dedupeKey: registrationKey(fileId),
      });
      return { fileId, status: 'application_prepared' as const, registrationDueOn: dueOn };
    });
  }

  /** Step 2: the police registered the household; its number is encrypted at rest. Social security is next. */
  recordRegistration(actor: Actor, fileId: string, input: RegistrationDto): Promise<RegistrationRecorded> {
    return this.steps.take(actor, fileId, 'registration', async ({ manager, task, file, today, now }) => {
      this.notFuture(input.registeredOn, 'registeredOn', today);
      if (input.registeredOn < task.application_on!) {
        throw AppError.field(
          PlatformErrors.VALIDATION_FAILED,
          'registeredOn',
          `不能早于申请备妥之日（${task.application_on}） / must not be before the application (${task.application_on})`,
        );
      }
      // C-3.7: 对来历不明儿童落户的，要采血检验入库比对 — the reference of the police check, never its data (R9).
      if (mayBeMinor(file.birthDateFrom, file.birthDateTo, input.registeredOn) && !input.dnaDatabaseCheckReference) {
        throw AppError.field(HouseholdErrors.DNA_DATABASE_CHECK_REQUIRED, 'dnaDatabaseCheckReference');
      }
      await manager.query(
        `UPDATE household_registration SET status = 'registered', registered_on = $2, household_number_cipher = $3, dna_database_check_reference = $4,
                registration_recorded_by = $5, updated_at = $6 WHERE file_id = $1`,
        [fileId, input.registeredOn, this.cipher.seal(HOUSEHOLD_NUMBER, input.householdNumber).cipher, input.dnaDatabaseCheckReference ?? null, actor.userId, now],
      );
      const dueOn = addDays(input.registeredOn, this.config.household.stepDays);
      await this.reminders.schedule(manager, {
        kind: 'household_registration',
        title: `请落实社会保障：档案 ${file.reference} 已于 ${input.registeredOn} 落户 / arrange social security: file ${file.reference}, registered on ${input.registeredOn} (R11)`,
        dueAt: dueAtNine(dueOn),
        assigneeUserId: file.responsibleCaseworkerId,
        assigneeOrganisationId: file.responsibleOrganisationId,
        fileId,
        subjectType: 'household_registration',
        subjectId: fileId,
        dedupeKey: socialSecurityKey(fileId),
      });
      return { fileId, status: 'registered' as const, socialSecurityDueOn: dueOn };
    });
  }

  /** Step 3: social security follows the registration — basic medical insurance, minimum living allowance, other assistance. */
  enrolSocialSecurity(actor: Actor, fileId: string, input: SocialSecurityDto): Promise<SocialSecurityEnrolled> {
    return this.steps.take(actor, fileId, 'social_security', async ({ manager, task, today }) => {
      this.notFuture(input.enrolledOn, 'enrolledOn', today);
      if (input.enrolledOn < task.registered_on!) {
        throw AppError.field(
          PlatformErrors.VALIDATION_FAILED,
          'enrolledOn',
          `不能早于落户之日（${task.registered_on}） / must not be before the registration (${task.registered_on})`,
        );
      }
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO social_security_enrolment (file_id, kind, enrolled_on, reference, recorded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (file_id, kind) DO NOTHING RETURNING id`,
        [fileId, input.kind, input.enrolledOn, input.reference ?? null, actor.userId],
      );
      if (inserted.length === 0) throw AppError.field(HouseholdErrors.ALREADY_ENROLLED, 'kind');
      return { id: inserted[0].id, fileId, kind: input.kind, enrolledOn: input.enrolledOn };
    });
  }

  /** A supervisor excuses the registration, with the reason: local resettlement may go ahead without it (R11). */
  grantException(actor: Actor, fileId: string, input: ExceptionDto): Promise<ExceptionGranted> {
    return this.steps.take(actor, fileId, 'exception', async ({ manager, now }) => {
      await manager.query(`UPDATE household_registration SET exception_reason = $2, exception_by = $3, exception_at = $4, updated_at = $4 WHERE file_id = $1`, [
        fileId,
        input.reason,
        actor.userId,
        now,
      ]);
      return { fileId, exception: { reason: input.reason } };
    });
  }

  private notFuture(day: string, field: string, today: string): void {
    if (day > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, field, '日期不能晚于今天 / must not be in the future');
  }
}

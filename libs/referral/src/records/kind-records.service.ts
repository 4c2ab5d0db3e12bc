import { Injectable } from '@nestjs/common';
import { addMonths, AppError, dueAtNine } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { RemindersService } from '#app/followup';
import { ReferralErrors } from '../errors.js';
import { WORKING_STATES } from '../lifecycle.js';
import { ReferralScopes } from '../shared/scopes.js';
import type { DisabilityAssessmentView } from '../views/referral.view.js';
import type { DisabilityAssessmentDto, EnrolmentDto } from './records.dto.js';
import type { EnrolmentRecorded } from './records.view.js';

/** The months after an enrolment when the caseworker visits (R14: 跟踪回访). */
const FOLLOW_UP_MONTHS = [1, 3, 6];

/** The records particular to a kind of referral: the hospital's disability assessment (R12), the school's enrolment (R14). */
@Injectable()
export class KindRecordsService {
  constructor(
    private readonly scopes: ReferralScopes,
    private readonly reminders: RemindersService,
  ) {}

  /** R12: the disability category and grade (1–4) as the hospital reports them. */
  async assessment(actor: Actor, referralId: string, input: DisabilityAssessmentDto): Promise<DisabilityAssessmentView> {
    return this.scopes.asPartner(actor, referralId, 'referral.assessment', async ({ manager, referral, now }) => {
      if (referral.kind !== 'disability_assessment' || !WORKING_STATES.includes(referral.status)) {
        throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { kind: referral.kind, status: referral.status } });
      }
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO disability_assessment (referral_id, file_id, category, grade, assessed_on, assessed_by, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [referralId, referral.file_id, input.category, input.grade, input.assessedOn, input.assessedBy, actor.userId, now],
      );
      return {
        result: { id, category: input.category, grade: input.grade, assessedOn: input.assessedOn, assessedBy: input.assessedBy },
        entityType: 'disability_assessment',
        entityId: id,
        details: { referralId, grade: input.grade },
      };
    });
  }

  /** R14: the enrolment; follow-up visits one, three and six months later are reminded to the caseworker. */
  async enrolment(actor: Actor, referralId: string, input: EnrolmentDto): Promise<EnrolmentRecorded> {
    return this.scopes.asPartner(actor, referralId, 'referral.enrolment', async ({ manager, referral }) => {
      if (referral.kind !== 'schooling' && referral.kind !== 'technical_school') throw new AppError(ReferralErrors.NOT_SCHOOLING, { details: { kind: referral.kind } });
      if (!WORKING_STATES.includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { status: referral.status } });
      const inserted: unknown[] = await manager.query(
        `INSERT INTO enrolment (referral_id, file_id, school_id, grade, class_name, enrolled_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (referral_id) DO NOTHING RETURNING referral_id`,
        [referralId, referral.file_id, actor.organisationId, input.grade, input.className ?? null, input.enrolledOn, actor.userId],
      );
      if (inserted.length === 0) throw new AppError(CaseErrors.RECORD_EXISTS);
      const [file]: { reference: string; responsible_organisation_id: string; responsible_caseworker_id: string | null }[] = await manager.query(
        'SELECT reference, responsible_organisation_id, responsible_caseworker_id FROM victim_file WHERE id = $1',
        [referral.file_id],
      );
      const visits = FOLLOW_UP_MONTHS.map((months) => addMonths(input.enrolledOn, months));
      for (const [index, day] of visits.entries()) {
        await this.reminders.schedule(manager, {
          kind: 'followup_visit',
          title: `入学后跟踪回访 ${index + 1}/${visits.length}：档案 ${file.reference} / follow-up visit ${index + 1} of ${visits.length} after enrolment, file ${file.reference} (R14)`,
          dueAt: dueAtNine(day),
          assigneeUserId: file.responsible_caseworker_id,
          assigneeOrganisationId: file.responsible_organisation_id,
          fileId: referral.file_id,
          subjectType: 'enrolment',
          subjectId: referralId,
          dedupeKey: `enrolment:${referralId}:${index + 1}`,
        });
      }
      return { result: { enrolled: true, followUpVisits: visits } };
    });
  }
}

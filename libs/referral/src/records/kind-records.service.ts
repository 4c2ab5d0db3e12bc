import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addMonths, AppError, dueAtNine, PlatformErrors } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { RemindersService } from '#app/followup';
import { ReferralErrors } from '../errors.js';
import { KIND_RULES, type ReferralKind } from '../kinds.js';
import { WORKING_STATES } from '../lifecycle.js';
import type { ReferralRow } from '../shared/referral-row.js';
import { ReferralScopes, type PartnerWork } from '../shared/scopes.js';
import type {
  DisabilityAssessmentView,
  JobPlacementView,
  LegalAidStepView,
  RepatriationHandoverView,
  TrainingCertificateView,
  TrainingCourseView,
} from '../views/referral.view.js';
import type { DisabilityAssessmentDto, EnrolmentDto, JobPlacementDto, LegalAidStepDto, RepatriationHandoverDto, TrainingCertificateDto, TrainingCourseDto } from './records.dto.js';
import type { EnrolmentRecorded } from './records.view.js';

/** The months after an enrolment when the caseworker visits (R14: 跟踪回访). */
const FOLLOW_UP_MONTHS = [1, 3, 6];

/** R15: the kinds whose partner records training, certificates and jobs. */
const TRAINING_RECORD_KINDS: readonly ReferralKind[] = ['job_training', 'technical_school', 'job_placement'];

/**
 * The records particular to a kind of referral: the hospital's disability
 * assessment (R12), the school's enrolment (R14), training, certificates and
 * jobs (R15), the steps of a green-channel legal aid case (R18), the
 * repatriation handover (R19). Each only on a referral of its kind, sent to
 * the actor's organisation (the referral's scope, 404 otherwise), while it is
 * accepted or in progress; audited in the same transaction.
 */
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
  /** R15: a training course. */
  async trainingCourse(actor: Actor, referralId: string, input: TrainingCourseDto): Promise<TrainingCourseView> {
    if (input.endsOn !== undefined && input.endsOn < input.startsOn) {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'endsOn', '结束日期不能早于开始日期 / the course cannot end before it starts');
    }
    return this.record(actor, referralId, 'referral.training_course', TRAINING_RECORD_KINDS, 'training_course', async ({ manager, referral, now }) =>
      this.insert<TrainingCourseView>(
        manager,
        actor,
        referral,
        now,
        'training_course',
        { name: input.name, provider: input.provider, starts_on: input.startsOn, ends_on: input.endsOn ?? null, status: input.status },
        `name, provider, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", status`,
      ),
    );
  }

  /** R15: a certificate obtained. */
  async certificate(actor: Actor, referralId: string, input: TrainingCertificateDto): Promise<TrainingCertificateView> {
    return this.record(actor, referralId, 'referral.training_certificate', TRAINING_RECORD_KINDS, 'training_certificate', async ({ manager, referral, now }) =>
      this.insert<TrainingCertificateView>(
        manager,
        actor,
        referral,
        now,
        'training_certificate',
        { name: input.name, number: input.number ?? null, issued_on: input.issuedOn },
        `name, number, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn"`,
      ),
    );
  }

  /** R15: the job found, here or in another place (异地就业). */
  async job(actor: Actor, referralId: string, input: JobPlacementDto): Promise<JobPlacementView> {
    return this.record(actor, referralId, 'referral.job_placement', TRAINING_RECORD_KINDS, 'job_placement_record', async ({ manager, referral, now }) => {
      const [place]: { name: string; elsewhere: boolean }[] = await manager.query(
        `SELECT p.name, NOT (p.code LIKE fj.prefix || '%') AS elsewhere
           FROM jurisdiction p, victim_file f JOIN jurisdiction fj ON fj.code = f.responsible_jurisdiction_code WHERE p.code = $1 AND f.id = $2`,
        [input.placeCode, referral.file_id],
      );
      if (!place) throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'placeCode');
      const job = await this.insert<JobPlacementView>(
        manager,
        actor,
        referral,
        now,
        'job_placement_record',
        { employer: input.employer, position: input.position, starts_on: input.startsOn, place_code: input.placeCode },
        `employer, position, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", place_code AS "placeCode"`,
      );
      return { ...job, placeName: place.name, elsewhere: place.elsewhere };
    });
  }

  /** R18: a dated step of the green-channel legal aid case. */
  async legalAidStep(actor: Actor, referralId: string, input: LegalAidStepDto): Promise<LegalAidStepView> {
    return this.record(actor, referralId, 'referral.legal_aid_step', ['legal_aid'], 'legal_aid_step', async ({ manager, referral, now }) =>
      this.insert<LegalAidStepView>(
        manager,
        actor,
        referral,
        now,
        'legal_aid_step',
        { kind: input.kind, taken_on: input.takenOn, note: input.note },
        `kind, to_char(taken_on, 'YYYY-MM-DD') AS "takenOn", note`,
      ),
    );
  }

  /** R19: the handover to the authority of the country of return, once per referral. */
  async handover(actor: Actor, referralId: string, input: RepatriationHandoverDto): Promise<RepatriationHandoverView> {
    return this.record(actor, referralId, 'referral.repatriation_handover', ['repatriation'], 'repatriation_handover', async ({ manager, referral, now }) => {
      const [existing]: unknown[] = await manager.query('SELECT 1 FROM repatriation_handover WHERE referral_id = $1', [referralId]);
      if (existing) throw new AppError(CaseErrors.RECORD_EXISTS);
      return this.insert<RepatriationHandoverView>(
        manager,
        actor,
        referral,
        now,
        'repatriation_handover',
        {
          handed_over_on: input.handedOverOn,
          place: input.place,
          receiving_authority: input.receivingAuthority,
          receiving_country: input.receivingCountry,
          travel_document_ref: input.travelDocumentRef ?? null,
        },
        `to_char(handed_over_on, 'YYYY-MM-DD') AS "handedOverOn", place, receiving_authority AS "receivingAuthority", receiving_country AS "receivingCountry",
         travel_document_ref AS "travelDocumentRef"`,
      );
    });
  }

  /** A kind's record: in the referral's scope, only on a referral of the kinds named (422 naming them), only while it is worked (409). */
  private record<T extends { id: string }>(
    actor: Actor,
    referralId: string,
    action: string,
    kinds: readonly ReferralKind[],
    entityType: string,
    work: (work: PartnerWork) => Promise<T>,
  ): Promise<T> {
    return this.scopes.asPartner(actor, referralId, action, async (partnerWork) => {
      const { referral } = partnerWork;
      if (!kinds.includes(referral.kind)) throw wrongKind(referral, kinds);
      if (!WORKING_STATES.includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { status: referral.status } });
      const result = await work(partnerWork);
      return { result, entityType, entityId: result.id, details: { referralId, kind: referral.kind } };
    });
  }

  /** One row of a kind's table for the referral, by the actor's organisation; returned with the columns asked. */
  private async insert<T>(manager: EntityManager, actor: Actor, referral: ReferralRow, now: Date, table: string, values: Record<string, unknown>, columns: string): Promise<T> {
    const names = ['referral_id', 'file_id', 'organisation_id', 'recorded_by', 'recorded_at', ...Object.keys(values)];
    const params = [referral.id, referral.file_id, actor.organisationId, actor.userId, now, ...Object.values(values)];
    const [row]: T[] = await manager.query(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${params.map((_, index) => `$${index + 1}`).join(', ')})
       RETURNING id, ${columns}, recorded_at AS "recordedAt"`,
      params,
    );
    return row;
  }
}

/** 422 naming the field and the kinds that keep the record. */
function wrongKind(referral: ReferralRow, kinds: readonly ReferralKind[]): AppError {
  const names = kinds.map((kind) => KIND_RULES[kind].label).join('; ');
  return AppError.field(ReferralErrors.WRONG_REFERRAL_KIND, 'kind', `此记录只适用于 / this record is kept only on: ${names} (${referral.kind})`);
}

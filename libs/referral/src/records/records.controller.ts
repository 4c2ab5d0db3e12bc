import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, PageQuery, uuidParam, type Page } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { FILE_KEEPERS, PARTNERS, REFERRERS, TRAINERS } from '../shared/roles.js';
import {
  DisabilityAssessmentView,
  JobPlacementView,
  LegalAidStepView,
  ReferralNoteView,
  RepatriationHandoverView,
  TrainingCertificateView,
  TrainingCourseView,
} from '../views/referral.view.js';
import { ContributionsService } from './contributions.service.js';
import { KindRecordsService } from './kind-records.service.js';
import { NotesService } from './notes.service.js';
import {
  ContributionDto,
  DisabilityAssessmentDto,
  EnrolmentDto,
  JobPlacementDto,
  LegalAidStepDto,
  NoteCorrectionDto,
  NoteDto,
  RepatriationHandoverDto,
  TrainingCertificateDto,
  TrainingCourseDto,
} from './records.dto.js';
import { EnrolmentRecorded, SupportContributionView } from './records.view.js';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class ReferralRecordsController {
  constructor(
    private readonly notes: NotesService,
    private readonly kindRecords: KindRecordsService,
    private readonly contributions: ContributionsService,
  ) {}

  @Post('referrals/:id/notes')
  @Roles(...PARTNERS)
  @ApiOperation({ operationId: 'referrals_add_note', summary: 'A progress note or a visit record, seen by the caseworker' })
  @ApiCreatedResponse({ type: ReferralNoteView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.REFERRAL_NOT_ALLOWED)
  addNote(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: NoteDto): Promise<ReferralNoteView> {
    return this.notes.add(actor, id, body);
  }

  @Post('referrals/:id/notes/:noteId/corrections')
  @Roles(...PARTNERS)
  @ApiOperation({
    operationId: 'referrals_correct_note',
    summary: "Correct one of one's own notes recorded by mistake: an addendum with the reason, audited; the note itself never changes",
  })
  @ApiCreatedResponse({ type: ReferralNoteView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.NOTE_NOT_FOUND)
  correctNote(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('noteId', uuidParam('noteId')) noteId: string,
    @Body() body: NoteCorrectionDto,
  ): Promise<ReferralNoteView> {
    return this.notes.correct(actor, id, noteId, body);
  }

  @Post('referrals/:id/disability-assessment')
  @Roles('hospital_staff')
  @ApiOperation({ operationId: 'referrals_record_disability_assessment', summary: 'R12: the disability category and grade (1–4) as assessed' })
  @ApiCreatedResponse({ type: DisabilityAssessmentView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.REFERRAL_NOT_ALLOWED)
  assessment(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DisabilityAssessmentDto): Promise<DisabilityAssessmentView> {
    return this.kindRecords.assessment(actor, id, body);
  }

  @Post('referrals/:id/enrolment')
  @Roles('school_staff')
  @ApiOperation({ operationId: 'referrals_record_enrolment', summary: 'R14: the enrolment; follow-up visits after it are reminded to the caseworker' })
  @ApiCreatedResponse({ type: EnrolmentRecorded })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.NOT_SCHOOLING, ReferralErrors.REFERRAL_NOT_ALLOWED, CaseErrors.RECORD_EXISTS)
  enrolment(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: EnrolmentDto): Promise<EnrolmentRecorded> {
    return this.kindRecords.enrolment(actor, id, body);
  }

  @Post('referrals/:id/training-courses')
  @Roles(...TRAINERS)
  @ApiOperation({ operationId: 'referrals_add_training_course', summary: 'R15: a training course, on a job training, technical school or job placement referral' })
  @ApiCreatedResponse({ type: TrainingCourseView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.WRONG_REFERRAL_KIND, ReferralErrors.REFERRAL_NOT_ALLOWED)
  trainingCourse(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: TrainingCourseDto): Promise<TrainingCourseView> {
    return this.kindRecords.trainingCourse(actor, id, body);
  }

  @Post('referrals/:id/training-certificates')
  @Roles(...TRAINERS)
  @ApiOperation({ operationId: 'referrals_add_training_certificate', summary: 'R15: a certificate obtained, on a job training, technical school or job placement referral' })
  @ApiCreatedResponse({ type: TrainingCertificateView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.WRONG_REFERRAL_KIND, ReferralErrors.REFERRAL_NOT_ALLOWED)
  certificate(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: TrainingCertificateDto): Promise<TrainingCertificateView> {
    return this.kindRecords.certificate(actor, id, body);
  }

  @Post('referrals/:id/jobs')
  @Roles(...TRAINERS)
  @ApiOperation({ operationId: 'referrals_add_job', summary: 'R15: the job found, here or in another place (异地就业)' })
  @ApiCreatedResponse({ type: JobPlacementView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.WRONG_REFERRAL_KIND, ReferralErrors.REFERRAL_NOT_ALLOWED, AccessErrors.UNKNOWN_JURISDICTION)
  job(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: JobPlacementDto): Promise<JobPlacementView> {
    return this.kindRecords.job(actor, id, body);
  }

  @Post('referrals/:id/legal-aid-steps')
  @Roles('legal_aid_staff')
  @ApiOperation({
    operationId: 'referrals_add_legal_aid_step',
    summary: 'R18: a dated step of the green-channel legal aid case (consultation, filing, hearing, judgment, non-litigation service)',
  })
  @ApiCreatedResponse({ type: LegalAidStepView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.WRONG_REFERRAL_KIND, ReferralErrors.REFERRAL_NOT_ALLOWED)
  legalAidStep(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: LegalAidStepDto): Promise<LegalAidStepView> {
    return this.kindRecords.legalAidStep(actor, id, body);
  }

  @Post('referrals/:id/repatriation-handover')
  @Roles('foreign_affairs_officer')
  @ApiOperation({ operationId: 'referrals_record_repatriation_handover', summary: 'R19: the handover to the authority of the country of return, once per referral' })
  @ApiCreatedResponse({ type: RepatriationHandoverView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.WRONG_REFERRAL_KIND, ReferralErrors.REFERRAL_NOT_ALLOWED, CaseErrors.RECORD_EXISTS)
  handover(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RepatriationHandoverDto): Promise<RepatriationHandoverView> {
    return this.kindRecords.handover(actor, id, body);
  }

  @Post('referrals/:id/support-contributions')
  @Roles('social_worker')
  @ApiOperation({ operationId: 'referrals_add_support_contribution', summary: 'R13: support the social work organisation brought in for this referral' })
  @ApiCreatedResponse({ type: SupportContributionView })
  @ApiErrors(ReferralErrors.REFERRAL_NOT_FOUND, CaseErrors.FILE_CLOSED, ReferralErrors.REFERRAL_NOT_ALLOWED)
  partnerContribution(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ContributionDto): Promise<SupportContributionView> {
    return this.contributions.addToReferral(actor, id, body);
  }

  @Post('files/:id/support-contributions')
  @Roles(...REFERRERS)
  @ApiOperation({ operationId: 'support_contributions_add', summary: 'R13: funding or in-kind support from an organisation or an individual, on the file' })
  @ApiCreatedResponse({ type: SupportContributionView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED)
  fileContribution(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ContributionDto): Promise<SupportContributionView> {
    return this.contributions.addToFile(actor, id, body);
  }

  @Get('files/:id/support-contributions')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'support_contributions_list', summary: "R13: the file's support from organisations and individuals, with the partners', in the order recorded" })
  @ApiOkResponse({ type: PageOf(SupportContributionView) })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  listContributions(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: PageQuery): Promise<Page<SupportContributionView>> {
    return this.contributions.list(actor, id, query);
  }
}

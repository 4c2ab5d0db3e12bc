import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { ConsentDto, ContributionDto, CreateReferralDto, DisabilityAssessmentDto, EnrolmentDto, InboxQuery, NoteDto, OutcomeDto, ReasonDto } from './referral.dto.js';
import { ReferralsService } from './referrals.service.js';

const PARTNERS = ['hospital_staff', 'school_staff', 'training_staff', 'legal_aid_staff', 'social_worker', 'foreign_affairs_officer'] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('files/:id/referrals')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Refer the person to a partner of the right kind (R12–R15, R18, R19); extra disclosure needs consent (R16)' })
  create(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CreateReferralDto) {
    return this.referrals.create(actor, id, body);
  }

  @Get('files/:id/referrals')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ summary: "The referrals of a file, with their status and the partners' notes" })
  forFile(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.referrals.forFile(actor, id);
  }

  @Post('files/:id/consents')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Record a consent of the person or guardian: to share a category with partners (R16) or to job training (R15)' })
  consent(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ConsentDto) {
    return this.referrals.recordConsent(actor, id, body);
  }

  @Post('files/:id/support-contributions')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R13: funding or in-kind support from an organisation or an individual' })
  contribution(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ContributionDto) {
    return this.referrals.addFileContribution(actor, id, body);
  }

  @Get('schooling/unenrolled')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: "R14: children of compulsory-education age in care and not enrolled, in one's scope" })
  unenrolled(@CurrentActor() actor: Actor) {
    return this.referrals.unenrolled(actor);
  }

  @Post('referrals/:id/send')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Send a draft: deadlines become reminders; the partner sees the minimal view while it is open' })
  send(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.referrals.send(actor, id);
  }

  @Post('referrals/:id/withdraw')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Withdraw a referral, with the reason; the partner keeps only its own records of it' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto) {
    return this.referrals.withdraw(actor, id, body.reason);
  }

  @Get('referrals/inbox')
  @Roles(...PARTNERS)
  @ApiOperation({ summary: "The partner's inbox: referrals to its organisation, green-channel legal aid first (R18)" })
  inbox(@CurrentActor() actor: Actor, @Query() query: InboxQuery) {
    return this.referrals.inbox(actor, query.status ?? 'open');
  }

  @Get('referrals/:id')
  @ApiOperation({ summary: "One referral: the partner's minimal view (R16), or the referring side's full one" })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.referrals.get(actor, id);
  }

  @Post('referrals/:id/accept')
  @HttpCode(200)
  @Roles(...PARTNERS)
  @ApiOperation({ summary: "Accept a referral sent to one's organisation" })
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.referrals.accept(actor, id);
  }

  @Post('referrals/:id/decline')
  @HttpCode(200)
  @Roles(...PARTNERS)
  @ApiOperation({ summary: 'Decline a referral, with the reason' })
  decline(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto) {
    return this.referrals.decline(actor, id, body.reason);
  }

  @Post('referrals/:id/start')
  @HttpCode(200)
  @Roles(...PARTNERS)
  @ApiOperation({ summary: 'Start working an accepted referral' })
  start(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.referrals.start(actor, id);
  }

  @Post('referrals/:id/notes')
  @Roles(...PARTNERS)
  @ApiOperation({ summary: 'A progress note or a visit record, seen by the caseworker' })
  note(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: NoteDto) {
    return this.referrals.addNote(actor, id, body);
  }

  @Post('referrals/:id/complete')
  @HttpCode(200)
  @Roles(...PARTNERS)
  @ApiOperation({ summary: 'Complete with the outcome the kind requires (course, placement, legal service…)' })
  complete(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: OutcomeDto) {
    return this.referrals.complete(actor, id, body);
  }

  @Post('referrals/:id/disability-assessment')
  @Roles('hospital_staff')
  @ApiOperation({ summary: 'R12: the disability category and grade (1–4) as assessed' })
  assessment(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DisabilityAssessmentDto) {
    return this.referrals.recordAssessment(actor, id, body);
  }

  @Post('referrals/:id/enrolment')
  @Roles('school_staff')
  @ApiOperation({ summary: 'R14: the enrolment; follow-up visits after it are reminded to the caseworker' })
  enrolment(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: EnrolmentDto) {
    return this.referrals.recordEnrolment(actor, id, body);
  }

  @Post('referrals/:id/support-contributions')
  @Roles('social_worker')
  @ApiOperation({ summary: 'R13: support the social work organisation brought in for this referral' })
  partnerContribution(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ContributionDto) {
    return this.referrals.addPartnerContribution(actor, id, body);
  }
}

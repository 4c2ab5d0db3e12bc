import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { CareService } from './care.service.js';
import { IdentityService } from './identity.service.js';
import { InterviewService } from './interview.service.js';
import { BuyerHouseholdService } from './buyer-household.service.js';
import { ProtectionService } from './protection.service.js';
import {
  AddendumDto,
  AssistanceMeasureDto,
  BuyerHouseholdCorrectionDto,
  BuyerHouseholdMemberDto,
  GuardianDto,
  GuardianUpdateDto,
  IdentityDto,
  InterviewDto,
  MandatoryReportDto,
  RecordRemovalDto,
  RepatriationDto,
  ReturnHomeDto,
} from './records.dto.js';
import { ConsentGivenView, GuardianUpdated, IdentityConfirmed, InterviewRecorded, InterviewView, RecordChanged, RecordCreated, RecordReplaced } from './records.view.js';

const FILE_KEEPERS = ['caseworker', 'supervisor', 'institution_staff'] as const;
const WRITE = [CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED];
const REPLACE = [...WRITE, CaseErrors.STALE_VERSION];
/** R6: the buyers by ID number, name, alias or address (no override); a homophone until a verified ID number is given. */
const BUYERS = [CaseErrors.BUYER_HOUSEHOLD, CaseErrors.BUYER_HOUSEHOLD_HOMOPHONE];
/** R23: a guardian is an adult other than the ward. */
const ADULT = [CaseErrors.GUARDIAN_IS_THE_WARD, CaseErrors.GUARDIAN_UNDER_AGE, CaseErrors.INCONSISTENT_BIRTH];
/** R6: those who establish the buying household (the police) or answer for corrections (a supervisor). */
const HOUSEHOLD_CORRECTORS = ['supervisor', 'police_liaison'] as const;

@ApiTags('file records')
@ApiBearerAuth()
@ApiExtraModels(ConsentGivenView)
@Controller('files/:id')
export class RecordsController {
  constructor(
    private readonly interviews: InterviewService,
    private readonly protection: ProtectionService,
    private readonly buyers: BuyerHouseholdService,
    private readonly care: CareService,
    private readonly identities: IdentityService,
  ) {}

  @Post('interview')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'interview_record', summary: 'R2: record the one-stop interview, once; 409 INTERVIEW_EXISTS afterwards (add an addendum)' })
  @ApiCreatedResponse({ type: InterviewRecorded })
  @ApiErrors(...WRITE, CaseErrors.INTERVIEW_EXISTS)
  interview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: InterviewDto): Promise<InterviewRecorded> {
    return this.interviews.record(actor, id, body);
  }

  @Get('interview')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'interview_read', summary: 'R2: the interview and its addenda; never for partners (R16)' })
  @ApiOkResponse({ type: InterviewView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.INTERVIEW_MISSING)
  readInterview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<InterviewView> {
    return this.interviews.read(actor, id);
  }

  @Post('interview/addenda')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'interview_add_addendum', summary: 'R2: correct or complete the interview with an addendum, kept and audited' })
  @ApiCreatedResponse({ type: RecordCreated })
  @ApiErrors(...WRITE, CaseErrors.INTERVIEW_MISSING)
  addendum(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: AddendumDto): Promise<RecordCreated> {
    return this.interviews.addAddendum(actor, id, body);
  }

  @Post('buyer-household')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({ operationId: 'buyer_household_add', summary: 'R6: record a member (name, aliases, ID number) or the address of the household that bought the person' })
  @ApiCreatedResponse({ type: RecordCreated })
  @ApiErrors(...WRITE, CaseErrors.INVALID_ID_NUMBER, AccessErrors.UNKNOWN_JURISDICTION)
  buyer(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: BuyerHouseholdMemberDto): Promise<RecordCreated> {
    return this.buyers.add(actor, id, body);
  }

  @Put('buyer-household/:memberId')
  @Roles(...HOUSEHOLD_CORRECTORS)
  @ApiOperation({ operationId: 'buyer_household_correct', summary: 'R6: correct a member of the buying household — the record replaced, with the reason (versioned, audited)' })
  @ApiOkResponse({ type: RecordChanged })
  @ApiErrors(...REPLACE, CaseErrors.RECORD_NOT_FOUND, CaseErrors.INVALID_ID_NUMBER, AccessErrors.UNKNOWN_JURISDICTION)
  correctBuyer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('memberId', uuidParam('memberId')) memberId: string,
    @Body() body: BuyerHouseholdCorrectionDto,
  ): Promise<RecordChanged> {
    return this.buyers.correct(actor, id, memberId, body);
  }

  @Post('buyer-household/:memberId/remove')
  @Roles(...HOUSEHOLD_CORRECTORS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'buyer_household_remove',
    summary: 'R6: remove a member recorded by mistake, with the reason — kept on record, no longer counting (versioned, audited)',
  })
  @ApiOkResponse({ type: RecordChanged })
  @ApiErrors(...REPLACE, CaseErrors.RECORD_NOT_FOUND)
  removeBuyer(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('memberId', uuidParam('memberId')) memberId: string,
    @Body() body: RecordRemovalDto,
  ): Promise<RecordChanged> {
    return this.buyers.remove(actor, id, memberId, body);
  }

  @Put('identity')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    operationId: 'identity_confirm',
    summary: 'R8, R11: the identity of someone who came unidentified, established — with how it is known; tracing and the household clock stop (versioned)',
  })
  @ApiOkResponse({ type: IdentityConfirmed })
  @ApiErrors(...REPLACE, CaseErrors.INVALID_ID_NUMBER, CaseErrors.IDENTITY_CONFIRMED, CaseErrors.IDENTITY_ON_ANOTHER_PERSON)
  identity(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: IdentityDto): Promise<IdentityConfirmed> {
    return this.identities.confirm(actor, id, body);
  }

  @Post('guardians')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'guardians_add', summary: "R23: record a minor's guardian — an adult other than the ward, never one of the buying household (R6)" })
  @ApiCreatedResponse({ type: RecordCreated })
  @ApiErrors(...WRITE, CaseErrors.INVALID_ID_NUMBER, ...BUYERS, ...ADULT, AccessErrors.UNKNOWN_ORGANISATION)
  guardian(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: GuardianDto): Promise<RecordCreated> {
    return this.protection.addGuardian(actor, id, body);
  }

  @Put('guardians/:guardianId')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({
    operationId: 'guardians_update',
    summary: 'R23: correct a guardian (checked again, R6), change the contact or end the guardianship — an audited edit with its reason (versioned)',
  })
  @ApiOkResponse({ type: GuardianUpdated })
  @ApiErrors(...REPLACE, CaseErrors.RECORD_NOT_FOUND, CaseErrors.INVALID_ID_NUMBER, ...BUYERS, ...ADULT)
  updateGuardian(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('guardianId', uuidParam('guardianId')) guardianId: string,
    @Body() body: GuardianUpdateDto,
  ): Promise<GuardianUpdated> {
    return this.protection.updateGuardian(actor, id, guardianId, body);
  }

  @Post('guardians/:guardianId/remove')
  @Roles(...FILE_KEEPERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'guardians_remove',
    summary: 'R23: remove a guardian recorded by mistake, with the reason — kept on record, no longer counting (versioned, audited)',
  })
  @ApiOkResponse({ type: RecordChanged })
  @ApiErrors(...REPLACE, CaseErrors.RECORD_NOT_FOUND)
  removeGuardian(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('guardianId', uuidParam('guardianId')) guardianId: string,
    @Body() body: RecordRemovalDto,
  ): Promise<RecordChanged> {
    return this.protection.removeGuardian(actor, id, guardianId, body);
  }

  @Post('mandatory-reports')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'mandatory_reports_add', summary: 'R23: record the mandatory report of suspected harm to a minor (to whom, when, reference)' })
  @ApiCreatedResponse({ type: RecordCreated })
  @ApiErrors(...WRITE, AccessErrors.UNKNOWN_ORGANISATION)
  mandatoryReport(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: MandatoryReportDto): Promise<RecordCreated> {
    return this.protection.addMandatoryReport(actor, id, body);
  }

  @Post('assistance-measures')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ operationId: 'assistance_measures_add', summary: 'R7: record a temporary assistance measure (shelter, food, medical, travel home, 低保/特困…)' })
  @ApiCreatedResponse({ type: RecordCreated })
  @ApiErrors(...WRITE, AccessErrors.UNKNOWN_ORGANISATION)
  assistance(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: AssistanceMeasureDto): Promise<RecordCreated> {
    return this.care.addAssistanceMeasure(actor, id, body);
  }

  @Put('return-home')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'return_home_set', summary: 'R5, R7: who receives the person and where (versioned); 422 BUYER_HOUSEHOLD when it is the buying household (R6)' })
  @ApiOkResponse({ type: RecordReplaced })
  @ApiErrors(...REPLACE, CaseErrors.INVALID_ID_NUMBER, ...BUYERS, CaseErrors.RETURN_HOME_COMPLETED, AccessErrors.UNKNOWN_JURISDICTION)
  returnHome(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReturnHomeDto): Promise<RecordReplaced> {
    return this.care.setReturnHome(actor, id, body);
  }

  @Put('repatriation')
  @Roles('caseworker', 'supervisor', 'foreign_affairs_officer')
  @ApiOperation({ operationId: 'repatriation_set', summary: 'R19: transit care and the handover of a foreign victim, coordinated with the foreign affairs office (versioned)' })
  @ApiOkResponse({ type: RecordReplaced })
  @ApiErrors(...REPLACE, AccessErrors.UNKNOWN_ORGANISATION)
  repatriation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RepatriationDto): Promise<RecordReplaced> {
    return this.care.setRepatriation(actor, id, body);
  }
}

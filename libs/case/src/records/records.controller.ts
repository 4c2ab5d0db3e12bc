import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import {
  AddendumDto,
  AssistanceMeasureDto,
  BuyerHouseholdMemberDto,
  GuardianDto,
  IdentityDto,
  InterviewDto,
  MandatoryReportDto,
  RepatriationDto,
  ReturnHomeDto,
} from './records.dto.js';
import { RecordsService } from './records.service.js';

const FILE_KEEPERS = ['caseworker', 'supervisor', 'institution_staff'] as const;

@ApiTags('file records')
@ApiBearerAuth()
@Controller('files/:id')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Post('interview')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ summary: 'R2: record the one-stop interview, once; 409 INTERVIEW_EXISTS afterwards (add an addendum)' })
  interview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: InterviewDto) {
    return this.records.recordInterview(actor, id, body);
  }

  @Get('interview')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ summary: 'R2: the interview and its addenda; never for partners (R16)' })
  readInterview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.records.interview(actor, id);
  }

  @Post('interview/addenda')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ summary: 'R2: correct or complete the interview with an addendum, kept and audited' })
  addendum(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: AddendumDto) {
    return this.records.addAddendum(actor, id, body);
  }

  @Post('buyer-household')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({ summary: 'R6: record a member or the address of the household that bought the person' })
  buyer(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: BuyerHouseholdMemberDto) {
    return this.records.addBuyerHouseholdMember(actor, id, body);
  }

  @Put('identity')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R8, R11: the identity of someone who came unidentified, established — with how it is known; tracing and the household clock stop' })
  identity(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: IdentityDto) {
    return this.records.confirmIdentity(actor, id, body);
  }

  @Post('guardians')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ summary: "R23: record a minor's guardian (never one of the buying household, R6)" })
  guardian(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: GuardianDto) {
    return this.records.addGuardian(actor, id, body);
  }

  @Post('mandatory-reports')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ summary: 'R23: record the mandatory report of suspected harm to a minor (to whom, when, reference)' })
  mandatoryReport(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: MandatoryReportDto) {
    return this.records.addMandatoryReport(actor, id, body);
  }

  @Post('assistance-measures')
  @Roles(...FILE_KEEPERS)
  @ApiOperation({ summary: 'R7: record a temporary assistance measure (shelter, food, medical, travel home, 低保/特困…)' })
  assistance(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: AssistanceMeasureDto) {
    return this.records.addAssistanceMeasure(actor, id, body);
  }

  @Put('return-home')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R5, R7: who receives the person and where; 422 BUYER_HOUSEHOLD when it is the buying household (R6)' })
  returnHome(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReturnHomeDto) {
    return this.records.setReturnHome(actor, id, body);
  }

  @Put('repatriation')
  @Roles('caseworker', 'supervisor', 'foreign_affairs_officer')
  @ApiOperation({ summary: 'R19: transit care and the handover of a foreign victim, coordinated with the foreign affairs office' })
  repatriation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RepatriationDto) {
    return this.records.setRepatriation(actor, id, body);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import {
  CandidateDecisionDto,
  DnaComparisonQuery,
  DnaOutcomeDto,
  DnaRequestDto,
  DutyNoticeDto,
  LeadDto,
  PaternityTestDto,
  TracingRequestDto,
  TracingRequestQuery,
} from './tracing.dto.js';
import { TracingService } from './tracing.service.js';

@ApiTags('tracing')
@ApiBearerAuth()
@Controller()
export class TracingController {
  constructor(private readonly tracing: TracingService) {}

  @Post('tracing/requests')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({ summary: "R8: record a family's request to find a missing person; matching against people in care follows by itself" })
  createRequest(@CurrentActor() actor: Actor, @Body() body: TracingRequestDto) {
    return this.tracing.createRequest(actor, body);
  }

  @Get('tracing/requests')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({ summary: "Tracing requests in one's scope, newest first, with their open candidates" })
  listRequests(@CurrentActor() actor: Actor, @Query() query: TracingRequestQuery) {
    return this.tracing.listRequests(actor, query.status ?? 'open');
  }

  @Get('tracing/requests/:id')
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({ summary: "One tracing request with the family's contact" })
  getRequest(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.tracing.getRequest(actor, id);
  }

  @Post('tracing/requests/:id/close')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor', 'police_liaison')
  @ApiOperation({ summary: 'Close a request (found another way, withdrawn), with the reason; its open candidates are set aside' })
  closeRequest(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CandidateDecisionDto) {
    return this.tracing.closeRequest(actor, id, body.reason);
  }

  @Post('files/:id/tracing/leads')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ summary: 'R8: a lead the person gave (dialect, place names, people, marks), with its source; matching runs again' })
  addLead(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: LeadDto) {
    return this.tracing.addLead(actor, id, body);
  }

  @Get('files/:id/tracing')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ summary: "The file's tracing: leads, candidates with their score per feature, DNA comparisons, refused paternity tests, duty notices" })
  forFile(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.tracing.tracing(actor, id);
  }

  @Post('files/:id/tracing/match')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Match the person against the open requests now, and answer with the candidates' })
  matchNow(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.tracing.matchNow(actor, id);
  }

  @Post('tracing/candidates/:id/dismiss')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Dismiss a candidate, with the reason' })
  dismiss(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CandidateDecisionDto) {
    return this.tracing.dismiss(actor, id, body);
  }

  @Post('tracing/candidates/:id/dna-comparison')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R9: refer a candidate to a police unit for a DNA comparison (unit, reference, date; never genetic data)' })
  requestDna(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DnaRequestDto) {
    return this.tracing.requestDna(actor, id, body);
  }

  @Get('tracing/dna-comparisons')
  @Roles('police_liaison')
  @ApiOperation({ summary: "R9: the comparisons asked of one's police unit, pending first" })
  comparisons(@CurrentActor() actor: Actor, @Query() query: DnaComparisonQuery) {
    return this.tracing.comparisonsForPolice(actor, query.status ?? 'pending');
  }

  @Post('tracing/dna-comparisons/:id/outcome')
  @HttpCode(200)
  @Roles('police_liaison')
  @ApiOperation({ summary: 'R9, R10: the police unit reports the outcome (match, no match, inconclusive) and its report reference' })
  reportOutcome(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DnaOutcomeDto) {
    return this.tracing.reportOutcome(actor, id, body);
  }

  @Post('files/:id/tracing/paternity-tests')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R10: a private paternity test a family offered, recorded as refused; it never counts for reunification' })
  paternityTest(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: PaternityTestDto) {
    return this.tracing.refusePaternityTest(actor, id, body);
  }

  @Post('files/:id/tracing/duty-notices')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R8: the relatives found were told of their duties of care: who, when, how' })
  dutyNotice(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DutyNoticeDto) {
    return this.tracing.recordDutyNotice(actor, id, body);
  }
}

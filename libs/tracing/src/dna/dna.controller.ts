import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { TracingErrors } from '../errors.js';
import { DnaComparisonQuery, DnaOutcomeDto, DnaRequestDto } from './dna.dto.js';
import { DnaService } from './dna.service.js';
import { DnaComparisonRequested, DnaOutcomeReported, PoliceComparisonView } from './dna.view.js';

@ApiTags('tracing')
@ApiBearerAuth()
@Controller('tracing')
export class DnaController {
  constructor(private readonly dna: DnaService) {}

  @Post('candidates/:id/dna-comparison')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'tracing_dna_request', summary: 'R9: refer a candidate to a police unit for a DNA comparison (unit, reference, date; never genetic data)' })
  @ApiCreatedResponse({ type: DnaComparisonRequested })
  @ApiErrors(TracingErrors.CANDIDATE_NOT_FOUND, TracingErrors.CANDIDATE_DECIDED, CaseErrors.FILE_CLOSED, AccessErrors.UNKNOWN_ORGANISATION)
  request(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DnaRequestDto): Promise<DnaComparisonRequested> {
    return this.dna.request(actor, id, body);
  }

  @Get('dna-comparisons')
  @Roles('police_liaison')
  @ApiOperation({ operationId: 'tracing_dna_list', summary: "R9: the comparisons asked of one's police unit, pending first, the oldest asked first" })
  @ApiOkResponse({ type: PageOf(PoliceComparisonView) })
  worklist(@CurrentActor() actor: Actor, @Query() query: DnaComparisonQuery): Promise<Page<PoliceComparisonView>> {
    return this.dna.worklist(actor, query);
  }

  @Get('dna-comparisons/:id')
  @Roles('police_liaison')
  @ApiOperation({ operationId: 'tracing_dna_get', summary: "R9: one comparison asked of one's police unit, with the references of the file and the request compared" })
  @ApiOkResponse({ type: PoliceComparisonView })
  @ApiErrors(TracingErrors.COMPARISON_NOT_FOUND)
  one(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PoliceComparisonView> {
    return this.dna.one(actor, id);
  }

  @Post('dna-comparisons/:id/outcome')
  @HttpCode(200)
  @Roles('police_liaison')
  @ApiOperation({
    operationId: 'tracing_dna_report_outcome',
    summary: 'R9, R10: the police unit reports the outcome (match, no match, inconclusive) and its report reference',
  })
  @ApiOkResponse({ type: DnaOutcomeReported })
  @ApiErrors(TracingErrors.COMPARISON_NOT_FOUND, TracingErrors.OUTCOME_REPORTED)
  reportOutcome(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DnaOutcomeDto): Promise<DnaOutcomeReported> {
    return this.dna.reportOutcome(actor, id, body);
  }
}

import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { StatisticsErrors } from '../errors.js';
import { ChainService } from './chain.service.js';
import { ChainQueryDto, SubmitReportDto } from './reports.dto.js';
import { StatisticsChainView, StatisticsReportDetailView } from './reports.view.js';
import { SummariesService } from './summaries.service.js';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class ChainController {
  constructor(
    private readonly summaries: SummariesService,
    private readonly chainStatus: ChainService,
  ) {}

  @Post('summaries')
  @Roles('statistician')
  @ApiOperation({
    operationId: 'statistics_summaries_submit',
    summary:
      "A joint-meeting office submits its level's summary to the office above (R20, P-35): its own bureau's report and the summaries of the offices below, as accepted, added up from their frozen figures; a correction is a new version with its reason",
  })
  @ApiCreatedResponse({ type: StatisticsReportDetailView })
  @ApiErrors(
    StatisticsErrors.YEAR_NOT_BEGUN,
    StatisticsErrors.YEAR_NOT_ENDED,
    StatisticsErrors.SUMMARY_SOURCES_PENDING,
    StatisticsErrors.REPORT_UNDER_REVIEW,
    StatisticsErrors.CORRECTION_REASON_REQUIRED,
    StatisticsErrors.YEAR_IMPORTED,
  )
  submit(@CurrentActor() actor: Actor, @Body() body: SubmitReportDto): Promise<StatisticsReportDetailView> {
    return this.summaries.submit(actor, body);
  }

  @Get('chain')
  @Roles('caseworker', 'supervisor', 'statistician')
  @ApiOperation({
    operationId: 'statistics_chain',
    summary: "The reporting chain's year at a glance within a jurisdiction (R20): every bureau's report and office's summary expected, due when, where it stands, who is late",
  })
  @ApiOkResponse({ type: StatisticsChainView })
  @ApiErrors(AccessErrors.UNKNOWN_JURISDICTION, AccessErrors.OUTSIDE_JURISDICTION)
  chain(@CurrentActor() actor: Actor, @Query() query: ChainQueryDto): Promise<StatisticsChainView> {
    return this.chainStatus.chain(actor, query);
  }
}

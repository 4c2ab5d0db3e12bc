import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { StatisticsErrors } from '../errors.js';
import { ReportsQueryDto, ReturnReportDto, SubmitReportDto } from './reports.dto.js';
import { ReportsService } from './reports.service.js';
import { StatisticsReportDetailView, StatisticsReportView } from './reports.view.js';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({
    operationId: 'statistics_reports_submit',
    summary:
      "A bureau's supervisor submits the year to the joint-meeting office of its level (R20): the exact figures frozen as they are, with the year's narrative; a correction is a new version with its reason",
  })
  @ApiCreatedResponse({ type: StatisticsReportDetailView })
  @ApiErrors(
    StatisticsErrors.YEAR_NOT_BEGUN,
    StatisticsErrors.YEAR_NOT_ENDED,
    StatisticsErrors.REPORT_UNDER_REVIEW,
    StatisticsErrors.CORRECTION_REASON_REQUIRED,
    StatisticsErrors.YEAR_IMPORTED,
  )
  submit(@CurrentActor() actor: Actor, @Body() body: SubmitReportDto): Promise<StatisticsReportDetailView> {
    return this.reports.submit(actor, body);
  }

  @Get()
  @Roles('caseworker', 'supervisor', 'statistician')
  @ApiOperation({ operationId: 'statistics_reports_list', summary: 'The reports submitted within one’s jurisdiction, each version with its review (R20)' })
  @ApiOkResponse({ type: PageOf(StatisticsReportView) })
  list(@CurrentActor() actor: Actor, @Query() query: ReportsQueryDto): Promise<Page<StatisticsReportView>> {
    return this.reports.list(actor, query);
  }

  @Get(':id')
  @Roles('caseworker', 'supervisor', 'statistician')
  @ApiOperation({ operationId: 'statistics_reports_get', summary: 'A report as submitted: its narrative and the exact figures frozen then (R20)' })
  @ApiOkResponse({ type: StatisticsReportDetailView })
  @ApiErrors(StatisticsErrors.REPORT_NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<StatisticsReportDetailView> {
    return this.reports.get(actor, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('statistician')
  @ApiOperation({
    operationId: 'statistics_reports_return',
    summary: 'The office the report went to — of its level for a bureau’s, the one above for a summary — returns it for correction, with a reason (R20)',
  })
  @ApiOkResponse({ type: StatisticsReportDetailView })
  @ApiErrors(StatisticsErrors.REPORT_NOT_FOUND, StatisticsErrors.NOT_THE_RECEIVING_OFFICE, StatisticsErrors.REPORT_SUPERSEDED, StatisticsErrors.REPORT_ALREADY_REVIEWED)
  returnForCorrection(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReturnReportDto): Promise<StatisticsReportDetailView> {
    return this.reports.review(actor, id, 'returned', body);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('statistician')
  @ApiOperation({
    operationId: 'statistics_reports_accept',
    summary: 'The office the report went to — of its level for a bureau’s, the one above for a summary — accepts it (R20)',
  })
  @ApiOkResponse({ type: StatisticsReportDetailView })
  @ApiErrors(StatisticsErrors.REPORT_NOT_FOUND, StatisticsErrors.NOT_THE_RECEIVING_OFFICE, StatisticsErrors.REPORT_SUPERSEDED, StatisticsErrors.REPORT_ALREADY_REVIEWED)
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<StatisticsReportDetailView> {
    return this.reports.review(actor, id, 'accepted');
  }
}

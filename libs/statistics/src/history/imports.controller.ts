import { Body, Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, EncodedFileFields, GeneticErrors, PageOf, type Page } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { StatisticsErrors } from '../errors.js';
import { XLSX_TYPE } from '../export/report-export.js';
import { HistoryTemplateQueryDto, ImportHistoryDto, ImportsQueryDto } from './imports.dto.js';
import { HistoryImportsService } from './imports.service.js';
import { StatisticsImportView } from './imports.view.js';

/** R20 history: the joint-meeting offices' statisticians import the years before huijia for their jurisdiction and those below. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics/imports')
export class ImportsController {
  constructor(private readonly imports: HistoryImportsService) {}

  @Post()
  @Roles('statistician')
  @ApiOperation({
    operationId: 'statistics_imports_create',
    summary:
      "Import a year from before huijia (R20 history, 2021 on): the template's workbook filled in with the year's exact figures, checked cell by cell and for adding up; a year imported again is a new version with its reason",
  })
  @ApiCreatedResponse({ type: StatisticsImportView })
  @EncodedFileFields('workbook')
  @ApiErrors(
    StatisticsErrors.WORKBOOK_INVALID,
    GeneticErrors.GENETIC_DATA_REFUSED,
    StatisticsErrors.YEAR_NOT_BEGUN,
    StatisticsErrors.YEAR_NOT_ENDED,
    StatisticsErrors.YEAR_REPORTED,
    StatisticsErrors.CORRECTION_REASON_REQUIRED,
    AccessErrors.UNKNOWN_JURISDICTION,
    AccessErrors.OUTSIDE_JURISDICTION,
  )
  create(@CurrentActor() actor: Actor, @Body() body: ImportHistoryDto): Promise<StatisticsImportView> {
    return this.imports.importYear(actor, body);
  }

  @Get()
  @Roles('statistician')
  @ApiOperation({ operationId: 'statistics_imports_list', summary: 'The years imported within one’s jurisdiction, every version (R20 history)' })
  @ApiOkResponse({ type: PageOf(StatisticsImportView) })
  list(@CurrentActor() actor: Actor, @Query() query: ImportsQueryDto): Promise<Page<StatisticsImportView>> {
    return this.imports.list(actor, query);
  }

  @Get('template')
  @Roles('statistician')
  @ApiOperation({
    operationId: 'statistics_imports_template',
    summary:
      'The blank 统计报表 of a year from before huijia for a jurisdiction (R20 history): its rows — 合计, 本级, each one below — and every figure empty, to fill in and import',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(StatisticsErrors.YEAR_NOT_BEGUN, StatisticsErrors.YEAR_NOT_ENDED, AccessErrors.UNKNOWN_JURISDICTION, AccessErrors.OUTSIDE_JURISDICTION)
  async template(@CurrentActor() actor: Actor, @Query() query: HistoryTemplateQueryDto): Promise<StreamableFile> {
    const { name, content } = await this.imports.template(actor, query);
    const disposition = `attachment; filename="huijia-history-${query.jurisdictionCode ?? actor.jurisdictionCode}-${query.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
    return new StreamableFile(content, { type: XLSX_TYPE, disposition, length: content.length });
  }
}

import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, APP_CONFIG, Clock, type AppConfig } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { StatisticsErrors } from '../errors.js';
import { INDICATORS } from './catalogue.js';
import { REFERRALS_BY_KIND, REPORT_TABLES } from './report-tables.js';
import { CSV_TYPE, reportCsv, reportWorkbook, XLSX_TYPE } from '../export/report-export.js';
import { ExportQueryDto, FIRST_YEAR, FiguresQueryDto } from './figures.dto.js';
import { FiguresService } from './figures.service.js';
import { StatisticsCatalogueView, StatisticsFiguresView } from './figures.view.js';

/** R20: the reporting chain — civil affairs for its bureau's figures, the joint-meeting offices' statisticians for theirs and those below. */
const CHAIN = ['caseworker', 'supervisor', 'statistician'] as const;

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly figures: FiguresService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get('indicators')
  @Roles(...CHAIN)
  @ApiOperation({ operationId: 'statistics_indicators', summary: "The year's report indicators (R20): each one's definition, unit, breakdowns and the rules it serves" })
  @ApiOkResponse({ type: StatisticsCatalogueView })
  indicators(): StatisticsCatalogueView {
    return {
      indicators: INDICATORS.map((indicator) => ({ ...indicator })),
      tables: REPORT_TABLES.map((table) => ({ ...table })),
      referralsByKind: REFERRALS_BY_KIND,
      minCell: this.config.statistics.minCell,
      firstYear: FIRST_YEAR,
      currentYear: Number(this.clock.today().slice(0, 4)),
    };
  }

  @Get('figures')
  @Roles(...CHAIN)
  @ApiOperation({
    operationId: 'statistics_figures',
    summary:
      "A jurisdiction's figures for a year (R20), computed in the database: the jurisdiction, its own units and each one below it — exact inside the chain, or published: de-identified with small-count and complementary suppression (R22)",
  })
  @ApiOkResponse({ type: StatisticsFiguresView })
  @ApiErrors(StatisticsErrors.YEAR_NOT_BEGUN, AccessErrors.UNKNOWN_JURISDICTION, AccessErrors.OUTSIDE_JURISDICTION)
  read(@CurrentActor() actor: Actor, @Query() query: FiguresQueryDto): Promise<StatisticsFiguresView> {
    return this.figures.figures(actor, query);
  }

  @Get('export')
  @Roles(...CHAIN)
  @ApiOperation({
    operationId: 'statistics_export',
    summary:
      "A jurisdiction's year as it leaves the reporting chain (R20, R22): the published figures as a 统计报表 workbook (.xlsx: a sheet per table with its 表号, 填报单位, 统计期, multi-row headers, notes and signature lines, and the definitions) or as CSV",
  })
  @ApiProduces(XLSX_TYPE, CSV_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(StatisticsErrors.YEAR_NOT_BEGUN, AccessErrors.UNKNOWN_JURISDICTION, AccessErrors.OUTSIDE_JURISDICTION)
  async export(@CurrentActor() actor: Actor, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const figures = await this.figures.figures(actor, { year: query.year, jurisdictionCode: query.jurisdictionCode, view: 'published' }, 'statistics.export');
    const name = `${figures.jurisdiction.name}${figures.year}年救助安置统计表.${format}`;
    // RFC 6266: an ASCII fallback, and the Chinese name for browsers that read filename*.
    const disposition = `attachment; filename="huijia-statistics-${figures.jurisdiction.code}-${figures.year}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`;
    const body = format === 'csv' ? Buffer.from(reportCsv(figures), 'utf8') : await reportWorkbook(figures);
    return new StreamableFile(body, { type: format === 'csv' ? CSV_TYPE : XLSX_TYPE, disposition, length: body.length });
  }
}

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, APP_CONFIG, Clock, type AppConfig } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { StatisticsErrors } from '../errors.js';
import { INDICATORS } from './catalogue.js';
import { FIRST_YEAR, FiguresQueryDto } from './figures.dto.js';
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
}

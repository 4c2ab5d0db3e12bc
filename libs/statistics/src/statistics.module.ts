import { Module } from '@nestjs/common';
import { FiguresQuery } from './figures/figures.query.js';
import { FiguresService } from './figures/figures.service.js';
import { StatisticsController } from './figures/statistics.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsService } from './reports/reports.service.js';

/** R20: the year's figures, de-identified where they leave the reporting chain (R22). */
@Module({
  controllers: [StatisticsController, ReportsController],
  providers: [FiguresQuery, FiguresService, ReportsService],
})
export class StatisticsModule {}

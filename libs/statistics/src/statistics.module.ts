import { Module } from '@nestjs/common';
import { FiguresQuery } from './figures/figures.query.js';
import { FiguresService } from './figures/figures.service.js';
import { StatisticsController } from './figures/statistics.controller.js';

/** R20: the year's figures, de-identified where they leave the reporting chain (R22). */
@Module({
  controllers: [StatisticsController],
  providers: [FiguresQuery, FiguresService],
})
export class StatisticsModule {}

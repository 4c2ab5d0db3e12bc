import { Module } from '@nestjs/common';
import { FollowupCoreModule } from '#app/followup';
import { StatisticsDeadlines } from './notify/deadlines.js';
import { ReportNotifications } from './notify/report-notifications.js';
import { FiguresQuery } from './figures/figures.query.js';
import { FiguresService } from './figures/figures.service.js';
import { StatisticsController } from './figures/statistics.controller.js';
import { HistoryStore } from './history/history-store.js';
import { ImportsController } from './history/imports.controller.js';
import { HistoryImportsService } from './history/imports.service.js';
import { ChainController } from './reports/chain.controller.js';
import { ChainService } from './reports/chain.service.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsService } from './reports/reports.service.js';
import { SummariesService } from './reports/summaries.service.js';

/** R20: the year's figures, de-identified where they leave the reporting chain (R22). */
@Module({
  imports: [FollowupCoreModule],
  controllers: [StatisticsController, ReportsController, ChainController, ImportsController],
  providers: [FiguresQuery, FiguresService, HistoryStore, HistoryImportsService, ReportsService, SummariesService, ChainService],
})
export class StatisticsModule {}

/** The worker's part: the chain's steps in the inbox of those they go to, and its deadlines as reminders (R20). */
@Module({
  imports: [FollowupCoreModule],
  providers: [ReportNotifications, StatisticsDeadlines, HistoryStore],
})
export class StatisticsWorkerModule {}

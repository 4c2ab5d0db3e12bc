import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, dueAtNine, type AppConfig } from '#app/platform';
import { RemindersService } from '#app/followup';
import { FIRST_YEAR } from '../figures/figures.dto.js';
import { HistoryStore } from '../history/history-store.js';
import { deadlineKey, dueOnOf, latestReports, participantKey, participants, receiverOf } from '../reports/chain.js';

/**
 * R20: reporting deadlines nobody has to remember. Every bureau and office
 * that reports holds a reminder of its year's deadline (STATS_DEADLINES, by
 * level), due on the morning of the day and escalating like the others — a
 * bureau's to its supervisors and the bureau above, an office's to the office
 * above (P-35). Last year's and this year's deadlines still ahead are kept in
 * line periodically (a bureau or an office created later gets its own); a
 * submission cancels its reminder (ReportsService). Once each: the dedupe key.
 */
@Injectable()
export class StatisticsDeadlines implements BeforeApplicationShutdown {
  private readonly logger = new Logger('StatisticsDeadlines');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersService,
    private readonly history: HistoryStore,
    private readonly clock: Clock,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.schedule().catch((error: unknown) => this.logger.warn(`scheduling the reporting deadlines failed: ${(error as Error).message}`));
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.reminders.reconcileIntervalMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Schedules the deadlines still ahead that have no report yet; returns how many reminders it wrote (new or already there). */
  async schedule(): Promise<number> {
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    return this.dataSource.transaction(async (manager) => {
      const all = await participants(manager, '%');
      let scheduled = 0;
      for (const reported of [year - 1, year].filter((candidate) => candidate >= FIRST_YEAR)) {
        const latest = await latestReports(manager, reported, '%');
        const imported = await this.history.coverage(reported, '', manager);
        for (const entry of all) {
          const dueOn = dueOnOf(this.config.statistics.deadlines, reported, entry.level);
          // Nothing to remind of: reported already, or imported from before huijia.
          if (dueOn < today || latest.has(participantKey(entry.code, entry.kind)) || imported.has(entry.code)) continue;
          const receiver = receiverOf(entry, all)?.organisation ?? (entry.parentCode === null ? '省人民政府' : '上级反拐联席会议办公室');
          const [zh, en] = entry.kind === 'bureau' ? ['年度统计报表', 'statistics report'] : ['年度汇总报表', 'summary'];
          await this.reminders.schedule(manager, {
            kind: 'statistics_deadline',
            title: `${reported} ${zh}须于 ${dueOn} 前报送${receiver}（${entry.organisation}） / the ${reported} ${en} of ${entry.organisation} is due by ${dueOn} (R20)`,
            dueAt: dueAtNine(dueOn),
            assigneeUserId: null,
            assigneeOrganisationId: entry.organisationId,
            subjectType: 'statistics_deadline',
            dedupeKey: deadlineKey(reported, entry.code, entry.kind),
          });
          scheduled += 1;
        }
      }
      return scheduled;
    });
  }
}

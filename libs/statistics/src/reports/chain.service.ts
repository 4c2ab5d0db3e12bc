import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AUDIT_SINK, chinaDate, Clock, type AppConfig, type AuditSink } from '#app/platform';
import { prefixOf, type Actor } from '#app/access';
import { requireInScope } from '../figures/scope.js';
import { HistoryStore } from '../history/history-store.js';
import { dueOnOf, latestReports, participantKey, participants, receiverOf } from './chain.js';
import { statusOf } from './report-rows.js';
import type { ChainQueryDto } from './reports.dto.js';
import type { StatisticsChainView } from './reports.view.js';

/** R20: the chain's year at a glance — every report expected within a jurisdiction, by when, and where it stands. */
@Injectable()
export class ChainService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly history: HistoryStore,
    private readonly clock: Clock,
  ) {}

  async chain(actor: Actor, query: ChainQueryDto): Promise<StatisticsChainView> {
    const code = query.jurisdictionCode ?? actor.jurisdictionCode;
    const details = { year: query.year, jurisdictionCode: code };
    const [target]: { code: string; name: string; level: number }[] = await this.dataSource.query(`SELECT code, name, level FROM jurisdiction WHERE code = $1`, [code]);
    await requireInScope(this.audit, actor, { code, exists: target !== undefined, action: 'statistics.chain_read', details });
    const scope = `${prefixOf(code)}%`;
    const all = await participants(this.dataSource.manager, scope);
    const latest = await latestReports(this.dataSource.manager, query.year, scope);
    // The receiver of the scope's top summary is above the scope: look it up among the parent's offices.
    const above = target.level > 1 ? await participants(this.dataSource.manager, `${prefixOf(code).slice(0, -2)}%`) : [];
    const today = this.clock.today();
    const imported = await this.history.coverage(query.year, code.slice(0, 2));
    const entries = all.map((entry) => {
      const dueOn = dueOnOf(this.config.statistics.deadlines, query.year, entry.level);
      const report = latest.get(participantKey(entry.code, entry.kind));
      return {
        jurisdiction: { code: entry.code, name: entry.name, level: entry.level },
        kind: entry.kind,
        organisation: entry.organisation,
        receiver: receiverOf(entry, [...all, ...above])?.organisation ?? null,
        dueOn,
        report: report ? { id: report.id, version: report.version, status: statusOf(report), submittedAt: report.submitted_at, firstSubmittedAt: report.first_submitted_at } : null,
        importedFrom: imported.get(entry.code) ?? null,
        // A year imported from before huijia is not reported here (R20 history): nobody is late with it.
        late: report ? chinaDate(report.first_submitted_at) > dueOn : !imported.has(entry.code) && today > dueOn,
      };
    });
    await this.audit.record({ action: 'statistics.chain_read', outcome: 'allowed', entityType: 'statistics', details });
    return { year: query.year, jurisdiction: target, entries };
  }
}

import { Injectable } from '@nestjs/common';
import { AppError } from '#app/platform';
import { prefixOf, type Actor } from '#app/access';
import { StatisticsErrors } from '../errors.js';
import type { FigureBasis } from '../figures/figures.query.js';
import { FigureTable } from '../figures/figure-table.js';
import { FiguresService } from '../figures/figures.service.js';
import { latestReports, participantKey, participants, sourcesOf } from './chain.js';
import { statusOf } from './report-rows.js';
import type { SubmitReportDto } from './reports.dto.js';
import { ReportsService } from './reports.service.js';
import type { StatisticsReportDetailView } from './reports.view.js';

const PENDING: Record<string, string> = {
  missing: '未报送 / not submitted',
  submitted: '待审核 / awaiting review',
  returned: '已退回更正 / returned for correction',
  unframed: '须报送更正版本 / needs a new version',
};

/**
 * R20, P-35: a joint-meeting office summarises its level's year for the
 * office above — its own bureau's report and the summaries of the offices
 * below, each as this office (or the one below) accepted it, added up from
 * their frozen figures, never from live data. Submitted like a bureau's
 * report (a version, a correction with its reason, the year's lock).
 */
@Injectable()
export class SummariesService {
  constructor(
    private readonly reports: ReportsService,
    private readonly figures: FiguresService,
  ) {}

  async submit(actor: Actor, input: SubmitReportDto): Promise<StatisticsReportDetailView> {
    const code = actor.jurisdictionCode;
    const period = this.figures.endedYear(input.year);
    const jurisdictions = await this.figures.provinceOf(code);
    return this.reports.write(actor, input, 'summary', async (manager) => {
      const scope = `${prefixOf(code)}%`;
      const expected = sourcesOf(code, await participants(manager, scope));
      const latest = await latestReports(manager, input.year, scope);
      const pending = expected.flatMap((source) => {
        const report = latest.get(participantKey(source.code, source.kind));
        const state = !report ? 'missing' : statusOf(report) !== 'accepted' ? statusOf(report) : report.has_basis ? null : 'unframed';
        return state ? [{ field: 'sources', reason: `${source.organisation}：${PENDING[state]}` }] : [];
      });
      if (expected.length === 0) pending.push({ field: 'sources', reason: '辖区内没有报送单位 / nobody reports to this office' });
      if (pending.length > 0) throw new AppError(StatisticsErrors.SUMMARY_SOURCES_PENDING, { details: pending });
      const ids = expected.map((source) => latest.get(participantKey(source.code, source.kind))!.id);
      const bases: { basis: FigureBasis }[] = await manager.query(`SELECT basis FROM statistics_report WHERE id = ANY($1::uuid[])`, [ids]);
      const basis: FigureBasis = { counts: bases.flatMap((row) => row.basis.counts), histograms: bases.flatMap((row) => row.basis.histograms) };
      // The rows: the jurisdiction, its own level and each office below that reported to it — no zeros for those outside the chain.
      const children = expected.filter((source) => source.kind === 'summary').map((source) => source.code);
      const figures = await this.figures.render({ period, code, view: 'exact', jurisdictions, table: new FigureTable(jurisdictions, basis), children });
      return { figures, basis, sources: ids };
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, keysetPage, Outbox, type AuditSink, type Page } from '#app/platform';
import { isWithin, prefixOf, type Actor } from '#app/access';
import { RemindersService } from '#app/followup';
import { StatisticsErrors } from '../errors.js';
import type { FigureBasis } from '../figures/figures.query.js';
import { FigureTable } from '../figures/figure-table.js';
import { FiguresService } from '../figures/figures.service.js';
import { HistoryStore } from '../history/history-store.js';
import type { StatisticsFiguresView } from '../figures/figures.view.js';
import { deadlineKey } from './chain.js';
import { lockYear, receivingJurisdiction, REPORT_FROM, REPORT_SELECT, reportRows, statusOf, toReportView, type ReportRow } from './report-rows.js';
import type { ReportsQueryDto, ReturnReportDto, SubmitReportDto } from './reports.dto.js';
import type { ReportKind, StatisticsReportDetailView, StatisticsReportView } from './reports.view.js';

/** A version about to be written: its figures, what they are made of, and (a summary) the reports it adds up. */
export interface NewVersion {
  figures: StatisticsFiguresView;
  basis: FigureBasis;
  sources: string[];
}

/**
 * R20, R21: the reporting chain's reports. A bureau submits its year to the
 * joint-meeting office of its level, an office its summary to the office
 * above (summaries.service.ts); the receiving office returns a report for
 * correction with a reason or accepts it; a correction is a new version with
 * its reason. Every step is audited in the transaction that makes it, and the
 * receiving office is told (an outbox event).
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly figures: FiguresService,
    private readonly outbox: Outbox,
    private readonly reminders: RemindersService,
    private readonly history: HistoryStore,
    private readonly clock: Clock,
  ) {}

  /** A bureau's supervisor submits its year: its own units' figures as they are now, frozen. */
  async submit(actor: Actor, input: SubmitReportDto): Promise<StatisticsReportDetailView> {
    const { period, jurisdictions, basis } = await this.figures.ownBasis(input.year, actor.jurisdictionCode);
    const table = new FigureTable(jurisdictions, basis);
    const figures = await this.figures.render({ period, code: actor.jurisdictionCode, view: 'exact', jurisdictions, table, ownOnly: true });
    return this.write(actor, input, 'bureau', async () => ({ figures, basis, sources: [] }));
  }

  /**
   * Writes the next version of the actor's report of `kind`, under the year's lock: `build` makes it there (a summary
   * reads its sources under the same lock). Refused while the last version awaits review; a correction needs its reason.
   */
  async write(actor: Actor, input: SubmitReportDto, kind: ReportKind, build: (manager: EntityManager) => Promise<NewVersion>): Promise<StatisticsReportDetailView> {
    const id = await this.dataSource.transaction(async (manager) => {
      await lockYear(manager, input.year, actor.jurisdictionCode);
      const [previous] = await reportRows(
        manager,
        ['r.year = $1', 'r.jurisdiction_code = $2', 'r.kind = $3'],
        [input.year, actor.jurisdictionCode, kind],
        'ORDER BY r.version DESC LIMIT 1',
      );
      if (previous && statusOf(previous) === 'submitted') throw new AppError(StatisticsErrors.REPORT_UNDER_REVIEW);
      // A year from before huijia stands as imported (R20 history), its own workbook or one above's: not reported from records it predates.
      if ((await this.history.coverage(input.year, actor.jurisdictionCode.slice(0, 2), manager)).has(actor.jurisdictionCode)) {
        throw new AppError(StatisticsErrors.YEAR_IMPORTED);
      }
      if (previous && !input.correctionReason) {
        throw new AppError(StatisticsErrors.CORRECTION_REASON_REQUIRED, { details: [{ field: 'correctionReason', reason: '更正须说明理由 / a correction needs its reason' }] });
      }
      const built = await build(manager);
      const version = (previous?.version ?? 0) + 1;
      const [row] = await manager.query(
        `INSERT INTO statistics_report (kind, year, jurisdiction_code, version, organisation_id, narrative, correction_reason, figures, basis, sources, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          kind,
          input.year,
          actor.jurisdictionCode,
          version,
          actor.organisationId,
          input.narrative,
          previous ? input.correctionReason : null,
          built.figures,
          built.basis,
          built.sources,
          actor.userId,
          this.clock.now(),
        ],
      );
      const details = { year: input.year, kind: kind, version, ...(previous ? { correctionReason: input.correctionReason } : {}) };
      await this.audit.record(
        { action: 'statistics.report_submit', outcome: 'allowed', entityType: 'statistics_report', entityId: row.id, jurisdictionCode: actor.jurisdictionCode, details },
        manager,
      );
      // Submitted: its deadline's reminder has done its work (a late one stops escalating).
      await this.reminders.cancel(manager, { dedupeKeys: [deadlineKey(input.year, actor.jurisdictionCode, kind)] });
      await this.outbox.emit(manager, {
        type: 'statistics.report_submitted',
        subjectId: row.id,
        data: { reportId: row.id, kind: kind, year: input.year, version, jurisdictionCode: actor.jurisdictionCode },
      });
      return row.id as string;
    });
    return this.get(actor, id);
  }

  async review(actor: Actor, id: string, decision: 'returned' | 'accepted', input?: ReturnReportDto): Promise<StatisticsReportDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const [found] = await reportRows(manager, ['r.id = $1'], [id]);
      // Read again under the year's lock (a statement after it sees what was committed before it).
      if (found) await lockYear(manager, found.year, found.jurisdiction_code);
      const [report] = found ? await reportRows(manager, ['r.id = $1'], [id]) : [];
      if (!report || !isWithin(report.jurisdiction_code, actor.jurisdictionCode)) {
        await this.audit.record({ action: 'statistics.report_review', outcome: 'denied', entityType: 'statistics_report', entityId: id });
        throw new AppError(StatisticsErrors.REPORT_NOT_FOUND);
      }
      // P-35: a bureau reports to the joint-meeting office of its level, an office to the office above.
      if (receivingJurisdiction(report) !== actor.jurisdictionCode) {
        await this.audit.record({ action: 'statistics.report_review', outcome: 'denied', entityType: 'statistics_report', entityId: id });
        throw new AppError(StatisticsErrors.NOT_THE_RECEIVING_OFFICE);
      }
      if (!report.latest) throw new AppError(StatisticsErrors.REPORT_SUPERSEDED);
      if (report.decision) throw new AppError(StatisticsErrors.REPORT_ALREADY_REVIEWED);
      // A review made meanwhile (read before the lock was ours) leaves nothing inserted: one review per version.
      const inserted: unknown[] = await manager.query(
        `INSERT INTO statistics_report_review (report_id, decision, reason, reviewed_by, reviewed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (report_id) DO NOTHING RETURNING report_id`,
        [id, decision, input?.reason ?? null, actor.userId, this.clock.now()],
      );
      if (inserted.length === 0) throw new AppError(StatisticsErrors.REPORT_ALREADY_REVIEWED);
      await this.audit.record(
        {
          action: decision === 'returned' ? 'statistics.report_return' : 'statistics.report_accept',
          outcome: 'allowed',
          entityType: 'statistics_report',
          entityId: id,
          jurisdictionCode: report.jurisdiction_code,
          details: { year: report.year, kind: report.kind, version: report.version, ...(input ? { reason: input.reason } : {}) },
        },
        manager,
      );
      await this.outbox.emit(manager, {
        type: 'statistics.report_reviewed',
        subjectId: id,
        data: {
          reportId: id,
          decision,
          kind: report.kind,
          year: report.year,
          version: report.version,
          jurisdictionCode: report.jurisdiction_code,
          submittedBy: report.submitted_by,
        },
      });
    });
    return this.get(actor, id);
  }

  /** Reports within one's jurisdiction, by year, jurisdiction, kind and the latest version first. */
  list(actor: Actor, query: ReportsQueryDto): Promise<Page<StatisticsReportView>> {
    const params: unknown[] = [prefixOf(actor.jurisdictionCode) + '%'];
    const where = ['r.jurisdiction_code LIKE $1'];
    if (query.year !== undefined) where.push(`r.year = $${params.push(query.year)}`);
    return keysetPage(
      this.dataSource,
      {
        select: REPORT_SELECT,
        from: REPORT_FROM,
        where,
        params,
        keys: [
          { expr: '-r.year', cast: 'int' },
          { expr: 'r.jurisdiction_code', cast: 'text' },
          { expr: 'r.kind', cast: 'text' },
          { expr: '-r.version', cast: 'int' },
        ],
      },
      query,
      toReportView,
    );
  }

  async get(actor: Actor, id: string): Promise<StatisticsReportDetailView> {
    const [row] = await this.dataSource.query(
      `SELECT ${REPORT_SELECT}, r.narrative, r.figures,
              (SELECT coalesce(json_agg(json_build_object('id', x.id, 'kind', x.kind, 'version', x.version,
                        'jurisdiction', json_build_object('code', xj.code, 'name', xj.name, 'level', xj.level)) ORDER BY x.jurisdiction_code, x.kind), '[]')
                 FROM statistics_report x JOIN jurisdiction xj ON xj.code = x.jurisdiction_code WHERE x.id = ANY(r.sources)) AS sources
         FROM ${REPORT_FROM} WHERE r.id = $1 AND r.jurisdiction_code LIKE $2`,
      [id, prefixOf(actor.jurisdictionCode) + '%'],
    );
    if (!row) {
      await this.audit.record({ action: 'statistics.report_read', outcome: 'denied', entityType: 'statistics_report', entityId: id });
      throw new AppError(StatisticsErrors.REPORT_NOT_FOUND);
    }
    await this.audit.record({ action: 'statistics.report_read', outcome: 'allowed', entityType: 'statistics_report', entityId: id });
    const detail = row as ReportRow & Pick<StatisticsReportDetailView, 'narrative' | 'figures' | 'sources'>;
    // Reports frozen before figures named their source were all computed from the records.
    const frozen: Omit<StatisticsFiguresView, 'source' | 'importedFrom'> & Partial<StatisticsFiguresView> = detail.figures;
    const figures: StatisticsFiguresView = { source: 'records', importedFrom: null, ...frozen };
    return { ...toReportView(detail), narrative: detail.narrative, figures, sources: detail.sources };
  }
}

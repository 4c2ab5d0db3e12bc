import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, keysetPage, type AuditSink, type Page } from '#app/platform';
import { isWithin, prefixOf, type Actor } from '#app/access';
import { StatisticsErrors } from '../errors.js';
import { FiguresService } from '../figures/figures.service.js';
import type { StatisticsFiguresView } from '../figures/figures.view.js';
import type { ReportsQueryDto, ReturnReportDto, SubmitReportDto } from './reports.dto.js';
import type { ReportStatus, StatisticsReportDetailView, StatisticsReportView } from './reports.view.js';

interface Row {
  id: string;
  year: number;
  jurisdiction_code: string;
  jurisdiction_name: string;
  jurisdiction_level: number;
  version: number;
  latest: boolean;
  organisation: string;
  correction_reason: string | null;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: Date;
  decision: 'returned' | 'accepted' | null;
  reason: string | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
}

const SELECT = `r.id, r.year, r.jurisdiction_code, j.name AS jurisdiction_name, j.level AS jurisdiction_level, r.version,
                NOT EXISTS (SELECT 1 FROM statistics_report later WHERE later.year = r.year AND later.jurisdiction_code = r.jurisdiction_code AND later.version > r.version) AS latest,
                o.name AS organisation, r.correction_reason, r.submitted_by, s.display_name AS submitted_by_name, r.submitted_at,
                v.decision, v.reason, v.reviewed_by, rv.display_name AS reviewed_by_name, v.reviewed_at`;
const FROM = `statistics_report r JOIN jurisdiction j ON j.code = r.jurisdiction_code JOIN organisation o ON o.id = r.organisation_id
              JOIN user_account s ON s.id = r.submitted_by
              LEFT JOIN statistics_report_review v ON v.report_id = r.id LEFT JOIN user_account rv ON rv.id = v.reviewed_by`;

function toView(row: Row): StatisticsReportView {
  return {
    id: row.id,
    year: row.year,
    jurisdiction: { code: row.jurisdiction_code, name: row.jurisdiction_name, level: row.jurisdiction_level },
    version: row.version,
    latest: row.latest,
    status: (row.decision ?? 'submitted') as ReportStatus,
    organisation: row.organisation,
    correctionReason: row.correction_reason,
    submittedBy: { userId: row.submitted_by, displayName: row.submitted_by_name },
    submittedAt: row.submitted_at,
    review: row.decision
      ? { decision: row.decision, reason: row.reason, reviewedBy: { userId: row.reviewed_by!, displayName: row.reviewed_by_name! }, reviewedAt: row.reviewed_at! }
      : null,
  };
}

/**
 * R20, R21: the reporting chain's first step — a bureau submits its year to
 * the joint-meeting office of its level as a frozen snapshot of its exact
 * figures; the office returns it for correction with a reason or accepts it;
 * a correction is a new version with its reason. Every step is audited in the
 * transaction that makes it.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly figures: FiguresService,
    private readonly clock: Clock,
  ) {}

  /** A supervisor submits the bureau's year: the figures as they are now, frozen. */
  async submit(actor: Actor, input: SubmitReportDto): Promise<StatisticsReportDetailView> {
    const figures = await this.figures.figures(actor, { year: input.year, jurisdictionCode: actor.jurisdictionCode, view: 'exact' });
    if (!figures.yearComplete) {
      throw new AppError(StatisticsErrors.YEAR_NOT_ENDED, { details: [{ field: 'year', reason: `${input.year} 年尚未结束 / ${input.year} has not ended` }] });
    }
    const id = await this.dataSource.transaction(async (manager) => {
      // The next version number is read under the year's lock.
      await this.lock(manager, input.year, actor.jurisdictionCode);
      const [previous] = await this.rows(manager, ['r.year = $1', 'r.jurisdiction_code = $2'], [input.year, actor.jurisdictionCode], 'ORDER BY r.version DESC LIMIT 1');
      if (previous && !previous.decision) throw new AppError(StatisticsErrors.REPORT_UNDER_REVIEW);
      if (previous && !input.correctionReason) {
        throw new AppError(StatisticsErrors.CORRECTION_REASON_REQUIRED, { details: [{ field: 'correctionReason', reason: '更正须说明理由 / a correction needs its reason' }] });
      }
      const version = (previous?.version ?? 0) + 1;
      const [row] = await manager.query(
        `INSERT INTO statistics_report (year, jurisdiction_code, version, organisation_id, narrative, correction_reason, figures, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [input.year, actor.jurisdictionCode, version, actor.organisationId, input.narrative, previous ? input.correctionReason : null, figures, actor.userId, this.clock.now()],
      );
      await this.audit.record(
        {
          action: 'statistics.report_submit',
          outcome: 'allowed',
          entityType: 'statistics_report',
          entityId: row.id,
          jurisdictionCode: actor.jurisdictionCode,
          details: { year: input.year, version, ...(previous ? { correctionReason: input.correctionReason } : {}) },
        },
        manager,
      );
      return row.id as string;
    });
    return this.get(actor, id);
  }

  async review(actor: Actor, id: string, decision: 'returned' | 'accepted', input?: ReturnReportDto): Promise<StatisticsReportDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const [found] = await this.rows(manager, ['r.id = $1'], [id]);
      // Read again under the year's lock (a statement after it sees what was committed before it).
      if (found) await this.lock(manager, found.year, found.jurisdiction_code);
      const [report] = found ? await this.rows(manager, ['r.id = $1'], [id]) : [];
      if (!report || !isWithin(report.jurisdiction_code, actor.jurisdictionCode)) {
        await this.audit.record({ action: 'statistics.report_review', outcome: 'denied', entityType: 'statistics_report', entityId: id });
        throw new AppError(StatisticsErrors.REPORT_NOT_FOUND);
      }
      // P-35: a member unit reports to the joint-meeting office of its own level.
      if (report.jurisdiction_code !== actor.jurisdictionCode) {
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
          details: { year: report.year, version: report.version, ...(input ? { reason: input.reason } : {}) },
        },
        manager,
      );
    });
    return this.get(actor, id);
  }

  /** Reports within one's jurisdiction, by jurisdiction and the latest version first. */
  list(actor: Actor, query: ReportsQueryDto): Promise<Page<StatisticsReportView>> {
    const params: unknown[] = [prefixOf(actor.jurisdictionCode) + '%'];
    const where = ['r.jurisdiction_code LIKE $1'];
    if (query.year !== undefined) where.push(`r.year = $${params.push(query.year)}`);
    return keysetPage(
      this.dataSource,
      {
        select: SELECT,
        from: FROM,
        where,
        params,
        keys: [
          { expr: '-r.year', cast: 'int' },
          { expr: 'r.jurisdiction_code', cast: 'text' },
          { expr: '-r.version', cast: 'int' },
        ],
      },
      query,
      toView,
    );
  }

  async get(actor: Actor, id: string): Promise<StatisticsReportDetailView> {
    const [row] = await this.dataSource.query(`SELECT ${SELECT}, r.narrative, r.figures FROM ${FROM} WHERE r.id = $1 AND r.jurisdiction_code LIKE $2`, [
      id,
      prefixOf(actor.jurisdictionCode) + '%',
    ]);
    if (!row) {
      await this.audit.record({ action: 'statistics.report_read', outcome: 'denied', entityType: 'statistics_report', entityId: id });
      throw new AppError(StatisticsErrors.REPORT_NOT_FOUND);
    }
    await this.audit.record({ action: 'statistics.report_read', outcome: 'allowed', entityType: 'statistics_report', entityId: id });
    return { ...toView(row as Row), narrative: (row as { narrative: string }).narrative, figures: (row as { figures: StatisticsFiguresView }).figures };
  }

  /**
   * One step at a time on a jurisdiction's year — a submission, a review — so that a version number or a review is
   * decided on what the others committed. An advisory lock: huijia_app may not lock rows it may not update.
   */
  private async lock(manager: EntityManager, year: number, jurisdictionCode: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('statistics_report:' || $1 || ':' || $2, 0))`, [year, jurisdictionCode]);
  }

  private rows(manager: EntityManager, where: string[], params: unknown[], tail = ''): Promise<Row[]> {
    return manager.query(`SELECT ${SELECT} FROM ${FROM} WHERE ${where.join(' AND ')} ${tail}`, params);
  }
}

import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, GeneticErrors, keysetPage, type AuditSink, type Page } from '#app/platform';
import { AccessErrors, prefixOf, type Actor } from '#app/access';
import { RemindersService } from '#app/followup';
import { StatisticsErrors } from '../errors.js';
import { reportWorkbook } from '../export/report-export.js';
import { FigureTable, type JurisdictionNode } from '../figures/figure-table.js';
import { FiguresService } from '../figures/figures.service.js';
import { requireInScope } from '../figures/scope.js';
import { deadlineKey } from '../reports/chain.js';
import { lockYear } from '../reports/report-rows.js';
import { REPORT_KINDS } from '../reports/reports.view.js';
import { GeneticContentInWorkbook, HistoryWorkbookProblems, readHistoryWorkbook, type HistoryTarget } from './history-workbook.js';
import type { HistoryTemplateQueryDto, ImportHistoryDto, ImportsQueryDto } from './imports.dto.js';
import type { StatisticsImportView } from './imports.view.js';

const IMPORT_SELECT = `i.id, i.year, i.jurisdiction_code, j.name AS jurisdiction_name, j.level AS jurisdiction_level, i.version,
       NOT EXISTS (SELECT 1 FROM statistics_import later WHERE later.year = i.year AND later.jurisdiction_code = i.jurisdiction_code AND later.version > i.version) AS latest,
       i.file_name, i.file_sha256, jsonb_array_length(i.figures -> 'rows') AS rows, i.correction_reason, i.imported_by, u.display_name AS imported_by_name, i.imported_at`;
const IMPORT_FROM = `statistics_import i JOIN jurisdiction j ON j.code = i.jurisdiction_code LEFT JOIN user_account u ON u.id = i.imported_by`;

interface ImportRow {
  id: string;
  year: number;
  jurisdiction_code: string;
  jurisdiction_name: string;
  jurisdiction_level: number;
  version: number;
  latest: boolean;
  file_name: string;
  file_sha256: string;
  rows: number;
  correction_reason: string | null;
  imported_by: string | null;
  imported_by_name: string | null;
  imported_at: Date;
}

const toImportView = (row: ImportRow): StatisticsImportView => ({
  id: row.id,
  year: row.year,
  jurisdiction: { code: row.jurisdiction_code, name: row.jurisdiction_name, level: row.jurisdiction_level },
  version: row.version,
  latest: row.latest,
  fileName: row.file_name,
  sha256: row.file_sha256,
  rows: row.rows,
  correctionReason: row.correction_reason,
  importedBy: row.imported_by ? { userId: row.imported_by, displayName: row.imported_by_name! } : null,
  importedAt: row.imported_at,
});

/**
 * R20 history: the years before huijia (2021 on) imported from workbooks of
 * the report's shape — by a statistician in the workspace or on the command
 * line (statistics:import) — so that the trend since the plan began is real.
 * A year reported in huijia is not imported, and an imported year is not
 * reported; importing a year again is a new version with its reason.
 */
@Injectable()
export class HistoryImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly figures: FiguresService,
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  /** `actor`: undefined on the command line (no scope but the jurisdiction table's). */
  async importYear(actor: Actor | undefined, input: ImportHistoryDto): Promise<StatisticsImportView> {
    const code = input.jurisdictionCode ?? actor?.jurisdictionCode;
    if (!code) throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'jurisdictionCode', '须指明辖区 / name the jurisdiction');
    const target = await this.target(actor, input.year, code, 'statistics.import');
    const content = Buffer.from(input.workbook, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const figures = await readHistoryWorkbook(content, target).catch(async (error: unknown) => {
      if (error instanceof HistoryWorkbookProblems) {
        throw new AppError(StatisticsErrors.WORKBOOK_INVALID, { details: error.problems.map((reason) => ({ field: 'workbook', reason })) });
      }
      if (!(error instanceof GeneticContentInWorkbook)) throw error;
      // R9: on the record without the content, as at the door (GeneticDataInterceptor).
      await this.audit.record({
        action: 'genetic_data.refused',
        outcome: 'denied',
        details: { route: 'statistics.import', field: 'workbook', cell: error.cell, finding: error.finding },
      });
      throw new AppError(GeneticErrors.GENETIC_DATA_REFUSED, {
        details: [{ field: 'workbook', reason: `${error.cell}：含有遗传信息（${error.finding}），拒绝且不保存 / genetic content (${error.finding}) is refused, not stored` }],
      });
    });
    const id = await this.dataSource.transaction(async (manager) => {
      await lockYear(manager, input.year, code);
      // The year of a jurisdiction the workbook gives — its own or one below — stands as reported in huijia, if it was.
      const codes = figures.rows.map((row) => row.code);
      const reported: { name: string }[] = await manager.query(
        `SELECT DISTINCT j.name, j.code FROM statistics_report r JOIN jurisdiction j ON j.code = r.jurisdiction_code WHERE r.year = $1 AND r.jurisdiction_code = ANY($2) ORDER BY j.code`,
        [input.year, codes],
      );
      if (reported.length > 0) {
        throw new AppError(StatisticsErrors.YEAR_REPORTED, {
          details: reported.map(({ name }) => ({ field: 'jurisdictionCode', reason: `${name}已在本系统报送 ${input.year} 年度报表 / ${name} reported ${input.year} in huijia` })),
        });
      }
      const [previous] = await manager.query(`SELECT max(version) AS version FROM statistics_import WHERE year = $1 AND jurisdiction_code = $2`, [input.year, code]);
      const version = (previous?.version ?? 0) + 1;
      if (version > 1 && !input.correctionReason) {
        throw AppError.field(StatisticsErrors.CORRECTION_REASON_REQUIRED, 'correctionReason', '再次导入须说明理由 / importing a year again needs a reason');
      }
      const [row] = await manager.query(
        `INSERT INTO statistics_import (year, jurisdiction_code, version, file_name, file_sha256, figures, correction_reason, imported_by, imported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [input.year, code, version, input.fileName, sha256, figures, version > 1 ? input.correctionReason : null, actor?.userId ?? null, this.clock.now()],
      );
      await this.audit.record(
        {
          action: 'statistics.import',
          outcome: 'allowed',
          entityType: 'statistics_import',
          entityId: row.id,
          jurisdictionCode: code,
          details: { year: input.year, version, fileName: input.fileName, sha256, ...(version > 1 ? { correctionReason: input.correctionReason } : {}) },
        },
        manager,
      );
      // Nobody is reminded of a year that is imported: it will not be reported.
      await this.reminders.cancel(manager, { dedupeKeys: codes.flatMap((covered) => REPORT_KINDS.map((kind) => deadlineKey(input.year, covered, kind))) });
      return row.id as string;
    });
    const [row] = await this.dataSource.query(`SELECT ${IMPORT_SELECT} FROM ${IMPORT_FROM} WHERE i.id = $1`, [id]);
    return toImportView(row);
  }

  /** The imports within one's jurisdiction: by year, jurisdiction and the latest version first. */
  async list(actor: Actor, query: ImportsQueryDto): Promise<Page<StatisticsImportView>> {
    const params: unknown[] = [prefixOf(actor.jurisdictionCode) + '%'];
    const where = ['i.jurisdiction_code LIKE $1'];
    if (query.year !== undefined) where.push(`i.year = $${params.push(query.year)}`);
    const page = await keysetPage(
      this.dataSource,
      {
        select: IMPORT_SELECT,
        from: IMPORT_FROM,
        where,
        params,
        keys: [
          { expr: '-i.year', cast: 'int' },
          { expr: 'i.jurisdiction_code', cast: 'text' },
          { expr: '-i.version', cast: 'int' },
        ],
      },
      query,
      toImportView,
    );
    await this.audit.record({ action: 'statistics.imports_read', outcome: 'allowed', entityType: 'statistics', details: { year: query.year ?? null } });
    return page;
  }

  /** The blank form of a year from before huijia for a jurisdiction: its rows, every figure empty. */
  async template(actor: Actor, query: HistoryTemplateQueryDto): Promise<{ name: string; content: Buffer }> {
    const code = query.jurisdictionCode ?? actor.jurisdictionCode;
    const target = await this.target(actor, query.year, code, 'statistics.import_template');
    const jurisdictions: JurisdictionNode[] = [target.jurisdiction, ...target.children];
    const blank = await this.figures.render({
      period: this.figures.endedYear(query.year),
      code,
      view: 'exact',
      jurisdictions,
      table: new FigureTable(jurisdictions, { counts: [], histograms: [] }),
    });
    const empty = { ...blank, indicators: blank.indicators.map((entry) => ({ ...entry, values: entry.values.map(() => null), breakdowns: [] })) };
    await this.audit.record({ action: 'statistics.import_template', outcome: 'allowed', entityType: 'statistics', details: { year: query.year, jurisdictionCode: code } });
    return { name: `${target.jurisdiction.name}${query.year}年救助安置统计表（历史数据）.xlsx`, content: await reportWorkbook(empty, { template: true }) };
  }

  /** The jurisdiction a year is imported for, within one's own, and those below it; the year must have ended. */
  private async target(actor: Actor | undefined, year: number, code: string, action: string): Promise<HistoryTarget> {
    const province = await this.figures.provinceOf(code);
    const jurisdiction = province.find((node) => node.code === code);
    if (actor) await requireInScope(this.audit, actor, { code, exists: jurisdiction !== undefined, action, details: { year, jurisdictionCode: code } });
    else if (!jurisdiction) throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'jurisdictionCode', '行政区划代码不存在 / no such division code');
    this.figures.endedYear(year);
    return { year, jurisdiction: { ...jurisdiction!, parentCode: null }, children: province.filter((node) => node.parentCode === code) };
  }
}

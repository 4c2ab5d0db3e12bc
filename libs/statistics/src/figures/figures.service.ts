import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, APP_CONFIG, AppError, AUDIT_SINK, chinaDate, Clock, type AppConfig, type AuditSink } from '#app/platform';
import { prefixOf, type Actor } from '#app/access';
import { protect } from '../disclosure/disclosure.js';
import { StatisticsErrors } from '../errors.js';
import { INDICATORS, type Indicator } from './catalogue.js';
import { cellKey, FigureTable, ownNode, type FigureSource, type JurisdictionNode } from './figure-table.js';
import type { FiguresQueryDto, StatisticsView } from './figures.dto.js';
import { FiguresQuery, type FigureBasis, type Period } from './figures.query.js';
import { measurePublishable } from './measures.js';
import { requireInScope } from './scope.js';
import { HistoryStore } from '../history/history-store.js';
import { importedSource } from '../history/imported-table.js';
import type { IndicatorFiguresView, StatisticsFiguresView, StatisticsImportedFromView, StatisticsRowView } from './figures.view.js';

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * R20: a jurisdiction's figures for a year — exact inside the reporting chain,
 * de-identified (R22) in the published view. Protection is worked out over the
 * whole province at once, so that the city's published table and its counties'
 * cannot be set against each other.
 */
@Injectable()
export class FiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly query: FiguresQuery,
    private readonly history: HistoryStore,
    private readonly clock: Clock,
  ) {}

  /** `action`: what the audit record calls it (a read, or an export that leaves the chain). */
  async figures(actor: Actor, input: FiguresQueryDto, action = 'statistics.read'): Promise<StatisticsFiguresView> {
    const code = input.jurisdictionCode ?? actor.jurisdictionCode;
    const view: StatisticsView = input.view ?? 'published';
    const details = { year: input.year, jurisdictionCode: code, view };
    const jurisdictions = await this.provinceOf(code);
    await requireInScope(this.audit, actor, { code, exists: jurisdictions.some((node) => node.code === code), action, details });
    const period = this.period(input.year);
    // A year from before huijia is its workbook's (R20 history); the others are computed from the records.
    const imported = await this.history.latestFor(input.year, code);
    const year = imported && (await this.history.yearImports(input.year, code.slice(0, 2)));
    const figures = imported
      ? await this.render({ period, code, view, ...importedSource(jurisdictions, { id: imported.from.importId, figures: imported.figures }, year!), importedFrom: imported.from })
      : await this.render({ period, code, view, jurisdictions, table: new FigureTable(jurisdictions, await this.query.run(period, code.slice(0, 2))) });
    await this.audit.record({ action, outcome: 'allowed', entityType: 'statistics', details });
    return figures;
  }

  /** An ended year's figures of one jurisdiction's own units, live (what a bureau's report freezes). */
  async ownBasis(year: number, code: string): Promise<{ period: Period; jurisdictions: JurisdictionNode[]; basis: FigureBasis }> {
    const period = this.endedYear(year);
    const jurisdictions = await this.provinceOf(code);
    const { counts, histograms } = await this.query.run(period, prefixOf(code));
    return { period, jurisdictions, basis: { counts: counts.filter((row) => row.code === code), histograms: histograms.filter((row) => row.code === code) } };
  }

  /** A year that has ended: only such a year is reported (R20). */
  endedYear(year: number): Period {
    const period = this.period(year);
    if (period.until.getTime() !== new Date(`${year + 1}-01-01T00:00:00+08:00`).getTime()) {
      throw new AppError(StatisticsErrors.YEAR_NOT_ENDED, { details: [{ field: 'year', reason: `${year} 年尚未结束 / ${year} has not ended` }] });
    }
    return period;
  }

  /** The jurisdictions of the province a code is in, from the jurisdiction table. */
  provinceOf(code: string): Promise<JurisdictionNode[]> {
    return this.dataSource.query(`SELECT code, name, level, parent_code AS "parentCode" FROM jurisdiction WHERE code LIKE $1 ORDER BY code`, [`${code.slice(0, 2)}%`]);
  }

  /**
   * The figures of `code` made of a source — live, frozen in a report, or imported: rows for the jurisdiction, its
   * own units (本级) and each one below; `ownOnly`: its own units alone (a bureau's report); `children`: only these
   * below (a summary: those that reported to it). Published, protect() works over every jurisdiction in `jurisdictions`.
   */
  async render(input: {
    period: Period;
    code: string;
    view: StatisticsView;
    jurisdictions: JurisdictionNode[];
    table: FigureSource;
    ownOnly?: boolean;
    children?: string[];
    importedFrom?: StatisticsImportedFromView;
  }): Promise<StatisticsFiguresView> {
    const { period, code, view, table } = input;
    const target = input.jurisdictions.find((node) => node.code === code)!;
    const minCell = this.config.statistics.minCell;
    const published =
      view === 'published' ? (table.published ? await table.published(minCell) : (await protect(table.values, table.additivities, { minCell })).published) : undefined;

    const children = table.childrenOf(code);
    const own = children.length > 0 ? [{ code, name: `${target.name}本级`, part: 'own' as const, node: ownNode(code) }] : [];
    const rows: (StatisticsRowView & { node: string })[] = input.ownOnly
      ? own.length > 0
        ? own
        : [{ code, name: target.name, part: 'whole', node: code }]
      : [
          { code, name: target.name, part: 'whole', node: code },
          ...own,
          ...children
            .filter((child) => !input.children || input.children.includes(child.code))
            .map((child) => ({ code: child.code, name: child.name, part: 'child' as const, node: child.code })),
        ];
    let suppressedCells = 0;
    /** A median or a share, withheld once it leaves the chain unless it tells no small count (measures.ts). */
    const measure = (value: number | null, n: number, base: string, hits?: number): number | null => {
      if (value === null || n === 0) return null;
      if (published && !measurePublishable({ n, countPublished: published[base] !== null, hits }, minCell)) {
        suppressedCells += 1;
        return null;
      }
      return round1(value);
    };
    const count = (indicator: Indicator, dimension: string | null, category: string | null, node: string): number | null => {
      const key = cellKey(indicator.id, dimension, category, node);
      // An imported year may lack a cell (a breakdown its workbook gives for the whole only): none, not withheld.
      if (!(key in table.values)) return null;
      if (!published) return table.values[key];
      if (published[key] === null) suppressedCells += 1;
      return published[key];
    };
    const indicators: IndicatorFiguresView[] = INDICATORS.map((indicator) => {
      if (indicator.kind === 'median') {
        return {
          indicator: indicator.id,
          values: rows.map(({ node }) => {
            const median = table.median(indicator.id, node);
            return median ? measure(median.median, median.n, cellKey(indicator.base!, null, null, node)) : null;
          }),
          breakdowns: [],
        };
      }
      if (indicator.kind === 'share') {
        return {
          indicator: indicator.id,
          values: rows.map(({ node }) => {
            const key = cellKey(indicator.base!, null, null, node);
            const n = table.values[key];
            const hits = table.hits[key];
            return measure(n && hits !== undefined ? (100 * hits) / n : null, n, key, hits);
          }),
          breakdowns: [],
        };
      }
      return {
        indicator: indicator.id,
        values: rows.map(({ node }) => count(indicator, null, null, node)),
        breakdowns: indicator.dimensions.map((dimension) => ({
          dimension: dimension.id,
          categories: dimension.categories.map((category) => ({
            category: category.id,
            values: rows.map(({ node }) => count(indicator, dimension.id, category.id, node)),
          })),
        })),
      };
    });
    return {
      year: period.year,
      jurisdiction: { code, name: target.name, level: target.level },
      view,
      minCell,
      asOfDay: period.asOfDay,
      yearComplete: period.until.getTime() === new Date(`${period.year + 1}-01-01T00:00:00+08:00`).getTime(),
      rows: rows.map(({ code: rowCode, name, part }) => ({ code: rowCode, name, part })),
      indicators,
      suppressedCells,
      source: input.importedFrom ? 'imported' : 'records',
      importedFrom: input.importedFrom ?? null,
    };
  }

  /** The year in China time, up to now while it runs. */
  period(year: number): Period {
    const now = this.clock.now();
    const from = new Date(`${year}-01-01T00:00:00+08:00`);
    const yearEnd = new Date(`${year + 1}-01-01T00:00:00+08:00`);
    if (from.getTime() > now.getTime()) {
      throw new AppError(StatisticsErrors.YEAR_NOT_BEGUN, { details: [{ field: 'year', reason: '该年度尚未开始 / the year has not begun' }] });
    }
    if (now.getTime() >= yearEnd.getTime()) {
      return { year, from, until: yearEnd, fromDay: `${year}-01-01`, untilDay: `${year + 1}-01-01`, overdueBefore: `${year + 1}-01-01`, asOfDay: `${year}-12-31` };
    }
    const today = chinaDate(now);
    return { year, from, until: now, fromDay: `${year}-01-01`, untilDay: addDays(today, 1), overdueBefore: today, asOfDay: today };
  }
}

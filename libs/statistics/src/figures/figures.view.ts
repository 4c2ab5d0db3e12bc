import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INDICATOR_IDS, type IndicatorKind } from './catalogue.js';
import { STATISTICS_VIEWS, type StatisticsView } from './figures.dto.js';

/** A figure per row of the report, in the order of `rows`; null where suppressed (R22). */
const VALUES = { type: 'array', items: { type: 'number', nullable: true } } as const;

export class StatisticsTextView {
  zh!: string;
  en!: string;
}

export class StatisticsCategoryView {
  id!: string;
  title!: StatisticsTextView;
}

export class StatisticsDimensionView {
  id!: string;
  title!: StatisticsTextView;
  @ApiProperty({ type: [StatisticsCategoryView] })
  categories!: StatisticsCategoryView[];
}

/** A count that is by definition one category of another (the same figure, to protection and to readers). */
export class StatisticsSameAsView {
  @ApiProperty({ enum: INDICATOR_IDS })
  indicator!: string;
  dimension!: string;
  category!: string;
}

/** One indicator of the catalogue (R20): what it counts, in which unit, for which rules. */
export class StatisticsIndicatorView {
  @ApiProperty({ enum: INDICATOR_IDS })
  id!: string;
  @ApiProperty({ enum: ['count', 'median', 'share'] })
  kind!: IndicatorKind;
  title!: StatisticsTextView;
  unit!: StatisticsTextView;
  rules!: string[];
  definition!: StatisticsTextView;
  @ApiProperty({ type: [StatisticsDimensionView] })
  dimensions!: StatisticsDimensionView[];
  /** Medians and shares: the count indicator they are computed on. */
  @ApiPropertyOptional({ enum: INDICATOR_IDS })
  base?: string;
  @ApiPropertyOptional({ type: StatisticsSameAsView })
  sameAs?: StatisticsSameAsView;
}

/** A row of the report: the jurisdiction as a whole, its own units (beside those below it), or one jurisdiction below. */
export class StatisticsRowView {
  code!: string;
  name!: string;
  @ApiProperty({ enum: ['whole', 'own', 'child'] })
  part!: 'whole' | 'own' | 'child';
}

export class CategoryFiguresView {
  category!: string;
  @ApiProperty(VALUES)
  values!: (number | null)[];
}

export class BreakdownFiguresView {
  dimension!: string;
  @ApiProperty({ type: [CategoryFiguresView] })
  categories!: CategoryFiguresView[];
}

export class IndicatorFiguresView {
  @ApiProperty({ enum: INDICATOR_IDS })
  indicator!: string;
  /** Counts: the total; medians: days; shares: per cent, one decimal. */
  @ApiProperty(VALUES)
  values!: (number | null)[];
  @ApiProperty({ type: [BreakdownFiguresView] })
  breakdowns!: BreakdownFiguresView[];
}

export class StatisticsJurisdictionView {
  code!: string;
  name!: string;
  level!: number;
}

/** A year from before huijia: the workbook it was imported from (R20 history). */
export class StatisticsImportedFromView {
  importId!: string;
  /** The jurisdiction whose workbook it is: this one, or one above whose workbook has a row for it. */
  jurisdictionCode!: string;
  version!: number;
  fileName!: string;
  importedAt!: Date;
}

export const FIGURES_SOURCES = ['records', 'imported'] as const;

/** R20: a jurisdiction's figures for a year, per row (itself, its own units, each jurisdiction below it). */
export class StatisticsFiguresView {
  year!: number;
  jurisdiction!: StatisticsJurisdictionView;
  @ApiProperty({ enum: STATISTICS_VIEWS })
  view!: StatisticsView;
  /** k: published figures suppress counts of 1 to k−1, and medians and shares of fewer than k people. */
  minCell!: number;
  /** The last day counted: the year's last, or today for the current year. */
  asOfDay!: string;
  /** False while the year runs: the figures still change. */
  yearComplete!: boolean;
  @ApiProperty({ type: [StatisticsRowView] })
  rows!: StatisticsRowView[];
  @ApiProperty({ type: [IndicatorFiguresView] })
  indicators!: IndicatorFiguresView[];
  /** Published figures: how many cells of the rows shown are suppressed (small counts and their complements, medians and shares of fewer than k). */
  suppressedCells!: number;
  /** records: computed from huijia's records (live, or frozen in a report); imported: a year from before huijia, from its workbook. */
  @ApiProperty({ enum: FIGURES_SOURCES })
  source!: (typeof FIGURES_SOURCES)[number];
  @ApiProperty({ type: StatisticsImportedFromView, nullable: true })
  importedFrom!: StatisticsImportedFromView | null;
}

export class StatisticsTableColumnView {
  @ApiProperty({ enum: INDICATOR_IDS })
  indicator!: string;
  /** The count's breakdowns shown under it, by dimension id. */
  dimensions!: string[];
}

/** A table of the report (统计报表): a row per jurisdiction, these columns. */
export class StatisticsTableView {
  key!: string;
  title!: StatisticsTextView;
  @ApiProperty({ type: [StatisticsTableColumnView] })
  columns!: StatisticsTableColumnView[];
}

/** The table turned by kind: each kind of referral in a row, these measures for the jurisdiction as a whole. */
export class StatisticsByKindTableView {
  title!: StatisticsTextView;
  dimension!: string;
  @ApiProperty({ enum: INDICATOR_IDS, isArray: true })
  indicators!: string[];
}

/** The catalogue (R20): every indicator, the report's tables, and the rules of publication the figures follow. */
export class StatisticsCatalogueView {
  @ApiProperty({ type: [StatisticsIndicatorView] })
  indicators!: StatisticsIndicatorView[];
  @ApiProperty({ type: [StatisticsTableView] })
  tables!: StatisticsTableView[];
  referralsByKind!: StatisticsByKindTableView;
  /** k (STATS_MIN_CELL): published figures suppress counts of 1 to k−1, and medians and shares of fewer than k people. */
  minCell!: number;
  /** The first year reported: the action plan's (2021). */
  firstYear!: number;
  /** The current year by the server's clock (China time): the last that can be asked for. */
  currentYear!: number;
}

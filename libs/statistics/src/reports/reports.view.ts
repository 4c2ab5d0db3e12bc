import { ApiProperty } from '@nestjs/swagger';
import { StatisticsFiguresView, StatisticsImportedFromView, StatisticsJurisdictionView } from '../figures/figures.view.js';

/** submitted: awaiting the receiving office; reported: the province's summary, gone to the provincial government outside huijia. */
export const REPORT_STATUSES = ['submitted', 'returned', 'accepted', 'reported'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** bureau: a civil-affairs bureau's year to the joint-meeting office of its level; summary: an office's summary to the office above (P-35). */
export const REPORT_KINDS = ['bureau', 'summary'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export class ReportPersonView {
  userId!: string;
  displayName!: string;
}

export class ReportReviewView {
  @ApiProperty({ enum: ['returned', 'accepted'] })
  decision!: 'returned' | 'accepted';
  reason!: string | null;
  reviewedBy!: ReportPersonView;
  reviewedAt!: Date;
}

/** One version of a jurisdiction's year as its bureau or its office submitted it (R20), frozen, with the receiving office's review. */
export class StatisticsReportView {
  id!: string;
  @ApiProperty({ enum: REPORT_KINDS })
  kind!: ReportKind;
  year!: number;
  jurisdiction!: StatisticsJurisdictionView;
  version!: number;
  /** False once a later version was submitted. */
  latest!: boolean;
  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;
  /** The jurisdiction of the office that reviews it (a bureau's: its own; a summary: the one above); null for the province's summary. */
  @ApiProperty({ type: String, nullable: true })
  receivingJurisdictionCode!: string | null;
  /** The bureau or office that submitted it. */
  organisation!: string;
  correctionReason!: string | null;
  submittedBy!: ReportPersonView;
  submittedAt!: Date;
  @ApiProperty({ type: ReportReviewView, nullable: true })
  review!: ReportReviewView | null;
}

/** A report an office's summary was made of. */
export class ReportSourceView {
  id!: string;
  @ApiProperty({ enum: REPORT_KINDS })
  kind!: ReportKind;
  jurisdiction!: StatisticsJurisdictionView;
  version!: number;
}

/** A version with its narrative, the exact figures frozen when it was submitted and, for a summary, the reports it adds up. */
export class StatisticsReportDetailView extends StatisticsReportView {
  narrative!: string;
  figures!: StatisticsFiguresView;
  @ApiProperty({ type: [ReportSourceView] })
  sources!: ReportSourceView[];
}

/** The latest version of a participant's report, and when its first version came. */
export class StatisticsChainReportView {
  id!: string;
  version!: number;
  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;
  submittedAt!: Date;
  firstSubmittedAt!: Date;
}

/** One report the chain expects for the year: whose, to whom, by when, and where it stands. */
export class StatisticsChainEntryView {
  jurisdiction!: StatisticsJurisdictionView;
  @ApiProperty({ enum: REPORT_KINDS })
  kind!: ReportKind;
  /** The bureau or office that reports. */
  organisation!: string;
  /** The office it reports to; null for the province's summary (to the provincial government) or when that office is not in huijia. */
  receiver!: string | null;
  /** The day it is due (STATS_DEADLINES, by level). */
  dueOn!: string;
  @ApiProperty({ type: StatisticsChainReportView, nullable: true })
  report!: StatisticsChainReportView | null;
  /** A year from before huijia: the import that covers it (no report is expected). */
  @ApiProperty({ type: StatisticsImportedFromView, nullable: true })
  importedFrom!: StatisticsImportedFromView | null;
  /** Not submitted by its day, which has passed — or first submitted after it. */
  late!: boolean;
}

/** R20: the reporting chain's year at a glance, within a jurisdiction: who has submitted, who is late. */
export class StatisticsChainView {
  year!: number;
  jurisdiction!: StatisticsJurisdictionView;
  @ApiProperty({ type: [StatisticsChainEntryView] })
  entries!: StatisticsChainEntryView[];
}

import { ApiProperty } from '@nestjs/swagger';
import { StatisticsFiguresView, StatisticsJurisdictionView } from '../figures/figures.view.js';

export const REPORT_STATUSES = ['submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

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

/** One version of a jurisdiction's year as its bureau submitted it (R20), frozen, with the office's review. */
export class StatisticsReportView {
  id!: string;
  year!: number;
  jurisdiction!: StatisticsJurisdictionView;
  version!: number;
  /** False once a later version was submitted. */
  latest!: boolean;
  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;
  /** The bureau that submitted it. */
  organisation!: string;
  correctionReason!: string | null;
  submittedBy!: ReportPersonView;
  submittedAt!: Date;
  @ApiProperty({ type: ReportReviewView, nullable: true })
  review!: ReportReviewView | null;
}

/** A version with its narrative and the exact figures frozen when it was submitted. */
export class StatisticsReportDetailView extends StatisticsReportView {
  narrative!: string;
  figures!: StatisticsFiguresView;
}

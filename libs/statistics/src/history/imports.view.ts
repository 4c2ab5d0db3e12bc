import { ApiProperty } from '@nestjs/swagger';
import { StatisticsJurisdictionView } from '../figures/figures.view.js';
import { ReportPersonView } from '../reports/reports.view.js';

/** R20 history: one version of a year imported from before huijia. */
export class StatisticsImportView {
  id!: string;
  year!: number;
  jurisdiction!: StatisticsJurisdictionView;
  version!: number;
  /** False once the year was imported again: the figures are the latest version's. */
  latest!: boolean;
  fileName!: string;
  /** SHA-256 of the workbook as imported (hex), to tell which file it was. */
  sha256!: string;
  /** The rows it gives: the jurisdiction, its own units and each one below it. */
  rows!: number;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  /** Null when imported on the command line (statistics:import). */
  @ApiProperty({ type: ReportPersonView, nullable: true })
  importedBy!: ReportPersonView | null;
  importedAt!: Date;
}

/**
 * R20: how the reporting chain's reports are read — one SQL for the list, a
 * version and the chain's status — and the lock every step on a year takes.
 */
import type { EntityManager } from 'typeorm';
import type { ReportKind, ReportStatus, StatisticsReportView } from './reports.view.js';

export interface ReportRow {
  id: string;
  kind: ReportKind;
  year: number;
  jurisdiction_code: string;
  jurisdiction_name: string;
  jurisdiction_level: number;
  parent_code: string | null;
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

export const REPORT_SELECT = `r.id, r.kind, r.year, r.jurisdiction_code, j.name AS jurisdiction_name, j.level AS jurisdiction_level, j.parent_code, r.version,
                NOT EXISTS (SELECT 1 FROM statistics_report later
                             WHERE later.year = r.year AND later.jurisdiction_code = r.jurisdiction_code AND later.kind = r.kind AND later.version > r.version) AS latest,
                o.name AS organisation, r.correction_reason, r.submitted_by, s.display_name AS submitted_by_name, r.submitted_at,
                v.decision, v.reason, v.reviewed_by, rv.display_name AS reviewed_by_name, v.reviewed_at`;
export const REPORT_FROM = `statistics_report r JOIN jurisdiction j ON j.code = r.jurisdiction_code JOIN organisation o ON o.id = r.organisation_id
              JOIN user_account s ON s.id = r.submitted_by
              LEFT JOIN statistics_report_review v ON v.report_id = r.id LEFT JOIN user_account rv ON rv.id = v.reviewed_by`;

/** Reported: the province's summary goes to the provincial government, outside huijia — nobody in it reviews it (P-35). */
export function statusOf(row: Pick<ReportRow, 'kind' | 'decision' | 'parent_code'>): ReportStatus {
  if (row.decision) return row.decision;
  return row.kind === 'summary' && row.parent_code === null ? 'reported' : 'submitted';
}

/** The office that reviews a report: a bureau's, the office of its own level; an office's summary, the office above (P-35). */
export function receivingJurisdiction(row: Pick<ReportRow, 'kind' | 'jurisdiction_code' | 'parent_code'>): string | null {
  return row.kind === 'bureau' ? row.jurisdiction_code : row.parent_code;
}

export function toReportView(row: ReportRow): StatisticsReportView {
  return {
    id: row.id,
    kind: row.kind,
    year: row.year,
    jurisdiction: { code: row.jurisdiction_code, name: row.jurisdiction_name, level: row.jurisdiction_level },
    version: row.version,
    latest: row.latest,
    status: statusOf(row),
    receivingJurisdictionCode: receivingJurisdiction(row),
    organisation: row.organisation,
    correctionReason: row.correction_reason,
    submittedBy: { userId: row.submitted_by, displayName: row.submitted_by_name },
    submittedAt: row.submitted_at,
    review: row.decision
      ? { decision: row.decision, reason: row.reason, reviewedBy: { userId: row.reviewed_by!, displayName: row.reviewed_by_name! }, reviewedAt: row.reviewed_at! }
      : null,
  };
}

export function reportRows(manager: EntityManager, where: string[], params: unknown[], tail = ''): Promise<ReportRow[]> {
  return manager.query(`SELECT ${REPORT_SELECT} FROM ${REPORT_FROM} WHERE ${where.join(' AND ')} ${tail}`, params);
}

/**
 * One step at a time on a jurisdiction's year — a submission, a review — so that a version number or a review is
 * decided on what the others committed. An advisory lock: huijia_app may not lock rows it may not update.
 */
export async function lockYear(manager: EntityManager, year: number, jurisdictionCode: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('statistics_report:' || $1 || ':' || $2, 0))`, [year, jurisdictionCode]);
}

/**
 * R20, P-35: who reports in the chain. A jurisdiction with an active
 * civil-affairs bureau in huijia has a bureau's report to make, to the
 * joint-meeting office of its level; a jurisdiction with an active
 * joint-meeting office has a summary to make, to the office above (the
 * province's goes to the provincial government). A summary adds up its own
 * bureau's report and the summaries of the offices one level below.
 */
import type { EntityManager } from 'typeorm';
import { REPORT_FROM, REPORT_SELECT, type ReportRow } from './report-rows.js';
import type { ReportKind } from './reports.view.js';

export interface Participant {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  kind: ReportKind;
  /** The bureau's or the office's name and id (the first, should a jurisdiction have two). */
  organisation: string;
  organisationId: string;
}

/** Everyone who reports within a scope (`53%`), by jurisdiction, the bureau before the office. */
export function participants(manager: EntityManager, scope: string): Promise<Participant[]> {
  return manager.query(
    `SELECT j.code, j.name, j.level, j.parent_code AS "parentCode",
            CASE o.kind WHEN 'civil_affairs_bureau' THEN 'bureau' ELSE 'summary' END AS kind,
            (array_agg(o.name ORDER BY o.created_at, o.id))[1] AS organisation, (array_agg(o.id ORDER BY o.created_at, o.id))[1] AS "organisationId"
       FROM organisation o JOIN jurisdiction j ON j.code = o.jurisdiction_code
      WHERE o.active AND o.kind IN ('civil_affairs_bureau', 'joint_meeting_office') AND o.jurisdiction_code LIKE $1
      GROUP BY j.code, j.name, j.level, j.parent_code, o.kind
      ORDER BY j.code, kind`,
    [scope],
  );
}

/** The reports a jurisdiction's summary adds up: its own bureau's, and the summaries of the offices one level below. */
export function sourcesOf(code: string, all: Participant[]): Participant[] {
  return all.filter((entry) => (entry.kind === 'bureau' && entry.code === code) || (entry.kind === 'summary' && entry.parentCode === code));
}

/** Who receives a participant's report: the office of its level (a bureau) or the one above (an office); none in huijia for the province's summary. */
export function receiverOf(entry: Participant, all: Participant[]): Participant | undefined {
  const office = entry.kind === 'bureau' ? entry.code : entry.parentCode;
  return all.find((candidate) => candidate.kind === 'summary' && candidate.code === office);
}

export interface LatestReport extends ReportRow {
  first_submitted_at: Date;
  has_basis: boolean;
}

export const participantKey = (code: string, kind: ReportKind): string => `${code}|${kind}`;

/** Each jurisdiction's and kind's latest version of a year within a scope, with when its first version came. */
export async function latestReports(manager: EntityManager, year: number, scope: string): Promise<Map<string, LatestReport>> {
  const rows: LatestReport[] = await manager.query(
    `SELECT DISTINCT ON (r.jurisdiction_code, r.kind) ${REPORT_SELECT}, r.basis IS NOT NULL AS has_basis,
            (SELECT min(first.submitted_at) FROM statistics_report first
              WHERE first.year = r.year AND first.jurisdiction_code = r.jurisdiction_code AND first.kind = r.kind) AS first_submitted_at
       FROM ${REPORT_FROM}
      WHERE r.year = $1 AND r.jurisdiction_code LIKE $2
      ORDER BY r.jurisdiction_code, r.kind, r.version DESC`,
    [year, scope],
  );
  return new Map(rows.map((row) => [participantKey(row.jurisdiction_code, row.kind), row]));
}

/** The day a participant's report of a year is due (STATS_DEADLINES, by level). */
export function dueOnOf(deadlines: { 1: string; 2: string; 3: string }, year: number, level: number): string {
  return `${year + 1}-${deadlines[level as 1 | 2 | 3]}`;
}

/** The reminder of a participant's deadline: one per year, jurisdiction and kind. */
export const deadlineKey = (year: number, code: string, kind: ReportKind): string => `statistics:${year}:${code}:${kind}`;

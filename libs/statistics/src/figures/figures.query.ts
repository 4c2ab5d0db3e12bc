/**
 * R20, R22: the year's figures computed inside PostgreSQL. Each count
 * indicator is a set of units (a file, a referral, a visit …) with the
 * jurisdiction it is counted in and its category in each dimension; one
 * GROUP BY GROUPING SETS per indicator counts them per jurisdiction, in all
 * and per category. A median's units are counted per jurisdiction and whole
 * day (a histogram), so that medians can be taken at every level — and from
 * the frozen reports a summary is made of (a median does not add up, a
 * histogram does). No person row leaves the database: only jurisdiction
 * codes, categories, days and counts come back.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, yearsBefore, type AppConfig } from '#app/platform';
import type { FileState } from '#app/case';
import { AGE_BANDS, INDICATORS, type IndicatorId } from './catalogue.js';

/** The year counted: from 1 January (China time) to the year's end, or to now for the current year. */
export interface Period {
  year: number;
  /** The first instant, and the instant after the last one counted. */
  from: Date;
  until: Date;
  /** The same as days (YYYY-MM-DD): the first day, and the day after the last one counted. */
  fromDay: string;
  untilDay: string;
  /** What is due before this day and not done is overdue (the year's end; for the current year, today). */
  overdueBefore: string;
  /** The last day counted: the day ages and "in care" are read on. */
  asOfDay: string;
}

/** Still in the care of civil affairs: no outcome yet (R2). */
const IN_CARE: readonly FileState[] = ['received', 'in_care', 'returning_home', 'tracing', 'repatriation'];
const OUTCOME_STATES: readonly FileState[] = ['reunified', 'locally_resettled', 'repatriated'];

/**
 * The SQL of each count indicator's units. Parameters: $1 from, $2 until (timestamptz), $3 fromDay, $4 untilDay,
 * $5 overdueBefore (date), $6 the scope (`53%`), $7 in-care states, $8 outcome states, $9 and $10 the
 * compulsory-education birth days. Each selects `jc` (the jurisdiction counted in), a column per dimension, and
 * `measure` (a median's value) or `hit` (a share's numerator) where the catalogue gives one.
 */
const INTAKE_DAY = `(f.opened_at AT TIME ZONE 'Asia/Shanghai')::date`;
/** R23: the youngest possible age decides; no birth date at all counts as a minor. */
const MINOR_AT_INTAKE = `CASE WHEN p.birth_date_to IS NULL OR p.birth_date_to > ${INTAKE_DAY} - interval '18 years' THEN 'minor' ELSE 'adult' END`;
const AGE_BAND_AT_INTAKE = `CASE WHEN p.birth_date_to IS NULL THEN 'unknown' ${AGE_BANDS.map(
  (band) => `WHEN date_part('year', age(${INTAKE_DAY}, p.birth_date_to)) BETWEEN ${band.from} AND ${band.to} THEN '${band.id}'`,
).join(' ')} END`;
const FILES_OPEN_IN_PERIOD = `victim_file f JOIN person p ON p.id = f.person_id
  WHERE f.responsible_jurisdiction_code LIKE $6 AND f.opened_at < $2 AND (f.closed_at IS NULL OR f.closed_at >= $1)`;
const REFERRALS = `referral r JOIN victim_file f ON f.id = r.file_id WHERE f.responsible_jurisdiction_code LIKE $6`;
const referralReached = (status: string) =>
  `SELECT f.responsible_jurisdiction_code AS jc, r.kind FROM ${REFERRALS}
     AND EXISTS (SELECT 1 FROM referral_history h WHERE h.referral_id = r.id AND h.to_status = '${status}' AND h.at >= $1 AND h.at < $2)`;
const filesWith = (table: string) =>
  `SELECT f.responsible_jurisdiction_code AS jc FROM victim_file f
    WHERE f.responsible_jurisdiction_code LIKE $6 AND EXISTS (SELECT 1 FROM ${table} x WHERE x.file_id = f.id AND x.starts_on >= $3 AND x.starts_on < $4)`;
const VISITS = `followup_visit v JOIN victim_file f ON f.id = v.file_id WHERE f.responsible_jurisdiction_code LIKE $6 AND v.status <> 'cancelled'`;

const UNITS: Record<string, string> = {
  assisted: `SELECT f.responsible_jurisdiction_code AS jc,
                    CASE WHEN f.opened_at >= $1 THEN 'new' ELSE 'continuing' END AS status,
                    p.sex, ${MINOR_AT_INTAKE} AS minor, ${AGE_BAND_AT_INTAKE} AS "ageBand",
                    CASE WHEN p.nationality IS NOT NULL AND p.nationality <> 'CN' THEN 'foreign' ELSE 'domestic' END AS origin,
                    f.intake_kind AS "intakeKind"
               FROM ${FILES_OPEN_IN_PERIOD}`,
  outcomes: `SELECT f.responsible_jurisdiction_code AS jc, h.to_state AS outcome, (h.at AT TIME ZONE 'Asia/Shanghai')::date - ${INTAKE_DAY} AS measure
               FROM file_history h JOIN victim_file f ON f.id = h.file_id
              WHERE f.responsible_jurisdiction_code LIKE $6 AND h.to_state = ANY($8::text[]) AND h.at >= $1 AND h.at < $2`,
  inCareAtYearEnd: `SELECT f.responsible_jurisdiction_code AS jc, ${MINOR_AT_INTAKE} AS minor
                      FROM ${FILES_OPEN_IN_PERIOD}
                       AND (SELECT h.to_state FROM file_history h WHERE h.file_id = f.id AND h.at < $2 ORDER BY h.at DESC, h.id DESC LIMIT 1) = ANY($7::text[])`,
  tracingRequests: `SELECT o.jurisdiction_code AS jc FROM tracing_request t JOIN organisation o ON o.id = t.organisation_id
                     WHERE o.jurisdiction_code LIKE $6 AND t.created_at >= $1 AND t.created_at < $2`,
  dnaMatches: `SELECT f.responsible_jurisdiction_code AS jc FROM victim_file f
                WHERE f.responsible_jurisdiction_code LIKE $6
                  AND EXISTS (SELECT 1 FROM dna_comparison d WHERE d.file_id = f.id AND d.outcome = 'match' AND d.reported_on >= $3 AND d.reported_on < $4)`,
  householdRegistrations: `SELECT f.responsible_jurisdiction_code AS jc, ${MINOR_AT_INTAKE} AS minor, hr.registered_on - hr.due_on AS measure
                             FROM household_registration hr JOIN victim_file f ON f.id = hr.file_id JOIN person p ON p.id = f.person_id
                            WHERE f.responsible_jurisdiction_code LIKE $6 AND hr.status = 'registered' AND hr.registered_on >= $3 AND hr.registered_on < $4`,
  referralsSent: `SELECT f.responsible_jurisdiction_code AS jc, r.kind FROM ${REFERRALS} AND r.sent_at >= $1 AND r.sent_at < $2`,
  referralsAccepted: referralReached('accepted'),
  referralsDeclined: referralReached('declined'),
  referralsCompleted: referralReached('completed'),
  // Late: answered after the accept-by time or not by then (a withdrawal first ends the wait); completed after the
  // complete-by day or not by then (a declined or withdrawn referral is not to be completed).
  referralsOverdue: `SELECT f.responsible_jurisdiction_code AS jc, r.kind FROM ${REFERRALS} AND r.sent_at >= $1 AND r.sent_at < $2
                       AND ((r.accept_by < $2 AND coalesce(r.decided_at,
                                (SELECT min(h.at) FROM referral_history h WHERE h.referral_id = r.id AND h.to_status = 'withdrawn'), 'infinity') > r.accept_by)
                         OR (r.complete_by < $5 AND r.status NOT IN ('declined', 'withdrawn')
                             AND coalesce((r.completed_at AT TIME ZONE 'Asia/Shanghai')::date, 'infinity') > r.complete_by))`,
  greenChannelCases: `SELECT f.responsible_jurisdiction_code AS jc,
                             EXISTS (SELECT 1 FROM referral_history h WHERE h.referral_id = r.id AND h.to_status = 'accepted' AND h.at <= r.accept_by AND h.at < $2) AS hit
                        FROM ${REFERRALS} AND r.kind = 'legal_aid' AND r.sent_at >= $1 AND r.sent_at < $2`,
  // May be of compulsory-education age on the last day counted: born no later than $9 and after $10.
  schoolAgeChildren: `SELECT f.responsible_jurisdiction_code AS jc,
                             EXISTS (SELECT 1 FROM enrolment e WHERE e.file_id = f.id AND e.enrolled_on < $4) AS hit
                        FROM ${FILES_OPEN_IN_PERIOD} AND p.birth_date_from <= $9::date AND p.birth_date_to > $10::date`,
  trainingParticipants: filesWith('training_course'),
  employed: filesWith('job_placement_record'),
  visitsDue: `SELECT f.responsible_jurisdiction_code AS jc FROM ${VISITS} AND v.due_on >= $3 AND v.due_on < $4`,
  visitsDone: `SELECT f.responsible_jurisdiction_code AS jc FROM ${VISITS} AND v.status = 'done' AND v.visited_on >= $3 AND v.visited_on < $4`,
  visitsOverdue: `SELECT f.responsible_jurisdiction_code AS jc FROM ${VISITS}
                   AND v.due_on >= $3 AND v.due_on < $5 AND (v.visited_on IS NULL OR v.visited_on > v.due_on)`,
  escalations: `SELECT o.jurisdiction_code AS jc FROM reminder r JOIN organisation o ON o.id = r.assignee_organisation_id
                 WHERE o.jurisdiction_code LIKE $6 AND r.escalation_level > 0 AND r.due_at >= $1 AND r.due_at < $2`,
};

/** Every parameter's type, for the queries that use only some of them (PostgreSQL must know each one's). */
const TYPED = `typed AS (SELECT $1::timestamptz, $2::timestamptz, $3::date, $4::date, $5::date, $6::text, $7::text[], $8::text[], $9::date, $10::date)`;

/** A count of one jurisdiction's own units: in all (`dimension` null) or in one category. `hits`: a share's numerator. */
export interface CountRow {
  indicator: IndicatorId;
  code: string;
  dimension: string | null;
  category: string | null;
  count: number;
  hits: number;
}

/** How many of one jurisdiction's own units a median is taken over measure `value` (whole days). */
export interface HistogramRow {
  indicator: IndicatorId;
  code: string;
  value: number;
  count: number;
}

/** What the figures are made of: the counts and histograms of each jurisdiction's own units (frozen in a report). */
export interface FigureBasis {
  counts: CountRow[];
  histograms: HistogramRow[];
}

@Injectable()
export class FiguresQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The same units as run() reads, each count indicator's merely counted per jurisdiction (a bare `GROUP BY jc`, no
   * breakdown, no median): bench/statistics' baseline for the whole report.
   */
  plainCounts(period: Period, scopePrefix: string): { statements: string[]; params: unknown[] } {
    const statements = INDICATORS.filter((indicator) => indicator.kind === 'count').map(
      (indicator) => `WITH ${TYPED}, units AS (${UNITS[indicator.id]}) SELECT jc, count(*)::int FROM units GROUP BY jc`,
    );
    return { statements, params: this.params(period, scopePrefix) };
  }

  private params(period: Period, scopePrefix: string): unknown[] {
    const { from, to } = this.config.referrals.compulsoryEducationAges;
    return [
      period.from,
      period.until,
      period.fromDay,
      period.untilDay,
      period.overdueBefore,
      `${scopePrefix}%`,
      IN_CARE,
      OUTCOME_STATES,
      yearsBefore(period.asOfDay, from),
      yearsBefore(period.asOfDay, to + 1),
    ];
  }

  /** Every indicator's counts and histograms per jurisdiction code within the scope, in one repeatable-read snapshot. */
  async run(period: Period, scopePrefix: string): Promise<FigureBasis> {
    const params = this.params(period, scopePrefix);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const counts: CountRow[] = [];
      const histograms: HistogramRow[] = [];
      for (const indicator of INDICATORS) {
        if (indicator.kind === 'count') {
          const dimensions = indicator.dimensions.map((dimension) => `"${dimension.id}"`);
          const sets = ['(jc)', ...dimensions.map((column) => `(jc, ${column})`)].join(', ');
          const rows: Record<string, string | number | null>[] = await manager.query(
            `WITH ${TYPED}, units AS (${UNITS[indicator.id]})
             SELECT jc, ${dimensions.map((column) => `${column}::text`).join(', ')}${dimensions.length ? ',' : ''}
                    count(*)::int AS count, ${SHARES_ON.has(indicator.id) ? 'count(*) FILTER (WHERE hit)::int' : '0'} AS hits
               FROM units GROUP BY GROUPING SETS (${sets})`,
            params,
          );
          for (const row of rows) {
            const dimension = indicator.dimensions.find((candidate) => row[candidate.id] !== null);
            counts.push({
              indicator: indicator.id,
              code: row.jc as string,
              dimension: dimension?.id ?? null,
              category: dimension ? (row[dimension.id] as string) : null,
              count: row.count as number,
              hits: row.hits as number,
            });
          }
        } else if (indicator.kind === 'median') {
          const rows: { code: string; value: number; count: number }[] = await manager.query(
            `WITH ${TYPED}, units AS (${UNITS[indicator.base!]})
             SELECT jc AS code, measure::int AS value, count(*)::int AS count FROM units GROUP BY jc, measure`,
            params,
          );
          histograms.push(...rows.map((row) => ({ indicator: indicator.id, ...row })));
        }
      }
      return { counts, histograms };
    });
  }
}

/** The count indicators a share is computed on: their units carry `hit`. */
const SHARES_ON = new Set(INDICATORS.filter((indicator) => indicator.kind === 'share').map((indicator) => indicator.base!));

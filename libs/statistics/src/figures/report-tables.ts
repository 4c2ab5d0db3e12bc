/**
 * The report's tables (统计报表, R20), for the web pages and the workbook
 * alike: rows are the jurisdiction, its own units and those below; columns are
 * indicators of the catalogue, a count with the breakdowns named here under
 * it. The last table turns the referral measures by kind for the jurisdiction
 * as a whole.
 */
import type { IndicatorId, Text } from './catalogue.js';

export interface ReportTable {
  key: string;
  title: Text;
  columns: { indicator: IndicatorId; dimensions: string[] }[];
}

const column = (indicator: IndicatorId, dimensions: string[] = []) => ({ indicator, dimensions });

export const REPORT_TABLES: readonly ReportTable[] = [
  {
    key: 'assistance',
    title: { zh: '救助情况', en: 'Assistance' },
    columns: [column('assisted', ['status', 'sex', 'minor', 'ageBand', 'origin', 'intakeKind'])],
  },
  {
    key: 'outcomes',
    title: { zh: '安置、寻亲与落户', en: 'Outcomes, tracing and household registration' },
    columns: [
      column('outcomes', ['outcome']),
      column('daysToOutcome'),
      column('inCareAtYearEnd'),
      column('tracingRequests'),
      column('dnaMatches'),
      column('householdRegistrations'),
      column('daysFromDay90ToRegistration'),
    ],
  },
  {
    key: 'referrals',
    title: { zh: '转介与法律援助', en: 'Referrals and legal aid' },
    columns: [
      column('referralsSent'),
      column('referralsAccepted'),
      column('referralsDeclined'),
      column('referralsCompleted'),
      column('referralsOverdue'),
      column('greenChannelCases'),
      column('greenChannelAcceptedInTime'),
    ],
  },
  {
    key: 'rehabilitation',
    title: { zh: '入学、就业与回访', en: 'Schooling, work and follow-up' },
    columns: [
      column('schoolAgeChildren'),
      column('schoolAgeEnrolled'),
      column('trainingParticipants'),
      column('employed'),
      column('visitsDue'),
      column('visitsDone'),
      column('visitsOverdue'),
      column('escalations'),
    ],
  },
];

/** 转介分类: each kind's referrals at every stage, for the jurisdiction as a whole. */
export const REFERRALS_BY_KIND = {
  title: { zh: '转介分类', en: 'Referrals by kind' },
  dimension: 'kind',
  indicators: ['referralsSent', 'referralsAccepted', 'referralsDeclined', 'referralsCompleted', 'referralsOverdue'] as IndicatorId[],
};

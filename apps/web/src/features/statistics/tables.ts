/**
 * The report's tables (统计报表): rows are the jurisdiction, its own units and
 * those below; columns are indicators of the catalogue, a count with the
 * breakdowns named here under it.
 */
export interface TableSpec {
  key: 'assistance' | 'outcomes' | 'referrals' | 'rehabilitation';
  columns: { indicator: string; dimensions?: string[] }[];
}

export const TABLES: readonly TableSpec[] = [
  { key: 'assistance', columns: [{ indicator: 'assisted', dimensions: ['status', 'sex', 'minor', 'ageBand', 'origin', 'intakeKind'] }] },
  {
    key: 'outcomes',
    columns: [
      { indicator: 'outcomes', dimensions: ['outcome'] },
      { indicator: 'daysToOutcome' },
      { indicator: 'inCareAtYearEnd' },
      { indicator: 'tracingRequests' },
      { indicator: 'dnaMatches' },
      { indicator: 'householdRegistrations' },
      { indicator: 'daysFromDay90ToRegistration' },
    ],
  },
  {
    key: 'referrals',
    columns: [
      { indicator: 'referralsSent' },
      { indicator: 'referralsAccepted' },
      { indicator: 'referralsDeclined' },
      { indicator: 'referralsCompleted' },
      { indicator: 'referralsOverdue' },
      { indicator: 'greenChannelCases' },
      { indicator: 'greenChannelAcceptedInTime' },
    ],
  },
  {
    key: 'rehabilitation',
    columns: [
      { indicator: 'schoolAgeChildren' },
      { indicator: 'schoolAgeEnrolled' },
      { indicator: 'trainingParticipants' },
      { indicator: 'employed' },
      { indicator: 'visitsDue' },
      { indicator: 'visitsDone' },
      { indicator: 'visitsOverdue' },
      { indicator: 'escalations' },
    ],
  },
];

/** The referral measures shown by kind, for the jurisdiction as a whole. */
export const REFERRAL_MEASURES = ['referralsSent', 'referralsAccepted', 'referralsDeclined', 'referralsCompleted', 'referralsOverdue'] as const;

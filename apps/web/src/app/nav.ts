import type { Role } from '../generated/types.gen';

/**
 * The navigation: each entry names the operation its page calls; it is shown
 * when the API's x-roles of that operation include the user's role — and, for
 * an operation others may call too, only to the roles whose job the page is.
 */
export interface NavEntry {
  key: 'workbench' | 'files' | 'intake' | 'approvals' | 'emergency' | 'partnerInbox' | 'policeHandovers' | 'policeDna' | 'policeHousehold' | 'statistics' | 'admin';
  path: string;
  operation: string;
  /** Only these roles, when the operation is shared with others who reach it elsewhere (civil affairs: the file's 落户 tab). */
  roles?: readonly Role[];
}

export const NAV: readonly NavEntry[] = [
  { key: 'workbench', path: '/', operation: 'notifications_counts' },
  // Every role may list files (each sees its scope), but the list is civil affairs' and the institutions' work:
  // partners work from their inbox, the police from their own pages, statisticians and administrators reach no file.
  { key: 'files', path: '/files', operation: 'files_list', roles: ['caseworker', 'supervisor', 'institution_staff'] },
  { key: 'intake', path: '/intake', operation: 'intake_discovery' },
  { key: 'approvals', path: '/approvals', operation: 'approvals_list' },
  { key: 'emergency', path: '/emergency-access', operation: 'emergency_access_for_review' },
  // The partners' workspace (hospitals, schools, training, legal aid, social work, foreign affairs).
  { key: 'partnerInbox', path: '/referrals', operation: 'referrals_inbox' },
  { key: 'policeHandovers', path: '/police/handovers', operation: 'intake_police_handovers_list' },
  { key: 'policeDna', path: '/police/dna', operation: 'tracing_dna_list' },
  { key: 'policeHousehold', path: '/police/household', operation: 'household_tasks_list', roles: ['police_liaison'] },
  // R20: the year's figures, for the reporting chain (civil affairs and the joint-meeting offices' statisticians).
  { key: 'statistics', path: '/statistics', operation: 'statistics_figures' },
  { key: 'admin', path: '/admin', operation: 'users_create' },
];

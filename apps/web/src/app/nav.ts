/**
 * The navigation: each entry names the operation its page calls; it is shown
 * when the API's x-roles of that operation include the user's role.
 */
export interface NavEntry {
  key: 'workbench' | 'files' | 'intake' | 'approvals' | 'emergency' | 'partnerInbox' | 'policeHandovers' | 'policeDna' | 'policeHousehold' | 'admin';
  path: string;
  operation: string;
  /** Only these roles, when the operation is shared with others who reach it elsewhere (civil affairs: the file's 落户 tab). */
  roles?: readonly string[];
}

export const NAV: readonly NavEntry[] = [
  { key: 'workbench', path: '/', operation: 'notifications_counts' },
  { key: 'files', path: '/files', operation: 'files_list' },
  { key: 'intake', path: '/intake', operation: 'intake_discovery' },
  { key: 'approvals', path: '/approvals', operation: 'approvals_list' },
  { key: 'emergency', path: '/emergency-access', operation: 'emergency_access_for_review' },
  // The partners' workspace (hospitals, schools, training, legal aid, social work, foreign affairs).
  { key: 'partnerInbox', path: '/referrals', operation: 'referrals_inbox' },
  { key: 'policeHandovers', path: '/police/handovers', operation: 'intake_police_handovers_list' },
  { key: 'policeDna', path: '/police/dna', operation: 'tracing_dna_list' },
  { key: 'policeHousehold', path: '/police/household', operation: 'household_tasks_list', roles: ['police_liaison'] },
  { key: 'admin', path: '/admin', operation: 'users_create' },
];

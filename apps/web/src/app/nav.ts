/**
 * The navigation: each entry names the operation its page calls; it is shown
 * when the API's x-roles of that operation include the user's role.
 */
export interface NavEntry {
  key: 'workbench' | 'files' | 'intake' | 'approvals' | 'emergency' | 'admin';
  path: string;
  operation: string;
}

export const NAV: readonly NavEntry[] = [
  { key: 'workbench', path: '/', operation: 'notifications_counts' },
  { key: 'files', path: '/files', operation: 'files_list' },
  { key: 'intake', path: '/intake', operation: 'intake_discovery' },
  { key: 'approvals', path: '/approvals', operation: 'approvals_list' },
  { key: 'emergency', path: '/emergency-access', operation: 'emergency_access_for_review' },
  { key: 'admin', path: '/admin', operation: 'users_create' },
];

/** The people the browser suite signs in as (seeded through the API by global-setup.ts). */
export const PASSWORDS = {
  admin: 'E2e-Admin-Passphrase-2026',
  caseworker: 'Yunnan-Caseworker-Pass-7',
  supervisor: 'Yunnan-Supervisor-Pass-8',
  reset: 'Reset-By-The-Admin-Pass-3',
  resetNew: 'A-Fresh-Start-Passphrase-4',
} as const;

export const USERS = {
  admin: { username: 'e2e.admin', password: PASSWORDS.admin },
  caseworker: { username: 'e2e.caseworker', password: PASSWORDS.caseworker, displayName: '李敏' },
  supervisor: { username: 'e2e.supervisor', password: PASSWORDS.supervisor, displayName: '王芳' },
  reset: { username: 'e2e.reset', password: PASSWORDS.reset, displayName: '赵强' },
} as const;

export type SeededUser = keyof typeof USERS;

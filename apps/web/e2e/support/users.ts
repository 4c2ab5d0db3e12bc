/** The people the browser suite signs in as (seeded through the API by global-setup.ts). */
export const PASSWORDS = {
  admin: 'E2e-Admin-Passphrase-2026',
  caseworker: 'Yunnan-Caseworker-Pass-7',
  supervisor: 'Yunnan-Supervisor-Pass-8',
  partner: 'Xishan-Partner-Passphrase-5',
  police: 'Anning-Police-Liaison-Pass-5',
  anningCaseworker: 'Anning-Caseworker-Pass-6',
  anningStaff: 'Anning-Institution-Pass-7',
} as const;

export const USERS = {
  admin: { username: 'e2e.admin', password: PASSWORDS.admin },
  caseworker: { username: 'e2e.caseworker', password: PASSWORDS.caseworker, displayName: '李敏' },
  supervisor: { username: 'e2e.supervisor', password: PASSWORDS.supervisor, displayName: '王芳' },
  // The partner workspace's own county, 西山区 (partner.spec.ts): its bureau's caseworker, a school, a legal aid centre.
  xishanCaseworker: { username: 'e2e.xishan.caseworker', password: PASSWORDS.partner, displayName: '杜娟' },
  school: { username: 'e2e.xishan.school', password: PASSWORDS.partner, displayName: '何老师' },
  legalAid: { username: 'e2e.xishan.legalaid', password: PASSWORDS.partner, displayName: '郑律师' },
  // The police workspace's own county, 安宁市 (police.spec): its police liaison, a caseworker of its bureau, staff of its assistance station.
  police: { username: 'e2e.police', password: PASSWORDS.police, displayName: '段志刚' },
  anningCaseworker: { username: 'e2e.anning.caseworker', password: PASSWORDS.anningCaseworker, displayName: '孙丽' },
  anningStaff: { username: 'e2e.anning.staff', password: PASSWORDS.anningStaff, displayName: '马晓燕' },
} as const;

export type SeededUser = keyof typeof USERS;

/**
 * The data the browser suite stands on, set up through the API as people
 * would (the administrator is the CLI's): a county bureau with a caseworker
 * and a supervisor, a police unit, and three files handed over by the
 * police; the partner workspace's own county, 西山区 (a bureau, a police unit, a school and a legal aid
 * centre, each with its user); and 安宁市 of the police workspace (its
 * bureau, police unit and assistance station with their people). No other
 * spec fills either county.
 */
import { api, threeHandedOver, tokenOf } from './http.js';
import { PASSWORDS, USERS } from './users.js';

/** On the stack at HUIJIA_E2E_BASE_URL. */
export async function seed(): Promise<void> {
  const admin = await tokenOf(USERS.admin.username, USERS.admin.password);
  const organisation = (name: string, kind: string) => api<{ id: string }>('POST', '/organisations', { name, kind, jurisdictionCode: '530102' }, admin);
  const bureau = await organisation('五华区民政局', 'civil_affairs_bureau');
  const police = await organisation('昆明市公安局五华分局', 'public_security');
  const user = (username: string, displayName: string, role: string, organisationId: string, password: string) =>
    api<{ id: string }>('POST', '/users', { username, displayName, role, organisationId, password }, admin);

  await user(USERS.caseworker.username, USERS.caseworker.displayName, 'caseworker', bureau.id, PASSWORDS.caseworker);
  await user(USERS.supervisor.username, USERS.supervisor.displayName, 'supervisor', bureau.id, PASSWORDS.supervisor);

  const xishan = (name: string, kind: string) => api<{ id: string }>('POST', '/organisations', { name, kind, jurisdictionCode: '530112' }, admin);
  await xishan('西山区公安分局', 'public_security');
  for (const [who, role, organisation] of [
    ['xishanCaseworker', 'caseworker', await xishan('西山区民政局', 'civil_affairs_bureau')],
    ['school', 'school_staff', await xishan('西山区碧鸡小学', 'school')],
    ['legalAid', 'legal_aid_staff', await xishan('西山区法律援助中心', 'legal_aid_centre')],
  ] as const) {
    await user(USERS[who].username, USERS[who].displayName, role, organisation.id, PASSWORDS.partner);
  }

  const anning = (name: string, kind: string) => api<{ id: string }>('POST', '/organisations', { name, kind, jurisdictionCode: '530181' }, admin);
  const anningBureau = await anning('安宁市民政局', 'civil_affairs_bureau');
  const anningPolice = await anning('安宁市公安局', 'public_security');
  await user(USERS.police.username, USERS.police.displayName, 'police_liaison', anningPolice.id, PASSWORDS.police);
  await user(USERS.anningCaseworker.username, USERS.anningCaseworker.displayName, 'caseworker', anningBureau.id, PASSWORDS.anningCaseworker);
  const anningStation = await anning('安宁市救助管理站', 'assistance_institution');
  await user(USERS.anningStaff.username, USERS.anningStaff.displayName, 'institution_staff', anningStation.id, PASSWORDS.anningStaff);

  const caseworker = await tokenOf(USERS.caseworker.username, USERS.caseworker.password);
  await threeHandedOver(caseworker, police.id, '530102', 'WH-2026');
}

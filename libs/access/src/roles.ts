/** The kinds of organisation that work in huijia (REQUIREMENTS.md, "Who uses it"). */
export const ORGANISATION_KINDS = [
  'civil_affairs_bureau',
  'assistance_institution',
  'minor_protection_centre',
  'child_welfare_institution',
  'public_security',
  'hospital',
  'school',
  'technical_school',
  'hr_social_security',
  'legal_aid_centre',
  'social_work_organisation',
  'foreign_affairs_office',
  'joint_meeting_office',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = [
  'caseworker',
  'supervisor',
  'institution_staff',
  'police_liaison',
  'hospital_staff',
  'school_staff',
  'training_staff',
  'legal_aid_staff',
  'social_worker',
  'foreign_affairs_officer',
  'statistician',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const INSTITUTION_KINDS: readonly OrganisationKind[] = ['assistance_institution', 'minor_protection_centre', 'child_welfare_institution'];

/** Which organisation a user of each role belongs to. */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  caseworker: ['civil_affairs_bureau'],
  supervisor: ['civil_affairs_bureau'],
  institution_staff: INSTITUTION_KINDS,
  police_liaison: ['public_security'],
  hospital_staff: ['hospital'],
  school_staff: ['school', 'technical_school'],
  training_staff: ['hr_social_security', 'technical_school'],
  legal_aid_staff: ['legal_aid_centre'],
  social_worker: ['social_work_organisation'],
  foreign_affairs_officer: ['foreign_affairs_office'],
  statistician: ['joint_meeting_office'],
  administrator: ['civil_affairs_bureau', 'joint_meeting_office'],
};

/**
 * Who may hold files and reminders of their own, and take a leaving colleague's
 * (the handover's targets). A user still holding work keeps one of these roles,
 * as they stay active, until it is handed over: reminders never escalate to nobody.
 */
export const WORK_HOLDING_ROLES: readonly Role[] = ['caseworker', 'supervisor'];

/**
 * How a role reaches files (R22: only the people who need a file see it):
 * - jurisdiction: civil-affairs staff, files whose responsible jurisdiction lies within theirs;
 * - institution: institution staff, the people staying in their institution;
 * - grant: police and partners, files with an open grant (a referral, a handover) to their organisation,
 *   through a minimal view (R16);
 * - none: statisticians (de-identified statistics only, R20) and administrators.
 */
export type FileReach = 'jurisdiction' | 'institution' | 'grant' | 'none';

export const ROLE_FILE_REACH: Record<Role, FileReach> = {
  caseworker: 'jurisdiction',
  supervisor: 'jurisdiction',
  institution_staff: 'institution',
  police_liaison: 'grant',
  hospital_staff: 'grant',
  school_staff: 'grant',
  training_staff: 'grant',
  legal_aid_staff: 'grant',
  social_worker: 'grant',
  foreign_affairs_officer: 'grant',
  statistician: 'none',
  administrator: 'none',
};

export const ROLE_LABELS: Record<Role, string> = {
  caseworker: '民政个案工作者 / caseworker',
  supervisor: '民政主管 / supervisor',
  institution_staff: '救助机构工作人员 / institution staff',
  police_liaison: '公安联络员 / police liaison',
  hospital_staff: '定点医院工作人员 / hospital staff',
  school_staff: '学校工作人员 / school staff',
  training_staff: '培训就业工作人员 / training and employment staff',
  legal_aid_staff: '法律援助工作人员 / legal aid staff',
  social_worker: '社会工作者 / social worker',
  foreign_affairs_officer: '外事工作人员 / foreign affairs officer',
  statistician: '统计人员 / statistician',
  administrator: '系统管理员 / administrator',
};

import type { OrganisationView, UserView } from '../../generated/types.gen';

export type Role = UserView['role'];
export type OrganisationKind = OrganisationView['kind'];

/** The roles, in the order the API lists them (its enum); the labels are in the locale (admin:roles.*). */
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
] as const satisfies readonly Role[];

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
] as const satisfies readonly OrganisationKind[];

import { OrganisationKind, Role } from '../../generated/types.gen';

export type { OrganisationKind, Role };

/** The roles and the organisations' kinds, in the order the API declares them (libs/access, its enums); the labels are in the locale (admin:roles.*, admin:kinds.*). */
export const ROLES: readonly Role[] = Object.values(Role);
export const ORGANISATION_KINDS: readonly OrganisationKind[] = Object.values(OrganisationKind);

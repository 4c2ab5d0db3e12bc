import type { RequestActor } from '#app/platform';
import type { OrganisationKind, Role } from './roles.js';

/** The signed-in user a request acts as, established by the AuthGuard from the access token and the database. */
export interface Actor extends RequestActor {
  role: Role;
  organisationKind: OrganisationKind;
}

export { useOrganisations, type OrganisationKind } from './api';

export { useOrganisations, type OrganisationKind } from './api';
export { useIdNumberRule } from './components/idNumberRule';

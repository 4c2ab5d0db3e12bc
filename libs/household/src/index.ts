export { HouseholdErrors } from './errors.js';
export { HOUSEHOLD_DOCUMENTS, SOCIAL_SECURITY_KINDS } from './household.dto.js';
export { HouseholdCoreModule, HouseholdModule, HouseholdWorkerModule } from './household.module.js';
export { clockStart, HouseholdService } from './household.service.js';

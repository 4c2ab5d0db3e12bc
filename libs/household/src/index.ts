export { HouseholdErrors } from './errors.js';
export { clockStart } from './clock/clock-start.js';
export { ClockService } from './clock/clock.service.js';
export { HOUSEHOLD_STEPS, STATUS_TABLE, TASK_STATUSES, validateLifecycle, type TaskStatus } from './lifecycle/lifecycle.js';
export { HOUSEHOLD_DOCUMENTS, SOCIAL_SECURITY_KINDS } from './steps/steps.dto.js';
export { HouseholdCoreModule, HouseholdModule, HouseholdWorkerModule } from './household.module.js';

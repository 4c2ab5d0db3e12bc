export { ReferralErrors } from './errors.js';
export { CONSENT_CATEGORIES, DISCLOSURE_CATEGORIES, KIND_RULES, REFERRAL_KINDS, type ConsentCategory, type DisclosureCategory, type ReferralKind } from './kinds.js';
export {
  FINAL_REFERRAL_STATES,
  OPEN_STATES,
  REFERRAL_STATES,
  REFERRAL_TRANSITIONS,
  ReferralLifecycle,
  validateLifecycle,
  type ReferralEvent,
  type ReferralStatus,
  type ReferralTransition,
} from './lifecycle.js';
export { ReferralModule, ReferralWorkerModule } from './referral.module.js';
export { ReferralViewsService } from './views/views.service.js';
export { CreateReferralService } from './send/create-referral.service.js';
export { SendService } from './send/send.service.js';

export { ReferralErrors } from './errors.js';
export { DISCLOSURE_CATEGORIES, KIND_RULES, REFERRAL_KINDS, type DisclosureCategory, type ReferralKind } from './kinds.js';
export { ReferralModule } from './referral.module.js';
export { ReferralsService } from './referrals.service.js';

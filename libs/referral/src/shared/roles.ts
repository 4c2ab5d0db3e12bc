import type { Role } from '#app/access';

/** Those who keep a file: civil affairs by jurisdiction, the institution where the person stays. */
export const FILE_KEEPERS = ['caseworker', 'supervisor', 'institution_staff'] as const satisfies readonly Role[];

/** Civil affairs, who refer and record consents. */
export const REFERRERS = ['caseworker', 'supervisor'] as const satisfies readonly Role[];

/** The partners a referral goes to, each working in its own organisation's inbox. */
export const PARTNERS = ['hospital_staff', 'school_staff', 'training_staff', 'legal_aid_staff', 'social_worker', 'foreign_affairs_officer'] as const satisfies readonly Role[];

/** R15: who works job training, technical school and job placement referrals (人社, 技工院校). */
export const TRAINERS = ['training_staff', 'school_staff'] as const satisfies readonly Role[];

/** Every namespace in English, a chunk of its own: loaded only when English is chosen (issue 13's JavaScript budget). */
import adminEn from '../../features/admin/locales/en.json';
import approvalsEn from '../../features/approvals/locales/en.json';
import authEn from '../../features/auth/locales/en.json';
import emergencyEn from '../../features/emergency/locales/en.json';
import householdEn from '../../features/household/locales/en.json';
import filesEn from '../../features/files/locales/en.json';
import followupEn from '../../features/followup/locales/en.json';
import partnerEn from '../../features/partner/locales/en.json';
import intakeEn from '../../features/intake/locales/en.json';
import policeEn from '../../features/police/locales/en.json';
import referralsEn from '../../features/referrals/locales/en.json';
import statisticsEn from '../../features/statistics/locales/en.json';
import tracingEn from '../../features/tracing/locales/en.json';
import workbenchEn from '../../features/workbench/locales/en.json';
import commonEn from './locales/en.json';

export const resourcesEn = {
  common: commonEn,
  auth: authEn,
  files: filesEn,
  intake: intakeEn,
  workbench: workbenchEn,
  approvals: approvalsEn,
  emergency: emergencyEn,
  referrals: referralsEn,
  followup: followupEn,
  tracing: tracingEn,
  household: householdEn,
  partner: partnerEn,
  police: policeEn,
  admin: adminEn,
  statistics: statisticsEn,
} as const;

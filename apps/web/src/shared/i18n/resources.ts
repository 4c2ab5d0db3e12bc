/** Every namespace of the zh-CN source, in the entry: the language most people read (English is loaded when chosen, resources-en.ts). Features add theirs here and in resources-en.ts. */
import adminZh from '../../features/admin/locales/zh-CN.json';
import approvalsZh from '../../features/approvals/locales/zh-CN.json';
import authZh from '../../features/auth/locales/zh-CN.json';
import emergencyZh from '../../features/emergency/locales/zh-CN.json';
import householdZh from '../../features/household/locales/zh-CN.json';
import filesZh from '../../features/files/locales/zh-CN.json';
import followupZh from '../../features/followup/locales/zh-CN.json';
import partnerZh from '../../features/partner/locales/zh-CN.json';
import intakeZh from '../../features/intake/locales/zh-CN.json';
import policeZh from '../../features/police/locales/zh-CN.json';
import referralsZh from '../../features/referrals/locales/zh-CN.json';
import statisticsZh from '../../features/statistics/locales/zh-CN.json';
import tracingZh from '../../features/tracing/locales/zh-CN.json';
import workbenchZh from '../../features/workbench/locales/zh-CN.json';
import commonZh from './locales/zh-CN.json';

export const resourcesZh = {
  common: commonZh,
  auth: authZh,
  files: filesZh,
  intake: intakeZh,
  workbench: workbenchZh,
  approvals: approvalsZh,
  emergency: emergencyZh,
  referrals: referralsZh,
  followup: followupZh,
  tracing: tracingZh,
  household: householdZh,
  partner: partnerZh,
  police: policeZh,
  admin: adminZh,
  statistics: statisticsZh,
} as const;

/** Every namespace in both languages; features add theirs here. */
import adminEn from '../../features/admin/locales/en.json';
import adminZh from '../../features/admin/locales/zh-CN.json';
import approvalsEn from '../../features/approvals/locales/en.json';
import approvalsZh from '../../features/approvals/locales/zh-CN.json';
import authEn from '../../features/auth/locales/en.json';
import authZh from '../../features/auth/locales/zh-CN.json';
import emergencyEn from '../../features/emergency/locales/en.json';
import emergencyZh from '../../features/emergency/locales/zh-CN.json';
import householdEn from '../../features/household/locales/en.json';
import householdZh from '../../features/household/locales/zh-CN.json';
import filesEn from '../../features/files/locales/en.json';
import filesZh from '../../features/files/locales/zh-CN.json';
import followupEn from '../../features/followup/locales/en.json';
import followupZh from '../../features/followup/locales/zh-CN.json';
import partnerEn from '../../features/partner/locales/en.json';
import partnerZh from '../../features/partner/locales/zh-CN.json';
import intakeEn from '../../features/intake/locales/en.json';
import intakeZh from '../../features/intake/locales/zh-CN.json';
import policeEn from '../../features/police/locales/en.json';
import policeZh from '../../features/police/locales/zh-CN.json';
import referralsEn from '../../features/referrals/locales/en.json';
import referralsZh from '../../features/referrals/locales/zh-CN.json';
import tracingEn from '../../features/tracing/locales/en.json';
import tracingZh from '../../features/tracing/locales/zh-CN.json';
import workbenchEn from '../../features/workbench/locales/en.json';
import workbenchZh from '../../features/workbench/locales/zh-CN.json';
import commonEn from './locales/en.json';
import commonZh from './locales/zh-CN.json';

export const resources = {
  'zh-CN': {
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
  },
  en: {
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
  },
} as const;

import type { OrganisationKind } from '#app/access';

export const REFERRAL_KINDS = [
  'medical_care',
  'psychological_counselling',
  'disability_assessment',
  'rehabilitation',
  'schooling',
  'technical_school',
  'job_training',
  'job_placement',
  'legal_aid',
  'repatriation',
] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** What a partner may see beyond the minimum, each only with a recorded consent (R16). */
export const DISCLOSURE_CATEGORIES = ['trafficking_history', 'identity', 'contacts', 'family', 'medical', 'needs'] as const;
export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];

/** What a consent is given to: a disclosure category (R16), or job training by the person's own will (R15). */
export const CONSENT_CATEGORIES = [...DISCLOSURE_CATEGORIES, 'job_training'] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

/** The minimum a partner of each kind sees of the person (R16), besides name, sex and age. */
export type BaseField = 'gradeLevel' | 'guardianContact' | 'disability' | 'languages' | 'nationality' | 'travelDocument';

export interface KindRule {
  label: string;
  receivers: readonly OrganisationKind[];
  /** R12: medical referrals go to designated hospitals only. */
  designatedOnly?: boolean;
  base: readonly BaseField[];
  /** R18: listed first, accepted within working days. */
  greenChannel?: boolean;
  /** The outcome fields completion requires. */
  outcomeRequires: readonly string[];
}

export const KIND_RULES: Record<ReferralKind, KindRule> = {
  medical_care: { label: '基本医疗 / basic medical care (R12)', receivers: ['hospital'], designatedOnly: true, base: ['disability', 'languages'], outcomeRequires: ['summary'] },
  psychological_counselling: {
    label: '心理疏导与治疗 / psychological counselling and treatment (R12)',
    receivers: ['hospital'],
    designatedOnly: true,
    base: ['languages'],
    outcomeRequires: ['summary'],
  },
  disability_assessment: {
    label: '残疾等级评定 / disability assessment (R12)',
    receivers: ['hospital'],
    designatedOnly: true,
    base: ['disability', 'languages'],
    outcomeRequires: ['summary'],
  },
  rehabilitation: { label: '专业社会工作康复 / rehabilitation by social work (R13)', receivers: ['social_work_organisation'], base: ['languages'], outcomeRequires: ['summary'] },
  schooling: { label: '入学 / schooling (R14)', receivers: ['school'], base: ['gradeLevel', 'guardianContact'], outcomeRequires: ['summary'] },
  technical_school: { label: '技工院校 / technical school (R15)', receivers: ['technical_school'], base: ['gradeLevel', 'guardianContact'], outcomeRequires: ['summary'] },
  job_training: { label: '职业技能培训 / job training (R15)', receivers: ['hr_social_security', 'technical_school'], base: ['languages'], outcomeRequires: ['course'] },
  job_placement: { label: '就业安置 / job placement (R15)', receivers: ['hr_social_security'], base: ['languages'], outcomeRequires: ['placement'] },
  legal_aid: {
    label: '法律援助绿色通道 / green-channel legal aid (R18)',
    receivers: ['legal_aid_centre'],
    base: ['languages'],
    greenChannel: true,
    outcomeRequires: ['service', 'stage', 'result'],
  },
  repatriation: { label: '遣返 / repatriation (R19)', receivers: ['foreign_affairs_office'], base: ['nationality', 'travelDocument', 'languages'], outcomeRequires: ['summary'] },
};

export const TRAINING_KINDS: readonly ReferralKind[] = ['job_training', 'job_placement'];
export const MEDICAL_KINDS: readonly ReferralKind[] = ['medical_care', 'psychological_counselling', 'disability_assessment'];

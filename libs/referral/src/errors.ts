import { defineErrors } from '#app/platform';

export const ReferralErrors = defineErrors({
  REFERRAL_NOT_FOUND: { status: 404, message: '转介不存在 / No such referral' },
  STALE_VERSION: { status: 409, message: '转介已被他人修改，请刷新后重试 / The referral changed meanwhile; reload and try again' },
  REFERRAL_NOT_ALLOWED: { status: 409, message: '该转介当前状态下不能执行此操作 / The referral cannot take this step in its current state' },
  WRONG_ORGANISATION_KIND: { status: 422, message: '接收机构类型不符 / The receiving organisation is not of the right kind for this referral' },
  NOT_DESIGNATED: { status: 422, message: '医疗转介只能转至定点医院 / Medical referrals go to designated hospitals only (R12)' },
  TOO_YOUNG: { status: 422, message: '技能培训和就业只面向16周岁以上人员 / Job training and employment are for people aged 16 or more (R15)' },
  AGE_CONFIRMATION_REQUIRED: { status: 422, message: '年龄区间跨越16周岁，请确认本人已满16周岁 / The estimated age straddles 16: confirm the person is 16 or more (R15)' },
  CONSENT_REQUIRED: { status: 422, message: '须先记录本人或监护人的同意 / A recorded consent of the person or the guardian is needed (R15, R16)' },
  CONSENT_WITHDRAWN: {
    status: 409,
    message: '本人或监护人已撤回对该类信息的同意，不能再向合作机构披露 / The consent to share this category was withdrawn: it can no longer be disclosed to a partner (R16)',
  },
  CONSENT_NOT_FOUND: { status: 404, message: '同意记录不存在 / No such consent' },
  NO_STANDING_CONSENT: { status: 409, message: '该类别没有有效的同意，无需撤回 / No consent of this category stands: there is nothing to withdraw' },
  CONSENT_ALREADY_WITHDRAWN: { status: 409, message: '该同意已撤回 / This consent was already withdrawn' },
  NOT_FOREIGN_NATIONAL: { status: 422, message: '遣返只适用于外国籍人员 / Repatriation is for foreign nationals only (R19)' },
  OUTCOME_INCOMPLETE: { status: 422, message: '结果记录不完整 / The outcome is incomplete' },
  ASSESSMENT_REQUIRED: { status: 409, message: '须先记录残疾评定结果 / Record the disability assessment first (R12)' },
  WRONG_REFERRAL_KIND: { status: 422, message: '该类转介不记录此项 / This kind of referral does not keep this record' },
  NOT_SCHOOLING: { status: 422, message: '只有入学转介可以记录入学 / Only a schooling referral records an enrolment' },
  NOTE_NOT_FOUND: { status: 404, message: '该转介没有这条记录 / No such note on this referral' },
});

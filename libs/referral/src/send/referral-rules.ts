import type { EntityManager } from 'typeorm';
import { ageRange, AppError, PlatformErrors } from '#app/platform';
import { AccessErrors, prefixOf } from '#app/access';
import type { KernelFile } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { KIND_RULES, TRAINING_KINDS, type ReferralKind } from '../kinds.js';
import { consentsOf } from '../shared/consents.js';
import type { ReferralDetails } from '../shared/referral-row.js';
import type { ReferralInputDto } from './send.dto.js';

interface Receiver {
  kind: string;
  designated: boolean;
  jurisdiction_code: string;
}

/** What the rules make of a referral's input: the kind (R15 may guide it elsewhere) and the details to keep. */
export interface CheckedReferral {
  kind: ReferralKind;
  /** The kind asked for, when R15 changed it. */
  forcedFrom?: ReferralKind;
  details: ReferralDetails;
}

/**
 * The rules a referral's input must pass, created or a draft edited, inside
 * the file's kernel write: the receiver of the right kind (R12 designated
 * hospitals, R19 foreign affairs for foreign nationals), job training from 16
 * by the person's will and 16–17 year olds guided to a technical school
 * (R15), a school elsewhere with the contact made (R14), every disclosure with
 * a standing consent (R16), no deadline in the past. Each refusal names its field.
 */
export async function checkReferral(manager: EntityManager, file: KernelFile, today: string, input: ReferralInputDto): Promise<CheckedReferral> {
  const [receiver]: Receiver[] = await manager.query('SELECT kind, designated, jurisdiction_code FROM organisation WHERE id = $1 AND active', [input.organisationId]);
  if (!receiver) throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'organisationId', '没有这个在用的机构 / no active organisation of this id');
  const consents = await consentsOf(manager, file.id, [...(TRAINING_KINDS.includes(input.kind) ? ['job_training'] : []), ...(input.disclose ?? [])]);
  const { kind, forcedFrom } = kindFor(input, file, today, consents.get('job_training')?.given ?? false);
  checkReceiver(kind, receiver, file);
  const details = detailsFor(kind, input, receiver, file);
  for (const [index, category] of (input.disclose ?? []).entries()) {
    const consent = consents.get(category);
    if (!consent?.given) {
      throw AppError.field(
        ReferralErrors.CONSENT_REQUIRED,
        `disclose[${index}]`,
        consent?.withdrawn
          ? `本人或监护人已撤回分享 ${category} 的同意 / the consent to share ${category} was withdrawn`
          : `没有本人或监护人分享 ${category} 的同意记录 / no consent of the person or guardian to share ${category}`,
      );
    }
  }
  if (input.completeBy && input.completeBy < today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'completeBy', '不能早于今天 / must not be in the past');
  if (input.acceptBy && input.acceptBy < today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'acceptBy', '不能早于今天 / must not be in the past');
  return { kind, forcedFrom, details };
}

/** R15: training and placement from 16, with consent; a 16 or 17 year old is guided to a technical school. */
function kindFor(input: ReferralInputDto, file: KernelFile, today: string, trainingConsent: boolean): { kind: ReferralKind; forcedFrom?: ReferralKind } {
  if (!TRAINING_KINDS.includes(input.kind)) return { kind: input.kind };
  const age = ageRange(file.person.birthDateFrom, file.person.birthDateTo, today);
  if (!age || age.max < 16) {
    throw AppError.field(ReferralErrors.TOO_YOUNG, 'kind', age ? `今天最多 ${age.max} 岁 / may be at most ${age.max} today` : '年龄不详 / the age is not known');
  }
  if (age.min < 16 && !input.ageConfirmed) {
    throw AppError.field(ReferralErrors.AGE_CONFIRMATION_REQUIRED, 'ageConfirmed', `估计年龄 ${age.min}–${age.max} 岁 / the estimated age is ${age.min}–${age.max}`);
  }
  if (!trainingConsent) {
    throw AppError.field(
      ReferralErrors.CONSENT_REQUIRED,
      'kind',
      '请先记录本人参加技能培训的意愿（同意类别 job_training） / record the person’s consent to job training (category job_training)',
    );
  }
  return age.min < 18 ? { kind: 'technical_school', forcedFrom: input.kind } : { kind: input.kind };
}

function checkReceiver(kind: ReferralKind, receiver: Receiver, file: KernelFile): void {
  const rule = KIND_RULES[kind];
  if (!rule.receivers.includes(receiver.kind as never)) {
    throw AppError.field(
      ReferralErrors.WRONG_ORGANISATION_KIND,
      'organisationId',
      `${kind} 转介只能转至 ${rule.receivers.join('、')}，不能转至 ${receiver.kind} / a ${kind} referral goes to ${rule.receivers.join(' or ')}, not ${receiver.kind}`,
    );
  }
  if (rule.designatedOnly && !receiver.designated) throw AppError.field(ReferralErrors.NOT_DESIGNATED, 'organisationId', '该医院不是定点医院 / this hospital is not designated');
  if (kind === 'repatriation' && (!file.person.nationality || file.person.nationality === 'CN')) {
    throw AppError.field(ReferralErrors.NOT_FOREIGN_NATIONAL, 'kind', '本人不是外国籍人员 / the person is not a foreign national');
  }
}

/** R14: a school serving another place (异地就学) needs the contact made to help the child in. */
function detailsFor(kind: ReferralKind, input: ReferralInputDto, receiver: Receiver, file: KernelFile): ReferralDetails {
  const details: ReferralDetails = { ...(input.details ?? {}) } as ReferralDetails;
  if (kind !== 'schooling' && kind !== 'technical_school') return details;
  // Local: the school serves the file's place (within it, or a prefecture school above a county).
  const here = file.responsibleJurisdictionCode;
  const local = receiver.jurisdiction_code.startsWith(prefixOf(here)) || here.startsWith(prefixOf(receiver.jurisdiction_code));
  if (local) return details;
  if (!input.details?.elsewhere) {
    throw AppError.field(
      PlatformErrors.VALIDATION_FAILED,
      'details.elsewhere.contactMade',
      '学校在其他辖区：请记录为帮助孩子入学所做的联系 / a school in another jurisdiction: record the contact made to help the child in',
    );
  }
  return { ...details, elsewhere: { ...input.details.elsewhere, destinationJurisdictionCode: receiver.jurisdiction_code } };
}

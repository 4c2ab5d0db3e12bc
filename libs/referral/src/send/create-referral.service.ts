import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ageRange, AppError, endOfChinaDay, PlatformErrors } from '#app/platform';
import { AccessErrors, prefixOf, type Actor } from '#app/access';
import { FileGateway, type KernelFile } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { KIND_RULES, TRAINING_KINDS, type ReferralKind } from '../kinds.js';
import { INITIAL_REFERRAL_STATE } from '../lifecycle.js';
import { consentsOf } from '../shared/consents.js';
import { lockReferral, type ReferralDetails } from '../shared/referral-row.js';
import type { CreatedReferralView } from '../views/referral.view.js';
import { ReferralViewsQuery } from '../views/referral-views.query.js';
import type { CreateReferralDto } from './send.dto.js';
import { SendService } from './send.service.js';

interface Receiver {
  kind: string;
  designated: boolean;
  jurisdiction_code: string;
}

/**
 * Creating a referral through the file's kernel write: the receiver of the
 * right kind (R12 designated hospitals, R19 foreign affairs for foreign
 * nationals), job training from 16 by the person's will and 16–17 year olds
 * guided to a technical school (R15), a school elsewhere with the contact made
 * (R14), every disclosure with a standing consent (R16); then sent at once or
 * kept as a draft.
 */
@Injectable()
export class CreateReferralService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly sending: SendService,
    private readonly views: ReferralViewsQuery,
  ) {}

  async create(actor: Actor, fileId: string, input: CreateReferralDto): Promise<CreatedReferralView> {
    return this.gateway.write(actor, fileId, { action: 'referral.create', auditRefusals: [AccessErrors.UNKNOWN_ORGANISATION.code] }, async (work) => {
      const { manager, file, today, now } = work;
      const [receiver]: Receiver[] = await manager.query('SELECT kind, designated, jurisdiction_code FROM organisation WHERE id = $1 AND active', [input.organisationId]);
      if (!receiver) throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'organisationId', '没有这个在用的机构 / no active organisation of this id');
      const consents = await consentsOf(manager, fileId, [...(TRAINING_KINDS.includes(input.kind) ? ['job_training'] : []), ...(input.disclose ?? [])]);
      const { kind, forcedFrom } = this.kindFor(input, file, today, consents.get('job_training')?.given ?? false);
      this.checkReceiver(kind, receiver, file);
      const details = this.detailsFor(kind, input, receiver, file);
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
      const id = await this.insert(manager, actor, file, kind, input, details, now);
      if (input.send) await this.sending.sendIn(work, (await lockReferral(manager, id))!);
      const view: CreatedReferralView = await this.views.referrer(manager, id);
      if (forcedFrom) view.forcedFrom = forcedFrom;
      return { result: view, entityType: 'referral', entityId: id, details: { kind, disclosed: input.disclose ?? [], forcedFrom, sent: input.send ?? false } };
    });
  }

  /** R15: training and placement from 16, with consent; a 16 or 17 year old is guided to a technical school. */
  private kindFor(input: CreateReferralDto, file: KernelFile, today: string, trainingConsent: boolean): { kind: ReferralKind; forcedFrom?: ReferralKind } {
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

  private checkReceiver(kind: ReferralKind, receiver: Receiver, file: KernelFile): void {
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
  private detailsFor(kind: ReferralKind, input: CreateReferralDto, receiver: Receiver, file: KernelFile): ReferralDetails {
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

  private async insert(manager: EntityManager, actor: Actor, file: KernelFile, kind: ReferralKind, input: CreateReferralDto, details: ReferralDetails, now: Date): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, green_channel, disclosed, details, accept_by, complete_by,
                             created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
      [
        file.id,
        kind,
        input.organisationId,
        file.responsibleOrganisationId,
        input.purpose,
        INITIAL_REFERRAL_STATE,
        KIND_RULES[kind].greenChannel ?? false,
        input.disclose ?? [],
        JSON.stringify(details),
        input.acceptBy ? endOfChinaDay(input.acceptBy) : null,
        input.completeBy ?? null,
        actor.userId,
        now,
      ],
    );
    await manager.query(`INSERT INTO referral_history (referral_id, event, from_status, to_status, actor_user_id, at) VALUES ($1, 'create', NULL, $2, $3, $4)`, [
      id,
      INITIAL_REFERRAL_STATE,
      actor.userId,
      now,
    ]);
    return id;
  }
}

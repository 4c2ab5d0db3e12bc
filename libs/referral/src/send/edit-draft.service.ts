import { Injectable } from '@nestjs/common';
import { AppError, endOfChinaDay } from '#app/platform';
import type { Actor } from '#app/access';
import { ReferralErrors } from '../errors.js';
import { KIND_RULES } from '../kinds.js';
import { ReferralScopes } from '../shared/scopes.js';
import type { CreatedReferralView } from '../views/referral.view.js';
import { ReferralViewsQuery } from '../views/referral-views.query.js';
import { checkReferral } from './referral-rules.js';
import type { EditDraftDto } from './send.dto.js';

/**
 * A draft rewritten before it is sent, through its file's kernel write: only
 * a draft (the partner has seen nothing yet), at the version the caseworker
 * saw, and under the same rules as a new referral (R12–R16, R19); the edit is
 * on the referral's history.
 */
@Injectable()
export class EditDraftService {
  constructor(
    private readonly scopes: ReferralScopes,
    private readonly views: ReferralViewsQuery,
  ) {}

  async edit(actor: Actor, referralId: string, input: EditDraftDto): Promise<CreatedReferralView> {
    return this.scopes.asReferrer(actor, referralId, 'referral.edit', async ({ manager, referral, file, today, now }) => {
      if (referral.status !== 'draft') throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { event: 'edit', status: referral.status } });
      if (referral.version !== input.expectedVersion) {
        throw new AppError(ReferralErrors.STALE_VERSION, { details: { expectedVersion: input.expectedVersion, currentVersion: referral.version } });
      }
      const { kind, forcedFrom, details } = await checkReferral(manager, file, today, input);
      await manager.query(
        `UPDATE referral SET kind = $2, organisation_id = $3, purpose = $4, green_channel = $5, disclosed = $6, details = $7, accept_by = $8, complete_by = $9,
                             version = version + 1, updated_at = $10
          WHERE id = $1`,
        [
          referralId,
          kind,
          input.organisationId,
          input.purpose,
          KIND_RULES[kind].greenChannel ?? false,
          input.disclose ?? [],
          JSON.stringify(details),
          input.acceptBy ? endOfChinaDay(input.acceptBy) : null,
          input.completeBy ?? null,
          now,
        ],
      );
      await manager.query(`INSERT INTO referral_history (referral_id, event, from_status, to_status, actor_user_id, at) VALUES ($1, 'edit', 'draft', 'draft', $2, $3)`, [
        referralId,
        actor.userId,
        now,
      ]);
      const view: CreatedReferralView = await this.views.referrer(manager, referralId);
      if (forcedFrom) view.forcedFrom = forcedFrom;
      return { result: view, entityType: 'referral', entityId: referralId, details: { kind, disclosed: input.disclose ?? [], forcedFrom } };
    });
  }
}

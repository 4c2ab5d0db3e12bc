import { Injectable } from '@nestjs/common';
import { AppError } from '#app/platform';
import type { Actor } from '#app/access';
import { ReferralErrors } from '../errors.js';
import { KIND_RULES } from '../kinds.js';
import { ReferralLifecycle, type ReferralEvent } from '../lifecycle.js';
import { ReferralDeadlines } from '../shared/deadlines.js';
import { ReferralScopes, type PartnerWork } from '../shared/scopes.js';
import { ReferralViewsQuery } from '../views/referral-views.query.js';
import type { PartnerReferralView } from '../views/referral.view.js';
import type { OutcomeDto } from './respond.dto.js';

/**
 * The partner answers a referral sent to its organisation: accept (the
 * accept-by reminder is done), decline with the reason, start, complete with
 * the outcome its kind requires (R12: a disability assessment first). Each is
 * a move of the lifecycle table; a move that ends the referral stops its
 * deadlines and the partner's grant on the file.
 */
@Injectable()
export class RespondService {
  constructor(
    private readonly scopes: ReferralScopes,
    private readonly lifecycle: ReferralLifecycle,
    private readonly deadlines: ReferralDeadlines,
    private readonly views: ReferralViewsQuery,
  ) {}

  accept(actor: Actor, referralId: string): Promise<PartnerReferralView> {
    return this.move(actor, referralId, 'accept', async ({ manager, now }) => {
      await manager.query('UPDATE referral SET decided_at = $2 WHERE id = $1', [referralId, now]);
      await this.deadlines.accepted(manager, referralId, actor.userId);
    });
  }

  decline(actor: Actor, referralId: string, reason: string): Promise<PartnerReferralView> {
    return this.move(
      actor,
      referralId,
      'decline',
      async ({ manager, now }) => {
        await manager.query('UPDATE referral SET decided_at = $3, decline_reason = $2 WHERE id = $1', [referralId, reason, now]);
      },
      reason,
    );
  }

  start(actor: Actor, referralId: string): Promise<PartnerReferralView> {
    return this.move(actor, referralId, 'start', async () => undefined);
  }

  complete(actor: Actor, referralId: string, outcome: OutcomeDto): Promise<PartnerReferralView> {
    return this.move(actor, referralId, 'complete', async ({ manager, referral, now }) => {
      const missing = KIND_RULES[referral.kind].outcomeRequires.filter((field) => outcome[field as keyof OutcomeDto] === undefined);
      if (missing.length > 0) {
        throw new AppError(ReferralErrors.OUTCOME_INCOMPLETE, {
          details: missing.map((field) => ({ field, reason: `${referral.kind} 的结果须包含 ${field} / a ${referral.kind} outcome needs ${field}` })),
        });
      }
      if (referral.kind === 'disability_assessment' && (await manager.query('SELECT 1 FROM disability_assessment WHERE referral_id = $1', [referralId])).length === 0) {
        throw new AppError(ReferralErrors.ASSESSMENT_REQUIRED);
      }
      await manager.query('UPDATE referral SET outcome = $2, completed_at = $3 WHERE id = $1', [referralId, JSON.stringify(outcome), now]);
    });
  }

  /** The state is checked by the lifecycle first, then the move's own effect, then the lifecycle's closing. */
  private move(actor: Actor, referralId: string, event: ReferralEvent, effect: (work: PartnerWork) => Promise<void>, reason?: string): Promise<PartnerReferralView> {
    return this.scopes.asPartner(actor, referralId, `referral.${event}`, async (work) => {
      const { manager, referral, now, today } = work;
      if (!this.lifecycle.allows(event, referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { event, status: referral.status } });
      await effect(work);
      const transition = await this.lifecycle.fire(manager, actor, 'partner', referral, event, now, reason);
      if (transition.closes) await this.deadlines.closed(manager, referralId, now);
      return { result: await this.views.partner(manager, referralId, today), purpose: reason };
    });
  }
}

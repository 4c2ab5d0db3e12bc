import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppError, CHANNELS, Outbox, PubSub, type AppConfig } from '#app/platform';
import type { Actor } from '#app/access';
import type { FileWork } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { ReferralLifecycle } from '../lifecycle.js';
import { consentsOf } from '../shared/consents.js';
import { ReferralDeadlines } from '../shared/deadlines.js';
import { tellPartnerOfWithdrawal } from '../shared/partner-notice.js';
import type { ReferralRow } from '../shared/referral-row.js';
import { ReferralScopes } from '../shared/scopes.js';
import { ReferralViewsQuery } from '../views/referral-views.query.js';
import type { ReferrerReferralView } from '../views/referral.view.js';

/**
 * The referring side's moves on a referral, through its file's kernel write:
 * send a draft (its disclosures must still have a standing consent, R16; the
 * deadlines become reminders and the partner gets its grant), or withdraw it
 * with the reason (the deadlines stop, the grant ends, and a partner that
 * had it is told, R16).
 */
@Injectable()
export class SendService {
  constructor(
    private readonly scopes: ReferralScopes,
    private readonly lifecycle: ReferralLifecycle,
    private readonly deadlines: ReferralDeadlines,
    private readonly views: ReferralViewsQuery,
    private readonly outbox: Outbox,
    private readonly pubsub: PubSub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(actor: Actor, referralId: string): Promise<ReferrerReferralView> {
    return this.scopes.asReferrer(actor, referralId, 'referral.send', async (work) => {
      await this.sendIn(work, work.referral);
      return { result: await this.views.referrer(work.manager, referralId), entityType: 'referral', entityId: referralId };
    });
  }

  /** Sends a referral (locked) of the file being written (locked by the kernel), in its transaction. */
  async sendIn(work: FileWork, referral: ReferralRow): Promise<void> {
    const { manager, actor, file, now, today } = work;
    if (!this.lifecycle.allows('send', referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { event: 'send', status: referral.status } });
    const consents = await consentsOf(manager, file.id, referral.disclosed);
    const withdrawn = referral.disclosed.filter((category) => !consents.get(category)?.given);
    if (withdrawn.length > 0) throw new AppError(ReferralErrors.CONSENT_WITHDRAWN, { details: { categories: withdrawn } });
    await this.lifecycle.fire(manager, actor, 'referrer', referral, 'send', now);
    await this.deadlines.sent(manager, referral, file, now, today);
  }

  async withdraw(actor: Actor, referralId: string, reason: string): Promise<ReferrerReferralView> {
    let told: string[] = [];
    const view = await this.scopes.asReferrer(actor, referralId, 'referral.withdraw', async ({ manager, referral, file, now }) => {
      const partnerHadIt = referral.status !== 'draft';
      const transition = await this.lifecycle.fire(manager, actor, 'referrer', referral, 'withdraw', now, reason);
      await manager.query('UPDATE referral SET withdraw_reason = $2 WHERE id = $1', [referralId, reason]);
      if (transition.closes) await this.deadlines.closed(manager, referralId, now);
      if (partnerHadIt) told = await tellPartnerOfWithdrawal(manager, this.outbox, this.config, referral, file.reference, reason, now);
      return { result: await this.views.referrer(manager, referralId), entityType: 'referral', entityId: referralId, purpose: reason };
    });
    // After the commit: the partner's staff's open streams look now.
    if (told.length > 0) await this.pubsub.publish(CHANNELS.notificationsWritten, { userIds: told });
    return view;
  }
}

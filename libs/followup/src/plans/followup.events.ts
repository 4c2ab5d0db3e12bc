import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventSubscriptions } from '#app/platform';
import { FollowupService } from './followup.service.js';

/**
 * The follow-up follows the file (R17): a plan on reunification or local
 * resettlement, nothing left after closure, everything handed over with a
 * transfer or to a newly assigned caseworker, age milestones from intake. Handlers are idempotent (plans exist
 * once per file, reminders have dedupe keys).
 */
@Injectable()
export class FollowupEvents implements OnModuleInit {
  constructor(
    private readonly subscriptions: DomainEventSubscriptions,
    private readonly followup: FollowupService,
  ) {}

  onModuleInit(): void {
    this.subscriptions.subscribe('file.state_changed', 'followup.plan', async (event) => {
      const { to } = event.data;
      if (to === 'reunified' || to === 'locally_resettled') await this.followup.createPlan(event.subjectId);
      if (to === 'closed') await this.followup.cancelForClosure(event.subjectId);
    });
    this.subscriptions.subscribe('file.transfer_accepted', 'followup.reassign', async (event) => {
      await this.followup.reassign(event.subjectId);
    });
    // Like a transfer: the visits and civil affairs' reminders follow whoever the file now names (its current caseworker, so events in any order end the same).
    this.subscriptions.subscribe('file.caseworker_assigned', 'followup.reassign_caseworker', async (event) => {
      await this.followup.reassign(event.subjectId);
    });
    this.subscriptions.subscribe('file.opened', 'followup.milestones', async (event) => {
      await this.followup.scheduleMilestones(event.subjectId);
    });
  }
}

import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DomainEventSubscriptions } from '#app/platform';
import { HouseholdService } from './household.service.js';

/**
 * R11 without anyone remembering: every change of a file brings its clock in
 * line (a placement starts or moves it, identity or a return home cancels it);
 * at start the worker catches up with files the events never told it about.
 */
@Injectable()
export class HouseholdEvents implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly subscriptions: DomainEventSubscriptions,
    private readonly household: HouseholdService,
  ) {}

  onModuleInit(): void {
    for (const type of ['file.opened', 'file.state_changed', 'file.identity_confirmed', 'file.transfer_accepted'] as const) {
      this.subscriptions.subscribe(type, 'household.clock', async (event) => {
        if (event.subjectId) await this.household.syncClock(event.subjectId);
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.household.reconcile();
  }
}

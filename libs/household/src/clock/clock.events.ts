import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DomainEventSubscriptions } from '#app/platform';
import { ClockService } from './clock.service.js';

/** The file's events that may start, move or stop the clock. */
const CLOCK_EVENTS = ['file.opened', 'file.state_changed', 'file.identity_confirmed', 'file.transfer_accepted'] as const;

/**
 * R11 without anyone remembering: every change of a file brings its clock in
 * line (a placement starts or moves it, identity or a return home cancels it);
 * at start the worker catches up with files the events never told it about.
 */
@Injectable()
export class ClockEvents implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly subscriptions: DomainEventSubscriptions,
    private readonly clock: ClockService,
  ) {}

  onModuleInit(): void {
    for (const type of CLOCK_EVENTS) {
      this.subscriptions.subscribe(type, 'household.clock', async (event) => {
        if (event.subjectId) await this.clock.syncClock(event.subjectId);
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.clock.reconcile();
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventSubscriptions } from '#app/platform';
import { MatchingService } from './matching.service.js';

/** R8: a newly opened file, or a file whose tracing starts, is matched at once (matchFile itself skips people whose identity is known). */
@Injectable()
export class MatchingEvents implements OnModuleInit {
  constructor(
    private readonly subscriptions: DomainEventSubscriptions,
    private readonly matching: MatchingService,
  ) {}

  onModuleInit(): void {
    this.subscriptions.subscribe('file.opened', 'tracing.match', async (event) => {
      if (event.subjectId) await this.matching.matchFile(event.subjectId);
    });
    this.subscriptions.subscribe('file.state_changed', 'tracing.match', async (event) => {
      if (event.subjectId && event.data.to === 'tracing') await this.matching.matchFile(event.subjectId);
    });
  }
}

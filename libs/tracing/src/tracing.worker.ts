import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainEventSubscriptions, ProcessorFor, QUEUES, type QueueProcessor, type TracingMatchPayload } from '#app/platform';
import { TracingService } from './tracing.service.js';

/** R8: matching when either side changes — a new request, a new lead, a newly opened file of someone unidentified. */
@Injectable()
@ProcessorFor(QUEUES.tracingMatch)
export class TracingMatchProcessor implements QueueProcessor<TracingMatchPayload> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tracing: TracingService,
  ) {}

  /** Candidates are upserted, so a retried job only refreshes the scores. */
  async process(payload: TracingMatchPayload): Promise<{ candidates: number }> {
    let candidates = 0;
    await this.dataSource.transaction(async (manager) => {
      if (payload.fileId) candidates += await this.tracing.matchFile(payload.fileId, manager);
      if (payload.requestId) candidates += await this.tracing.matchRequest(payload.requestId, manager);
    });
    return { candidates };
  }
}

@Injectable()
export class TracingEvents implements OnModuleInit {
  constructor(
    private readonly subscriptions: DomainEventSubscriptions,
    private readonly tracing: TracingService,
  ) {}

  onModuleInit(): void {
    // matchFile itself skips people whose identity is known.
    this.subscriptions.subscribe('file.opened', 'tracing.match', async (event) => {
      if (event.subjectId) await this.tracing.matchFile(event.subjectId);
    });
    this.subscriptions.subscribe('file.state_changed', 'tracing.match', async (event) => {
      if (event.subjectId && event.data.to === 'tracing') await this.tracing.matchFile(event.subjectId);
    });
  }
}

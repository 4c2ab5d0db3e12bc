import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ProcessorFor, QUEUES, type QueueProcessor, type TracingMatchPayload } from '#app/platform';
import { MatchingService } from './matching.service.js';

/** R8: matching when either side changes — a new request, a new lead, a newly opened file of someone unidentified. */
@Injectable()
@ProcessorFor(QUEUES.tracingMatch)
export class TracingMatchProcessor implements QueueProcessor<TracingMatchPayload> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
  ) {}

  /** Candidates are upserted, so a retried job only refreshes the scores. */
  async process(payload: TracingMatchPayload): Promise<{ candidates: number }> {
    let candidates = 0;
    await this.dataSource.transaction(async (manager) => {
      if (payload.fileId) candidates += await this.matching.matchFile(payload.fileId, manager);
      if (payload.requestId) candidates += await this.matching.matchRequest(payload.requestId, manager);
    });
    return { candidates };
  }
}

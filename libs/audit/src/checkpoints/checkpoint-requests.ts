import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_SINK, Clock, QUEUES, QueueRegistry, RequestContext, type AuditSink } from '#app/platform';
import type { Actor } from '#app/access';

/**
 * An administrator's request for a checkpoint now. The api holds no signing
 * key: it records the request and enqueues the job the worker signs.
 */
@Injectable()
export class CheckpointRequests {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  async request(actor: Actor): Promise<{ jobId: string; requestedAt: Date }> {
    const requestedAt = this.clock.now();
    const jobId = `request-${randomUUID()}`;
    // Recorded first, so the checkpoint the worker signs covers the request for it.
    await this.audit.record({ action: 'audit.checkpoint_request', outcome: 'allowed', entityType: 'audit_checkpoint', details: { jobId } });
    const requestId = RequestContext.requestId();
    await this.queues.add(QUEUES.auditCheckpoints, {
      name: 'requested',
      jobId,
      payload: { reason: 'request', requestedBy: actor.userId, ...(requestId ? { requestId: requestId.slice(0, 128) } : {}) },
    });
    return { jobId, requestedAt };
  }
}

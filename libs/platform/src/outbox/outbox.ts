import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context.js';
import type { QueueDefinition } from '../queues/queue-definition.js';
import { QUEUES } from '../queues/queues.js';
import { Clock } from '../time/clock.js';
import type { DomainEventInput, DomainEventType } from '../events/domain-events.js';

export class OutboxOutsideTransaction extends Error {
  constructor() {
    super('outbox rows must be written inside the transaction of the change they announce');
    this.name = 'OutboxOutsideTransaction';
  }
}

/**
 * The transactional outbox. Domain code calls this with the EntityManager of
 * its own transaction: the job is published by the worker's relay after the
 * commit, and never when the transaction rolls back.
 */
@Injectable()
export class Outbox {
  constructor(private readonly clock: Clock) {}

  /** Writes a job for any declared queue; the payload is validated now, not at publish time. */
  async publish<P extends object>(manager: EntityManager, definition: QueueDefinition<P>, name: string, payload: P): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) throw new OutboxOutsideTransaction();
    const validated = { ...definition.validate(payload) };
    const rows: { id: string }[] = await manager.query(`INSERT INTO outbox (queue, job_name, payload, request_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
      definition.name,
      name,
      JSON.stringify(validated),
      RequestContext.requestId() ?? null,
    ]);
    return String(rows[0].id);
  }

  /** A domain event for the subscribers of its type (see DomainEventSubscriptions); its payload type comes from DomainEventMap. */
  async emit<K extends DomainEventType>(manager: EntityManager, event: DomainEventInput<K>): Promise<string> {
    const requestId = RequestContext.requestId();
    return this.publish(manager, QUEUES.domainEvents, event.type, {
      type: event.type,
      subjectId: event.subjectId,
      data: event.data as unknown as Record<string, unknown>,
      occurredAt: this.clock.now().toISOString(),
      ...(requestId ? { requestId } : {}),
    });
  }
}

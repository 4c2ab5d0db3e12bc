import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ProcessorFor, type QueueProcessor } from './processor.js';
import { QUEUES, type DomainEventPayload } from './queues.js';

export interface DomainEvent extends DomainEventPayload {
  /** The outbox row's id: stable across retries, for handlers to stay idempotent. */
  eventId: string;
}

export type DomainEventHandler = (event: DomainEvent) => Promise<void>;

/**
 * Capabilities subscribe to event types here (in their module's onModuleInit).
 * A job is retried as a whole when a handler fails, so handlers must be
 * idempotent, keyed by `eventId`.
 */
@Injectable()
export class DomainEventSubscriptions {
  private readonly handlers = new Map<string, { name: string; handle: DomainEventHandler }[]>();

  subscribe(type: string, name: string, handle: DomainEventHandler): void {
    const list = this.handlers.get(type) ?? [];
    if (list.some((handler) => handler.name === name)) throw new Error(`handler ${name} already subscribed to ${type}`);
    list.push({ name, handle });
    this.handlers.set(type, list);
  }

  handlersFor(type: string): readonly { name: string; handle: DomainEventHandler }[] {
    return this.handlers.get(type) ?? [];
  }
}

@Injectable()
@ProcessorFor(QUEUES.domainEvents)
export class DomainEventsProcessor implements QueueProcessor<DomainEventPayload> {
  private readonly logger = new Logger('DomainEvents');

  constructor(private readonly subscriptions: DomainEventSubscriptions) {}

  async process(payload: DomainEventPayload, job: Job): Promise<{ handledBy: string[] }> {
    const event: DomainEvent = { ...payload, eventId: String(job.id) };
    const handlers = this.subscriptions.handlersFor(payload.type);
    for (const handler of handlers) {
      await handler.handle(event);
    }
    if (handlers.length === 0) this.logger.debug(`no handler for ${payload.type}`);
    return { handledBy: handlers.map((handler) => handler.name) };
  }
}

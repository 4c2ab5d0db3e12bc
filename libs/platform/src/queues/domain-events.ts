import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ProcessorFor, type QueueProcessor } from './processor.js';
import { QUEUES, type DomainEventPayload } from './queues.js';
import { DOMAIN_EVENT_TYPES, type DomainEventType, type TypedDomainEvent } from '../events/domain-events.js';

export type DomainEventHandler<K extends DomainEventType = DomainEventType> = (event: TypedDomainEvent<K>) => Promise<void>;

/**
 * Capabilities subscribe to event types here (in their module's onModuleInit).
 * A job is retried as a whole when a handler fails, so handlers must be
 * idempotent, keyed by `eventId`.
 */
@Injectable()
export class DomainEventSubscriptions {
  private readonly handlers = new Map<string, { name: string; handle: DomainEventHandler<any> }[]>();

  /** `handle` receives the event with the payload type DomainEventMap declares for `type`. */
  subscribe<K extends DomainEventType>(type: K, name: string, handle: DomainEventHandler<K>): void {
    if (!(DOMAIN_EVENT_TYPES as readonly string[]).includes(type)) throw new Error(`no domain event ${type} (see libs/platform/src/events/domain-events.ts)`);
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
    // The outbox wrote it from a DomainEventInput of this type (Outbox.emit is typed by DomainEventMap).
    const event = { ...payload, subjectId: payload.subjectId ?? '', eventId: String(job.id) } as TypedDomainEvent;
    const handlers = this.subscriptions.handlersFor(payload.type);
    for (const handler of handlers) {
      await handler.handle(event);
    }
    if (handlers.length === 0) this.logger.debug(`no handler for ${payload.type}`);
    return { handledBy: handlers.map((handler) => handler.name) };
  }
}

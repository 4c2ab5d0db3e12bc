/**
 * Every queue huijia has, with its typed payload and its validator — the one
 * file producers and processors import from. The worker refuses to boot when a
 * queue declared here has no processor; a payload that fails its validator is
 * refused by the producer and, if it got into Redis some other way, moved to
 * the failed set by the worker with the reason.
 */
import { IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { defineQueue, type QueueDefinition } from './queue-definition.js';

/**
 * A fact another capability reacts to ("file.state_changed", "referral.sent"),
 * written to the outbox in the transaction that made it true.
 */
export class DomainEventPayload {
  /** `<capability>.<fact>` in snake_case, e.g. `file.state_changed`. */
  @Matches(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, { message: 'must look like capability.fact_in_snake_case' })
  @MaxLength(100)
  type!: string;

  /** The id of the thing the event is about (a file, a referral…). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @IsObject()
  data!: Record<string, unknown>;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  /** The HTTP request that caused it, to follow one action through the logs. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  requestId?: string;
}

export const QUEUES = {
  domainEvents: defineQueue({
    name: 'domain-events',
    description: 'Domain events from the outbox, dispatched to the handlers each capability subscribes',
    payload: DomainEventPayload,
  }),
} as const satisfies Record<string, QueueDefinition<object>>;

export type QueueKey = keyof typeof QUEUES;
export const ALL_QUEUES: readonly QueueDefinition<object>[] = Object.values(QUEUES);

export function queueByName(name: string): QueueDefinition<object> | undefined {
  return ALL_QUEUES.find((queue) => queue.name === name);
}

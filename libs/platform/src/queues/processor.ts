import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { QueueDefinition } from './queue-definition.js';

export const QUEUE_PROCESSOR = Symbol('QUEUE_PROCESSOR');

/** A provider that processes every job of one declared queue; the payload arrives validated. */
export interface QueueProcessor<P extends object> {
  process(payload: P, job: Job): Promise<unknown>;
}

/** Marks a provider as the processor of a queue declared in queues.ts. */
export function ProcessorFor(definition: QueueDefinition<object>): ClassDecorator {
  return SetMetadata(QUEUE_PROCESSOR, definition);
}

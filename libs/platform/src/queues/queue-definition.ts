import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { JobsOptions } from 'bullmq';
import { flattenValidationErrors } from '../errors/validation.js';
import type { FieldProblem } from '../errors/app-error.js';

export class InvalidJobPayload extends Error {
  constructor(
    readonly queue: string,
    readonly problems: FieldProblem[],
  ) {
    super(`invalid payload for queue ${queue}: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
    this.name = 'InvalidJobPayload';
  }
}

export interface QueueDefinition<P extends object> {
  readonly name: string;
  readonly description: string;
  readonly payload: new () => P;
  readonly jobOptions: JobsOptions;
  /** Returns the payload as its class, or throws InvalidJobPayload naming each bad field. */
  validate(data: unknown): P;
}

/** Completed jobs are kept a week so a re-publish with the same jobId is a no-op (outbox relay). */
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
const KEEP_FAILED_SECONDS = 30 * 24 * 3600;

export function defineQueue<P extends object>(spec: { name: string; description: string; payload: new () => P; jobOptions?: JobsOptions }): QueueDefinition<P> {
  return Object.freeze({
    name: spec.name,
    description: spec.description,
    payload: spec.payload,
    jobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
      removeOnFail: { age: KEEP_FAILED_SECONDS },
      ...spec.jobOptions,
    },
    validate(data: unknown): P {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new InvalidJobPayload(spec.name, [{ field: '(payload)', reason: 'must be an object' }]);
      }
      const instance = plainToInstance(spec.payload, data);
      const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length > 0) throw new InvalidJobPayload(spec.name, flattenValidationErrors(errors));
      return instance;
    },
  });
}

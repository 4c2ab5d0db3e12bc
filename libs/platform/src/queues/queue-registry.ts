import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { QueueDefinition } from './queue-definition.js';
import { ALL_QUEUES } from './queues.js';
import { closeRedis, createRedis } from './redis.js';

export interface JobToAdd<P extends object> {
  name: string;
  payload: P;
  /** Deterministic ids make a re-publish a no-op (outbox relay, reminders). */
  jobId?: string;
  options?: JobsOptions;
}

/** The producers: one BullMQ Queue per declared queue, sharing one connection. Payloads are validated before they leave. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private connection?: Redis;
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(definition: QueueDefinition<object>): Queue {
    let queue = this.queues.get(definition.name);
    if (!queue) {
      this.connection ??= createRedis(this.config.redis.url, 'producer', `huijia-producer-${process.pid}`);
      queue = new Queue(definition.name, {
        connection: this.connection,
        prefix: this.config.redis.queuePrefix,
        defaultJobOptions: definition.jobOptions,
      });
      queue.on('error', () => undefined);
      this.queues.set(definition.name, queue);
    }
    return queue;
  }

  async add<P extends object>(definition: QueueDefinition<P>, job: JobToAdd<P>): Promise<void> {
    await this.addBulk(definition, [job]);
  }

  async addBulk<P extends object>(definition: QueueDefinition<P>, jobs: JobToAdd<P>[]): Promise<void> {
    if (jobs.length === 0) return;
    const validated = jobs.map((job) => ({
      name: job.name,
      data: { ...definition.validate(job.payload) },
      opts: { ...job.options, ...(job.jobId ? { jobId: job.jobId } : {}) },
    }));
    await this.queue(definition as QueueDefinition<object>).addBulk(validated);
  }

  /** The declared queues paused now (from the queue dashboard): their jobs wait, e.g. reminders do not fire. */
  async paused(): Promise<string[]> {
    const states = await Promise.all(ALL_QUEUES.map(async (definition) => ((await this.queue(definition).isPaused()) ? definition.name : undefined)));
    return states.filter((name): name is string => name !== undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    if (this.connection) {
      await closeRedis(this.connection);
      this.connection = undefined;
    }
  }
}

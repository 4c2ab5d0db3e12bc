import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { InvalidJobPayload, type QueueDefinition } from './queue-definition.js';
import { QUEUE_PROCESSOR, type QueueProcessor } from './processor.js';
import { ALL_QUEUES } from './queues.js';
import type { Redis } from 'ioredis';
import { closeRedis, createRedis } from './redis.js';

export class MissingProcessorError extends Error {
  constructor(queues: string[]) {
    super(`no processor for declared queue(s): ${queues.join(', ')} — every queue in libs/platform/src/queues/queues.ts needs one`);
    this.name = 'MissingProcessorError';
  }
}

/**
 * Starts one BullMQ Worker per declared queue in the worker process. Refuses to
 * boot when a declared queue has no processor (or two). Payloads are validated
 * before the processor sees them: an invalid one fails at once, without retries,
 * with the reason on the job.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerHost');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  processors(): Map<string, { definition: QueueDefinition<object>; processor: QueueProcessor<object> }> {
    const found = new Map<string, { definition: QueueDefinition<object>; processor: QueueProcessor<object> }>();
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const definition = this.reflector.get<QueueDefinition<object> | undefined>(QUEUE_PROCESSOR, wrapper.metatype as object as Function);
      if (!definition) continue;
      if (found.has(definition.name)) throw new Error(`two processors for queue ${definition.name}`);
      found.set(definition.name, { definition, processor: wrapper.instance as QueueProcessor<object> });
    }
    return found;
  }

  async onApplicationBootstrap(): Promise<void> {
    const processors = this.processors();
    const missing = ALL_QUEUES.filter((queue) => !processors.has(queue.name)).map((queue) => queue.name);
    if (missing.length > 0) throw new MissingProcessorError(missing);
    for (const { definition, processor } of processors.values()) {
      const connection = createRedis(this.config.redis.url, 'worker', `huijia-worker-${definition.name}-${process.pid}`);
      this.connections.push(connection);
      const worker = new Worker(definition.name, (job: Job) => this.run(definition, processor, job), {
        connection,
        prefix: this.config.redis.queuePrefix,
        concurrency: this.config.worker.concurrency,
        lockDuration: this.config.worker.lockDurationMs,
        stalledInterval: this.config.worker.lockDurationMs,
        autorun: true,
      });
      worker.on('error', (error) => this.logger.warn(`queue ${definition.name}: ${error.message}`));
      worker.on('failed', (job, error) => {
        if (job) this.logger.warn(`job ${definition.name}/${job.id} (${job.name}) failed on attempt ${job.attemptsMade}: ${error.message}`);
      });
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    this.logger.log(`processing ${this.workers.map((w) => w.name).join(', ')}`);
  }

  private async run(definition: QueueDefinition<object>, processor: QueueProcessor<object>, job: Job): Promise<unknown> {
    let payload: object;
    try {
      payload = definition.validate(job.data);
    } catch (error) {
      if (error instanceof InvalidJobPayload) throw new UnrecoverableError(error.message);
      throw error;
    }
    return processor.process(payload, job);
  }

  /** Workers close before the connections and the database they use (Nest closes those in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    // Let running jobs finish, but not forever: a lost Redis must not hold the shutdown.
    await Promise.all(
      this.workers.map(async (worker) => {
        const closed = worker.close();
        const timedOut = await Promise.race([closed.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 10_000).unref())]);
        if (timedOut) await worker.close(true).catch(() => undefined);
      }),
    );
    this.workers.length = 0;
    await Promise.all(this.connections.map(closeRedis));
    this.connections.length = 0;
  }
}

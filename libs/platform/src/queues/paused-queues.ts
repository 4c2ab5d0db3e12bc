import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ReadinessChecks } from '../health/readiness-checks.js';
import { QueueRegistry } from './queue-registry.js';

/** What a paused queue means, in the words readiness and the worker's log use. */
export function pausedWarning(paused: string[]): string {
  return `队列已暂停：${paused.join('、')}，其任务不会执行（如提醒不会发出） / paused queue(s): ${paused.join(', ')} — their jobs wait (reminders do not fire) until resumed at /admin/queues`;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * A paused queue is never silent: /health/ready reports it as `queues`
 * degraded, naming the queues (200: the api still serves; a paused queue is a
 * decision to see and undo, not a reason to take the api out of rotation).
 */
@Injectable()
export class PausedQueuesReadiness implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessChecks,
    private readonly queues: QueueRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register({
      name: 'queues',
      check: async () => {
        // The producers' connection waits for Redis rather than failing: bounded here, so readiness answers (redis is checked on its own).
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer from Redis within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        });
        const paused = await Promise.race([this.queues.paused(), timeout]).finally(() => clearTimeout(timer));
        return paused.length > 0 ? { status: 'degraded', details: { paused, warning: pausedWarning(paused) } } : { status: 'up', details: { paused } };
      },
    });
  }
}

/** How often the worker looks for paused queues. */
export const PAUSED_CHECK_INTERVAL_MS = 60_000;

/** The worker warns in its log, at start and every minute, while any queue is paused. */
@Injectable()
export class PausedQueuesWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PausedQueues');
  private timer?: NodeJS.Timeout;

  constructor(private readonly queues: QueueRegistry) {}

  onApplicationBootstrap(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), PAUSED_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Logs a warning naming the paused queues; returns them. */
  async check(): Promise<string[]> {
    try {
      const paused = await this.queues.paused();
      if (paused.length > 0) this.logger.warn({ paused }, pausedWarning(paused));
      return paused;
    } catch (error) {
      this.logger.warn(`could not check for paused queues: ${(error as Error).message}`);
      return [];
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { closeRedis, createRedis } from './redis.js';

/**
 * The Redis pub/sub channels (fire and forget, to every api process at once;
 * not queues: a message nobody listens to is lost, and that is fine for what
 * they carry). Named under the queue prefix, so test stacks sharing a Redis
 * do not hear each other.
 */
export const CHANNELS = {
  /** A notification was written (after its commit): `{ userIds: string[] }`, the recipients whose open streams should look. */
  notificationsWritten: 'notifications-written',
  /** A login ended (sign-out, refresh-token reuse): `{ sessionId: string }`, its open streams end. */
  sessionEnded: 'session-ended',
} as const;

export type ChannelName = (typeof CHANNELS)[keyof typeof CHANNELS];

export interface ChannelMessages {
  'notifications-written': { userIds: string[] };
  'session-ended': { sessionId: string };
}

/**
 * Publish on a channel (any process), or subscribe once per process: one
 * subscriber connection, opened on the first subscription, fans out to the
 * handlers. Publishing never fails the caller's work: a lost message only
 * delays what the next heartbeat or poll shows.
 */
@Injectable()
export class PubSub implements OnApplicationShutdown {
  private readonly logger = new Logger(PubSub.name);
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly handlers = new Map<string, Set<(message: unknown) => void>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private key(channel: ChannelName): string {
    return `${this.config.redis.queuePrefix}:${channel}`;
  }

  async publish<C extends ChannelName>(channel: C, message: ChannelMessages[C]): Promise<void> {
    this.publisher ??= createRedis(this.config.redis.url, 'producer', `huijia-publisher-${process.pid}`);
    try {
      await this.publisher.publish(this.key(channel), JSON.stringify(message));
    } catch (error) {
      this.logger.warn(`publish on ${channel} failed: ${(error as Error).message}`);
    }
  }

  /** Returns the unsubscribe function. */
  async subscribe<C extends ChannelName>(channel: C, handler: (message: ChannelMessages[C]) => void): Promise<() => void> {
    if (!this.subscriber) {
      this.subscriber = createRedis(this.config.redis.url, 'worker', `huijia-subscriber-${process.pid}`);
      this.subscriber.on('message', (key: string, raw: string) => {
        let message: unknown;
        try {
          message = JSON.parse(raw);
        } catch {
          return;
        }
        for (const handle of this.handlers.get(key) ?? []) handle(message);
      });
    }
    const key = this.key(channel);
    let set = this.handlers.get(key);
    if (!set) {
      set = new Set();
      this.handlers.set(key, set);
      await this.subscriber.subscribe(key);
    }
    const handle = handler as (message: unknown) => void;
    set.add(handle);
    return () => set.delete(handle);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.publisher && closeRedis(this.publisher), this.subscriber && closeRedis(this.subscriber)]);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppError, CHANNELS, Clock, createRedis, PubSub, type AppConfig } from '#app/platform';
import { AuthService, type Actor } from '#app/access';
import { FollowupErrors } from '../errors.js';
import type { StreamTicketView } from './notification-stream.dto.js';

/** How long a ticket may wait to be used. */
export const STREAM_TICKET_SECONDS = 60;
/** A comment line this often keeps proxies from closing an idle stream, and checks the login is still in force. */
export const STREAM_HEARTBEAT_MS = 25_000;

interface TicketRecord {
  userId: string;
  sessionId: string;
  /** By the injected clock, in ms: tests move the clock rather than wait. */
  expiresAt: number;
}

/** What the stream needs of an HTTP response (Express's, or a test's). */
export interface StreamSink {
  write(chunk: string): boolean;
  end(): void;
}

interface Connection {
  userId: string;
  sessionId: string;
  sink: StreamSink;
  heartbeat: NodeJS.Timeout;
}

/**
 * The live inbox: single-use tickets (stored hashed in Redis with the user
 * and the login) open a Server-Sent Events stream; each api process
 * subscribes once to the Redis channels and fans out — a notification
 * written (by any process) tells its recipients' streams, a login ended
 * (sign-out, refresh-token reuse) ends that login's streams; the heartbeat
 * also ends a stream whose login was revoked otherwise (deactivation, reset).
 */
@Injectable()
export class NotificationStream implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationStream.name);
  private readonly connections = new Set<Connection>();
  private redis?: Redis;
  private unsubscribe: (() => void)[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pubsub: PubSub,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = [
      await this.pubsub.subscribe(CHANNELS.notificationsWritten, ({ userIds }) => {
        const recipients = new Set(userIds);
        for (const connection of this.connections) if (recipients.has(connection.userId)) this.send(connection, 'notification', {});
      }),
      await this.pubsub.subscribe(CHANNELS.sessionEnded, ({ sessionId }) => {
        for (const connection of this.connections) if (connection.sessionId === sessionId) this.close(connection, 'signed_out');
      }),
    ];
  }

  private store(): Redis {
    this.redis ??= createRedis(this.config.redis.url, 'producer', `huijia-stream-tickets-${process.pid}`);
    return this.redis;
  }

  private key(ticket: string): string {
    return `${this.config.redis.queuePrefix}:stream-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
  }

  /** A random ticket for the caller's login; only its hash is stored, for STREAM_TICKET_SECONDS. */
  async issue(actor: Actor): Promise<StreamTicketView> {
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now().getTime() + STREAM_TICKET_SECONDS * 1000;
    const record: TicketRecord = { userId: actor.userId, sessionId: actor.sessionId, expiresAt };
    await this.store().set(this.key(ticket), JSON.stringify(record), 'EX', STREAM_TICKET_SECONDS);
    return { ticket, expiresAt: new Date(expiresAt) };
  }

  /** Takes the ticket (once: it is deleted as it is read), refusing one unknown, used, expired or whose login ended (401). */
  async redeem(ticket: string): Promise<TicketRecord> {
    const results = await this.store().multi().get(this.key(ticket)).del(this.key(ticket)).exec();
    const raw = results?.[0]?.[1];
    const record = typeof raw === 'string' ? (JSON.parse(raw) as TicketRecord) : undefined;
    if (!record || record.expiresAt <= this.clock.now().getTime() || !(await this.auth.sessionActive(record.sessionId, record.userId))) {
      throw new AppError(FollowupErrors.STREAM_TICKET_INVALID);
    }
    return record;
  }

  /** Serves a stream until the client goes, the login ends or the process stops; returns the function that ends it from the client's side. */
  open(record: TicketRecord, sink: StreamSink): () => void {
    const connection: Connection = {
      userId: record.userId,
      sessionId: record.sessionId,
      sink,
      heartbeat: setInterval(() => void this.beat(connection), STREAM_HEARTBEAT_MS),
    };
    this.connections.add(connection);
    sink.write(`retry: 5000\n\n`);
    this.send(connection, 'ready', {});
    return () => this.drop(connection);
  }

  private async beat(connection: Connection): Promise<void> {
    try {
      if (!(await this.auth.sessionActive(connection.sessionId, connection.userId))) return this.close(connection, 'signed_out');
      connection.sink.write(`: heartbeat\n\n`);
    } catch (error) {
      this.logger.warn(`heartbeat failed: ${(error as Error).message}`);
    }
  }

  private send(connection: Connection, event: string, data: object): void {
    connection.sink.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private close(connection: Connection, reason: 'signed_out' | 'shutdown'): void {
    if (!this.connections.has(connection)) return;
    this.send(connection, 'end', { reason });
    this.drop(connection);
    connection.sink.end();
  }

  private drop(connection: Connection): void {
    clearInterval(connection.heartbeat);
    this.connections.delete(connection);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const connection of [...this.connections]) this.close(connection, 'shutdown');
    if (this.redis) this.redis.disconnect();
  }
}

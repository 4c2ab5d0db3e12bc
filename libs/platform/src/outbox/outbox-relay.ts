import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PgListener } from '../database/pg-listener.js';
import { InvalidJobPayload, type QueueDefinition } from '../queues/queue-definition.js';
import { QueueRegistry } from '../queues/queue-registry.js';
import { queueByName } from '../queues/queues.js';

interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  payload: unknown;
}

/** The job id of an outbox row: the same on every attempt, so BullMQ adds it once. */
export function outboxJobId(rowId: string): string {
  return `outbox-${rowId}`;
}

const MAX_BACKOFF_MS = 30_000;
const CLEANUP_EVERY_MS = 3600_000;

/**
 * Publishes committed outbox rows to their queues. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED` (several workers can relay at once), added to
 * BullMQ under a deterministic job id, and marked published in the same
 * transaction. A crash between the add and the commit leaves the rows
 * unpublished; the next pass adds them again under the same ids, which BullMQ
 * ignores, so each row reaches its processor once.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** The outbox trigger's NOTIFY wakes the relay, so a new row is published without waiting for the next poll. */
  private readonly listener: PgListener;
  private lastCleanup = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {
    this.listener = new PgListener(config.database.url, 'outbox', 'huijia-outbox-listener', () => this.wake?.());
  }

  /** Publishes one batch; returns how many rows it handled (published or set aside as failed). */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, payload FROM outbox
          WHERE published_at IS NULL AND failed_at IS NULL
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.outbox.batchSize],
      );
      if (rows.length === 0) return 0;
      const byQueue = new Map<string, { definition: QueueDefinition<object>; rows: OutboxRow[] }>();
      const rejected: { id: string; reason: string }[] = [];
      for (const row of rows) {
        const definition = queueByName(row.queue);
        if (!definition) {
          rejected.push({ id: row.id, reason: `unknown queue ${row.queue}` });
          continue;
        }
        try {
          definition.validate(row.payload);
        } catch (error) {
          if (!(error instanceof InvalidJobPayload)) throw error;
          rejected.push({ id: row.id, reason: error.message });
          continue;
        }
        const group = byQueue.get(definition.name) ?? { definition, rows: [] };
        group.rows.push(row);
        byQueue.set(definition.name, group);
      }
      for (const { definition, rows: queued } of byQueue.values()) {
        await this.queues.addBulk(
          definition,
          queued.map((row) => ({ name: row.job_name, payload: row.payload as object, jobId: outboxJobId(row.id) })),
        );
      }
      await this.markPublished(
        manager,
        [...byQueue.values()].flatMap((group) => group.rows.map((row) => row.id)),
      );
      for (const { id, reason } of rejected) {
        this.logger.error(`outbox row ${id} set aside: ${reason}`);
        await manager.query(`UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1`, [id, reason]);
      }
      return rows.length;
    });
  }

  private async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Publishes until nothing is pending; for tests and for the relay's own loop. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.publishBatch();
      total += handled;
      if (handled < this.config.outbox.batchSize) return total;
    }
  }

  async deletePublishedBefore(days: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(days => $1)`, [days]);
    return result[1] ?? 0;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.listener.start();
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.drain();
        failures = 0;
        // An interval, not a date: the monotonic clock.
        if (performance.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
          this.lastCleanup = performance.now();
          const deleted = await this.deletePublishedBefore(this.config.outbox.retentionDays);
          if (deleted > 0) this.logger.log(`deleted ${deleted} published outbox rows older than ${this.config.outbox.retentionDays} days`);
        }
        await this.sleep(this.config.outbox.pollIntervalMs);
      } catch (error) {
        failures += 1;
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** failures);
        this.logger.warn(`outbox relay pass failed (retrying in ${delay} ms): ${(error as Error).message}`);
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    // stop() while a pass ran: no further wait.
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await this.listener.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, PgListener, QueueRegistry, QUEUES, type AppConfig } from '#app/platform';
import { BATCH_BUCKET_MS, BATCH_SIZE, escalationJobId, reminderBatchJobId, reminderJobId } from './reminder-jobs.js';

const BATCH = 1000;

/**
 * The worker's clock for reminders, three loops:
 * - the relay moves reminders entering the near-term window (default 15 min)
 *   into BullMQ as delayed jobs with deterministic ids, so Redis only ever
 *   holds the next minutes, never the years ahead;
 * - the reconciler (at start and periodically) re-enqueues every reminder
 *   that is due and not delivered — after Redis was flushed or restarted, or
 *   a worker died mid-job — and retries one that failed for good;
 * - the escalation scan enqueues the next step for reminders still
 *   unacknowledged after their grace.
 */
@Injectable()
export class ReminderScheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ReminderScheduler');
  private running = false;
  private loops: Promise<void>[] = [];
  private wakeRelay?: () => void;
  private readonly sleepers = new Set<() => void>();
  /** A reminder scheduled for soon wakes the relay (RemindersService notifies 'reminder'). */
  private readonly listener: PgListener;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
  ) {
    this.listener = new PgListener(config.database.url, 'reminder', 'huijia-reminder-listener', () => this.wakeRelay?.());
  }

  /** Moves reminders due within the window into Redis; returns how many. */
  async relay(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.dataSource.transaction(async (manager) => {
        const clockNow = this.clock.now();
        const rows: { id: string; due_at: Date }[] = await manager.query(
          `SELECT id, due_at FROM reminder
            WHERE status = 'scheduled' AND enqueued_at IS NULL AND due_at <= $2::timestamptz + make_interval(mins => $1)
            ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [this.config.reminders.windowMinutes, clockNow],
        );
        if (rows.length === 0) return 0;
        const now = clockNow.getTime();
        // Reminders due in the same quarter second go in one job, delayed until the last of them is due.
        const buckets = new Map<number, { id: string; due_at: Date }[]>();
        for (const row of rows) {
          const bucket = Math.floor(row.due_at.getTime() / BATCH_BUCKET_MS);
          buckets.set(bucket, [...(buckets.get(bucket) ?? []), row]);
        }
        const jobs = [...buckets.values()].flatMap((bucket) => {
          const chunks: { id: string; due_at: Date }[][] = [];
          for (let i = 0; i < bucket.length; i += BATCH_SIZE) chunks.push(bucket.slice(i, i + BATCH_SIZE));
          return chunks.map((chunk) => {
            const last = new Date(Math.max(...chunk.map((row) => row.due_at.getTime())));
            const ids = chunk.map((row) => row.id);
            return { name: 'due', payload: { reminderIds: ids }, jobId: reminderBatchJobId(last, ids), options: { delay: Math.max(0, last.getTime() - now) } };
          });
        });
        await this.queues.addBulk(QUEUES.reminders, jobs);
        await manager.query('UPDATE reminder SET enqueued_at = $2 WHERE id = ANY($1::uuid[])', [rows.map((row) => row.id), clockNow]);
        return rows.length;
      });
      total += moved;
      if (moved < BATCH) return total;
    }
  }

  /**
   * Every reminder due (for two seconds) and still not delivered gets a job of
   * its own: a lost one is added, one that failed for good is retried, one
   * waiting or running is left alone. A batch job still holding it later
   * finds it delivered: delivery is idempotent.
   */
  async reconcile(): Promise<number> {
    const queue = this.queues.queue(QUEUES.reminders);
    let requeued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; due_at: Date }[] = await this.dataSource.query(
        `SELECT id, due_at FROM reminder WHERE status = 'scheduled' AND due_at <= $2::timestamptz - interval '2 seconds' AND id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after, this.clock.now()],
      );
      for (const row of rows) {
        const jobId = reminderJobId(row.id, row.due_at);
        const job = await queue.getJob(jobId);
        if (!job) {
          if (await this.stillScheduled(row.id)) {
            await this.queues.add(QUEUES.reminders, { name: 'due', payload: { reminderIds: [row.id] }, jobId });
            requeued += 1;
          }
        } else if (await job.isFailed()) {
          await job.retry('failed');
          requeued += 1;
        } else if ((await job.isCompleted()) && (await this.stillScheduled(row.id))) {
          // Completed but not delivered: the delivery's transaction was lost; run it again under the same id.
          await job.remove();
          await this.queues.add(QUEUES.reminders, { name: 'due', payload: { reminderIds: [row.id] }, jobId });
          requeued += 1;
        }
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    if (requeued > 0) this.logger.warn(`re-enqueued ${requeued} due reminders that were not delivered`);
    return requeued;
  }

  /** Read again: a delivery may have committed since the reconciler's scan. */
  private async stillScheduled(reminderId: string): Promise<boolean> {
    const rows: { status: string }[] = await this.dataSource.query('SELECT status FROM reminder WHERE id = $1', [reminderId]);
    return rows[0]?.status === 'scheduled';
  }

  /** Enqueues the next ladder step of every delivered reminder past its grace. */
  async escalate(): Promise<number> {
    const steps = this.config.reminders.escalationLadder.length;
    const rows: { id: string; level: number }[] = await this.dataSource.query(
      `SELECT id, escalation_level + 1 AS level FROM reminder
        WHERE status = 'delivered' AND next_escalation_at <= $2 AND escalation_level + 1 < $1 ORDER BY next_escalation_at LIMIT ${BATCH}`,
      [steps, this.clock.now()],
    );
    if (rows.length === 0) return 0;
    await this.queues.addBulk(
      QUEUES.escalations,
      rows.map((row) => ({ name: 'escalate', payload: { reminderId: row.id, level: row.level }, jobId: escalationJobId(row.id, row.level) })),
    );
    return rows.length;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const { relayIntervalMs, reconcileIntervalMs, escalationScanIntervalMs } = this.config.reminders;
    this.listener.start();
    this.loops = [
      this.every(
        'relay',
        relayIntervalMs,
        () => this.relay(),
        (wake) => (this.wakeRelay = wake),
      ),
      // The reconciler runs once at start, then periodically.
      this.every('reconcile', reconcileIntervalMs, () => this.reconcile()),
      this.every('escalate', escalationScanIntervalMs, () => this.escalate()),
    ];
  }

  private async every(name: string, intervalMs: number, work: () => Promise<unknown>, exposeWake?: (wake: () => void) => void): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await work();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.warn(`${name} failed (${failures} in a row): ${(error as Error).message}`);
      }
      // stop() while this pass ran: end now, not after another interval (a worker told to stop must not linger).
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.sleepers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, failures > 0 ? Math.min(30_000, intervalMs * 2 ** failures) : intervalMs);
        this.sleepers.add(done);
        exposeWake?.(done);
      });
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const wake of [...this.sleepers]) wake();
    await Promise.all(this.loops);
    this.loops = [];
    await this.listener.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

import { jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { DiscoveryModule } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  DomainEventSubscriptions,
  MissingProcessorError,
  Outbox,
  OutboxOutsideTransaction,
  OutboxRelay,
  PlatformModule,
  QUEUES,
  QueueRegistry,
  WorkerHost,
  type AppConfig,
  type TypedDomainEvent,
} from '#app/platform';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/test-context.js';

describe('transactional outbox through the worker and a real Redis', () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let outbox: Outbox;
  const received: TypedDomainEvent<'platform.probe'>[] = [];

  beforeAll(async () => {
    stack = await startStack({ api: false, worker: true });
    worker = stack.worker!;
    dataSource = worker.get<DataSource>(getDataSourceToken());
    outbox = worker.get(Outbox);
    worker.get(DomainEventSubscriptions).subscribe('platform.probe', 'recorder', async (event) => {
      received.push(event);
    });
  });
  afterAll(() => stack?.close());

  const emitCommitted = (marker: string) => dataSource.transaction((manager) => outbox.emit(manager, { type: 'platform.probe', subjectId: marker, data: { marker } }));
  const receivedFor = (marker: string) => received.filter((event) => event.subjectId === marker);

  async function queueIdle(): Promise<void> {
    await eventually(async () => {
      const counts = await worker.get(QueueRegistry).queue(QUEUES.domainEvents).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((count) => count === 0);
    });
  }

  describe('with the relay running', () => {
    beforeAll(() => worker.get(OutboxRelay).start());
    afterAll(() => worker?.get(OutboxRelay).stop());

    it('delivers an event written in a committed transaction to its processor', async () => {
      const eventId = await emitCommitted('committed-1');
      const [event] = await eventually(() => {
        const found = receivedFor('committed-1');
        return found.length === 1 ? found : false;
      });
      expect(event).toMatchObject({ type: 'platform.probe', data: { marker: 'committed-1' }, eventId: `outbox-${eventId}` });
      // The relay enqueues before its transaction commits (the job id makes a second enqueue a no-op), so the row may be
      // marked published an instant after the processor already ran.
      await eventually(async () => (await stack.database.query('SELECT published_at FROM outbox WHERE id = $1', [eventId]))[0].published_at !== null);
    });

    it('publishes nothing from a transaction that rolled back', async () => {
      await expect(
        dataSource.transaction(async (manager) => {
          await outbox.emit(manager, { type: 'platform.probe', subjectId: 'rolled-back', data: { marker: 'rolled-back' } });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await emitCommitted('after-rollback');
      await eventually(() => receivedFor('after-rollback').length === 1);
      await queueIdle();
      expect(receivedFor('rolled-back')).toHaveLength(0);
      expect(await stack.database.query(`SELECT id FROM outbox WHERE payload->>'subjectId' = 'rolled-back'`)).toHaveLength(0);
    });

    it('refuses an outbox write outside a transaction', async () => {
      await expect(outbox.emit(dataSource.manager, { type: 'platform.probe', subjectId: 'outside', data: { marker: 'outside' } })).rejects.toBeInstanceOf(OutboxOutsideTransaction);
    });

    it('moves a malformed job put into Redis by hand to failed with the reason, and keeps working', async () => {
      const queue = worker.get(QueueRegistry).queue(QUEUES.domainEvents);
      const job = await queue.add('test.happened', { type: 'Not An Event', data: 'nope' });
      await eventually(async () => (await queue.getJob(job.id!))?.failedReason !== undefined);
      const failed = (await queue.getJob(job.id!))!;
      expect(failed.failedReason).toMatch(/invalid payload.*type/);
      expect(failed.attemptsMade).toBe(1);
      await emitCommitted('after-malformed');
      await eventually(() => receivedFor('after-malformed').length === 1);
    });
  });

  describe('a relay that crashes between enqueue and commit', () => {
    it('publishes each row exactly once after it restarts', async () => {
      const markers = ['crash-a', 'crash-b', 'crash-c', 'crash-d', 'crash-e'];
      for (const marker of markers) await emitCommitted(marker);
      const config = worker.get<AppConfig>(APP_CONFIG);
      const crashing = new OutboxRelay(config, dataSource, worker.get(QueueRegistry));
      // The jobs are in Redis, then the process "dies" before marking the rows published.
      jest.spyOn(crashing as unknown as { markPublished: () => Promise<void> }, 'markPublished').mockRejectedValueOnce(new Error('killed'));
      await expect(crashing.drain()).rejects.toThrow('killed');
      const pending = await stack.database.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      expect(pending[0].n).toBe(markers.length);

      const restarted = new OutboxRelay(config, dataSource, worker.get(QueueRegistry));
      expect(await restarted.drain()).toBe(markers.length);
      await eventually(() => markers.every((marker) => receivedFor(marker).length >= 1));
      await queueIdle();
      for (const marker of markers) expect(receivedFor(marker)).toHaveLength(1);
    });

    it('sets aside a row whose payload no longer validates, without blocking the others', async () => {
      await stack.database.query(`INSERT INTO outbox (queue, job_name, payload) VALUES ('domain-events', 'x', '{"type": 42}'), ('no-such-queue', 'x', '{}')`);
      await emitCommitted('behind-bad-rows');
      const relay = new OutboxRelay(worker.get<AppConfig>(APP_CONFIG), dataSource, worker.get(QueueRegistry));
      await relay.drain();
      await eventually(() => receivedFor('behind-bad-rows').length === 1);
      const failed = await stack.database.query(`SELECT queue, last_error FROM outbox WHERE failed_at IS NOT NULL ORDER BY id`);
      expect(failed).toEqual([
        { queue: 'domain-events', last_error: expect.stringContaining('type') },
        { queue: 'no-such-queue', last_error: 'unknown queue no-such-queue' },
      ]);
    });
  });
});

describe('the worker at boot', () => {
  it('refuses to boot when a declared queue has no processor', async () => {
    const stack = await startStack({ api: false });
    try {
      // The platform and the worker host, but not the domain-events processor.
      const moduleRef = await Test.createTestingModule({
        imports: [PlatformModule.forRoot(stack.config, 'worker'), DiscoveryModule],
        providers: [WorkerHost],
      }).compile();
      await expect(moduleRef.init()).rejects.toThrow(MissingProcessorError);
      await expect(moduleRef.init()).rejects.toThrow(/domain-events/);
      await moduleRef.close();
    } finally {
      await stack.close();
    }
  });
});

import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { DomainEventsProcessor } from './domain-events.js';
import { PausedQueuesWatch } from './paused-queues.js';
import { WorkerHost } from './worker-host.js';

/** The worker side of the platform: the queue workers, the domain-event dispatcher, the outbox relay, and a warning while a queue is paused. */
@Module({
  imports: [DiscoveryModule],
  providers: [WorkerHost, DomainEventsProcessor, OutboxRelay, PausedQueuesWatch],
  exports: [OutboxRelay, WorkerHost, PausedQueuesWatch],
})
export class PlatformWorkerModule {}

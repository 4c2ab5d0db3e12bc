import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { DomainEventsProcessor } from './domain-events.js';
import { WorkerHost } from './worker-host.js';

/** The worker side of the platform: the queue workers, the domain-event dispatcher and the outbox relay. */
@Module({
  imports: [DiscoveryModule],
  providers: [WorkerHost, DomainEventsProcessor, OutboxRelay],
  exports: [OutboxRelay, WorkerHost],
})
export class PlatformWorkerModule {}

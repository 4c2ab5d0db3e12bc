import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PausedQueuesReadiness } from '../queues/paused-queues.js';
import { HealthController } from './health.controller.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [PausedQueuesReadiness],
})
export class HealthModule {}

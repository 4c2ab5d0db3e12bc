import { Module } from '@nestjs/common';
import { CaseCoreModule } from '#app/case';
import { TracingController } from './tracing.controller.js';
import { TracingService } from './tracing.service.js';
import { TracingEvents, TracingMatchProcessor } from './tracing.worker.js';

/** Family tracing services (R8–R10), for the api and the worker. */
@Module({
  imports: [CaseCoreModule],
  providers: [TracingService],
  exports: [TracingService],
})
export class TracingCoreModule {}

/** Family tracing (R8–R10): requests, leads, candidates, DNA comparisons at the police (api). */
@Module({
  imports: [TracingCoreModule],
  controllers: [TracingController],
})
export class TracingModule {}

/** The worker side: the matching queue and the events that trigger it. */
@Module({
  imports: [TracingCoreModule],
  providers: [TracingMatchProcessor, TracingEvents],
})
export class TracingWorkerModule {}

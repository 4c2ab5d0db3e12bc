import { type DynamicModule, Module } from '@nestjs/common';
import { AuditCoreModule } from '#app/audit';
import { FollowupWorkerModule } from '#app/followup';
import { PlatformModule, PlatformWorkerModule, type AppConfig } from '#app/platform';

/** The worker process: processors of every declared queue and the outbox relay; no HTTP. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config, 'worker'), AuditCoreModule, PlatformWorkerModule, FollowupWorkerModule],
    };
  }
}

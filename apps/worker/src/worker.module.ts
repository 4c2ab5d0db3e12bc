import { type DynamicModule, Module } from '@nestjs/common';
import { AccessWorkerModule } from '#app/access';
import { AuditCoreModule, AuditWorkerModule } from '#app/audit';
import { FollowupWorkerModule } from '#app/followup';
import { HouseholdWorkerModule } from '#app/household';
import { PlatformModule, PlatformWorkerModule, type AppConfig } from '#app/platform';
import { ReferralWorkerModule } from '#app/referral';
import { StatisticsWorkerModule } from '#app/statistics';
import { TracingWorkerModule } from '#app/tracing';

/** The worker process: processors of every declared queue and the outbox relay; no HTTP. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config, 'worker'),
        AuditCoreModule,
        AuditWorkerModule,
        AccessWorkerModule,
        PlatformWorkerModule,
        FollowupWorkerModule,
        TracingWorkerModule,
        HouseholdWorkerModule,
        ReferralWorkerModule,
        StatisticsWorkerModule,
      ],
    };
  }
}

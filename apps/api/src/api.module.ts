import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '#app/access';
import { AuditModule } from '#app/audit';
import { CaseModule } from '#app/case';
import { FollowupModule } from '#app/followup';
import { HouseholdModule } from '#app/household';
import { IntakeModule } from '#app/intake';
import { ReferralModule } from '#app/referral';
import { HealthModule, PlatformModule, type AppConfig } from '#app/platform';
import { TracingModule } from '#app/tracing';
import { QueueDashboardModule } from './queue-dashboard.module.js';

/** The HTTP process: the platform plus every capability's controllers. */
@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config, 'api'),
        HealthModule,
        AuditModule,
        AccessModule,
        CaseModule,
        IntakeModule,
        FollowupModule,
        ReferralModule,
        TracingModule,
        HouseholdModule,
        QueueDashboardModule,
      ],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule, ROLES } from '#app/access';
import { AuditModule } from '#app/audit';
import { CaseModule } from '#app/case';
import { FollowupModule } from '#app/followup';
import { HouseholdModule } from '#app/household';
import { IntakeModule } from '#app/intake';
import { ReferralModule } from '#app/referral';
import { API_CONTRACT, HealthModule, PlatformModule, type ApiContractOptions, type AppConfig } from '#app/platform';
import { StatisticsModule } from '#app/statistics';
import { TracingModule } from '#app/tracing';
import { QueueDashboardModule } from './queue-dashboard.module.js';

/** What the OpenAPI document says of huijia besides its routes (see createApiDocument). */
export const HUIJIA_CONTRACT: ApiContractOptions = { roles: ROLES, version: '0.2.0' };

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
        StatisticsModule,
        QueueDashboardModule,
      ],
      providers: [{ provide: API_CONTRACT, useValue: HUIJIA_CONTRACT }],
    };
  }
}

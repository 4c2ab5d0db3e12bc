import { type DynamicModule, Module } from '@nestjs/common';
import { AccessCoreModule } from '#app/access';
import { AuditCoreModule } from '#app/audit';
import { CaseModule } from '#app/case';
import { FollowupCoreModule } from '#app/followup';
import { IntakeModule } from '#app/intake';
import { ReferralModule } from '#app/referral';
import { PlatformModule, type AppConfig } from '#app/platform';
import { StatisticsModule } from '#app/statistics';

/** The services the administrative commands use (the demo files go through the case, intake and referral services; statistics:import through statistics'); no HTTP, no queue workers. */
@Module({})
export class CliModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [PlatformModule.forRoot(config, 'cli'), AuditCoreModule, AccessCoreModule, FollowupCoreModule, CaseModule, IntakeModule, ReferralModule, StatisticsModule],
    };
  }
}

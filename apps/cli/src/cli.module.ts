import { type DynamicModule, Module } from '@nestjs/common';
import { AccessCoreModule } from '#app/access';
import { AuditCoreModule } from '#app/audit';
import { FollowupCoreModule } from '#app/followup';
import { PlatformModule, type AppConfig } from '#app/platform';

/** The services the administrative commands use; no HTTP, no queue workers. */
@Module({})
export class CliModule {
  static register(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [PlatformModule.forRoot(config, 'cli'), AuditCoreModule, AccessCoreModule, FollowupCoreModule] };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { HealthModule, PlatformModule, type AppConfig } from '#app/platform';

/** The HTTP process: the platform plus every capability's controllers. */
@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config, 'api'), HealthModule],
    };
  }
}

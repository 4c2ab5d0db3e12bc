import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { FieldCipher } from './crypto/field-cipher.js';
import path from 'node:path';
import { Clock, TEST_CLOCK_FILE, TestMovableClock } from './time/clock.js';
import { ReadinessChecks } from './health/readiness-checks.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { loggerParams } from './logging/logging.js';
import { Outbox } from './outbox/outbox.js';
import { DomainEventSubscriptions } from './queues/domain-events.js';
import { PubSub } from './queues/pubsub.js';
import { QueueRegistry } from './queues/queue-registry.js';

/**
 * What every process of huijia stands on: the validated configuration, logs,
 * the database (entities come from each lib's TypeOrmModule.forFeature), the
 * queue producers and the outbox.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, processName: string): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config, processName)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.database, processName),
          autoLoadEntities: true,
          // Boot checks reachability first (preflight); a retry loop would only repeat stack traces.
          retryAttempts: 0,
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        QueueRegistry,
        PubSub,
        Outbox,
        DomainEventSubscriptions,
        FieldCipher,
        ReadinessChecks,
        // The browser suite moves a running test stack's clock (TestMovableClock); any other environment keeps CLOCK_AT or the real time.
        {
          provide: Clock,
          useFactory: () => (config.env === 'test' ? new TestMovableClock(config.clockAt, path.join(config.dataDir, TEST_CLOCK_FILE)) : new Clock(config.clockAt)),
        },
      ],
      exports: [APP_CONFIG, QueueRegistry, PubSub, Outbox, DomainEventSubscriptions, FieldCipher, ReadinessChecks, Clock],
    };
  }
}

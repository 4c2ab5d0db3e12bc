import { Controller, Get, Inject, type OnApplicationShutdown } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ApiErrors } from '../contract/openapi.js';
import { PlatformErrors } from '../errors/platform-errors.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { createRedis } from '../queues/redis.js';
import { Public } from '../http/public.decorator.js';
import { HealthLiveView, HealthReportView } from './health.view.js';
import { ReadinessChecks } from './readiness-checks.js';

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('health')
@ApiExtraModels(HealthReportView)
@Public()
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly contributed: ReadinessChecks,
  ) {
    // Its own connection that fails at once when Redis is gone, so readiness turns 503 instead of hanging.
    this.redis = createRedis(config.redis.url, 'health', `huijia-health-${process.pid}`);
  }

  @Get('live')
  @ApiOperation({ operationId: 'health_live', summary: 'The process is up (no dependency checked)' })
  @ApiOkResponse({ type: HealthLiveView })
  live(): HealthLiveView {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    operationId: 'health_ready',
    summary: 'PostgreSQL and Redis answer and every migration is applied: 200 with the report (status ok, or degraded while still serving)',
    description:
      'When a check is down the answer is 503 with the error envelope, code SERVICE_UNAVAILABLE, whose `details` is the same HealthReportView ' +
      "(status `error`; the checks down under `error`, e.g. `details.error.redis.status = 'down'`).",
  })
  @ApiOkResponse({ type: HealthReportView })
  @ApiErrors(PlatformErrors.SERVICE_UNAVAILABLE)
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.indicators
          .check('postgres')
          .attempt(async () => {
            await this.dataSource.query('SELECT 1');
          })
          .withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('migrations')
          .attempt(async () => {
            const applied: { name: string }[] = await this.dataSource.query('SELECT name FROM migrations');
            const names = new Set(applied.map((row) => row.name));
            const pending = MIGRATIONS.map((migration) => migration.name).filter((name) => !names.has(name));
            if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`);
            return { applied: names.size };
          })
          .withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('redis')
          .attempt(async ({ signal }) => {
            await this.redisReady(signal);
            await this.redis.ping();
          })
          .withTimeout(CHECK_TIMEOUT_MS),
      ...this.contributed.all().map((readiness) => async () => {
        const session = this.indicators.check(readiness.name);
        try {
          const result = await readiness.check();
          return result.status === 'degraded' ? session.degraded(result.details) : session.up(result.details);
        } catch (error) {
          return session.down({ message: (error as Error).message });
        }
      }),
    ]);
  }

  /** Waits (bounded by the check's timeout) for a connection that is still being made or remade. */
  private async redisReady(signal: AbortSignal): Promise<void> {
    if (this.redis.status === 'ready') return;
    if (this.redis.status === 'end' || this.redis.status === 'wait') this.redis.connect().catch(() => undefined);
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis is ${this.redis.status}`));
      };
      this.redis.once('ready', onReady);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

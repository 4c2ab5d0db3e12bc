import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, type AppConfig } from '#app/platform';

const SWEEP_EVERY_MS = 3600_000;

/**
 * Login attempts matter only within the throttle window (AuthService reads
 * nothing older); sign-ins themselves stay in the audit record. The worker
 * sweeps older rows every hour, keeping a day at least, so a brute-force run
 * does not grow the table for ever.
 */
@Injectable()
export class LoginAttemptRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LoginAttemptRetention');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn(`login attempt sweep failed: ${(error as Error).message}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes attempts older than the throttle window, and at least a day old; returns how many. */
  async sweep(): Promise<number> {
    const minutes = Math.max(this.config.auth.throttleWindowMinutes, 24 * 60);
    const [, deleted]: [unknown[], number] = await this.dataSource.query(`DELETE FROM login_attempt WHERE at < $2::timestamptz - make_interval(mins => $1)`, [
      minutes,
      this.clock.now(),
    ]);
    if (deleted > 0) this.logger.log(`deleted ${deleted} login attempts older than ${minutes} minutes`);
    return deleted;
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, type AppConfig } from '#app/platform';

const SWEEP_EVERY_MS = 3600_000;

/**
 * Login attempts matter only within a day (SignInThrottle reads nothing
 * older, or the throttle window when it is longer); sign-ins themselves stay
 * in the audit record. The worker sweeps older rows every hour, so a
 * brute-force run does not grow the table for ever, and forgets the devices
 * not used for LOGIN_DEVICE_DAYS.
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

  /** Deletes attempts older than the throttle window, and at least a day old, and devices unused for LOGIN_DEVICE_DAYS; returns how many attempts. */
  async sweep(): Promise<number> {
    const minutes = Math.max(this.config.auth.throttleWindowMinutes, 24 * 60);
    const now = this.clock.now();
    const [, deleted]: [unknown[], number] = await this.dataSource.query(`DELETE FROM login_attempt WHERE at < $2::timestamptz - make_interval(mins => $1)`, [minutes, now]);
    if (deleted > 0) this.logger.log(`deleted ${deleted} login attempts older than ${minutes} minutes`);
    const [, devices]: [unknown[], number] = await this.dataSource.query(`DELETE FROM login_device WHERE last_used_at < $2::timestamptz - make_interval(days => $1)`, [
      this.config.auth.deviceDays,
      now,
    ]);
    if (devices > 0) this.logger.log(`forgot ${devices} devices unused for ${this.config.auth.deviceDays} days`);
    return deleted;
  }
}

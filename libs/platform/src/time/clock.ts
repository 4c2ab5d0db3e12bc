import { chinaDate } from './dates.js';

/**
 * The one source of "now" and "today" (Asia/Shanghai) for everything huijia
 * decides: deadlines, ages, due and overdue, expiry. Nothing else reads the
 * wall clock (an ESLint rule says so), so tests choose their date and move it.
 *
 * Time runs on from where the clock was set: `CLOCK_AT` (development and tests
 * only) starts a process at a chosen instant, e.g. to show a demo's
 * escalations or to run a worker process beside a test on the test's date.
 * Provided by PlatformModule (a factory: the start comes from the config).
 */
export class Clock {
  /** Milliseconds added to the wall clock; 0 in production. */
  protected offsetMs = 0;

  constructor(startAt?: Date) {
    if (startAt) this.offsetMs = startAt.getTime() - Clock.wallClock();
  }

  now(): Date {
    return new Date(Clock.wallClock() + this.offsetMs);
  }

  /** Today in China (Asia/Shanghai), YYYY-MM-DD. */
  today(): string {
    return chinaDate(this.now());
  }

  /** The offset from the wall clock, for a process started beside this one on the same time. */
  offset(): number {
    return this.offsetMs;
  }

  private static wallClock(): number {
    return Date.now();
  }
}

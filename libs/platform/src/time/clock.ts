import { readFileSync, statSync } from 'node:fs';
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
    return new Date(Clock.wallClock() + this.currentOffset());
  }

  /** Today in China (Asia/Shanghai), YYYY-MM-DD. */
  today(): string {
    return chinaDate(this.now());
  }

  /** The offset from the wall clock, for a process started beside this one on the same time. */
  offset(): number {
    return this.currentOffset();
  }

  protected currentOffset(): number {
    return this.offsetMs;
  }

  private static wallClock(): number {
    return Date.now();
  }
}

/**
 * The clock of an api or worker started by the browser suite (NODE_ENV=test
 * only, never in production: see PlatformModule): a spec moves the running
 * stack to another day — R18's green channel on the eve of National Day — by
 * writing `{"at": "<ISO instant>"}` to the file (the clock stands there when
 * the file was written, and runs on), and back by removing it; without the
 * file the process keeps its CLOCK_AT start. Looked at on every call, so the
 * api and the worker move together and at once.
 */
export class TestMovableClock extends Clock {
  constructor(
    startAt: Date | undefined,
    private readonly file: string,
  ) {
    super(startAt);
  }

  protected override currentOffset(): number {
    try {
      const at = Date.parse((JSON.parse(readFileSync(this.file, 'utf8')) as { at?: string }).at ?? '');
      if (Number.isFinite(at)) return at - statSync(this.file).mtimeMs;
    } catch {
      // No file (or one being written): the start the process was given.
    }
    return this.offsetMs;
  }
}

/** Where a test stack's TestMovableClock reads its offset: in the process's DATA_DIR. */
export const TEST_CLOCK_FILE = 'test-clock.json';

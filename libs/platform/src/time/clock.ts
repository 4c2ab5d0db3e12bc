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
 * file the process keeps its CLOCK_AT start. Its modification time is looked
 * at on every call (one stat, no exception when there is none), so the api
 * and the worker move together and at once; the file is read only when it changed.
 */
export class TestMovableClock extends Clock {
  private read?: { modifiedNs: bigint; offsetMs: number };

  constructor(
    startAt: Date | undefined,
    private readonly file: string,
  ) {
    super(startAt);
  }

  protected override currentOffset(): number {
    const stat = statSync(this.file, { bigint: true, throwIfNoEntry: false });
    if (!stat) return this.offsetMs;
    if (this.read?.modifiedNs !== stat.mtimeNs) {
      try {
        const at = Date.parse((JSON.parse(readFileSync(this.file, 'utf8')) as { at?: string }).at ?? '');
        this.read = { modifiedNs: stat.mtimeNs, offsetMs: Number.isFinite(at) ? at - Number(stat.mtimeNs / 1_000_000n) : this.offsetMs };
      } catch {
        // Gone or half-written: the start the process was given, and read again next time.
        return this.offsetMs;
      }
    }
    return this.read.offsetMs;
  }
}

/** Where a test stack's TestMovableClock reads its offset: in the process's DATA_DIR. */
export const TEST_CLOCK_FILE = 'test-clock.json';

import { addDays, chinaDate, Clock, yearsBefore } from '#app/platform';

declare global {
  /** The base date of this jest project (jest.config.js `globals`), YYYY-MM-DD. */
  var TEST_TODAY: string | undefined;
}

/**
 * Every date a test uses derives from one base date: `TEST_TODAY` (the jest
 * project's, see jest.config.js), so the suite passes whatever day it really
 * runs on, and the date-sensitive suites run again on awkward days (a year's
 * last day, 29 February, years ahead).
 */
export const TEST_TODAY: string = globalThis.TEST_TODAY ?? process.env.TEST_TODAY ?? '2026-11-23';

/** 10:00 in China on a day: far from midnight, so a test's few seconds never cross into the next day. */
export function chinaMorning(day: string): Date {
  return new Date(`${day}T10:00:00+08:00`);
}

/** The clock tests stand on: it starts at 10:00 (China) on TEST_TODAY, time runs on, and a test moves it explicitly. */
export class TestClock extends Clock {
  constructor(today: string = TEST_TODAY) {
    super(chinaMorning(today));
  }

  /** Stands on 10:00 (China) of `day`, or on an exact instant. */
  set(at: string | Date): void {
    const target = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? chinaMorning(at) : new Date(at);
    this.offsetMs += target.getTime() - this.now().getTime();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

/** The day `days` from the base date (negative: before). */
export function day(days: number): string {
  return addDays(TEST_TODAY, days);
}

/**
 * A birth date giving the person `age` whole years on the base date, with
 * `margin` days to spare both ways (born `age` years and `margin` days before
 * the base date, so they turn `age + 1` only after 365 − margin days).
 */
export function bornAged(age: number, margin = 30): string {
  return addDays(yearsBefore(TEST_TODAY, age), -margin);
}

/** The YYYYMMDD form of a date, for resident ID numbers. */
export function compact(date: string): string {
  return date.replaceAll('-', '');
}

export { chinaDate };

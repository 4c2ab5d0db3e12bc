/**
 * Chinese calendar dates as strings (YYYY-MM-DD, Asia/Shanghai): ages,
 * deadlines and milestones are Chinese dates. Pure functions: "today" is
 * always an argument, taken from the injected Clock.
 */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Chinese date (Asia/Shanghai) of an instant, YYYY-MM-DD. */
export function chinaDate(instant: Date): string {
  return CHINA_DATE.format(instant);
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The youngest and oldest the person can be on `day`; unknown birth → undefined. */
export function ageRange(birthFrom: string | null, birthTo: string | null, day: string): { min: number; max: number } | undefined {
  if (!birthFrom || !birthTo) return undefined;
  return { min: ageOn(birthTo, day), max: ageOn(birthFrom, day) };
}

/**
 * R23 protects minors: a person who may be under 18 (the youngest the birth
 * range allows is under 18), or whose age is not known at all, is treated as one.
 */
export function mayBeMinor(birthFrom: string | null, birthTo: string | null, day: string): boolean {
  const range = ageRange(birthFrom, birthTo, day);
  return range === undefined || range.min < 18;
}

/** The date `years` years before `day` (YYYY-MM-DD), 29 Feb → 28 Feb. */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y - years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** The day `days` days after `day` (YYYY-MM-DD; negative: before). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Adds months to a day (YYYY-MM-DD), keeping the day of month where it exists (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Visits, milestones and steps are due at 09:00 in China (01:00 UTC) on their day. */
export function dueAtNine(day: string): Date {
  return new Date(`${day}T01:00:00Z`);
}

/** The last second of a Chinese day, as an instant (an accept-by deadline). */
export function endOfChinaDay(day: string): Date {
  return new Date(`${day}T23:59:59+08:00`);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
}

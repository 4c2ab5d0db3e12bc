const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in China (Asia/Shanghai), YYYY-MM-DD: ages and deadlines are Chinese dates. */
export function chinaToday(now: Date = new Date()): string {
  return CHINA_DATE.format(now);
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

/** Adds months to a day (YYYY-MM-DD), keeping the day of month where it exists (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return date.toISOString().slice(0, 10);
}

/**
 * The visits of a follow-up plan (R17), by default monthly for the first 6
 * months, quarterly until 2 years, then yearly, until `endsOn`.
 */
export function visitDates(startsOn: string, endsOn: string, template: { monthlyUntilMonth: number; quarterlyUntilMonth: number }): string[] {
  const months: number[] = [];
  for (let month = 1; month <= template.monthlyUntilMonth; month++) months.push(month);
  for (let month = template.monthlyUntilMonth + 3; month <= template.quarterlyUntilMonth; month += 3) months.push(month);
  const yearlyFrom = Math.ceil((template.quarterlyUntilMonth + 1) / 12) * 12;
  for (let month = Math.max(yearlyFrom, template.quarterlyUntilMonth + 12); month <= 12 * 100; month += 12) {
    months.push(month);
    if (addMonths(startsOn, month) > endsOn) break;
  }
  return months.map((month) => addMonths(startsOn, month)).filter((day) => day <= endsOn);
}

/** The plan lasts at least `minYears`; for a minor, at least until 18 (the latest birth date the range allows). */
export function planEnd(startsOn: string, minYears: number, birthDateTo: string | null): string {
  const minimum = addMonths(startsOn, minYears * 12);
  if (!birthDateTo) return minimum;
  const eighteen = addMonths(birthDateTo, 18 * 12);
  return eighteen > minimum ? eighteen : minimum;
}

import { addMonths } from '#app/platform';

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

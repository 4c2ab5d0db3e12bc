/**
 * R22: whether a median or a share may leave the reporting chain. It is
 * computed on people whose count is itself a figure, so it is shown only on k
 * people or more and beside that count published (shown beside a suppressed
 * count, it would tell that the count is k or more); a share times its people
 * is a count, and so is the rest, so neither may be a small one.
 */
export function measurePublishable(measure: { n: number; countPublished: boolean; hits?: number }, minCell: number): boolean {
  const small = (count: number) => count > 0 && count < minCell;
  if (measure.n < minCell || !measure.countPublished) return false;
  return measure.hits === undefined || !(small(measure.hits) || small(measure.n - measure.hits));
}

import { addDays } from '#app/platform';

export interface Placement {
  from_date: string;
  to_date: string | null;
}

/**
 * R11: the first day of the person's current uninterrupted stay in
 * institutions — a move from one institution to another the next day does
 * not restart the count; a gap does.
 */
export function clockStart(placements: readonly Placement[]): string | undefined {
  const latestFirst = [...placements].sort((a, b) => (a.from_date < b.from_date ? 1 : a.from_date > b.from_date ? -1 : 0));
  const open = latestFirst.find((placement) => placement.to_date === null);
  if (!open) return undefined;
  let start = open.from_date;
  for (const placement of latestFirst) {
    if (placement === open || placement.from_date >= start) continue;
    if (placement.to_date !== null && addDays(placement.to_date, 1) < start) break;
    start = placement.from_date;
  }
  return start;
}

import type { EntityManager } from 'typeorm';

/** The next human file number of a jurisdiction and year: 530102-2026-000017. */
export async function nextFileReference(manager: EntityManager, jurisdictionCode: string, today: string): Promise<string> {
  const year = Number(today.slice(0, 4));
  const [{ last }]: { last: number }[] = await manager.query(
    `INSERT INTO file_reference_counter (prefix, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last = file_reference_counter.last + 1 RETURNING last`,
    [jurisdictionCode, year],
  );
  return `${jurisdictionCode}-${year}-${String(last).padStart(6, '0')}`;
}

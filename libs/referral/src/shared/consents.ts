import type { EntityManager } from 'typeorm';

export interface ConsentState {
  /** A consent stands: recorded and not withdrawn, or given at the interview and never withdrawn since. */
  given: boolean;
  /** A recorded consent of this category was withdrawn (and none stands). */
  withdrawn: boolean;
}

/**
 * Whether the person or the guardian consents, per category, in one query
 * (R15, R16). A consent recorded on the file stands until withdrawn; one given
 * at the interview stands unless a consent of the category was withdrawn —
 * the person took that category back, and only a new consent gives it again.
 */
export async function consentsOf(manager: EntityManager, fileId: string, categories: readonly string[]): Promise<Map<string, ConsentState>> {
  if (categories.length === 0) return new Map();
  const rows: { category: string; active: boolean; withdrawn: boolean; at_interview: boolean }[] = await manager.query(
    `SELECT c.category,
            EXISTS (SELECT 1 FROM consent k WHERE k.file_id = $1 AND k.category = c.category AND k.withdrawn_at IS NULL) AS active,
            EXISTS (SELECT 1 FROM consent k WHERE k.file_id = $1 AND k.category = c.category AND k.withdrawn_at IS NOT NULL) AS withdrawn,
            EXISTS (SELECT 1 FROM interview i WHERE i.file_id = $1 AND (i.consents -> c.category ->> 'given') = 'true') AS at_interview
       FROM unnest($2::text[]) AS c(category)`,
    [fileId, [...new Set(categories)]],
  );
  return new Map(rows.map((row) => [row.category, { given: row.active || (row.at_interview && !row.withdrawn), withdrawn: !row.active && row.withdrawn }]));
}

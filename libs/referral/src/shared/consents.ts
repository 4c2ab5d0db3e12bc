import type { EntityManager } from 'typeorm';

export interface ConsentState {
  /** A consent stands: recorded and not withdrawn, or given at the interview and never withdrawn since. */
  given: boolean;
  /** A recorded consent of this category was withdrawn (and none stands). */
  withdrawn: boolean;
}

const recorded = (file: string, category: string, withdrawn: boolean) =>
  `EXISTS (SELECT 1 FROM consent k WHERE k.file_id = ${file} AND k.category = ${category} AND k.withdrawn_at IS ${withdrawn ? 'NOT ' : ''}NULL)`;
const atInterview = (file: string, category: string) => `EXISTS (SELECT 1 FROM interview i WHERE i.file_id = ${file} AND (i.consents -> ${category} ->> 'given') = 'true')`;

/**
 * SQL: whether the person or the guardian consents to `category` on `file`
 * (both SQL expressions), R15, R16. A consent recorded on the file stands
 * until withdrawn; one given at the interview stands unless a consent of the
 * category was withdrawn — the person took that category back, and only a
 * new consent gives it again. The one definition, for the checks and for
 * what a partner sees.
 */
export function consentStandsSql(file: string, category: string): string {
  return `(${recorded(file, category, false)} OR (${atInterview(file, category)} AND NOT ${recorded(file, category, true)}))`;
}

/** Whether the person or the guardian consents, per category, in one query (R15, R16). */
export async function consentsOf(manager: EntityManager, fileId: string, categories: readonly string[]): Promise<Map<string, ConsentState>> {
  if (categories.length === 0) return new Map();
  const rows: { category: string; given: boolean; withdrawn: boolean }[] = await manager.query(
    `SELECT c.category, ${consentStandsSql('$1', 'c.category')} AS given, ${recorded('$1', 'c.category', true)} AS withdrawn
       FROM unnest($2::text[]) AS c(category)`,
    [fileId, [...new Set(categories)]],
  );
  return new Map(rows.map((row) => [row.category, { given: row.given, withdrawn: !row.given && row.withdrawn }]));
}

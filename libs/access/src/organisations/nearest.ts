import type { EntityManager } from 'typeorm';

/**
 * The nearest active organisation of a kind serving a division: in the
 * division itself, else in the nearest division above it (`strictlyAbove`:
 * above it only). A county without a public security unit of its own is
 * served by the city's; a bureau escalates to the bureau above.
 * As SQL over placeholders (to embed in a larger query) and as a call.
 */
export function nearestOrganisationSql(codeParam: string, kindParam: string, strictlyAbove = false): string {
  return `(SELECT o.id FROM organisation o JOIN jurisdiction j ON j.code = o.jurisdiction_code
            WHERE o.kind = ${kindParam} AND o.active AND ${codeParam} LIKE j.prefix || '%'${strictlyAbove ? ` AND j.code <> ${codeParam}` : ''}
            ORDER BY length(j.prefix) DESC, o.created_at LIMIT 1)`;
}

export async function nearestOrganisation(manager: EntityManager, jurisdictionCode: string, kind: string, strictlyAbove = false): Promise<string | null> {
  const [row]: { id: string | null }[] = await manager.query(`SELECT ${nearestOrganisationSql('$1', '$2', strictlyAbove)} AS id`, [jurisdictionCode, kind]);
  return row?.id ?? null;
}

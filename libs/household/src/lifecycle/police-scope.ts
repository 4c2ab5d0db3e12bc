import type { Actor } from '#app/access';
import { sqlList, statusesWhere, statusSql, storedOf } from './lifecycle.js';

/**
 * R22: the police unit sees a household registration task once it is raised
 * to it, never before (the statuses the lifecycle table opens to the police),
 * and nothing else of the file. An SQL condition over `h`; `today` is the clock's.
 */
export function policeTaskScope(actor: Actor, params: unknown[], today: string): string {
  const statuses = statusesWhere((status) => status.police);
  return `(h.police_organisation_id = $${params.push(actor.organisationId)} AND h.status IN ${sqlList(storedOf(statuses))}
           AND ${statusSql(`$${params.push(today)}`)} IN ${sqlList(statuses)})`;
}

import type { EntityManager } from 'typeorm';
import type { Actor } from '../actor.js';
import { prefixOf } from '../jurisdictions/jurisdictions.service.js';
import { ROLE_FILE_REACH } from '../roles.js';

/**
 * Which view of a file an actor gets (R16): civil affairs and institutions see
 * the file; police and partners only the minimal view their work needs.
 */
export type FileAudience = 'full' | 'partner';

export interface FileScope {
  /** An SQL condition on the file alias; its parameters were appended to `params`. */
  where: string;
  audience: FileAudience;
}

/**
 * The rows of `victim_file` an actor may read, as an SQL condition (R22: scope
 * in the query, not in the controller). Appends its parameters to `params`;
 * `now` (the clock's) decides whether an emergency access has expired.
 */
export function fileScope(actor: Actor, alias: string, params: unknown[], now: Date): FileScope {
  const reach = ROLE_FILE_REACH[actor.role];
  switch (reach) {
    case 'jurisdiction': {
      const own = `${alias}.responsible_jurisdiction_code LIKE $${params.push(prefixOf(actor.jurisdictionCode) + '%')}`;
      if (actor.role !== 'supervisor') return { where: own, audience: 'full' };
      // A supervisor's emergency access ("break the glass") opens files outside for a while (see EmergencyAccessService).
      const emergency = `EXISTS (SELECT 1 FROM emergency_access e WHERE e.file_id = ${alias}.id AND e.user_id = $${params.push(actor.userId)} AND e.expires_at > $${params.push(now)})`;
      return { where: `(${own} OR ${emergency})`, audience: 'full' };
    }
    case 'institution':
      return { where: `${alias}.current_institution_id = $${params.push(actor.organisationId)}`, audience: 'full' };
    case 'grant':
      // A grant serves open work: a closed file is seen by those who keep it only (R16, R22), whatever grant was left open.
      return {
        where: `(${alias}.state <> 'closed' AND EXISTS (SELECT 1 FROM file_access_grant g WHERE g.file_id = ${alias}.id AND g.organisation_id = $${params.push(actor.organisationId)} AND g.revoked_at IS NULL))`,
        audience: 'partner',
      };
    case 'none':
      return { where: 'false', audience: 'partner' };
  }
}

/**
 * The files an actor may change: like fileScope, but an emergency access opens
 * a file for reading only, and statisticians and administrators change none.
 */
export function fileWriteScope(actor: Actor, alias: string, params: unknown[]): string {
  switch (ROLE_FILE_REACH[actor.role]) {
    case 'jurisdiction':
      return `${alias}.responsible_jurisdiction_code LIKE $${params.push(prefixOf(actor.jurisdictionCode) + '%')}`;
    case 'institution':
    case 'grant':
      // Institutions and grants have no emergency access: the time plays no part.
      return fileScope(actor, alias, params, new Date(0)).where;
    case 'none':
      return 'false';
  }
}

/**
 * Whether a file exists and whether it lies in the actor's scope, without
 * reading or locking it: what "break the glass" asks before it opens a file
 * outside (undefined: no such file).
 */
export async function fileReach(manager: EntityManager, actor: Actor, fileId: string, now: Date): Promise<{ inScope: boolean } | undefined> {
  const params: unknown[] = [fileId];
  const scope = fileScope(actor, 'f', params, now);
  const [file]: { in_scope: boolean }[] = await manager.query(`SELECT COALESCE(${scope.where}, false) AS in_scope FROM victim_file f WHERE f.id = $1`, params);
  return file ? { inScope: file.in_scope } : undefined;
}

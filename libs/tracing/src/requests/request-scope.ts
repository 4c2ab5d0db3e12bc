import { fileScope, prefixOf, ROLE_FILE_REACH, type Actor } from '#app/access';

/**
 * R22: the tracing requests an actor keeps, as an SQL condition on `t`:
 * recorded by their organisation, or (civil affairs) within their
 * jurisdiction. These they may close. Requests are no victim files: this
 * scope is their own, and no file is locked with it.
 */
export function requestKeeperScope(actor: Actor, params: unknown[]): string {
  const own = `t.organisation_id = $${params.push(actor.organisationId)}`;
  if (ROLE_FILE_REACH[actor.role] === 'jurisdiction') {
    const prefix = `$${params.push(prefixOf(actor.jurisdictionCode) + '%')}`;
    return `(${own} OR t.missing_place_code LIKE ${prefix} OR EXISTS (SELECT 1 FROM organisation o WHERE o.id = t.organisation_id AND o.jurisdiction_code LIKE ${prefix}))`;
  }
  return actor.role === 'police_liaison' ? own : 'false';
}

/**
 * R22: the tracing requests an actor may read: those they keep, and those
 * matched to a file they see (civil affairs) or that they were asked to
 * compare (the police unit). A read predicate only (a list or one request).
 */
export function requestReadScope(actor: Actor, params: unknown[], now: Date): string {
  const kept = requestKeeperScope(actor, params);
  if (ROLE_FILE_REACH[actor.role] === 'jurisdiction') {
    const scope = fileScope(actor, 'f', params, now);
    return `(${kept} OR EXISTS (SELECT 1 FROM match_candidate c JOIN victim_file f ON f.id = c.file_id WHERE c.request_id = t.id AND ${scope.where}))`;
  }
  if (actor.role === 'police_liaison') {
    return `(${kept} OR EXISTS (SELECT 1 FROM dna_comparison d JOIN match_candidate c ON c.id = d.candidate_id WHERE c.request_id = t.id AND d.police_organisation_id = $${params.push(actor.organisationId)}))`;
  }
  return kept;
}

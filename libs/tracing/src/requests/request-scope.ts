import { fileScope, prefixOf, ROLE_FILE_REACH, type Actor } from '#app/access';

/**
 * R22: the tracing requests an actor may read, as an SQL condition on `t`:
 * recorded by their organisation or within their jurisdiction (civil affairs),
 * or matched to a file they see; the police, their own and those they were
 * asked to compare. Without candidates: the requests they may close.
 */
export function requestScope(actor: Actor, params: unknown[], now: Date, withCandidates = true): string {
  const reach = ROLE_FILE_REACH[actor.role];
  const own = `t.organisation_id = $${params.push(actor.organisationId)}`;
  if (reach === 'jurisdiction') {
    const prefix = `$${params.push(prefixOf(actor.jurisdictionCode) + '%')}`;
    const within = `(t.missing_place_code LIKE ${prefix} OR EXISTS (SELECT 1 FROM organisation o WHERE o.id = t.organisation_id AND o.jurisdiction_code LIKE ${prefix}))`;
    if (!withCandidates) return `(${own} OR ${within})`;
    const scope = fileScope(actor, 'f', params, now);
    return `(${own} OR ${within} OR EXISTS (SELECT 1 FROM match_candidate c JOIN victim_file f ON f.id = c.file_id WHERE c.request_id = t.id AND ${scope.where}))`;
  }
  if (actor.role === 'police_liaison') {
    if (!withCandidates) return own;
    return `(${own} OR EXISTS (SELECT 1 FROM dna_comparison d JOIN match_candidate c ON c.id = d.candidate_id WHERE c.request_id = t.id AND d.police_organisation_id = $${params.push(actor.organisationId)}))`;
  }
  return 'false';
}

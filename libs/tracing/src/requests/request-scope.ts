import { fileScope, prefixOf, ROLE_FILE_REACH, type Actor } from '#app/access';

/**
 * R22: the tracing requests an actor keeps, as an SQL condition on `t`:
 * recorded by their organisation, or (civil affairs) within their
 * jurisdiction. These they may close and release. Requests are no victim
 * files: this scope is their own, and no file is locked with it.
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
 * How an actor reaches a request (R8, R22):
 * - `holder`: they keep it;
 * - `police_comparison`: their police unit was asked to compare DNA for it;
 * - `released`: its holder released it to a candidate's file they see;
 * - `police_match`: the police reported a DNA match with a file they see;
 * - `candidate`: it is only a candidate for a file they see — the match
 *   explanation and who holds the request, nothing of the family.
 */
export const REQUEST_ACCESS = ['holder', 'police_comparison', 'released', 'police_match', 'candidate'] as const;
export type RequestAccess = (typeof REQUEST_ACCESS)[number];

/**
 * R22: the requests an actor may read (`where`) and how (`access`, one of
 * REQUEST_ACCESS), as SQL over `t`; the parameters are appended to `params`.
 */
export function requestAccess(actor: Actor, params: unknown[], now: Date): { where: string; access: string } {
  const kept = requestKeeperScope(actor, params);
  if (ROLE_FILE_REACH[actor.role] === 'jurisdiction') {
    const onSeenFile = (condition: string) => {
      const scope = fileScope(actor, 'f', params, now);
      return `EXISTS (SELECT 1 FROM match_candidate c JOIN victim_file f ON f.id = c.file_id WHERE c.request_id = t.id AND ${condition} AND ${scope.where})`;
    };
    const released = onSeenFile('EXISTS (SELECT 1 FROM tracing_request_release r WHERE r.request_id = t.id AND r.file_id = c.file_id)');
    const matched = onSeenFile(`EXISTS (SELECT 1 FROM dna_comparison d WHERE d.candidate_id = c.id AND d.outcome = 'match')`);
    const candidate = onSeenFile('true');
    return {
      where: `(${kept} OR ${candidate})`,
      access: `CASE WHEN ${kept} THEN 'holder' WHEN ${released} THEN 'released' WHEN ${matched} THEN 'police_match' ELSE 'candidate' END`,
    };
  }
  if (actor.role === 'police_liaison') {
    const compared = `EXISTS (SELECT 1 FROM dna_comparison d JOIN match_candidate c ON c.id = d.candidate_id WHERE c.request_id = t.id AND d.police_organisation_id = $${params.push(actor.organisationId)})`;
    return { where: `(${kept} OR ${compared})`, access: `CASE WHEN ${kept} THEN 'holder' ELSE 'police_comparison' END` };
  }
  return { where: kept, access: `'holder'` };
}

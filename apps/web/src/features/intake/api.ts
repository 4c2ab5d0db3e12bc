/** Intake (R1): the directory of organisations to pick from, and the two ways a file begins. */
import { useQuery } from '@tanstack/react-query';
import { intakeDiscovery, intakePoliceHandover, organisationsList } from '../../generated/sdk.gen';
import type { DiscoveryDto, DuplicateCandidate, OrganisationView, PoliceHandoverDto } from '../../generated/types.gen';
import { ApiError } from '../../shared/api/api-error';
import { call } from '../../shared/api/client';

export type OrganisationKind = OrganisationView['kind'];

export const organisationKeys = { list: (kinds: readonly OrganisationKind[], within?: string) => ['organisations', 'list', kinds, within] as const };

/** The active organisations of some kinds (within a division), for a picker: the first 200 by name are plenty for a county. */
export function useOrganisations(kinds: readonly OrganisationKind[], within?: string) {
  return useQuery({
    queryKey: organisationKeys.list(kinds, within),
    queryFn: async () => {
      const pages = await Promise.all(kinds.map((kind) => call(organisationsList({ query: { kind, limit: 200, ...(within ? { within } : {}) } }))));
      return pages.flatMap((page) => page.items).filter((organisation) => organisation.active);
    },
    staleTime: 5 * 60_000,
  });
}

export const recordPoliceHandover = (body: PoliceHandoverDto) => call(intakePoliceHandover({ body }));
export const recordDiscovery = (body: DiscoveryDto) => call(intakeDiscovery({ body }));

/** R4: the 409 LIKELY_DUPLICATE answer carries the candidates in `details.candidates`. */
export function duplicateCandidates(error: unknown): DuplicateCandidate[] | null {
  if (!(error instanceof ApiError) || error.code !== 'LIKELY_DUPLICATE') return null;
  const candidates = (error.details as { candidates?: unknown } | null)?.candidates;
  return Array.isArray(candidates) ? candidates.filter(isCandidate) : [];
}

function isCandidate(value: unknown): value is DuplicateCandidate {
  const candidate = value as DuplicateCandidate;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.personId === 'string' && Array.isArray(candidate.reasons) && Array.isArray(candidate.files);
}

/** Tracing (R8–R10): the file's tracing, its leads, candidates and duty notices, and the caseworker's writes on them. */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  tracingCandidatesDismiss,
  tracingCandidatesList,
  tracingDnaRequest,
  tracingDutyNoticesRecord,
  tracingFilesGet,
  tracingLeadsAdd,
  tracingLeadsOutcome,
} from '../../generated/sdk.gen';
import type { CandidatePage, DismissCandidateDto, DnaRequestDto, DutyNoticeDto, LeadDto, LeadOutcomeDto } from '../../generated/types.gen';
import { call } from '../../shared/api/client';
import { keysetList } from '../../shared/api/keyset';

/** Under the file's prefix: invalidating ['files','detail',id] refetches it too. */
export const tracingKeys = {
  file: (fileId: string) => ['files', 'detail', fileId, 'tracing'] as const,
  candidates: (fileId: string) => ['files', 'detail', fileId, 'tracing', 'candidates'] as const,
};

export function useFileTracing(fileId: string) {
  return useQuery({ queryKey: tracingKeys.file(fileId), queryFn: () => call(tracingFilesGet({ path: { id: fileId } })) });
}

/**
 * The candidates by keyset pages (加载更多): the first page is the one the
 * file's tracing came with (fetched at `fetchedAt`), the next ones from
 * GET /files/{id}/tracing/candidates. A write refetches them all with the tracing.
 */
export function useCandidates(fileId: string, first: CandidatePage, fetchedAt: number) {
  return useInfiniteQuery({
    ...keysetList(tracingKeys.candidates(fileId), (page) => call(tracingCandidatesList({ path: { id: fileId }, query: page }))),
    initialData: { pages: [first], pageParams: [undefined] },
    initialDataUpdatedAt: fetchedAt,
    // As fresh as the tracing it came with: no second fetch of the first page on opening the tab.
    staleTime: 60_000,
  });
}

/** No optimistic updates: after a write the tracing (and the file, whose transitions a duty notice unblocks) is fetched again. */
export function useTracingWrites(fileId: string) {
  const queryClient = useQueryClient();
  const written = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    await queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] });
    return value;
  };
  return {
    dismiss: (candidateId: string, body: DismissCandidateDto) => written(call(tracingCandidatesDismiss({ path: { id: candidateId }, body }))),
    /** R9: only the unit, its reference and the date; the page never holds genetic data. */
    referToPolice: (candidateId: string, body: DnaRequestDto) => written(call(tracingDnaRequest({ path: { id: candidateId }, body }))),
    /** R8: a lead the person gave; the matcher runs again with it. */
    addLead: (body: LeadDto) => written(call(tracingLeadsAdd({ path: { id: fileId }, body }))),
    /** R8: what following a lead up found. */
    leadOutcome: (leadId: string, body: LeadOutcomeDto) => written(call(tracingLeadsOutcome({ path: { id: fileId, leadId }, body }))),
    /** R8: the relatives found were told of their duties of care. */
    dutyNotice: (body: DutyNoticeDto) => written(call(tracingDutyNoticesRecord({ path: { id: fileId }, body }))),
  };
}

/** Tracing (R8–R10): the file's tracing, its candidates, and the caseworker's writes on them. */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { tracingCandidatesDismiss, tracingCandidatesList, tracingDnaRequest, tracingFilesGet } from '../../generated/sdk.gen';
import type { CandidatePage, DismissCandidateDto, DnaRequestDto } from '../../generated/types.gen';
import { call } from '../../shared/api/client';

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
    queryKey: tracingKeys.candidates(fileId),
    queryFn: ({ pageParam }) => call(tracingCandidatesList({ path: { id: fileId }, query: { limit: 50, cursor: pageParam } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    initialData: { pages: [first], pageParams: [undefined] },
    initialDataUpdatedAt: fetchedAt,
    // As fresh as the tracing it came with: no second fetch of the first page on opening the tab.
    staleTime: 60_000,
  });
}

/** No optimistic updates: after a write the tracing (and the file) is fetched again. */
export function useTracingWrites(fileId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] });
  return {
    dismiss: async (candidateId: string, body: DismissCandidateDto) => {
      const result = await call(tracingCandidatesDismiss({ path: { id: candidateId }, body }));
      await refresh();
      return result;
    },
    /** R9: only the unit, its reference and the date; the page never holds genetic data. */
    referToPolice: async (candidateId: string, body: DnaRequestDto) => {
      const result = await call(tracingDnaRequest({ path: { id: candidateId }, body }));
      await refresh();
      return result;
    },
  };
}

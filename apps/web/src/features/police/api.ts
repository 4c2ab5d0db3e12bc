/** The police unit's workspace: its handovers (R1), the DNA comparisons asked of it (R9, R10), the household registrations raised to it (R11). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { filesGet, householdTasksList, intakePoliceHandoversList, tracingDnaGet, tracingDnaList, tracingDnaReportOutcome, tracingRequestsGet } from '../../generated/sdk.gen';
import type { DnaOutcomeDto } from '../../generated/types.gen';
import { call } from '../../shared/api/client';
import { keysetList, QUEUE_PAGE } from '../../shared/api/keyset';

export const policeKeys = {
  handovers: ['police', 'handovers'] as const,
  comparisons: ['police', 'dna'] as const,
  comparisonList: (status: 'pending' | 'all') => ['police', 'dna', 'list', status] as const,
  comparison: (id: string) => ['police', 'dna', 'detail', id] as const,
  householdList: (status: 'due' | 'all') => ['police', 'household', status] as const,
};

/** The unit's own handovers, the newest first (加载更多). */
export const useHandovers = () => useInfiniteQuery(keysetList(policeKeys.handovers, (page) => call(intakePoliceHandoversList({ query: page })), QUEUE_PAGE));

/** The comparisons asked of the unit: pending ones (default), or all with the reported ones after them. */
export const useComparisons = (status: 'pending' | 'all') =>
  useInfiniteQuery(keysetList(policeKeys.comparisonList(status), (page) => call(tracingDnaList({ query: { status, ...page } })), QUEUE_PAGE));

export const useComparison = (id: string) => useQuery({ queryKey: policeKeys.comparison(id), queryFn: () => call(tracingDnaGet({ path: { id } })) });

/**
 * The candidate pair while the unit compares (R9): the file's partner view
 * and the family's request. Asked only while the outcome is pending — the
 * unit's view of the file closes with its report.
 */
export function useCandidatePair(comparison: { fileId: string; requestId: string } | undefined, pending: boolean) {
  const enabled = comparison !== undefined && pending;
  const file = useQuery({ queryKey: ['police', 'dna', 'file', comparison?.fileId], queryFn: () => call(filesGet({ path: { id: comparison!.fileId } })), enabled });
  const request = useQuery({
    queryKey: ['police', 'dna', 'request', comparison?.requestId],
    queryFn: () => call(tracingRequestsGet({ path: { id: comparison!.requestId } })),
    enabled,
  });
  return { file, request };
}

/** The outcome as the unit reports it; genetic content anywhere is refused by the server (422 GENETIC_DATA_REFUSED, R9). */
export function useReportOutcome(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DnaOutcomeDto) => call(tracingDnaReportOutcome({ path: { id }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policeKeys.comparisons }),
  });
}

/** The registration tasks raised to the unit (due), or every open one, the oldest due first. */
export const useHouseholdTasks = (status: 'due' | 'all') =>
  useInfiniteQuery(keysetList(policeKeys.householdList(status), (page) => call(householdTasksList({ query: { status, ...page } })), QUEUE_PAGE));

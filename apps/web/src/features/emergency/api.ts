/** Emergency access ("break the glass"): keys, one's own accesses, those to review, the writes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { emergencyAccessForReview, emergencyAccessMine, emergencyAccessOpen, emergencyAccessReview } from '../../generated/sdk.gen';
import { call } from '../../shared/api/client';

export const emergencyKeys = {
  all: ['emergency'] as const,
  mine: ['emergency', 'mine'] as const,
  review: (status: 'unreviewed' | 'all') => ['emergency', 'review', status] as const,
};

/** One's own accesses, active first; refreshed each minute so an expired access leaves the banner. */
export const useMyEmergencyAccess = (enabled: boolean) =>
  useQuery({ queryKey: emergencyKeys.mine, queryFn: () => call(emergencyAccessMine({ query: { limit: 20 } })), enabled, refetchInterval: 60_000 });

export const useEmergencyForReview = (status: 'unreviewed' | 'all', enabled: boolean) =>
  useQuery({ queryKey: emergencyKeys.review(status), queryFn: () => call(emergencyAccessForReview({ query: { status, limit: 50 } })), enabled });

export function useOpenEmergencyAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fileId, reason }: { fileId: string; reason: string }) => call(emergencyAccessOpen({ path: { fileId }, body: { reason } })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: emergencyKeys.all }), queryClient.invalidateQueries({ queryKey: ['files'] })]),
  });
}

export function useReviewEmergencyAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) => call(emergencyAccessReview({ path: { id }, body: { note } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: emergencyKeys.all }),
  });
}

/** R17: a file's follow-up plan and the recording of a visit. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { followupPlan, followupRecordVisit } from '../../generated/sdk.gen';
import type { FollowupVisitView, VisitDto } from '../../generated/types.gen';
import { ApiError } from '../../shared/api/api-error';
import { call } from '../../shared/api/client';

export type Visit = FollowupVisitView;

/** Under the file's key: invalidating the file refreshes its plan. */
export const followupKeys = {
  plan: (fileId: string) => ['files', 'detail', fileId, 'followup'] as const,
};

/** How often a plan that is being made is looked for again. */
const COMING_MS = 2_000;

/**
 * The plan, or null before there is one (404 PLAN_NOT_FOUND: not reunified or
 * resettled yet). `coming`: the file is past the step that makes it — the
 * worker makes it just after the commit, so it is looked for again until it is there.
 */
export function useFollowupPlan(fileId: string, coming: boolean) {
  return useQuery({
    queryKey: followupKeys.plan(fileId),
    refetchInterval: (query) => (coming && query.state.data === null ? COMING_MS : false),
    queryFn: async () => {
      try {
        return await call(followupPlan({ path: { id: fileId } }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'PLAN_NOT_FOUND') return null;
        throw error;
      }
    },
  });
}

export function useRecordVisit(fileId: string) {
  const queryClient = useQueryClient();
  return async (visitId: string, body: VisitDto) => {
    const recorded = await call(followupRecordVisit({ path: { id: fileId, visitId }, body }));
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] }), queryClient.invalidateQueries({ queryKey: ['inbox'] })]);
    return recorded;
  };
}

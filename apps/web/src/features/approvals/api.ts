/** Approvals awaiting a supervisor (four eyes): keys, the list, the decisions. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { approvalsApprove, approvalsList, approvalsReject, organisationsGet } from '../../generated/sdk.gen';
import type { AppliedTransition, ApprovalClosed } from '../../generated/types.gen';
import { call } from '../../shared/api/client';
import { keysetList, QUEUE_PAGE } from '../../shared/api/keyset';

export const approvalKeys = { all: ['approvals'] as const, list: ['approvals', 'list', 'pages'] as const };

/** Oldest first, keyset pages (加载更多). */
export function useApprovalList() {
  return useInfiniteQuery(keysetList(approvalKeys.list, (page) => call(approvalsList({ query: page })), QUEUE_PAGE));
}

export type Decision = { kind: 'approve'; id: string; reason?: string } | { kind: 'reject'; id: string; reason: string };

/** Approve (the step is applied now) or reject with a reason; either way the lists, the file and the inbox refresh. */
export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision): Promise<AppliedTransition | ApprovalClosed> =>
      decision.kind === 'approve'
        ? call(approvalsApprove({ path: { id: decision.id }, body: { reason: decision.reason || undefined } }))
        : call(approvalsReject({ path: { id: decision.id }, body: { reason: decision.reason } })),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['files'] }),
        queryClient.invalidateQueries({ queryKey: ['inbox'] }),
      ]),
  });
}

/** An organisation named in a request's data (an institution, the bureau a file is transferred to), by its name. */
export const useOrganisationName = (id: string) =>
  useQuery({
    queryKey: ['organisations', 'detail', id],
    queryFn: () => call(organisationsGet({ path: { id } })),
    select: (organisation) => organisation.name,
    staleTime: 10 * 60_000,
  });

/** The inbox (notifications, due reminders) and approvals awaiting the user: keys, queries, writes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { approvalsList, notificationsCounts, notificationsList, notificationsRead, remindersAcknowledge } from '../../generated/sdk.gen';
import { call } from '../../shared/api/client';

export const inboxKeys = {
  all: ['inbox'] as const,
  counts: ['inbox', 'counts'] as const,
  list: ['inbox', 'list'] as const,
};
export const approvalKeys = { list: ['approvals', 'list'] as const };

/** Live (the stream refreshes it) or, while the stream is down, polled. */
export const useInboxCounts = (live = false) => useQuery({ queryKey: inboxKeys.counts, queryFn: () => call(notificationsCounts()), refetchInterval: live ? false : 30_000 });
export const useInbox = () => useQuery({ queryKey: inboxKeys.list, queryFn: () => call(notificationsList({ query: { limit: 20 } })) });
export const useApprovals = (enabled: boolean) => useQuery({ queryKey: approvalKeys.list, queryFn: () => call(approvalsList({ query: { limit: 10 } })), enabled });

/** Acknowledge a reminder (stops its escalation) or mark a notice read; both refresh the counters. */
export function useInboxAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: 'acknowledge' | 'read'; id: string }) =>
      kind === 'acknowledge' ? call(remindersAcknowledge({ path: { id } })) : call(notificationsRead({ path: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

/** The inbox (notifications, due reminders), approvals awaiting the user, the user's files and what is due on them, incoming transfers, overdue follow-ups: keys, queries, writes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  approvalsList,
  followupOverdue,
  followupOverdueByWorker,
  meFiles,
  notificationsCounts,
  notificationsList,
  notificationsRead,
  remindersAcknowledge,
  transfersAccept,
  transfersDecline,
  transfersList,
} from '../../generated/sdk.gen';
import type { NotificationView } from '../../generated/types.gen';
import { call } from '../../shared/api/client';
import { fileKeys } from '../files';

export const inboxKeys = {
  all: ['inbox'] as const,
  counts: ['inbox', 'counts'] as const,
  list: ['inbox', 'list'] as const,
};
export const approvalKeys = { list: ['approvals', 'list'] as const };
export const transferKeys = { incoming: ['transfers', 'incoming'] as const };
export const myFilesKeys = { list: ['files', 'mine'] as const };
export const overdueKeys = { summary: ['followup', 'overdue'] as const, workers: ['followup', 'overdue', 'workers'] as const };

/** Live (the stream refreshes it) or, while the stream is down, polled. */
export const useInboxCounts = (live = false) => useQuery({ queryKey: inboxKeys.counts, queryFn: () => call(notificationsCounts()), refetchInterval: live ? false : 30_000 });
export const useInbox = () => useQuery({ queryKey: inboxKeys.list, queryFn: () => call(notificationsList({ query: { limit: 20 } })) });
export const useApprovals = (enabled: boolean) => useQuery({ queryKey: approvalKeys.list, queryFn: () => call(approvalsList({ query: { limit: 10 } })), enabled });

/**
 * Acknowledge a reminder (stops its escalation; its notice is then read too,
 * so it leaves the unread count) or mark a notice read; both refresh the counters.
 */
export function useInboxAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, item }: { kind: 'acknowledge' | 'read'; item: NotificationView }) => {
      if (kind === 'acknowledge') await call(remindersAcknowledge({ path: { id: item.reminderId! } }));
      if (!item.readAt) await call(notificationsRead({ path: { id: item.id } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

/** The user's open files with what is due next on each, the nearest first (one page: the workbench shows the first ten). Under ['files']: a write to a file refreshes it. */
export const useMyFiles = () => useQuery({ queryKey: myFilesKeys.list, queryFn: () => call(meFiles({ query: { limit: 10 } })) });

/** Files other jurisdictions transfer to the user's bureau, awaiting acceptance (oldest first). */
export const useIncomingTransfers = (enabled: boolean) => useQuery({ queryKey: transferKeys.incoming, queryFn: () => call(transfersList({ query: { limit: 10 } })), enabled });

/** Accept a transfer (the file becomes the bureau's) or decline it with a reason; the files and the inbox follow. */
export function useTransferDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'accept' | 'decline'; reason?: string }) =>
      decision === 'accept' ? call(transfersAccept({ path: { id }, body: {} })) : call(transfersDecline({ path: { id }, body: { reason: reason ?? '' } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: transferKeys.incoming }),
        queryClient.invalidateQueries({ queryKey: fileKeys.all }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
      ]),
  });
}

/** The supervisor's overdue follow-ups in their jurisdiction: in all, per kind, and who holds them. */
export const useOverdue = (enabled: boolean) => useQuery({ queryKey: overdueKeys.summary, queryFn: () => call(followupOverdue()), enabled });
export const useOverdueWorkers = (enabled: boolean) => useQuery({ queryKey: overdueKeys.workers, queryFn: () => call(followupOverdueByWorker({ query: { limit: 5 } })), enabled });

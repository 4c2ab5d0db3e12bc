/**
 * The live inbox: a single-use ticket (an EventSource cannot send the access
 * token), then Server-Sent Events; each `notification` refreshes the inbox.
 * While the stream is down the counters poll instead, and a new stream is
 * tried after a pause; `end` (the login ended) stops it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { notificationsStreamTicket } from '../../generated/sdk.gen';
import { call } from '../../shared/api/client';
import { inboxKeys } from './api';

/** How often the counters poll while the stream is down, and how long before a new stream is tried. */
export const POLL_MS = 30_000;

export function useLiveInbox(enabled: boolean): { live: boolean } {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retry: number | undefined;
    let stopped = false;

    const fallBack = () => {
      source?.close();
      setLive(false);
      if (!stopped) retry = window.setTimeout(() => void connect(), POLL_MS);
    };
    const connect = async () => {
      try {
        const { ticket } = await call(notificationsStreamTicket());
        if (stopped) return;
        source = new EventSource(`/me/notifications/stream?ticket=${encodeURIComponent(ticket)}`);
        source.addEventListener('ready', () => setLive(true));
        source.addEventListener('notification', () => void queryClient.invalidateQueries({ queryKey: inboxKeys.all }));
        source.addEventListener('end', () => {
          stopped = true;
          source?.close();
          setLive(false);
        });
        // A ticket opens one stream: on any failure close it and come back with a new ticket later.
        source.onerror = fallBack;
      } catch {
        fallBack();
      }
    };

    void connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      source?.close();
      setLive(false);
    };
  }, [enabled, queryClient]);

  return { live };
}

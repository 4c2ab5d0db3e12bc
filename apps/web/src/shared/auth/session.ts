/**
 * The browser session (WEB.md §7). The access token lives in this module's
 * memory only; the refresh token is an httpOnly cookie the page never sees,
 * sent by the browser to POST /auth/refresh alone.
 *
 * A refresh token is single use and reusing one ends the login, so refreshes
 * are single-flight: one per tab (a shared promise) and one across tabs
 * (navigator.locks), so a waiting tab sends the cookie the first one rotated.
 * Signing out tells every tab (BroadcastChannel).
 */
import { authLogin, authLogout, authRefresh } from '../../generated/sdk.gen';
import { ApiError } from '../api/api-error';

let accessToken: string | null = null;
let inflight: Promise<boolean> | null = null;
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('huijia-auth');

channel?.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
  if (event.data?.type === 'signed-out') signedOut();
});

export function getAccessToken(): string | null {
  return accessToken;
}

/** Called when this tab's login ended (here or in another tab). */
export function onSignedOut(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function signedOut(): void {
  accessToken = null;
  for (const listener of listeners) listener();
}

export async function signIn(username: string, password: string): Promise<void> {
  const { data, error, response } = await authLogin({ body: { username, password, session: 'cookie' } });
  if (!data) throw ApiError.fromEnvelope(response?.status ?? 0, error);
  accessToken = data.accessToken;
}

/** A new access token from the refresh cookie; false when there is no login to continue. */
export function refreshSession(): Promise<boolean> {
  inflight ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request('huijia-refresh', refreshNow) : await refreshNow();
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

async function refreshNow(): Promise<boolean> {
  try {
    const { data } = await authRefresh({ body: { session: 'cookie' } });
    accessToken = data?.accessToken ?? null;
  } catch {
    accessToken = null;
  }
  return accessToken !== null;
}

/** Ends the login on the server (and clears the cookie), then in every tab. */
export async function signOut(): Promise<void> {
  try {
    if (accessToken) await authLogout();
  } finally {
    channel?.postMessage({ type: 'signed-out' });
    signedOut();
  }
}

/** Who is signed in (GET /me), and what their role may call (the operations' x-roles). */
import { useQuery } from '@tanstack/react-query';
import { OPERATION_ROLES } from '../../generated/operation-roles.gen';
import { authMe } from '../../generated/sdk.gen';
import type { MeView } from '../../generated/types.gen';
import { ApiError } from '../api/api-error';
import { call } from '../api/client';
import { getAccessToken, refreshSession } from './session';

export const meKey = ['me'] as const;

/** Boot: continue the login from the refresh cookie if there is no access token yet; null when nobody is signed in. */
async function loadMe(): Promise<MeView | null> {
  if (!getAccessToken() && !(await refreshSession())) return null;
  try {
    return await call(authMe());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Kept while the shell shows it; forgotten as soon as the shell goes (sign-in page), so the next visit asks again. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: loadMe, staleTime: 5 * 60_000, gcTime: 0, retry: false });
}

/** Whether the API lets this role call the operation: navigation and buttons show only what it would allow. */
export function canCall(me: Pick<MeView, 'role'> | null | undefined, operationId: string): boolean {
  return me != null && (OPERATION_ROLES[operationId] ?? []).includes(me.role);
}

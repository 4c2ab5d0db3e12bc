/**
 * The one place the generated client is configured (WEB.md §2): same origin,
 * the access token and the language on every request, and on a 401 one
 * refresh and one retry. `call` turns the envelope of a failed call into an
 * ApiError, so pages never read `{ data, error }` themselves.
 */
import i18n from 'i18next';
import { client } from '../../generated/client.gen';
import { getAccessToken, refreshSession } from '../auth/session';
import { ApiError } from './api-error';

async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  // Signing in and refreshing answer 401 for themselves; every other call (sign-out included, so it really ends the login) refreshes once.
  const path = new URL(request.url).pathname;
  const isAuthCall = path === '/auth/login' || path === '/auth/refresh';
  const retry = request.clone();
  const send = (req: Request) => {
    const token = getAccessToken();
    if (token) req.headers.set('authorization', `Bearer ${token}`);
    req.headers.set('accept-language', i18n.language ?? 'zh-CN');
    return fetch(req);
  };
  const response = await send(request);
  if (response.status !== 401 || isAuthCall) return response;
  return (await refreshSession()) ? send(retry) : response;
}

client.setConfig({ baseUrl: '', fetch: authFetch, credentials: 'same-origin' });

interface Result<T> {
  data?: T;
  error?: unknown;
  response?: Response;
}

export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch {
    throw ApiError.network();
  }
  const status = result.response?.status ?? 0;
  if (result.error !== undefined || status >= 400) throw ApiError.fromEnvelope(status, result.error);
  return result.data as T;
}

import type { Request, Response } from 'express';
import type { AppConfig } from '#app/platform';

/**
 * The browser's refresh token: an httpOnly, SameSite=Strict cookie the
 * browser sends to POST /auth/refresh only, so page scripts never hold it and
 * no other route ever receives it. `Secure` follows COOKIE_SECURE (on by
 * default in production). JSON clients that do not ask for it
 * (`session: "cookie"`) keep receiving the token in the body.
 */
export const REFRESH_COOKIE = 'huijia_refresh';
export const REFRESH_COOKIE_PATH = '/auth/refresh';

/** Where a client wants its refresh token: in the answer's body (default) or in the cookie. */
export const SESSION_MODES = ['body', 'cookie'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/** The value of one cookie of the request, read from the Cookie header (no cookie-parser: two cookies of known shape are all we read). */
export function cookieOf(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  let value: string | undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) value = part.slice(eq + 1).trim();
  }
  return value === '' ? undefined : value;
}

export function setRefreshCookie(response: Response, token: string, config: AppConfig): void {
  response.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: config.http.cookieSecure,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    maxAge: config.auth.refreshTokenTtlDays * 86_400_000,
  });
}

export function clearRefreshCookie(response: Response, config: AppConfig): void {
  response.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: config.http.cookieSecure, sameSite: 'strict', path: REFRESH_COOKIE_PATH });
}

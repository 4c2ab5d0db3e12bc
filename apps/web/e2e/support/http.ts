/**
 * The API outside the page, for setting data up as people would (its own
 * logins: no cookie in the page), on the stack global-setup.ts started. No
 * Playwright here: global-setup's seed uses it too.
 */
export async function api<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${process.env.HUIJIA_E2E_BASE_URL!}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An access token for a user. */
export const tokenOf = async (username: string, password: string) => (await api<{ accessToken: string }>('POST', '/auth/login', { username, password })).accessToken;

import request from 'supertest';
import type { App } from 'supertest/types.js';

/**
 * Every item of a keyset-paged list, walked page by page `limit` at a time
 * through nextCursor: the ids in the order served (`key` names the id field).
 * Each page holds at most `limit` items.
 */
export async function walkPages(server: App, auth: { authorization: string }, path: string, limit: number, key = 'id'): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = (
      await request(server)
        .get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        .set(auth)
        .expect(200)
    ).body as { items: Record<string, string>[]; nextCursor: string | null };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((item) => item[key]));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

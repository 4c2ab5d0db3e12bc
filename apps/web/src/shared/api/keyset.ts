import type { QueryKey } from '@tanstack/react-query';

/** A list's page when the screen shows the whole list by 加载更多. */
export const KEYSET_PAGE = 50;
/** A work queue's page (approvals, a partner's inbox, the police's lists): the oldest or most urgent first, fewer at a time. */
export const QUEUE_PAGE = 20;

/** The keyset paging every list of the API shares ({ items, nextCursor }, ?cursor=). */
const keysetPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page: { nextCursor?: string | null }) => page.nextCursor ?? undefined,
};

/**
 * A keyset-paged list for useInfiniteQuery (or infiniteQueryOptions): `fetchPage` asks for one page of `limit`
 * after `cursor` (spread them into the operation's query); more options may be spread beside it.
 */
export function keysetList<TKey extends QueryKey, TPage extends { nextCursor?: string | null }>(
  queryKey: TKey,
  fetchPage: (page: { limit: number; cursor: string | undefined }) => Promise<TPage>,
  limit = KEYSET_PAGE,
) {
  return { queryKey, queryFn: ({ pageParam }: { pageParam: string | undefined }) => fetchPage({ limit, cursor: pageParam }), ...keysetPaging };
}

/** The keyset paging every list of the API shares ({ items, nextCursor }, ?cursor=): spread into useInfiniteQuery. */
export const keysetPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page: { nextCursor?: string | null }) => page.nextCursor ?? undefined,
};

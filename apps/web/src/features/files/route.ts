/**
 * The files list route's loader: the router calls it at the navigation (a page
 * load, the navigation's link, a search's Enter), before the page's code has
 * rendered, so GET /files leaves as soon as there is an access token — beside
 * GET /me, not after it. It does not wait for the answer: the page shows it
 * from the query cache.
 */
import type { LoaderFunctionArgs } from 'react-router';
import { queryClient } from '../../app/query-client';
import { getAccessToken, refreshSession } from '../../shared/auth/session';
import { fileListQuery, filtersFromUrl } from './api';

export function filesListLoader({ request }: LoaderFunctionArgs): null {
  const filters = filtersFromUrl(new URL(request.url).searchParams);
  // No login to continue: the shell sends the visitor to the sign-in page.
  void (async () => {
    if (getAccessToken() || (await refreshSession())) await queryClient.prefetchInfiniteQuery(fileListQuery(filters));
  })();
  return null;
}

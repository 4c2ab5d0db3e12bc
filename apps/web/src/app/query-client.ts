import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../shared/api/api-error';

/**
 * The signed-in pages' cache. It is provided by the shell, not the root, so
 * the sign-in page loads no query code (its JavaScript budget). Retry network
 * failures and 5xx only: a 4xx is an answer (WEB.md §2).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** Files: query keys (one prefix invalidates a file) and queries. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { filesGet, filesList } from '../../generated/sdk.gen';
import type { FilesListData } from '../../generated/types.gen';
import { call } from '../../shared/api/client';

export type FileFilters = Omit<NonNullable<FilesListData['query']>, 'cursor' | 'limit'>;
export type FileState = NonNullable<FileFilters['state']>;
export type AgeBand = NonNullable<FileFilters['ageBand']>;

export const FILE_STATES: readonly FileState[] = [
  'received',
  'in_care',
  'returning_home',
  'tracing',
  'repatriation',
  'reunified',
  'locally_resettled',
  'repatriated',
  'follow_up',
  'closed',
];
export const AGE_BANDS: readonly AgeBand[] = ['0-5', '6-15', '16-17', '18-59', '60+'];

export const fileKeys = {
  all: ['files'] as const,
  list: (filters: FileFilters) => ['files', 'list', filters] as const,
  detail: (id: string) => ['files', 'detail', id] as const,
};

/** Keyset pages (WEB.md §2): 加载更多, no page numbers or totals. */
export function useFileList(filters: FileFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...fileKeys.list(filters), limit],
    queryFn: ({ pageParam }) => call(filesList({ query: { ...filters, limit, cursor: pageParam } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useFile(id: string) {
  return useQuery({ queryKey: fileKeys.detail(id), queryFn: () => call(filesGet({ path: { id } })) });
}

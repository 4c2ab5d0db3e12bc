/** Files: query keys (one prefix invalidates a file) and queries. */
import { infiniteQueryOptions, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  auditFile,
  filesGet,
  filesHistory,
  filesList,
  guardiansAdd,
  interviewAddAddendum,
  interviewRead,
  interviewRecord,
  returnHomeSet,
  stayAddNote,
  stayArrival,
  stayDeparture,
  stayLeave,
  stayRead,
  stayReturn,
  transitionsAvailable,
  transitionsFire,
} from '../../generated/sdk.gen';
import type {
  AddendumDto,
  ArrivalDto,
  CareNoteDto,
  DepartureDto,
  LeaveDto,
  ReturnDto,
  FilesListData,
  GuardianDto,
  InterviewDto,
  ReturnHomeDto,
  TransitionsFireData,
} from '../../generated/types.gen';
import { ApiError } from '../../shared/api/api-error';
import { call } from '../../shared/api/client';
import { keysetList } from '../../shared/api/keyset';

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
/** Where a person may be placed and stay (R5). */
export const INSTITUTION_KINDS = ['assistance_institution', 'minor_protection_centre', 'child_welfare_institution'] as const;

export const fileKeys = {
  all: ['files'] as const,
  list: (filters: FileFilters) => ['files', 'list', filters] as const,
  detail: (id: string) => ['files', 'detail', id] as const,
  transitions: (id: string) => ['files', 'detail', id, 'transitions'] as const,
  history: (id: string) => ['files', 'detail', id, 'history'] as const,
  interview: (id: string) => ['files', 'detail', id, 'interview'] as const,
  audit: (id: string) => ['files', 'detail', id, 'audit'] as const,
  stay: (id: string) => ['files', 'detail', id, 'stay'] as const,
};

/** The filters the URL holds (a reload or a shared link keeps them), as the API takes them. */
export const FILTER_PARAMS = ['q', 'state', 'minor', 'ageBand', 'institutionId', 'jurisdiction'] as const satisfies readonly (keyof FileFilters)[];

export function filtersFromUrl(params: URLSearchParams): FileFilters {
  return Object.fromEntries(FILTER_PARAMS.flatMap((name) => (params.get(name) ? [[name, params.get(name)]] : []))) as FileFilters;
}

/**
 * Keyset pages (WEB.md §2): 加载更多, no page numbers or totals. Shared by the
 * page and its route's loader, which starts the request at the navigation;
 * fresh for a few seconds so the page mounting on the loader's answer does
 * not ask again (writes invalidate the lists).
 */
export const fileListQuery = (filters: FileFilters) =>
  infiniteQueryOptions({
    ...keysetList(fileKeys.list(filters), (page) => call(filesList({ query: { ...filters, ...page } }))),
    staleTime: 10_000,
  });

export function useFileList(filters: FileFilters) {
  return useInfiniteQuery(fileListQuery(filters));
}

export function useFile(id: string) {
  return useQuery({ queryKey: fileKeys.detail(id), queryFn: () => call(filesGet({ path: { id } })) });
}

/** The steps the caller may take now and why the others are disabled: the only source of the actions panel (WEB.md §4). */
export function useTransitions(id: string, enabled = true) {
  return useQuery({ queryKey: fileKeys.transitions(id), queryFn: () => call(transitionsAvailable({ path: { id } })), enabled });
}

export function useHistory(id: string) {
  return useInfiniteQuery(keysetList(fileKeys.history(id), (page) => call(filesHistory({ path: { id }, query: page }))));
}

/** R2: the one interview and its addenda; null before it is recorded (404 INTERVIEW_MISSING). */
export function useInterview(id: string) {
  return useQuery({
    queryKey: fileKeys.interview(id),
    queryFn: async () => {
      try {
        return await call(interviewRead({ path: { id } }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'INTERVIEW_MISSING') return null;
        throw error;
      }
    },
  });
}

/** Who looked at the file (supervisors): its audit record, newest first. */
export function useFileAudit(id: string) {
  return useInfiniteQuery(keysetList(fileKeys.audit(id), (page) => call(auditFile({ path: { fileId: id }, query: page }))));
}

/** The stay in the institution: arrival, care notes, leaves (overdue by the server's clock), departure. */
export function useStay(id: string) {
  return useQuery({ queryKey: fileKeys.stay(id), queryFn: () => call(stayRead({ path: { id } })) });
}

export type FireBody = TransitionsFireData['body'];

/** The writes of the file page. No optimistic updates (guards may refuse): after success, or a 409, the file is fetched again. */
export function useFileWrites(id: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: fileKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: ['files', 'list'] }),
      queryClient.invalidateQueries({ queryKey: ['inbox'] }),
    ]);
  const write =
    <A extends unknown[], T>(run: (...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      try {
        const result = await run(...args);
        await refresh();
        return result;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) await refresh();
        throw error;
      }
    };
  return {
    refresh,
    fire: write((body: FireBody) => call(transitionsFire({ path: { id }, body }))),
    recordInterview: write((body: InterviewDto) => call(interviewRecord({ path: { id }, body }))),
    addAddendum: write((body: AddendumDto) => call(interviewAddAddendum({ path: { id }, body }))),
    setReturnHome: write((body: ReturnHomeDto) => call(returnHomeSet({ path: { id }, body }))),
    addGuardian: write((body: GuardianDto) => call(guardiansAdd({ path: { id }, body }))),
    stayArrival: write((body: ArrivalDto) => call(stayArrival({ path: { id }, body }))),
    stayNote: write((body: CareNoteDto) => call(stayAddNote({ path: { id }, body }))),
    stayLeave: write((body: LeaveDto) => call(stayLeave({ path: { id }, body }))),
    stayReturn: write((leaveId: string, body: ReturnDto) => call(stayReturn({ path: { id, leaveId }, body }))),
    stayDeparture: write((body: DepartureDto) => call(stayDeparture({ path: { id }, body }))),
  };
}

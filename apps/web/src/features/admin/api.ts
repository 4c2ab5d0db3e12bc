/** The administrators' workspace: users, organisations, jurisdictions, the working calendar, the audit record's verification. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  auditVerification,
  auditVerifications,
  auditVerify,
  calendarLoadYear,
  calendarStatus,
  calendarYear,
  jurisdictionsChildren,
  jurisdictionsProvinces,
  organisationsCreate,
  organisationsList,
  organisationsUpdate,
  usersCreate,
  usersHandover,
  usersList,
  usersResetPassword,
  usersUpdate,
  usersWorkload,
} from '../../generated/sdk.gen';
import type {
  AuditVerificationView,
  CalendarYearDto,
  CreateOrganisationDto,
  CreateUserDto,
  OrganisationsListData,
  UpdateOrganisationDto,
  UpdateUserDto,
  UsersListData,
} from '../../generated/types.gen';
import { call } from '../../shared/api/client';
import { keysetList } from '../../shared/api/keyset';

export type UserFilters = Pick<NonNullable<UsersListData['query']>, 'q' | 'role'>;
export type OrganisationFilters = Pick<NonNullable<OrganisationsListData['query']>, 'q' | 'kind' | 'within'>;

export const adminKeys = {
  users: (filters: UserFilters) => ['admin', 'users', filters] as const,
  allUsers: ['admin', 'users'] as const,
  colleagues: (organisationId: string) => ['admin', 'colleagues', organisationId] as const,
  workload: (id: string) => ['admin', 'workload', id] as const,
  organisations: (filters: OrganisationFilters) => ['admin', 'organisations', filters] as const,
  allOrganisations: ['admin', 'organisations'] as const,
  calendar: ['admin', 'calendar'] as const,
  calendarYear: (year: number) => ['admin', 'calendar', year] as const,
  verifications: ['admin', 'audit-verifications'] as const,
  verification: (id: string) => ['admin', 'audit-verifications', id] as const,
};

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery(keysetList(adminKeys.users(filters), (page) => call(usersList({ query: { ...filters, ...page } }))));
}

/** Who may take a leaving caseworker's work: the active caseworkers and supervisors of the same bureau. */
export function useColleagues(organisationId: string | undefined, except: string | undefined) {
  return useQuery({
    queryKey: adminKeys.colleagues(organisationId ?? ''),
    queryFn: async () => (await call(usersList({ query: { organisationId, limit: 200 } }))).items,
    enabled: organisationId !== undefined,
    select: (users) => users.filter((user) => user.active && user.id !== except && (user.role === 'caseworker' || user.role === 'supervisor')),
  });
}

export const useWorkload = (id: string | undefined) =>
  useQuery({ queryKey: adminKeys.workload(id ?? ''), queryFn: () => call(usersWorkload({ path: { id: id! } })), enabled: id !== undefined });

function useUserWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: adminKeys.allUsers }), client.invalidateQueries({ queryKey: ['admin', 'workload'] })]),
  });
}

export const useCreateUser = () => useUserWrite((body: CreateUserDto) => call(usersCreate({ body })));
export const useUpdateUser = () => useUserWrite(({ id, body }: { id: string; body: UpdateUserDto }) => call(usersUpdate({ path: { id }, body })));
export const useResetPassword = () => useUserWrite(({ id, newPassword }: { id: string; newPassword: string }) => call(usersResetPassword({ path: { id }, body: { newPassword } })));
export const useHandOver = () =>
  useUserWrite(({ id, toUserId, reason }: { id: string; toUserId: string; reason: string }) => call(usersHandover({ path: { id }, body: { toUserId, reason } })));

export function useOrganisationPages(filters: OrganisationFilters) {
  return useInfiniteQuery(keysetList(adminKeys.organisations(filters), (page) => call(organisationsList({ query: { ...filters, ...page } }))));
}

/** The organisations of one's jurisdiction by name, for choosing one (a new user's). */
export function useOrganisationChoice(within: string | undefined, q: string) {
  return useQuery({
    queryKey: ['admin', 'organisation-choice', within, q] as const,
    queryFn: async () => (await call(organisationsList({ query: { within, q: q || undefined, limit: 50 } }))).items.filter((organisation) => organisation.active),
    enabled: within !== undefined,
  });
}

function useOrganisationWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.allOrganisations }) });
}

export const useCreateOrganisation = () => useOrganisationWrite((body: CreateOrganisationDto) => call(organisationsCreate({ body })));
export const useUpdateOrganisation = () => useOrganisationWrite(({ id, body }: { id: string; body: UpdateOrganisationDto }) => call(organisationsUpdate({ path: { id }, body })));

export const provincesQuery = {
  queryKey: ['jurisdictions', 'provinces'] as const,
  queryFn: async () => (await call(jurisdictionsProvinces({ query: { limit: 200 } }))).items,
  staleTime: Infinity,
};

export const childrenOf = (code: string) => call(jurisdictionsChildren({ path: { code }, query: { limit: 200 } })).then((page) => page.items);

export const useCalendarStatus = () => useQuery({ queryKey: adminKeys.calendar, queryFn: () => call(calendarStatus()) });
export const useCalendarYear = (year: number | undefined) =>
  useQuery({ queryKey: adminKeys.calendarYear(year ?? 0), queryFn: () => call(calendarYear({ path: { year: String(year) } })), enabled: year !== undefined });

export function useLoadCalendarYear() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: CalendarYearDto }) => call(calendarLoadYear({ path: { year: String(year) }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.calendar }),
  });
}

/** Asks the worker for a verification of the audit record (202, queued); the latest ones are listed again. */
export function useVerifyAudit() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => call(auditVerify()), onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.verifications }) });
}

const settled = (verification: AuditVerificationView | undefined) => verification?.status === 'finished' || verification?.status === 'failed';

/** One verification, polled every second until the worker finished it (or it failed). */
export const useAuditVerification = (id: string | undefined) =>
  useQuery({
    queryKey: adminKeys.verification(id ?? ''),
    queryFn: () => call(auditVerification({ path: { id: id! } })),
    enabled: id !== undefined,
    refetchInterval: (query) => (settled(query.state.data) ? false : 1000),
  });

/** The latest verifications asked for within one's jurisdiction. */
export const useAuditVerifications = () => useQuery({ queryKey: adminKeys.verifications, queryFn: async () => (await call(auditVerifications({ query: { limit: 5 } }))).items });

/** Household registration (R11): the file's task, read by the file page's 落户 tab, and the steps people take on it. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { householdApplicationPrepare, householdExceptionGrant, householdRegistrationRecord, householdSocialSecurityEnrol, householdTasksGet } from '../../generated/sdk.gen';
import type { ApplicationDto, ExceptionDto, RegistrationDto, SocialSecurityDto } from '../../generated/types.gen';
import { ApiError } from '../../shared/api/api-error';
import { call } from '../../shared/api/client';

export const householdKeys = { file: (fileId: string) => ['files', 'detail', fileId, 'household'] as const };

/** null when the file has no task (404 NO_HOUSEHOLD_TASK: the family may still be found). */
export function useHouseholdTask(fileId: string) {
  return useQuery({
    queryKey: householdKeys.file(fileId),
    queryFn: async () => {
      try {
        return await call(householdTasksGet({ path: { id: fileId } }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NO_HOUSEHOLD_TASK') return null;
        throw error;
      }
    },
  });
}

/** The people's steps (R11). No optimistic updates: after each the file (and this task under its prefix) is fetched again. */
export function useHouseholdSteps(fileId: string) {
  const queryClient = useQueryClient();
  const path = { id: fileId };
  const taken = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    await queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] });
    return value;
  };
  return {
    /** The application and its documents ready; the police unit is reminded to register. */
    application: (body: ApplicationDto) => taken(call(householdApplicationPrepare({ path, body }))),
    /** What the police registered, recorded for them (their own form is in their workspace); a child needs the DNA database check reference. */
    registration: (body: RegistrationDto) => taken(call(householdRegistrationRecord({ path, body }))),
    socialSecurity: (body: SocialSecurityDto) => taken(call(householdSocialSecurityEnrol({ path, body }))),
    /** A supervisor excuses the registration, with the reason. */
    exception: (body: ExceptionDto) => taken(call(householdExceptionGrant({ path, body }))),
  };
}

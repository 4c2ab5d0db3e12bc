/** Household registration (R11): the file's task, read by the file page's 落户 tab. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { householdApplicationPrepare, householdTasksGet } from '../../generated/sdk.gen';
import type { ApplicationDto } from '../../generated/types.gen';
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

/** R11: the application ready; the file (and this task under its prefix) is fetched again. */
export function usePrepareApplication(fileId: string) {
  const queryClient = useQueryClient();
  return async (body: ApplicationDto) => {
    const result = await call(householdApplicationPrepare({ path: { id: fileId }, body }));
    await queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] });
    return result;
  };
}

/** Household registration (R11): the file's task, read by the file page's 落户 tab. */
import { useQuery } from '@tanstack/react-query';
import { householdTasksGet } from '../../generated/sdk.gen';
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

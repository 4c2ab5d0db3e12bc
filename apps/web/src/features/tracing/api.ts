/** Tracing (R8–R10): the file's tracing, its candidates, and the caseworker's writes on them. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { tracingCandidatesDismiss, tracingDnaRequest, tracingFilesGet } from '../../generated/sdk.gen';
import type { DismissCandidateDto, DnaRequestDto } from '../../generated/types.gen';
import { call } from '../../shared/api/client';

/** Under the file's prefix: invalidating ['files','detail',id] refetches it too. */
export const tracingKeys = { file: (fileId: string) => ['files', 'detail', fileId, 'tracing'] as const };

export function useFileTracing(fileId: string) {
  return useQuery({ queryKey: tracingKeys.file(fileId), queryFn: () => call(tracingFilesGet({ path: { id: fileId } })) });
}

/** No optimistic updates: after a write the tracing (and the file) is fetched again. */
export function useTracingWrites(fileId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] });
  return {
    dismiss: async (candidateId: string, body: DismissCandidateDto) => {
      const result = await call(tracingCandidatesDismiss({ path: { id: candidateId }, body }));
      await refresh();
      return result;
    },
    /** R9: only the unit, its reference and the date; the page never holds genetic data. */
    referToPolice: async (candidateId: string, body: DnaRequestDto) => {
      const result = await call(tracingDnaRequest({ path: { id: candidateId }, body }));
      await refresh();
      return result;
    },
  };
}

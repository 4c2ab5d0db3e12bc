/** Tracing (R8–R10): the file's tracing, its leads, candidates and duty notices, and the caseworker's writes on them. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { tracingCandidatesDismiss, tracingDnaRequest, tracingDutyNoticesRecord, tracingFilesGet, tracingLeadsAdd, tracingLeadsOutcome } from '../../generated/sdk.gen';
import type { DismissCandidateDto, DnaRequestDto, DutyNoticeDto, LeadDto, LeadOutcomeDto } from '../../generated/types.gen';
import { call } from '../../shared/api/client';

/** Under the file's prefix: invalidating ['files','detail',id] refetches it too. */
export const tracingKeys = { file: (fileId: string) => ['files', 'detail', fileId, 'tracing'] as const };

export function useFileTracing(fileId: string) {
  return useQuery({ queryKey: tracingKeys.file(fileId), queryFn: () => call(tracingFilesGet({ path: { id: fileId } })) });
}

/** No optimistic updates: after a write the tracing (and the file, whose transitions a duty notice unblocks) is fetched again. */
export function useTracingWrites(fileId: string) {
  const queryClient = useQueryClient();
  const written = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    await queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] });
    return value;
  };
  return {
    dismiss: (candidateId: string, body: DismissCandidateDto) => written(call(tracingCandidatesDismiss({ path: { id: candidateId }, body }))),
    /** R9: only the unit, its reference and the date; the page never holds genetic data. */
    referToPolice: (candidateId: string, body: DnaRequestDto) => written(call(tracingDnaRequest({ path: { id: candidateId }, body }))),
    /** R8: a lead the person gave; the matcher runs again with it. */
    addLead: (body: LeadDto) => written(call(tracingLeadsAdd({ path: { id: fileId }, body }))),
    /** R8: what following a lead up found. */
    leadOutcome: (leadId: string, body: LeadOutcomeDto) => written(call(tracingLeadsOutcome({ path: { id: fileId, leadId }, body }))),
    /** R8: the relatives found were told of their duties of care. */
    dutyNotice: (body: DutyNoticeDto) => written(call(tracingDutyNoticesRecord({ path: { id: fileId }, body }))),
  };
}

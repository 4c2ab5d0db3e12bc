/** The partner's side of referrals (R12–R16, R18, R19): its inbox, one referral as it may see it, and its moves and records. */
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  referralsAccept,
  referralsAddJob,
  referralsAddLegalAidStep,
  referralsAddNote,
  referralsAddSupportContribution,
  referralsAddTrainingCertificate,
  referralsAddTrainingCourse,
  referralsComplete,
  referralsDecline,
  referralsInbox,
  referralsRead,
  referralsRecordDisabilityAssessment,
  referralsRecordEnrolment,
  referralsRecordRepatriationHandover,
  referralsStart,
} from '../../generated/sdk.gen';
import type {
  ContributionDto,
  DisabilityAssessmentDto,
  EnrolmentDto,
  JobPlacementDto,
  LegalAidStepDto,
  NoteDto,
  OutcomeDto,
  PartnerReferralListItem,
  PartnerReferralView,
  RepatriationHandoverDto,
  TrainingCertificateDto,
  TrainingCourseDto,
} from '../../generated/types.gen';
import { call } from '../../shared/api/client';
import { keysetList, QUEUE_PAGE } from '../../shared/api/keyset';

export type InboxItem = PartnerReferralListItem;
export type PartnerReferral = PartnerReferralView;
export type InboxFilter = 'open' | 'all';
export type DisclosedCategory = PartnerReferral['disclosed'][number];

/** While the partner works the referral it sees the person (R16). */
export const OPEN_STATUSES: readonly PartnerReferral['status'][] = ['sent', 'accepted', 'in_progress'];

export const partnerKeys = {
  all: ['partner'] as const,
  inbox: (filter: InboxFilter) => ['partner', 'inbox', filter] as const,
  referral: (id: string) => ['partner', 'referral', id] as const,
};

/** Green channel first, then the nearest deadline (the server's order), keyset pages (加载更多). */
export function usePartnerInbox(filter: InboxFilter) {
  return useInfiniteQuery({
    ...keysetList(partnerKeys.inbox(filter), (page) => call(referralsInbox({ query: { ...page, status: filter } })), QUEUE_PAGE),
    placeholderData: keepPreviousData,
  });
}

/** The referral as the partner sees it; a referral not sent to it answers 404, as one that does not exist. */
export function usePartnerReferral(id: string) {
  return useQuery({
    queryKey: partnerKeys.referral(id),
    queryFn: async () => (await call(referralsRead({ path: { id } }))) as PartnerReferral,
  });
}

/** No optimistic updates (the lifecycle may refuse): after success the referral and the inbox are fetched again. */
export function usePartnerWrites(id: string) {
  const queryClient = useQueryClient();
  const then = async <T>(pending: Promise<T>): Promise<T> => {
    const result = await pending;
    await queryClient.invalidateQueries({ queryKey: partnerKeys.all });
    return result;
  };
  const path = { id };
  return {
    accept: () => then(call(referralsAccept({ path }))),
    decline: (reason: string) => then(call(referralsDecline({ path, body: { reason } }))),
    start: () => then(call(referralsStart({ path }))),
    complete: (body: OutcomeDto) => then(call(referralsComplete({ path, body }))),
    addNote: (body: NoteDto) => then(call(referralsAddNote({ path, body }))),
    recordAssessment: (body: DisabilityAssessmentDto) => then(call(referralsRecordDisabilityAssessment({ path, body }))),
    recordEnrolment: (body: EnrolmentDto) => then(call(referralsRecordEnrolment({ path, body }))),
    addContribution: (body: ContributionDto) => then(call(referralsAddSupportContribution({ path, body }))),
    addTrainingCourse: (body: TrainingCourseDto) => then(call(referralsAddTrainingCourse({ path, body }))),
    addCertificate: (body: TrainingCertificateDto) => then(call(referralsAddTrainingCertificate({ path, body }))),
    addJob: (body: JobPlacementDto) => then(call(referralsAddJob({ path, body }))),
    addLegalAidStep: (body: LegalAidStepDto) => then(call(referralsAddLegalAidStep({ path, body }))),
    recordHandover: (body: RepatriationHandoverDto) => then(call(referralsRecordRepatriationHandover({ path, body }))),
  };
}

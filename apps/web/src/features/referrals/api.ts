/** Referrals of a file (R12–R16, R18, R19): the list, a new referral, a withdrawal. */
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { referralsCreate, referralsListForFile, referralsWithdraw } from '../../generated/sdk.gen';
import type { CreateReferralDto, ReferrerReferralView } from '../../generated/types.gen';
import { call } from '../../shared/api/client';

export type Referral = ReferrerReferralView;
export type ReferralKind = CreateReferralDto['kind'];
export type DisclosureCategory = NonNullable<CreateReferralDto['disclose']>[number];

export const REFERRAL_KINDS: readonly ReferralKind[] = [
  'medical_care',
  'psychological_counselling',
  'disability_assessment',
  'rehabilitation',
  'schooling',
  'technical_school',
  'job_training',
  'job_placement',
  'legal_aid',
  'repatriation',
];

/** What a partner sees beyond the minimum, each only with a standing consent (R16); nothing by default. */
export const DISCLOSURE_CATEGORIES: readonly DisclosureCategory[] = ['trafficking_history', 'identity', 'contacts', 'family', 'medical', 'needs'];

/** Under the file's key: invalidating the file refreshes its referrals. */
export const referralKeys = {
  forFile: (fileId: string) => ['files', 'detail', fileId, 'referrals'] as const,
};

export function useFileReferrals(fileId: string) {
  return useInfiniteQuery({
    queryKey: referralKeys.forFile(fileId),
    queryFn: ({ pageParam }) => call(referralsListForFile({ path: { id: fileId }, query: { limit: 50, cursor: pageParam } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** No optimistic updates (guards may refuse): after success the file and its referrals are fetched again. */
export function useReferralWrites(fileId: string) {
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] }), queryClient.invalidateQueries({ queryKey: ['inbox'] })]);
  return {
    create: async (body: CreateReferralDto) => {
      const created = await call(referralsCreate({ path: { id: fileId }, body }));
      await refresh();
      return created;
    },
    withdraw: async (referralId: string, reason: string) => {
      const withdrawn = await call(referralsWithdraw({ path: { id: referralId }, body: { reason } }));
      await refresh();
      return withdrawn;
    },
  };
}

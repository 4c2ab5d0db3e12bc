/** Referrals of a file (R12–R16, R18, R19) and the consents they disclose under: the lists, a referral created or its draft edited, sent, withdrawn; a consent recorded or taken back. */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  consentsList,
  consentsRecord,
  consentsStanding,
  consentsWithdrawCategory,
  referralsCreate,
  referralsEditDraft,
  referralsListForFile,
  referralsSend,
  referralsWithdraw,
  supportContributionsList,
} from '../../generated/sdk.gen';
import type { ConsentDto, ConsentView, CreateReferralDto, EditDraftDto, ReferrerReferralView, StandingConsentView, SupportContributionView } from '../../generated/types.gen';
import { call } from '../../shared/api/client';
import { keysetList } from '../../shared/api/keyset';

export type Referral = ReferrerReferralView;
export type ReferralKind = CreateReferralDto['kind'];
export type DisclosureCategory = NonNullable<CreateReferralDto['disclose']>[number];
export type Consent = ConsentView;
export type ConsentCategory = ConsentView['category'];
export type Standing = StandingConsentView;

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
/** What a consent is given to: the disclosure categories, and job training by the person's own will (R15). */
export const CONSENT_CATEGORIES: readonly ConsentCategory[] = [...DISCLOSURE_CATEGORIES, 'job_training'];

/** While the partner works the referral it sees the person (R16). */
export const OPEN_STATUSES: readonly Referral['status'][] = ['sent', 'accepted', 'in_progress'];

/** Under the file's key: invalidating the file refreshes its referrals and consents. */
export const referralKeys = {
  forFile: (fileId: string) => ['files', 'detail', fileId, 'referrals'] as const,
  consents: (fileId: string) => ['files', 'detail', fileId, 'consents'] as const,
  standing: (fileId: string) => ['files', 'detail', fileId, 'consents', 'standing'] as const,
  contributions: (fileId: string) => ['files', 'detail', fileId, 'support-contributions'] as const,
};

export function useFileReferrals(fileId: string) {
  return useInfiniteQuery(keysetList(referralKeys.forFile(fileId), (page) => call(referralsListForFile({ path: { id: fileId }, query: page }))));
}

export function useConsents(fileId: string) {
  return useInfiniteQuery(keysetList(referralKeys.consents(fileId), (page) => call(consentsList({ path: { id: fileId }, query: page }))));
}

/** Per category, whether a consent stands and on what: what a referral may disclose (R16). */
export function useConsentStanding(fileId: string) {
  return useQuery({
    queryKey: referralKeys.standing(fileId),
    queryFn: async () => new Map((await call(consentsStanding({ path: { id: fileId } }))).categories.map((row) => [row.category, row])),
  });
}

/** R13: the file's support, every page, grouped by the referral a partner brought it in for (the caseworker's own have none). */
export function useReferralContributions(fileId: string, enabled: boolean) {
  return useQuery({
    queryKey: referralKeys.contributions(fileId),
    enabled,
    queryFn: async () => {
      const byReferral = new Map<string, SupportContributionView[]>();
      let cursor: string | undefined;
      do {
        const page = await call(supportContributionsList({ path: { id: fileId }, query: { limit: 200, cursor } }));
        for (const contribution of page.items) {
          if (contribution.referralId) byReferral.set(contribution.referralId, [...(byReferral.get(contribution.referralId) ?? []), contribution]);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return byReferral;
    },
  });
}

/** No optimistic updates (guards may refuse): after success the file, its referrals and consents are fetched again. */
export function useReferralWrites(fileId: string) {
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['files', 'detail', fileId] }), queryClient.invalidateQueries({ queryKey: ['inbox'] })]);
  const then = async <T>(pending: Promise<T>): Promise<T> => {
    const result = await pending;
    await refresh();
    return result;
  };
  return {
    refresh,
    create: (body: CreateReferralDto) => then(call(referralsCreate({ path: { id: fileId }, body }))),
    editDraft: (referralId: string, body: EditDraftDto) => then(call(referralsEditDraft({ path: { id: referralId }, body }))),
    send: (referralId: string) => then(call(referralsSend({ path: { id: referralId } }))),
    withdraw: (referralId: string, reason: string) => then(call(referralsWithdraw({ path: { id: referralId }, body: { reason } }))),
    recordConsent: (body: ConsentDto) => then(call(consentsRecord({ path: { id: fileId }, body }))),
    withdrawConsent: (category: ConsentCategory, reason: string) => then(call(consentsWithdrawCategory({ path: { id: fileId }, body: { category, reason } }))),
  };
}

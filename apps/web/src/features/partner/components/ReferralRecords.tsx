import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SupportContributionView } from '../../../generated/types.gen';
import type { PartnerReferral } from '../api';
import { KindRecordsSection } from './KindRecordsSection';
import '../partner.css';

/** What a partner records on a referral, as the partner and the referring caseworker both read it. */
export type ReferralRecordsOf = Pick<PartnerReferral, 'assessments' | 'enrolment' | 'records'>;

export function hasReferralRecords({ assessments, enrolment, records }: ReferralRecordsOf, contributions: readonly SupportContributionView[] = []): boolean {
  const kinds = records.trainingCourses.length + records.certificates.length + records.jobs.length + records.legalAidSteps.length;
  return assessments.length > 0 || Boolean(enrolment) || kinds > 0 || Boolean(records.handover) || contributions.length > 0;
}

/**
 * The partner's records of a referral, read-only, each with its date: the
 * disability assessment and grade (R12), the enrolment (R14), training,
 * certificates and jobs (R15), legal aid steps (R18), the repatriation
 * handover (R19); and, where the reader may list the file's support, what
 * the social work organisation brought in for it (R13). Nothing when there are none.
 */
export function ReferralRecords({ referral, contributions = [] }: { referral: ReferralRecordsOf; contributions?: readonly SupportContributionView[] }) {
  const { t } = useTranslation('partner');
  const { assessments, enrolment } = referral;
  const what = (contribution: SupportContributionView) =>
    [contribution.amountYuan != null ? t('records.amount', { amount: contribution.amountYuan }) : null, contribution.inKind].filter(Boolean).join(' · ');
  return (
    <>
      {(assessments.length > 0 || enrolment || contributions.length > 0) && (
        <Descriptions column={1} size="small">
          {assessments.length > 0 && (
            <Descriptions.Item label={t('records.assessments')}>
              <div>
                {assessments.map((assessment) => (
                  <div key={assessment.id}>{t('records.assessment', { ...assessment, category: t(`disability.${assessment.category}`) })}</div>
                ))}
              </div>
            </Descriptions.Item>
          )}
          {enrolment && (
            <Descriptions.Item label={t('records.enrolment')}>
              {t('records.enrolled', { grade: enrolment.grade, className: enrolment.className ?? '', enrolledOn: enrolment.enrolledOn })}
            </Descriptions.Item>
          )}
          {contributions.length > 0 && (
            <Descriptions.Item label={t('records.contributions')}>
              <div>
                {contributions.map((contribution) => (
                  <div key={contribution.id}>{t('records.contribution', { ...contribution, what: what(contribution) })}</div>
                ))}
              </div>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <KindRecordsSection records={referral.records} />
    </>
  );
}

import { Button, Descriptions, Popconfirm, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { canCall, useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { isNotFound, NotFoundResult } from '../../../shared/ui/NotFoundResult';
import { Panel } from '../../../shared/ui/Panel';
import { ReferralTimeline } from '../../referrals';
import { OPEN_STATUSES, usePartnerReferral, usePartnerWrites, type PartnerReferral } from '../api';
import { Deadline } from '../components/Deadline';
import { PersonSection } from '../components/PersonSection';
import { CertificateForm, HandoverForm, JobForm, LegalAidStepForm, TrainingCourseForm } from '../components/KindRecordForms';
import { hasReferralRecords, ReferralRecords } from '../components/ReferralRecords';
import { AssessmentForm, ContributionForm, EnrolmentForm } from '../components/RecordForms';
import { CompleteForm, DeclineForm, NoteForm } from '../components/ResponseForms';
import { StatusTag } from '../components/StatusTag';
import '../partner.css';

type Dialog = 'decline' | 'complete' | 'progress' | 'visit' | 'assessment' | 'enrolment' | 'contribution' | 'course' | 'certificate' | 'job' | 'legalAidStep' | 'handover';
const WORKING: readonly PartnerReferral['status'][] = ['accepted', 'in_progress'];
/** R15: the kinds whose partner records training, certificates and jobs. */
const TRAINING_KINDS: readonly PartnerReferral['kind'][] = ['job_training', 'technical_school', 'job_placement'];
const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');

/** The outcome reported, each field named, whatever its kind's fields (summary, course, placement, legal service…). */
function outcomeLines(outcome: PartnerReferral['outcome'], t: TFunction<'partner'>): string[] {
  if (!outcome) return [];
  const placement = outcome.placement && [outcome.placement.employer, outcome.placement.place, outcome.placement.startDate].join(' · ');
  const fields: [string, string | null | undefined][] = [
    ['complete.summary', outcome.summary],
    ['complete.course', outcome.course],
    ['complete.certificate', outcome.certificate],
    ['complete.employer', placement],
    ['complete.workElsewhere', outcome.workElsewhere],
    ['complete.service', outcome.service && t(`complete.${outcome.service}`)],
    ['complete.court', outcome.court],
    ['complete.stage', outcome.stage],
    ['complete.result', outcome.result],
  ];
  return fields.filter(([, value]) => Boolean(value)).map(([label, value]) => t('person.labelled', { label: t(label), value }));
}

/**
 * One referral as the partner sees it: exactly the minimum its kind needs of
 * the person and the categories disclosed under a standing consent, marked
 * (R16); accept or decline with a reason, start, notes and visits, the kind's
 * records (R12 assessment, R13 support, R14 enrolment, R15 training and
 * jobs, R18 legal aid steps, R19 repatriation handover), complete with the
 * outcome. Once closed or withdrawn, no person: only the referral and the
 * records it made. Not sent to it: the API's 404, the not-found page.
 */
export default function PartnerReferralPage() {
  const { t } = useTranslation('partner');
  const { id = '' } = useParams();
  const me = useMe().data;
  const referral = usePartnerReferral(id);
  const writes = usePartnerWrites(id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (referral.error) return isNotFound(referral.error) ? <NotFoundResult /> : <ErrorAlert error={referral.error} />;
  const data = referral.data;
  if (referral.isPending || !data) return <p className="ui-empty">{t('common:states.loading')}</p>;

  const kind = t(`referrals:kind.${data.kind}`, { defaultValue: data.label });
  const working = WORKING.includes(data.status);
  const open = OPEN_STATUSES.includes(data.status);
  const close = () => setDialog(null);
  const move = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const outcome = outcomeLines(data.outcome, t);

  return (
    <div className="partner-page">
      <Link to="/referrals" className="partner-back">
        {t('referral.back')}
      </Link>
      <Panel
        level={1}
        title={
          <span className="partner-title">
            {kind}
            {data.greenChannel && (
              <Tag color="gold" className="partner-tag-green">
                {t('referrals:greenChannel')}
              </Tag>
            )}
            <StatusTag status={data.status} />
          </span>
        }
      >
        {data.deadline && <Deadline deadline={data.deadline} />}
        <ErrorAlert error={error} />
        {notice && (
          <p role="status" className="partner-notice">
            {notice}
          </p>
        )}
        {(open || working) && (
          <Space wrap className="partner-actions">
            {data.status === 'sent' && (
              <>
                <Popconfirm title={t('actions.acceptConfirm')} okText={t('actions.accept')} cancelText={t('common:actions.cancel')} onConfirm={() => void move(writes.accept)}>
                  <Button type="primary" loading={busy}>
                    {t('actions.accept')}
                  </Button>
                </Popconfirm>
                <Button onClick={() => setDialog('decline')}>{t('actions.decline')}</Button>
              </>
            )}
            {data.status === 'accepted' && (
              <Button type="primary" loading={busy} onClick={() => void move(writes.start)}>
                {t('actions.start')}
              </Button>
            )}
            {data.status === 'in_progress' && (
              <Button type="primary" onClick={() => setDialog('complete')}>
                {t('actions.complete')}
              </Button>
            )}
            {working && (
              <>
                <Button onClick={() => setDialog('progress')}>{t('actions.note')}</Button>
                <Button onClick={() => setDialog('visit')}>{t('actions.visit')}</Button>
                {data.kind === 'disability_assessment' && canCall(me, 'referrals_record_disability_assessment') && (
                  <Button onClick={() => setDialog('assessment')}>{t('actions.assessment')}</Button>
                )}
                {(data.kind === 'schooling' || data.kind === 'technical_school') && !data.enrolment && canCall(me, 'referrals_record_enrolment') && (
                  <Button onClick={() => setDialog('enrolment')}>{t('actions.enrolment')}</Button>
                )}
                {canCall(me, 'referrals_add_support_contribution') && <Button onClick={() => setDialog('contribution')}>{t('actions.contribution')}</Button>}
                {TRAINING_KINDS.includes(data.kind) && canCall(me, 'referrals_add_training_course') && (
                  <>
                    <Button onClick={() => setDialog('course')}>{t('actions.trainingCourse')}</Button>
                    <Button onClick={() => setDialog('certificate')}>{t('actions.certificate')}</Button>
                    <Button onClick={() => setDialog('job')}>{t('actions.job')}</Button>
                  </>
                )}
                {data.kind === 'legal_aid' && canCall(me, 'referrals_add_legal_aid_step') && <Button onClick={() => setDialog('legalAidStep')}>{t('actions.legalAidStep')}</Button>}
                {data.kind === 'repatriation' && !data.records.handover && canCall(me, 'referrals_record_repatriation_handover') && (
                  <Button onClick={() => setDialog('handover')}>{t('actions.handover')}</Button>
                )}
              </>
            )}
          </Space>
        )}
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" className="partner-details">
          <Descriptions.Item label={t('referral.reference')}>{data.fileReference}</Descriptions.Item>
          <Descriptions.Item label={t('referral.sentAt')}>{data.sentAt ? dayjs(data.sentAt).format('YYYY-MM-DD HH:mm') : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('referral.acceptBy')}>{day(data.acceptBy)}</Descriptions.Item>
          <Descriptions.Item label={t('referral.completeBy')}>{day(data.completeBy)}</Descriptions.Item>
          <Descriptions.Item label={t('referral.purpose')} span={2}>
            <span className="partner-prose">{data.purpose}</span>
          </Descriptions.Item>
          {data.details.gradeLevel && <Descriptions.Item label={t('referral.gradeLevel')}>{data.details.gradeLevel}</Descriptions.Item>}
          {data.details.elsewhere && (
            <Descriptions.Item label={t('referral.elsewhere')} span={2}>
              <span className="partner-prose">{data.details.elsewhere.contactMade}</span>
            </Descriptions.Item>
          )}
          {data.details.matter && (
            <Descriptions.Item label={t('referral.matter')} span={2}>
              <span className="partner-prose">{data.details.matter}</span>
            </Descriptions.Item>
          )}
          {data.details.trade && <Descriptions.Item label={t('referral.trade')}>{data.details.trade}</Descriptions.Item>}
          {data.declineReason && (
            <Descriptions.Item label={t('referral.declineReason')} span={2}>
              {data.declineReason}
            </Descriptions.Item>
          )}
          {data.withdrawReason && (
            <Descriptions.Item label={t('referral.withdrawReason')} span={2}>
              {data.withdrawReason}
            </Descriptions.Item>
          )}
          {outcome.length > 0 && (
            <Descriptions.Item label={t('referral.outcome')} span={2}>
              <span className="partner-prose">{outcome.join('\n')}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Panel>

      <Panel title={t('person.title')}>{data.person ? <PersonSection person={data.person} disclosed={data.disclosed} /> : <p className="ui-muted">{t('person.closed')}</p>}</Panel>

      {hasReferralRecords(data) && (
        <Panel title={t('records.title')}>
          <ReferralRecords referral={data} />
        </Panel>
      )}

      <Panel title={t('referral.history')}>
        {data.history.length || data.notes.length ? <ReferralTimeline referral={data} /> : <p className="ui-empty">{t('referral.noHistory')}</p>}
      </Panel>

      {dialog === 'decline' && <DeclineForm referral={data} onClose={close} />}
      {dialog === 'complete' && <CompleteForm referral={data} onClose={close} />}
      {(dialog === 'progress' || dialog === 'visit') && <NoteForm referral={data} kind={dialog} onClose={close} />}
      {dialog === 'assessment' && <AssessmentForm referral={data} onClose={close} />}
      {dialog === 'enrolment' && <EnrolmentForm referral={data} onClose={close} />}
      {dialog === 'course' && <TrainingCourseForm referral={data} onClose={close} />}
      {dialog === 'certificate' && <CertificateForm referral={data} onClose={close} />}
      {dialog === 'job' && <JobForm referral={data} onClose={close} />}
      {dialog === 'legalAidStep' && <LegalAidStepForm referral={data} onClose={close} />}
      {dialog === 'handover' && <HandoverForm referral={data} onClose={close} />}
      {dialog === 'contribution' && <ContributionForm referral={data} onClose={close} onDone={(source) => setNotice(t('records.contributionDone', { source }))} />}
    </div>
  );
}

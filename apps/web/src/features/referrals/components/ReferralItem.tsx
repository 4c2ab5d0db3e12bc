import { Button, Descriptions, Flex, List, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SupportContributionView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { hasReferralRecords, ReferralRecords } from '../../partner';
import { OPEN_STATUSES, useReferralWrites, type Referral } from '../api';
import { ReferralTimeline } from './ReferralTimeline';

const STATUS_COLOR: Record<Referral['status'], string> = {
  draft: 'default',
  sent: 'blue',
  accepted: 'cyan',
  in_progress: 'processing',
  completed: 'success',
  declined: 'red',
  withdrawn: 'default',
};
const WITHDRAWABLE: readonly Referral['status'][] = ['draft', ...OPEN_STATUSES];
const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');
const minute = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

/** The outcome the partner reported, whatever its kind's fields (summary, course, placement, legal service…). */
function outcomeText(outcome: Referral['outcome'], t: TFunction<'referrals'>): string | null {
  if (!outcome) return null;
  const placement = outcome.placement ? t('fields.placement', outcome.placement) : null;
  const parts = [outcome.summary, outcome.course, outcome.certificate, placement, outcome.workElsewhere, outcome.court, outcome.stage, outcome.result];
  return parts.filter(Boolean).join('\n') || null;
}

interface Props {
  referral: Referral;
  /** The support the partner recorded for it (R13), where the caller may list the file's. */
  contributions?: readonly SupportContributionView[];
  /** The caller may write referrals and the file is not closed. */
  canWrite: boolean;
  onEdit: (referral: Referral) => void;
  onWithdraw: (referral: Referral) => void;
}

/** One referral: its partner, status, deadlines, what was disclosed (and withheld since, R16), what the partner recorded (R12–R15, R18, R19), its course; a draft is edited or sent. */
export function ReferralItem({ referral, contributions, canWrite, onEdit, onWithdraw }: Props) {
  const { t } = useTranslation('referrals');
  const writes = useReferralWrites(referral.fileId);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const draft = referral.status === 'draft';
  const open = OPEN_STATUSES.includes(referral.status);
  const outcome = outcomeText(referral.outcome, t);
  const kindName = t(`kind.${referral.kind}`, { defaultValue: referral.label });

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      await writes.send(referral.id);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  return (
    <List.Item className="referral-item">
      <Flex vertical gap={8} style={{ width: '100%' }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            <Typography.Text strong>{kindName}</Typography.Text>
            {referral.status === 'completed' ? (
              <Tag className="referral-tag-done">{t('status.completed')}</Tag>
            ) : (
              <Tag color={STATUS_COLOR[referral.status]}>{t(`status.${referral.status}`)}</Tag>
            )}
            {referral.greenChannel && <Tag color="gold">{t('greenChannel')}</Tag>}
          </Space>
          {canWrite && (
            <Space wrap>
              {draft && (
                <>
                  <Button size="small" onClick={() => onEdit(referral)} aria-label={t('actions.editNamed', { kind: kindName })}>
                    {t('actions.edit')}
                  </Button>
                  <Popconfirm title={t('send.confirm', { partner: referral.organisation.name })} okText={t('send.ok')} cancelText={t('form.cancel')} onConfirm={() => void send()}>
                    <Button size="small" type="primary" loading={sending} aria-label={t('actions.sendNamed', { kind: kindName })}>
                      {t('actions.send')}
                    </Button>
                  </Popconfirm>
                </>
              )}
              {WITHDRAWABLE.includes(referral.status) && (
                <Button size="small" onClick={() => onWithdraw(referral)} aria-label={t('actions.withdrawNamed', { kind: kindName })}>
                  {t('actions.withdraw')}
                </Button>
              )}
            </Space>
          )}
        </Flex>
        <ErrorAlert error={error} />
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('fields.partner')}>{referral.organisation.name}</Descriptions.Item>
          <Descriptions.Item label={t('fields.sentAt')}>{referral.sentAt ? minute(referral.sentAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.acceptBy')}>{day(referral.acceptBy)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.completeBy')}>{day(referral.completeBy)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.purpose')} span={2}>
            <span className="file-prose">{referral.purpose}</span>
          </Descriptions.Item>
          {referral.details.gradeLevel && <Descriptions.Item label={t('form.gradeLevel')}>{referral.details.gradeLevel}</Descriptions.Item>}
          {referral.details.elsewhere && (
            <Descriptions.Item label={t('form.contactMade')} span={2}>
              <span className="file-prose">{referral.details.elsewhere.contactMade}</span>
            </Descriptions.Item>
          )}
          {referral.details.matter && (
            <Descriptions.Item label={t('form.matter')} span={2}>
              <span className="file-prose">{referral.details.matter}</span>
            </Descriptions.Item>
          )}
          {referral.details.trade && <Descriptions.Item label={t('form.trade')}>{referral.details.trade}</Descriptions.Item>}
          <Descriptions.Item label={t('fields.disclosed')} span={2}>
            {referral.disclosed.length === 0 ? (
              t('fields.nothingDisclosed')
            ) : (
              <Flex vertical gap={4}>
                <span>
                  {referral.disclosed.map((category) =>
                    referral.withheld.includes(category) ? (
                      <Tag key={category} className="referral-tag-withheld">
                        {t('fields.withheldTag', { category: t(`disclosure.${category}`) })}
                      </Tag>
                    ) : (
                      <Tag key={category}>{t(`disclosure.${category}`)}</Tag>
                    ),
                  )}
                </span>
                {referral.withheld.length > 0 && (draft || open) && (
                  <Typography.Text type="secondary">{t(draft ? 'fields.withheldDraft' : 'fields.withheldOpen', { partner: referral.organisation.name })}</Typography.Text>
                )}
              </Flex>
            )}
          </Descriptions.Item>
          {referral.withdrawReason && (
            <Descriptions.Item label={t('fields.withdrawReason')} span={2}>
              {referral.withdrawReason}
            </Descriptions.Item>
          )}
          {referral.declineReason && (
            <Descriptions.Item label={t('fields.declineReason')} span={2}>
              {referral.declineReason}
            </Descriptions.Item>
          )}
          {outcome && (
            <Descriptions.Item label={t('fields.outcome')} span={2}>
              <span className="file-prose">{outcome}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
        {hasReferralRecords(referral, contributions) && (
          <section className="referral-records" aria-label={t('fields.records', { partner: referral.organisation.name })}>
            <Typography.Text strong>{t('fields.records', { partner: referral.organisation.name })}</Typography.Text>
            <ReferralRecords referral={referral} contributions={contributions} />
          </section>
        )}
        <ReferralTimeline referral={referral} />
      </Flex>
    </List.Item>
  );
}

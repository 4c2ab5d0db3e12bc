import { Button, Descriptions, Empty, Flex, List, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../generated/types.gen';
import { canCall, useMe } from '../../shared/auth/me';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useFileReferrals, type Referral } from './api';
import { ReferralForm } from './components/ReferralForm';
import { WithdrawForm } from './components/WithdrawForm';
import './referrals.css';

const STATUS_COLOR: Record<Referral['status'], string> = {
  draft: 'default',
  sent: 'blue',
  accepted: 'cyan',
  in_progress: 'processing',
  completed: 'success',
  declined: 'red',
  withdrawn: 'default',
};
const WITHDRAWABLE: readonly Referral['status'][] = ['draft', 'sent', 'accepted', 'in_progress'];
const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');
const minute = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

/** 转介 (R12–R16, R18, R19): the file's referrals, oldest first, each with its partner, status, deadlines and course. */
export function ReferralsTab({ file }: { file: FileView }) {
  const { t } = useTranslation('referrals');
  const me = useMe();
  const referrals = useFileReferrals(file.id);
  const [creating, setCreating] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Referral | null>(null);
  const rows = referrals.data?.pages.flatMap((page) => page.items) ?? [];
  const canWithdraw = canCall(me.data, 'referrals_withdraw');

  return (
    <div className="file-tab">
      <div className="file-section-head">
        <Typography.Title level={2} className="file-section-title">
          {t('title')}
        </Typography.Title>
        {canCall(me.data, 'referrals_create') && file.state !== 'closed' && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('actions.create')}
          </Button>
        )}
      </div>
      <ErrorAlert error={referrals.error} />
      <List<Referral>
        loading={referrals.isPending}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
        renderItem={(referral) => (
          <List.Item className="referral-item">
            <Flex vertical gap={8} style={{ width: '100%' }}>
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Space wrap>
                  <Typography.Text strong>{t(`kind.${referral.kind}`, { defaultValue: referral.label })}</Typography.Text>
                  {referral.status === 'completed' ? (
                    <Tag color="success">{t('status.completed')}</Tag>
                  ) : (
                    <Tag color={STATUS_COLOR[referral.status]}>{t(`status.${referral.status}`)}</Tag>
                  )}
                  {referral.greenChannel && <Tag color="gold">{t('greenChannel')}</Tag>}
                </Space>
                {canWithdraw && WITHDRAWABLE.includes(referral.status) && file.state !== 'closed' && (
                  <Button size="small" onClick={() => setWithdrawing(referral)}>
                    {t('actions.withdraw')}
                  </Button>
                )}
              </Flex>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label={t('fields.partner')}>{referral.organisation.name}</Descriptions.Item>
                <Descriptions.Item label={t('fields.sentAt')}>{referral.sentAt ? minute(referral.sentAt) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('fields.acceptBy')}>{day(referral.acceptBy)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.completeBy')}>{day(referral.completeBy)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.purpose')} span={2}>
                  <span className="file-prose">{referral.purpose}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.disclosed')} span={2}>
                  {referral.disclosed.length === 0 ? t('fields.nothingDisclosed') : referral.disclosed.map((category) => <Tag key={category}>{t(`disclosure.${category}`)}</Tag>)}
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
                {referral.outcome?.summary && (
                  <Descriptions.Item label={t('fields.outcome')} span={2}>
                    {referral.outcome.summary}
                  </Descriptions.Item>
                )}
              </Descriptions>
              <Timeline
                className="referral-timeline"
                items={referral.history.map((entry) => ({
                  key: `${entry.event}-${entry.at}`,
                  content: (
                    <>
                      <Typography.Text>{t(`status.${entry.to}`)}</Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        {minute(entry.at)}
                        {entry.actor ? ` · ${entry.actor}` : ''}
                      </Typography.Text>
                      {entry.note && <div className="file-prose">{entry.note}</div>}
                    </>
                  ),
                }))}
              />
            </Flex>
          </List.Item>
        )}
      />
      {referrals.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void referrals.fetchNextPage()} loading={referrals.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Flex>
      )}
      {creating && <ReferralForm fileId={file.id} onClose={() => setCreating(false)} onDone={() => setCreating(false)} />}
      {withdrawing && <WithdrawForm referral={withdrawing} onClose={() => setWithdrawing(null)} onDone={() => setWithdrawing(null)} />}
    </div>
  );
}

/**
 * 信息披露同意 (R15, R16, R23): per category, whether a consent of the person
 * or guardian stands and on what (recorded, or given at the interview), which
 * partners see it now; recording one, taking a category back; and the
 * consents on record, the withdrawn ones with who took them back and why.
 */
import { Button, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { CONSENT_CATEGORIES, OPEN_STATUSES, useConsents, useConsentStanding, type Consent, type ConsentCategory, type Referral } from '../api';
import { ConsentForm } from './ConsentForm';
import { ConsentWithdrawForm } from './ConsentWithdrawForm';

const minute = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

export function ConsentsSection({ file, referrals }: { file: FileView; referrals: Referral[] }) {
  const { t } = useTranslation('referrals');
  const me = useMe();
  const standing = useConsentStanding(file.id);
  const consents = useConsents(file.id);
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ConsentCategory | null>(null);
  const writable = file.state !== 'closed';
  const canRecord = writable && canCall(me.data, 'consents_record');
  const canWithdraw = writable && canCall(me.data, 'consents_withdraw_category');
  const records = consents.data?.pages.flatMap((page) => page.items) ?? [];
  const seeing = (category: ConsentCategory) =>
    referrals.filter(
      (referral) => OPEN_STATUSES.includes(referral.status) && referral.disclosed.some((one) => one === category) && !referral.withheld.some((one) => one === category),
    );

  const status = (category: ConsentCategory) => {
    const row = standing.data?.get(category);
    if (row?.standing) {
      return (
        <Space size={6} wrap>
          <Tag className="referral-tag-done">{t('consents.standing')}</Tag>
          <Typography.Text type="secondary">
            {t(row.source === 'interview' ? 'consents.atInterview' : 'consents.recorded', { by: row.givenBy ? t(`givenBy.${row.givenBy}`) : '' })}
          </Typography.Text>
        </Space>
      );
    }
    return row?.withdrawn ? <Tag className="referral-tag-withheld">{t('consents.withdrawn')}</Tag> : <Tag>{t('consents.none')}</Tag>;
  };

  return (
    <section className="referral-consents" aria-labelledby="referral-consents-title">
      <div className="file-section-head">
        <Typography.Title level={2} className="file-section-title" id="referral-consents-title">
          {t('consents.title')}
        </Typography.Title>
        {canRecord && <Button onClick={() => setRecording(true)}>{t('consents.record')}</Button>}
      </div>
      <Typography.Paragraph type="secondary">{t('consents.intro')}</Typography.Paragraph>
      <ErrorAlert error={standing.error ?? consents.error} />
      <List
        size="small"
        bordered
        loading={standing.isPending}
        dataSource={[...CONSENT_CATEGORIES]}
        renderItem={(category) => {
          const partners = seeing(category);
          return (
            <List.Item className="referral-consent-row">
              <Flex justify="space-between" align="center" wrap gap={8} style={{ width: '100%' }}>
                <Flex vertical gap={2}>
                  <Space size={6} wrap>
                    <Typography.Text strong>{t(`consentCategory.${category}`)}</Typography.Text>
                    {status(category)}
                  </Space>
                  {partners.length > 0 && (
                    <Typography.Text type="secondary">
                      {t('consents.seenBy', { partners: partners.map((referral) => referral.organisation.name).join(t('separator')) })}
                    </Typography.Text>
                  )}
                </Flex>
                {canWithdraw && standing.data?.get(category)?.standing && (
                  <Button size="small" onClick={() => setWithdrawing(category)} aria-label={t('consents.withdrawNamed', { category: t(`consentCategory.${category}`) })}>
                    {t('consents.withdrawAction')}
                  </Button>
                )}
              </Flex>
            </List.Item>
          );
        }}
      />
      <Typography.Title level={3} className="referral-subtitle">
        {t('consents.records')}
      </Typography.Title>
      <List<Consent>
        size="small"
        loading={consents.isPending}
        dataSource={records}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consents.noRecords')} /> }}
        renderItem={(consent) => (
          <List.Item className="referral-consent-record">
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Space size={6} wrap>
                <Typography.Text strong>{t(`consentCategory.${consent.category}`)}</Typography.Text>
                <span>{t('consents.givenOn', { by: t(`givenBy.${consent.givenBy}`), day: consent.givenOn })}</span>
                {consent.standing ? <Tag className="referral-tag-done">{t('consents.standing')}</Tag> : <Tag className="referral-tag-withheld">{t('consents.withdrawn')}</Tag>}
              </Space>
              {consent.note && <span className="file-prose">{consent.note}</span>}
              {!consent.standing && consent.withdrawnAt && (
                <span className="file-prose">
                  {t('consents.withdrawnBy', { at: minute(consent.withdrawnAt), by: consent.withdrawnBy ?? '—', reason: consent.withdrawReason ?? '—' })}
                </span>
              )}
              <Typography.Text type="secondary">{t('consents.recordedBy', { by: consent.recordedBy, at: minute(consent.recordedAt) })}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {consents.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void consents.fetchNextPage()} loading={consents.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Flex>
      )}
      {recording && <ConsentForm file={file} onClose={() => setRecording(false)} onDone={() => setRecording(false)} />}
      {withdrawing && (
        <ConsentWithdrawForm fileId={file.id} category={withdrawing} referrals={referrals} onClose={() => setWithdrawing(null)} onDone={() => setWithdrawing(null)} />
      )}
    </section>
  );
}

import { Alert, Button, Empty, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../generated/types.gen';
import { canCall, useMe } from '../../shared/auth/me';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useFileReferrals, useReferralContributions, type Referral, type ReferralKind } from './api';
import { ConsentsSection } from './components/ConsentsSection';
import { ReferralForm } from './components/ReferralForm';
import { ReferralItem } from './components/ReferralItem';
import { WithdrawForm } from './components/WithdrawForm';
import './referrals.css';

/** The form open: a new referral, or the draft of this id (read from the list, so a refetch brings its current version). */
type Editing = { draftId?: string } | null;

/**
 * 转介 (R12–R16, R18, R19): the file's referrals, oldest first, each with its
 * partner, status, deadlines, disclosures, what the partner recorded and its
 * course; a new referral or a
 * draft edited, sent, withdrawn; and the consents its disclosures rest on.
 */
export function ReferralsTab({ file }: { file: FileView }) {
  const { t } = useTranslation('referrals');
  const me = useMe();
  const referrals = useFileReferrals(file.id);
  const contributions = useReferralContributions(file.id, canCall(me.data, 'support_contributions_list'));
  const [editing, setEditing] = useState<Editing>(null);
  const [withdrawing, setWithdrawing] = useState<Referral | null>(null);
  const [guided, setGuided] = useState<{ from: ReferralKind; to: ReferralKind } | null>(null);
  const rows = referrals.data?.pages.flatMap((page) => page.items) ?? [];
  const writable = file.state !== 'closed';
  const canCreate = writable && canCall(me.data, 'referrals_create');
  const canWrite = writable && canCall(me.data, 'referrals_withdraw');
  const draft = editing?.draftId ? rows.find((row) => row.id === editing.draftId) : undefined;

  return (
    <div className="file-tab">
      <div className="file-section-head">
        <Typography.Title level={2} className="file-section-title">
          {t('title')}
        </Typography.Title>
        {canCreate && (
          <Button type="primary" onClick={() => setEditing({})}>
            {t('actions.create')}
          </Button>
        )}
      </div>
      <ErrorAlert error={referrals.error ?? contributions.error} />
      {guided && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setGuided(null) }}
          className="referral-form-note"
          title={t('guided', { from: t(`kind.${guided.from}`), to: t(`kind.${guided.to}`) })}
        />
      )}
      <List<Referral>
        loading={referrals.isPending}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
        renderItem={(referral) => (
          <ReferralItem
            referral={referral}
            contributions={contributions.data?.get(referral.id)}
            canWrite={canWrite && canCall(me.data, 'referrals_edit_draft')}
            onEdit={(row) => setEditing({ draftId: row.id })}
            onWithdraw={setWithdrawing}
          />
        )}
      />
      {referrals.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void referrals.fetchNextPage()} loading={referrals.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </Flex>
      )}
      {canCall(me.data, 'consents_standing') && <ConsentsSection file={file} referrals={rows} />}
      {editing && (!editing.draftId || draft) && (
        <ReferralForm
          file={file}
          draft={draft}
          onClose={() => setEditing(null)}
          onDone={(saved) => {
            setEditing(null);
            setGuided(saved.forcedFrom ? { from: saved.forcedFrom, to: saved.kind } : null);
          }}
        />
      )}
      {withdrawing && <WithdrawForm referral={withdrawing} onClose={() => setWithdrawing(null)} onDone={() => setWithdrawing(null)} />}
    </div>
  );
}

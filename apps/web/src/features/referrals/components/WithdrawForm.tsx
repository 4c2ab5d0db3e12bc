import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useReferralWrites, type Referral } from '../api';

/** Withdraw a referral with the reason: a draft never reaches the partner; a sent one ends its view of the person (R16), its own records stay. */
export function WithdrawForm({ referral, onClose, onDone }: { referral: Referral; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('referrals');
  const writes = useReferralWrites(referral.fileId);
  const draft = referral.status === 'draft';
  return (
    <WriteModal<{ reason: string }>
      title={t(draft ? 'withdraw.draftTitle' : 'withdraw.title', { partner: referral.organisation.name })}
      okText={t('withdraw.submit')}
      fields={['reason']}
      onSubmit={({ reason }) => writes.withdraw(referral.id, reason ?? '')}
      onDone={onDone}
      onClose={onClose}
      className="referral-modal"
    >
      <Alert type="info" showIcon className="referral-form-note" title={t(draft ? 'withdraw.draftEffect' : 'withdraw.effect', { partner: referral.organisation.name })} />
      <Form.Item name="reason" label={t('withdraw.reason')} rules={[{ required: true, message: t('form.required') }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </WriteModal>
  );
}

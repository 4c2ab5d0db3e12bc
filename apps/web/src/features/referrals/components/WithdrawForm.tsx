import { Alert, Form, Input } from 'antd';
import { Dialog } from '../../../shared/ui/Dialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useReferralWrites, type Referral } from '../api';

/** Withdraw a referral with the reason: a draft never reaches the partner; a sent one ends its view of the person (R16), its own records stay. */
export function WithdrawForm({ referral, onClose, onDone }: { referral: Referral; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('referrals');
  const [form] = Form.useForm<{ reason: string }>();
  const writes = useReferralWrites(referral.fileId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const draft = referral.status === 'draft';
  const submit = async () => {
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await writes.withdraw(referral.id, reason ?? '');
      onDone();
    } catch (failure) {
      setError(applyFieldErrors(form, failure, ['reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t(draft ? 'withdraw.draftTitle' : 'withdraw.title', { partner: referral.organisation.name })}
      okText={t('withdraw.submit')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      className="referral-modal"
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Alert type="info" showIcon className="referral-form-note" title={t(draft ? 'withdraw.draftEffect' : 'withdraw.effect', { partner: referral.organisation.name })} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="reason" label={t('withdraw.reason')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

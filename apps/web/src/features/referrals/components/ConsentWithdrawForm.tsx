/**
 * 撤回同意 (R16): the person or guardian takes a category back, with the
 * reason. Before it is confirmed the form says what follows: the partners of
 * open referrals that see the category stop seeing it, drafts disclosing it
 * cannot be sent as they are, new referrals may not disclose it.
 */
import { Alert, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { OPEN_STATUSES, useReferralWrites, type ConsentCategory, type Referral } from '../api';

interface Props {
  fileId: string;
  category: ConsentCategory;
  /** The file's referrals: those disclosing the category are named. */
  referrals: Referral[];
  onClose: () => void;
  onDone: () => void;
}

export function ConsentWithdrawForm({ fileId, category, referrals, onClose, onDone }: Props) {
  const { t } = useTranslation('referrals');
  const writes = useReferralWrites(fileId);
  const has = (categories: readonly string[]) => categories.some((one) => one === category);
  const disclosing = referrals.filter((referral) => has(referral.disclosed) && !has(referral.withheld));
  const seeing = disclosing.filter((referral) => OPEN_STATUSES.includes(referral.status));
  const drafts = disclosing.filter((referral) => referral.status === 'draft');
  const name = (referral: Referral) =>
    t('consents.withdraw.referral', { partner: referral.organisation.name, kind: t(`kind.${referral.kind}`), status: t(`status.${referral.status}`) });

  return (
    <WriteModal<{ reason: string }>
      title={t('consents.withdraw.title', { category: t(`consentCategory.${category}`) })}
      okText={t('consents.withdraw.submit')}
      fields={['reason']}
      onSubmit={({ reason }) => writes.withdrawConsent(category, reason)}
      onDone={onDone}
      onClose={onClose}
      className="referral-modal"
    >
      <Alert
        type="warning"
        showIcon
        className="referral-form-note referral-effect"
        title={t('consents.withdraw.effectTitle')}
        description={
          <ul>
            {category === 'job_training' ? (
              <li>{t('consents.withdraw.training')}</li>
            ) : (
              <>
                <li>
                  {seeing.length > 0 ? t('consents.withdraw.partnersStop') : t('consents.withdraw.noPartner')}
                  {seeing.length > 0 && (
                    <ul>
                      {seeing.map((referral) => (
                        <li key={referral.id}>
                          <Typography.Text strong>{name(referral)}</Typography.Text>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
                {drafts.length > 0 && (
                  <li>
                    {t('consents.withdraw.drafts')}
                    <ul>
                      {drafts.map((referral) => (
                        <li key={referral.id}>{name(referral)}</li>
                      ))}
                    </ul>
                  </li>
                )}
                <li>{t('consents.withdraw.newReferrals')}</li>
              </>
            )}
          </ul>
        }
      />
      <Form.Item name="reason" label={t('consents.withdraw.reason')} rules={[{ required: true, message: t('form.required') }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </WriteModal>
  );
}

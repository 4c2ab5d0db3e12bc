/**
 * 记录同意 (R15, R16, R23): what the person agrees to share with partners (or
 * to job training, by their own will), who gave it — the guardian for a minor —
 * and when. The server refuses a day in the future, naming the field.
 */
import { Alert, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../generated/types.gen';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { CONSENT_CATEGORIES, useReferralWrites, type ConsentCategory } from '../api';

interface Values {
  category: ConsentCategory;
  givenBy: 'person' | 'guardian';
  givenOn: Dayjs;
  note?: string;
}

/** Possibly under 18 by the estimated age (R23): the guardian gives consent. */
export const isMinor = (file: FileView) => file.person.age !== null && file.person.age.min < 18;

export function ConsentForm({ file, onClose, onDone }: { file: FileView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('referrals');
  const [form] = Form.useForm<Values>();
  const writes = useReferralWrites(file.id);
  const minor = isMinor(file);
  const today = dayjs().format('YYYY-MM-DD');
  const guardians = file.guardians.filter((guardian) => guardian.since <= today && (!guardian.until || guardian.until >= today));
  const required = [{ required: true, message: t('form.required') }];

  return (
    <WriteModal<Values>
      title={t('consents.form.title')}
      okText={t('consents.form.submit')}
      form={form}
      fields={['category', 'givenBy', 'givenOn', 'note']}
      onSubmit={(values) =>
        writes.recordConsent({ category: values.category, givenBy: values.givenBy, givenOn: values.givenOn.format('YYYY-MM-DD'), note: values.note?.trim() || undefined })
      }
      onDone={onDone}
      onClose={onClose}
      className="referral-modal"
      initialValues={{ givenBy: minor ? 'guardian' : 'person', givenOn: dayjs() }}
      onValuesChange={(changed: Partial<Values>) => {
        // R15: job training is by the person's own will; sharing a minor's data, by the guardian (R23).
        if (changed.category) form.setFieldValue('givenBy', changed.category === 'job_training' || !minor ? 'person' : 'guardian');
      }}
    >
      <Form.Item name="category" label={t('consents.form.category')} rules={required}>
        <Select aria-label={t('consents.form.category')} options={CONSENT_CATEGORIES.map((value) => ({ value, label: t(`consentCategory.${value}`) }))} />
      </Form.Item>
      <Form.Item name="givenBy" label={t('consents.form.givenBy')} rules={required}>
        <Radio.Group
          options={[
            { value: 'person', label: t('givenBy.person') },
            { value: 'guardian', label: t('givenBy.guardian') },
          ]}
        />
      </Form.Item>
      {minor && (
        <Alert
          type={guardians.length > 0 ? 'info' : 'warning'}
          showIcon
          className="referral-form-note"
          title={
            guardians.length > 0
              ? t('consents.form.minor', {
                  guardians: guardians.map((guardian) => (guardian.relation ? `${guardian.name} · ${guardian.relation}` : guardian.name)).join(t('separator')),
                })
              : t('consents.form.minorNoGuardian')
          }
        />
      )}
      <Form.Item name="givenOn" label={t('consents.form.givenOn')} rules={required}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('consents.form.note')} extra={t('consents.form.noteHelp')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </WriteModal>
  );
}

import { Checkbox, DatePicker, Form, Input } from 'antd';
import { Dialog } from '../../../shared/ui/Dialog';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDto } from '../../../generated/types.gen';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { usePrepareApplication } from '../api';

const DOCUMENTS: readonly ApplicationDto['documents'][number][] = ['tracing_notice', 'institution_certificate', 'police_sampling_receipt', 'photo', 'other'];

interface Values {
  preparedOn: Dayjs;
  documents: ApplicationDto['documents'];
  note?: string;
}

/** R11: the caseworker has the application and its documents ready for the police unit. */
export function ApplicationForm({ fileId, onClose }: { fileId: string; onClose: () => void }) {
  const { t } = useTranslation('household');
  const [form] = Form.useForm<Values>();
  const prepare = usePrepareApplication(fileId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const required = [{ required: true, message: t('required') }];
  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await prepare({ preparedOn: values.preparedOn.format('YYYY-MM-DD'), documents: values.documents, note: values.note?.trim() || undefined });
      onClose();
    } catch (failure) {
      setError(applyFieldErrors(form, failure, ['preparedOn', 'documents', 'note']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('prepare')}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} scrollToFirstError preserve>
        <Form.Item name="preparedOn" label={t('application.preparedOn')} rules={required}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="documents" label={t('application.documents')} rules={required}>
          <Checkbox.Group options={DOCUMENTS.map((value) => ({ value, label: t(`document.${value}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('application.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

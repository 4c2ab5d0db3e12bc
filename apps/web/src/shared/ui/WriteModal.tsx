import { Form } from 'antd';
import { Dialog } from './Dialog';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../lib/forms';
import { ErrorAlert } from './ErrorAlert';

/**
 * One write in a modal form (WEB.md §3): the server's field problems onto
 * the fields, anything else in the alert above them; the modal closes only
 * once the write succeeded. The form's fields are the children.
 */
export function WriteModal<Values extends object>({
  title,
  fields,
  onSubmit,
  onClose,
  initialValues,
  children,
}: {
  title: string;
  /** The form's top-level field names: problems on them go onto the field. */
  fields: readonly string[];
  onSubmit: (values: Values) => Promise<unknown>;
  onClose: () => void;
  initialValues?: Partial<Values>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
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
      await onSubmit(values);
      onClose();
    } catch (failure) {
      setError(applyFieldErrors(form, failure, fields));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      okText={t('actions.submit')}
      cancelText={t('actions.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} scrollToFirstError initialValues={initialValues} preserve>
        {children}
      </Form>
    </Dialog>
  );
}

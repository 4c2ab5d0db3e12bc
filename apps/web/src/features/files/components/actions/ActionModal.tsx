import { Alert, Form, type FormInstance } from 'antd';
import { Dialog } from '../../../../shared/ui/Dialog';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/api-error';
import { applyFieldErrors } from '../../../../shared/lib/forms';
import { ErrorAlert } from '../../../../shared/ui/ErrorAlert';

/**
 * The frame of one action's hand-written form: submit, 422 problems onto the
 * fields and the rest in an Alert (WEB.md §3), and the 409 STALE_VERSION path
 * (§2): the input stays, the conflict is shown, the file is fetched again and
 * the person submits once more with the new version.
 */
export function ActionModal<Values extends object>({
  title,
  okText,
  form,
  fields,
  version,
  onSubmit,
  onDone,
  onClose,
  children,
  initialValues,
}: {
  title: ReactNode;
  okText: string;
  form: FormInstance<Values>;
  /** The form's top-level field names: 422 problems on them go onto the field. */
  fields: readonly string[];
  /** The file's version now (after a conflict, the one just fetched). */
  version: number;
  onSubmit: (values: Values) => Promise<unknown>;
  onDone: (result: unknown) => void;
  onClose: () => void;
  children: ReactNode;
  initialValues?: Partial<Values>;
}) {
  const { t } = useTranslation('files');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    setConflict(null);
    try {
      onDone(await onSubmit(values));
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'STALE_VERSION') setConflict(failure);
      else setError(applyFieldErrors(form, failure, fields));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={title}
      okText={okText}
      cancelText={t('actions.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
      destroyOnHidden
    >
      {conflict && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={conflict.message} description={t('actions.conflict', { version })} />}
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} scrollToFirstError initialValues={initialValues} preserve>
        {children}
      </Form>
    </Dialog>
  );
}

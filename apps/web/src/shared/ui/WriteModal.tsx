import { Alert, Form, type FormInstance, type FormProps } from 'antd';
import { Dialog } from './Dialog';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { applyFieldErrors } from '../lib/forms';
import { ErrorAlert } from './ErrorAlert';

/**
 * One write in a modal form (WEB.md §3): the server's field problems onto
 * the fields, anything else in the alert above them; the modal closes only
 * once the write succeeded. The form's fields are the children. With
 * `conflict`, a 409 STALE_VERSION (§2) keeps the input and shows the
 * conflict with that description, for the person to submit again.
 */
export function WriteModal<Values extends object>({
  title,
  okText,
  fields,
  onSubmit,
  onClose,
  onDone,
  initialValues,
  form: given,
  onValuesChange,
  conflict,
  width,
  className,
  children,
}: {
  title: ReactNode;
  /** The submit button's text; 提交 by default. */
  okText?: string;
  /** The form's top-level field names: problems on them go onto the field. */
  fields: readonly string[];
  onSubmit: (values: Values) => Promise<unknown>;
  onClose: () => void;
  /** After the write succeeded, with its result; onClose when not given. */
  onDone?: (result: unknown) => void;
  initialValues?: Partial<Values>;
  /** The form, when the caller reads or sets its values itself. */
  form?: FormInstance<Values>;
  onValuesChange?: FormProps<Values>['onValuesChange'];
  /** What a STALE_VERSION conflict tells the person (the version now fetched); without it, the conflict is an error like any other. */
  conflict?: ReactNode;
  width?: number;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [own] = Form.useForm<Values>();
  const form = given ?? own;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState<ApiError | null>(null);
  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    setStale(null);
    try {
      const result = await onSubmit(values);
      if (onDone) onDone(result);
      else onClose();
    } catch (failure) {
      if (conflict !== undefined && failure instanceof ApiError && failure.code === 'STALE_VERSION') setStale(failure);
      else setError(applyFieldErrors(form, failure, fields));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      okText={okText ?? t('actions.submit')}
      cancelText={t('actions.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={width}
      className={className}
      destroyOnHidden
    >
      {stale && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={stale.message} description={conflict} />}
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} scrollToFirstError initialValues={initialValues} onValuesChange={onValuesChange} preserve>
        {children}
      </Form>
    </Dialog>
  );
}

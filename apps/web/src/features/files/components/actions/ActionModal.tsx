import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WriteModal } from '../../../../shared/ui/WriteModal';

/**
 * The frame of one action's hand-written form: the shared WriteModal (submit,
 * 422 problems onto the fields and the rest in an Alert, WEB.md §3) with the
 * 409 STALE_VERSION path (§2): the input stays, the conflict is shown, the
 * file is fetched again and the person submits once more with the new version.
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
  return (
    <WriteModal<Values>
      title={title}
      okText={okText}
      form={form}
      fields={fields}
      onSubmit={onSubmit}
      onDone={onDone}
      onClose={onClose}
      initialValues={initialValues}
      conflict={t('actions.conflict', { version })}
      width={640}
    >
      {children}
    </WriteModal>
  );
}

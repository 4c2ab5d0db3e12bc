import { DatePicker, Form, Input, Select } from 'antd';
import { Dialog } from '../../../shared/ui/Dialog';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useOrganisations } from '../../intake';
import { useTracingWrites } from '../api';

interface CandidateFormProps {
  fileId: string;
  candidateId: string;
  onClose: () => void;
}

/** One write in a modal: 422 problems onto the fields, the rest in the alert (WEB.md §3). */
function WriteModal<Values extends object>({
  title,
  fields,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  fields: readonly string[];
  onSubmit: (values: Values) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('tracing');
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
      <Form<Values> form={form} layout="vertical" requiredMark={false} scrollToFirstError preserve>
        {children}
      </Form>
    </Dialog>
  );
}

/** R8: set a candidate aside, with the reason. */
export function DismissForm({ fileId, candidateId, onClose }: CandidateFormProps) {
  const { t } = useTranslation('tracing');
  const writes = useTracingWrites(fileId);
  return (
    <WriteModal<{ reason: string }>
      title={t('actions.dismiss')}
      fields={['reason']}
      onSubmit={(values) => writes.dismiss(candidateId, { reason: values.reason.trim() })}
      onClose={onClose}
    >
      <Form.Item name="reason" label={t('dismiss.reason')} rules={[{ required: true, message: t('required') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </WriteModal>
  );
}

const POLICE = ['public_security'] as const;

/** R9: refer the pair to a police unit for a DNA comparison — the unit, its reference, the date; never genetic data. */
export function DnaReferralForm({ fileId, candidateId, onClose }: CandidateFormProps) {
  const { t } = useTranslation('tracing');
  const writes = useTracingWrites(fileId);
  const units = useOrganisations(POLICE);
  return (
    <WriteModal<{ policeOrganisationId: string; policeReference: string; requestedOn: Dayjs }>
      title={t('actions.refer')}
      fields={['policeOrganisationId', 'policeReference', 'requestedOn']}
      onSubmit={(values) =>
        writes.referToPolice(candidateId, {
          policeOrganisationId: values.policeOrganisationId,
          policeReference: values.policeReference.trim(),
          requestedOn: values.requestedOn.format('YYYY-MM-DD'),
        })
      }
      onClose={onClose}
    >
      <p className="ui-empty">{t('dna.noGeneticData')}</p>
      <Form.Item name="policeOrganisationId" label={t('dna.police')} rules={[{ required: true, message: t('required') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))} />
      </Form.Item>
      <Form.Item name="policeReference" label={t('dna.reference')} rules={[{ required: true, message: t('required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="requestedOn" label={t('dna.requestedOn')} rules={[{ required: true, message: t('required') }]}>
        <DatePicker />
      </Form.Item>
    </WriteModal>
  );
}

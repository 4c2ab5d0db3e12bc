import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ApplicationDto, SocialSecurityDto } from '../../../generated/types.gen';
import { useMe } from '../../../shared/auth/me';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useHouseholdSteps } from '../api';

const DOCUMENTS: readonly ApplicationDto['documents'][number][] = ['tracing_notice', 'institution_certificate', 'police_sampling_receipt', 'photo', 'other'];
const SOCIAL_KINDS: readonly SocialSecurityDto['kind'][] = ['basic_medical_insurance', 'minimum_living_allowance', 'extreme_poverty_support', 'other_assistance'];
const DATE = 'YYYY-MM-DD';
const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const today = () => dayjs().startOf('day');

interface StepFormProps {
  fileId: string;
  onClose: () => void;
}

/** R11 step 1: the caseworker has the application and its documents ready for the police unit. */
export function ApplicationForm({ fileId, onClose }: StepFormProps) {
  const { t } = useTranslation('household');
  const steps = useHouseholdSteps(fileId);
  const required = [{ required: true, message: t('required') }];
  return (
    <WriteModal<{ preparedOn: Dayjs; documents: ApplicationDto['documents']; note?: string }>
      title={t('actions.application')}
      fields={['preparedOn', 'documents', 'note']}
      onSubmit={(values) => steps.application({ preparedOn: values.preparedOn.format(DATE), documents: values.documents, note: optional(values.note) })}
      onClose={onClose}
    >
      <Form.Item name="preparedOn" label={t('application.preparedOn')} rules={required}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="documents" label={t('application.documents')} rules={required}>
        <Checkbox.Group options={DOCUMENTS.map((value) => ({ value, label: t(`document.${value}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('application.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </WriteModal>
  );
}

/**
 * R11 step 2, by the police unit or recorded for it: the household registered, its
 * number, and for a child the reference of their DNA database check (C-3.7;
 * a reference only, never genetic data, R9). The server says whether it is
 * needed and puts its refusal on the field.
 */
export function RegistrationForm({ fileId, dnaCheckRequired, onClose }: StepFormProps & { dnaCheckRequired: boolean }) {
  const { t } = useTranslation('household');
  const steps = useHouseholdSteps(fileId);
  const me = useMe();
  const required = [{ required: true, message: t('required') }];
  return (
    <WriteModal<{ registeredOn: Dayjs; householdNumber: string; dnaDatabaseCheckReference?: string }>
      title={t('actions.registration')}
      fields={['registeredOn', 'householdNumber', 'dnaDatabaseCheckReference']}
      initialValues={{ registeredOn: today() }}
      onSubmit={(values) =>
        steps.registration({
          registeredOn: values.registeredOn.format(DATE),
          householdNumber: values.householdNumber.trim(),
          dnaDatabaseCheckReference: optional(values.dnaDatabaseCheckReference),
        })
      }
      onClose={onClose}
    >
      {me.data?.role !== 'police_liaison' && <p className="ui-empty">{t('registration.onBehalf')}</p>}
      <Form.Item name="registeredOn" label={t('registration.registeredOn')} rules={required}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="householdNumber" label={t('registration.householdNumber')} rules={required}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="dnaDatabaseCheckReference" label={t('registration.dnaCheck')} extra={t(dnaCheckRequired ? 'registration.dnaCheckChild' : 'registration.dnaCheckHelp')}>
        <Input maxLength={100} />
      </Form.Item>
    </WriteModal>
  );
}

/** R11 step 3: an enrolment in social security; each kind once (those on record are offered no more). */
export function SocialSecurityForm({ fileId, enrolled, onClose }: StepFormProps & { enrolled: readonly SocialSecurityDto['kind'][] }) {
  const { t } = useTranslation('household');
  const steps = useHouseholdSteps(fileId);
  const required = [{ required: true, message: t('required') }];
  return (
    <WriteModal<{ kind: SocialSecurityDto['kind']; enrolledOn: Dayjs; reference?: string }>
      title={t('actions.social_security')}
      fields={['kind', 'enrolledOn', 'reference']}
      initialValues={{ enrolledOn: today() }}
      onSubmit={(values) => steps.socialSecurity({ kind: values.kind, enrolledOn: values.enrolledOn.format(DATE), reference: optional(values.reference) })}
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('socialSecurity.kind')} rules={required}>
        <Select options={SOCIAL_KINDS.map((value) => ({ value, label: t(`socialKind.${value}`), disabled: enrolled.includes(value) }))} />
      </Form.Item>
      <Form.Item name="enrolledOn" label={t('socialSecurity.enrolledOn')} rules={required}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="reference" label={t('socialSecurity.reference')}>
        <Input maxLength={100} />
      </Form.Item>
    </WriteModal>
  );
}

/** R11: a supervisor excuses the registration, with the reason, so that local resettlement may go ahead without it. */
export function ExceptionForm({ fileId, onClose }: StepFormProps) {
  const { t } = useTranslation('household');
  const steps = useHouseholdSteps(fileId);
  return (
    <WriteModal<{ reason: string }> title={t('actions.exception')} fields={['reason']} onSubmit={(values) => steps.exception({ reason: values.reason.trim() })} onClose={onClose}>
      <p className="ui-empty">{t('exception.why')}</p>
      <Form.Item name="reason" label={t('exception.reason')} rules={[{ required: true, message: t('required') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </WriteModal>
  );
}

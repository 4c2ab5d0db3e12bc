import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { LegalAidStepDto, TrainingCourseDto } from '../../../generated/types.gen';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { usePartnerWrites, type PartnerReferral } from '../api';

const DATE = 'YYYY-MM-DD';
export const COURSE_STATUSES: readonly TrainingCourseDto['status'][] = ['enrolled', 'in_progress', 'completed', 'dropped_out'];
export const STEP_KINDS: readonly LegalAidStepDto['kind'][] = ['consultation', 'litigation_filed', 'hearing', 'judgment', 'non_litigation_service', 'other'];

interface FormProps {
  referral: PartnerReferral;
  onClose: () => void;
}

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** R15: a training course — name, provider, dates and where it stands. */
export function TrainingCourseForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  return (
    <WriteModal<{ name: string; provider: string; startsOn: Dayjs; endsOn?: Dayjs; status: TrainingCourseDto['status'] }>
      title={t('actions.trainingCourse')}
      fields={['name', 'provider', 'startsOn', 'endsOn', 'status']}
      onClose={onClose}
      initialValues={{ name: referral.details.trade, startsOn: dayjs().startOf('day'), status: 'enrolled' }}
      onSubmit={(values) =>
        writes.addTrainingCourse({
          name: values.name.trim(),
          provider: values.provider.trim(),
          startsOn: values.startsOn.format(DATE),
          endsOn: values.endsOn?.format(DATE),
          status: values.status,
        })
      }
    >
      <Form.Item name="name" label={t('kindRecords.courseName')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="provider" label={t('kindRecords.provider')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="startsOn" label={t('kindRecords.startsOn')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="endsOn" label={t('kindRecords.endsOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="status" label={t('kindRecords.status')}>
        <Select options={COURSE_STATUSES.map((value) => ({ value, label: t(`kindRecords.courseStatus.${value}`) }))} />
      </Form.Item>
    </WriteModal>
  );
}

/** R15: a certificate obtained. */
export function CertificateForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  return (
    <WriteModal<{ name: string; number?: string; issuedOn: Dayjs }>
      title={t('actions.certificate')}
      fields={['name', 'number', 'issuedOn']}
      onClose={onClose}
      initialValues={{ issuedOn: dayjs().startOf('day') }}
      onSubmit={(values) => writes.addCertificate({ name: values.name.trim(), number: trimmed(values.number), issuedOn: values.issuedOn.format(DATE) })}
    >
      <Form.Item name="name" label={t('kindRecords.certificateName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="number" label={t('kindRecords.certificateNumber')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="issuedOn" label={t('kindRecords.issuedOn')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </WriteModal>
  );
}

/** R15: the job found, here or in another place (异地就业). */
export function JobForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  return (
    <WriteModal<{ employer: string; position: string; startsOn: Dayjs; placeCode: string }>
      title={t('actions.job')}
      fields={['employer', 'position', 'startsOn', 'placeCode']}
      onClose={onClose}
      initialValues={{ startsOn: dayjs().startOf('day') }}
      onSubmit={(values) =>
        writes.addJob({ employer: values.employer.trim(), position: values.position.trim(), startsOn: values.startsOn.format(DATE), placeCode: values.placeCode.trim() })
      }
    >
      <Form.Item name="employer" label={t('kindRecords.employer')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="position" label={t('kindRecords.position')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="startsOn" label={t('kindRecords.jobStartsOn')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="placeCode"
        label={t('kindRecords.placeCode')}
        extra={t('kindRecords.placeCodeHelp')}
        rules={[{ required: true, pattern: /^\s*[0-9]{6}\s*$/, message: t('kindRecords.placeCodeInvalid') }]}
      >
        <Input maxLength={6} inputMode="numeric" />
      </Form.Item>
    </WriteModal>
  );
}

/** R18: one dated step of the green-channel case. */
export function LegalAidStepForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  return (
    <WriteModal<{ kind: LegalAidStepDto['kind']; takenOn: Dayjs; note: string }>
      title={t('actions.legalAidStep')}
      fields={['kind', 'takenOn', 'note']}
      onClose={onClose}
      initialValues={{ kind: 'consultation', takenOn: dayjs().startOf('day') }}
      onSubmit={(values) => writes.addLegalAidStep({ kind: values.kind, takenOn: values.takenOn.format(DATE), note: values.note.trim() })}
    >
      <Form.Item name="kind" label={t('kindRecords.stepKind')}>
        <Select options={STEP_KINDS.map((value) => ({ value, label: t(`kindRecords.step.${value}`) }))} />
      </Form.Item>
      <Form.Item name="takenOn" label={t('kindRecords.takenOn')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('kindRecords.stepNote')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.required') }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </WriteModal>
  );
}

/** R19: the handover to the authority of the country of return. */
export function HandoverForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  const required = [{ required: true, whitespace: true, min: 2, message: t('form.required') }];
  const document = referral.person?.travelDocument;
  return (
    <WriteModal<{ handedOverOn: Dayjs; place: string; receivingAuthority: string; receivingCountry: string; travelDocumentRef?: string }>
      title={t('actions.handover')}
      fields={['handedOverOn', 'place', 'receivingAuthority', 'receivingCountry', 'travelDocumentRef']}
      onClose={onClose}
      initialValues={{
        handedOverOn: dayjs().startOf('day'),
        receivingCountry: referral.person?.nationality ?? undefined,
        travelDocumentRef: document?.number,
      }}
      onSubmit={(values) =>
        writes.recordHandover({
          handedOverOn: values.handedOverOn.format(DATE),
          place: values.place.trim(),
          receivingAuthority: values.receivingAuthority.trim(),
          receivingCountry: values.receivingCountry.trim().toUpperCase(),
          travelDocumentRef: trimmed(values.travelDocumentRef),
        })
      }
    >
      <Form.Item name="handedOverOn" label={t('kindRecords.handedOverOn')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="place" label={t('kindRecords.handoverPlace')} extra={t('kindRecords.handoverPlaceHelp')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="receivingAuthority" label={t('kindRecords.receivingAuthority')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="receivingCountry"
        label={t('kindRecords.receivingCountry')}
        extra={t('kindRecords.receivingCountryHelp')}
        rules={[{ required: true, pattern: /^\s*[A-Za-z]{2}\s*$/, message: t('kindRecords.receivingCountryInvalid') }]}
      >
        <Input maxLength={2} />
      </Form.Item>
      <Form.Item name="travelDocumentRef" label={t('kindRecords.travelDocumentRef')}>
        <Input maxLength={100} />
      </Form.Item>
    </WriteModal>
  );
}

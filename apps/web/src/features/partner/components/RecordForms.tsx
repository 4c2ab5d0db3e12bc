import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ContributionDto, DisabilityAssessmentDto } from '../../../generated/types.gen';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { usePartnerWrites, type PartnerReferral } from '../api';

const DATE = 'YYYY-MM-DD';
const CATEGORIES: readonly DisabilityAssessmentDto['category'][] = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'];

interface FormProps {
  referral: PartnerReferral;
  onClose: () => void;
}

/** R12: the hospital's disability assessment — category and grade (1 most severe – 4); a disability assessment referral completes only with one. */
export function AssessmentForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  const required = [{ required: true, message: t('form.required') }];
  return (
    <WriteModal<{ category: DisabilityAssessmentDto['category']; grade: number; assessedOn: Dayjs; assessedBy: string }>
      title={t('actions.assessment')}
      fields={['category', 'grade', 'assessedOn', 'assessedBy']}
      onClose={onClose}
      initialValues={{ assessedOn: dayjs().startOf('day') }}
      onSubmit={(values) => writes.recordAssessment({ ...values, assessedOn: values.assessedOn.format(DATE), assessedBy: values.assessedBy.trim() })}
    >
      <Form.Item name="category" label={t('records.category')} rules={required}>
        <Select options={CATEGORIES.map((value) => ({ value, label: t(`disability.${value}`) }))} />
      </Form.Item>
      <Form.Item name="grade" label={t('records.grade')} extra={t('records.gradeHelp')} rules={required}>
        <Select options={[1, 2, 3, 4].map((value) => ({ value, label: String(value) }))} />
      </Form.Item>
      <Form.Item name="assessedOn" label={t('records.assessedOn')} rules={required}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="assessedBy" label={t('records.assessedBy')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
    </WriteModal>
  );
}

/** R14: the school's enrolment; the caseworker is reminded of the follow-up visits after it. */
export function EnrolmentForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  return (
    <WriteModal<{ grade: string; className?: string; enrolledOn: Dayjs }>
      title={t('actions.enrolment')}
      fields={['grade', 'className', 'enrolledOn']}
      onClose={onClose}
      initialValues={{ grade: referral.details.gradeLevel, enrolledOn: dayjs().startOf('day') }}
      onSubmit={(values) => writes.recordEnrolment({ grade: values.grade.trim(), className: values.className?.trim() || undefined, enrolledOn: values.enrolledOn.format(DATE) })}
    >
      <Form.Item name="grade" label={t('records.enrolGrade')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="className" label={t('records.className')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="enrolledOn" label={t('records.enrolledOn')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </WriteModal>
  );
}

/** R13: support the social work organisation brought in — money or goods and services, from an organisation or a person. */
export function ContributionForm({ referral, onClose, onDone }: FormProps & { onDone: (source: string) => void }) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  return (
    <WriteModal<Omit<ContributionDto, 'receivedOn'> & { receivedOn: Dayjs }>
      title={t('actions.contribution')}
      fields={['sourceKind', 'sourceName', 'amountYuan', 'inKind', 'purpose', 'receivedOn']}
      onClose={onClose}
      initialValues={{ sourceKind: 'organisation', receivedOn: dayjs().startOf('day') }}
      onSubmit={async (values) => {
        await writes.addContribution({ ...values, inKind: values.inKind?.trim() || undefined, receivedOn: values.receivedOn.format(DATE) });
        onDone(values.sourceName);
      }}
    >
      <Form.Item name="sourceKind" label={t('records.sourceKind')}>
        <Select
          options={[
            { value: 'organisation', label: t('records.organisation') },
            { value: 'individual', label: t('records.individual') },
          ]}
        />
      </Form.Item>
      <Form.Item name="sourceName" label={t('records.sourceName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="amountYuan" label={t('records.amountYuan')}>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="inKind" label={t('records.inKind')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="purpose" label={t('records.purpose')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.required') }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="receivedOn" label={t('records.receivedOn')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </WriteModal>
  );
}

import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OutcomeDto } from '../../../generated/types.gen';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { usePartnerWrites, type PartnerReferral } from '../api';

const DATE = 'YYYY-MM-DD';
const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

interface FormProps {
  referral: PartnerReferral;
  onClose: () => void;
}

/** Decline with the reason: the referring bureau reads it; the grant on the file ends. */
export function DeclineForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  return (
    <WriteModal<{ reason: string }> title={t('decline.title')} fields={['reason']} onClose={onClose} onSubmit={({ reason }) => writes.decline(reason.trim())}>
      <Form.Item name="reason" label={t('decline.reason')} extra={t('decline.reasonHelp')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </WriteModal>
  );
}

/** A progress note, or a visit with its day; the caseworker sees both. */
export function NoteForm({ referral, kind, onClose }: FormProps & { kind: 'progress' | 'visit' }) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  return (
    <WriteModal<{ text: string; visitedOn?: Dayjs }>
      title={t(kind === 'visit' ? 'note.visitTitle' : 'note.progressTitle')}
      fields={['text', 'visitedOn']}
      onClose={onClose}
      initialValues={kind === 'visit' ? { visitedOn: dayjs().startOf('day') } : {}}
      onSubmit={(values) => writes.addNote({ kind, text: values.text.trim(), visitedOn: values.visitedOn?.format(DATE) })}
    >
      {kind === 'visit' && (
        <Form.Item name="visitedOn" label={t('note.visitedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="text" label={t('note.text')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.required') }]}>
        <Input.TextArea rows={4} maxLength={10000} />
      </Form.Item>
    </WriteModal>
  );
}

interface OutcomeValues {
  summary?: string;
  course?: string;
  certificate?: string;
  employer?: string;
  place?: string;
  startDate?: Dayjs;
  workElsewhere?: string;
  service?: 'litigation' | 'non_litigation';
  court?: string;
  stage?: string;
  result?: string;
}

/** Complete with the outcome the kind requires (the server checks it): training its course and certificate (R15), placement the job, legal aid the service, stage and result (R18), any other a summary. */
export function CompleteForm({ referral, onClose }: FormProps) {
  const { t } = useTranslation('partner');
  const writes = usePartnerWrites(referral.id);
  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  const kind = referral.kind;
  const training = kind === 'job_training';
  const placement = kind === 'job_placement';
  const legal = kind === 'legal_aid';
  const submit = (values: OutcomeValues) => {
    const body: OutcomeDto = {
      summary: text(values.summary),
      course: text(values.course),
      certificate: text(values.certificate),
      workElsewhere: text(values.workElsewhere),
      service: values.service,
      court: text(values.court),
      stage: text(values.stage),
      result: text(values.result),
    };
    if (placement && values.employer && values.place && values.startDate) {
      body.placement = { employer: values.employer.trim(), place: values.place.trim(), startDate: values.startDate.format(DATE) };
    }
    return writes.complete(body);
  };
  return (
    <WriteModal<OutcomeValues>
      title={t('complete.title')}
      fields={['summary', 'course', 'certificate', 'placement', 'workElsewhere', 'service', 'court', 'stage', 'result']}
      onClose={onClose}
      onSubmit={submit}
    >
      {training && (
        <>
          <Form.Item name="course" label={t('complete.course')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="certificate" label={t('complete.certificate')}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      )}
      {placement && (
        <>
          <Form.Item name="employer" label={t('complete.employer')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="place" label={t('complete.place')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="startDate" label={t('complete.startDate')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="workElsewhere" label={t('complete.workElsewhere')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
      {legal && (
        <>
          <Form.Item name="service" label={t('complete.service')} rules={[{ required: true, message: t('form.required') }]}>
            <Select
              options={[
                { value: 'litigation', label: t('complete.litigation') },
                { value: 'non_litigation', label: t('complete.non_litigation') },
              ]}
            />
          </Form.Item>
          <Form.Item name="court" label={t('complete.court')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="stage" label={t('complete.stage')} extra={t('complete.stageHelp')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="result" label={t('complete.result')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      )}
      {!training && !placement && !legal && (
        <Form.Item name="summary" label={t('complete.summary')} rules={required}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      )}
    </WriteModal>
  );
}

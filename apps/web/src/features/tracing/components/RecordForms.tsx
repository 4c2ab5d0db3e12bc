import { DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DutyNoticeDto, LeadDto, LeadOutcomeDto } from '../../../generated/types.gen';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useTracingWrites } from '../api';

const LEAD_KINDS: readonly LeadDto['kind'][] = ['dialect', 'place_name', 'person', 'event', 'mark', 'other'];
const LEAD_SOURCES: readonly LeadDto['source'][] = ['person', 'interview', 'institution_staff', 'police', 'family', 'other'];
const OUTCOMES: readonly LeadOutcomeDto['outcome'][] = ['confirmed', 'ruled_out'];
const METHODS: readonly DutyNoticeDto['method'][] = ['in_person', 'phone', 'letter', 'video'];
const DATE = 'YYYY-MM-DD';
const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const today = () => dayjs().startOf('day');

interface FormProps {
  fileId: string;
  onClose: () => void;
}

/** R8: a lead the person gave — what kind, in their words, from whom; a place it names by its code. */
export function LeadForm({ fileId, onClose }: FormProps) {
  const { t } = useTranslation('tracing');
  const writes = useTracingWrites(fileId);
  const required = [{ required: true, message: t('required') }];
  return (
    <WriteModal<{ kind: LeadDto['kind']; text: string; source: LeadDto['source']; placeCode?: string }>
      title={t('leads.add')}
      fields={['kind', 'text', 'source', 'placeCode']}
      initialValues={{ source: 'person' }}
      onSubmit={(values) => writes.addLead({ kind: values.kind, text: values.text.trim(), source: values.source, placeCode: optional(values.placeCode) })}
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('leads.kind')} rules={required}>
        <Select options={LEAD_KINDS.map((value) => ({ value, label: t(`leadKind.${value}`) }))} />
      </Form.Item>
      <Form.Item name="text" label={t('leads.text')} rules={required}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="source" label={t('leads.sourceLabel')} rules={required}>
        <Select options={LEAD_SOURCES.map((value) => ({ value, label: t(`leadSource.${value}`) }))} />
      </Form.Item>
      <Form.Item name="placeCode" label={t('leads.placeCode')} extra={t('leads.placeCodeHelp')}>
        <Input maxLength={6} inputMode="numeric" />
      </Form.Item>
    </WriteModal>
  );
}

/** R8: what following a lead up found — it held, or it was ruled out — the day, and what was done. */
export function LeadOutcomeForm({ fileId, leadId, onClose }: FormProps & { leadId: string }) {
  const { t } = useTranslation('tracing');
  const writes = useTracingWrites(fileId);
  const required = [{ required: true, message: t('required') }];
  return (
    <WriteModal<{ outcome: LeadOutcomeDto['outcome']; checkedOn: Dayjs; note: string }>
      title={t('leads.check')}
      fields={['outcome', 'checkedOn', 'note']}
      initialValues={{ checkedOn: today() }}
      onSubmit={(values) => writes.leadOutcome(leadId, { outcome: values.outcome, checkedOn: values.checkedOn.format(DATE), note: values.note.trim() })}
      onClose={onClose}
    >
      <Form.Item name="outcome" label={t('leads.outcome')} rules={required}>
        <Radio.Group options={OUTCOMES.map((value) => ({ value, label: t(`leadStatus.${value}`) }))} />
      </Form.Item>
      <Form.Item name="checkedOn" label={t('leads.checkedOn')} rules={required}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="note" label={t('leads.outcomeNote')} extra={t('leads.outcomeNoteHelp')} rules={required}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </WriteModal>
  );
}

/** R8: the relatives found were told of their duties of care — who, when, how; going home waits for it. */
export function DutyNoticeForm({ fileId, onClose }: FormProps) {
  const { t } = useTranslation('tracing');
  const writes = useTracingWrites(fileId);
  const required = [{ required: true, message: t('required') }];
  return (
    <WriteModal<{ relatives: string; notifiedOn: Dayjs; method: DutyNoticeDto['method']; note?: string }>
      title={t('duty.add')}
      fields={['relatives', 'notifiedOn', 'method', 'note']}
      initialValues={{ notifiedOn: today(), method: 'in_person' }}
      onSubmit={(values) =>
        writes.dutyNotice({ relatives: values.relatives.trim(), notifiedOn: values.notifiedOn.format(DATE), method: values.method, note: optional(values.note) })
      }
      onClose={onClose}
    >
      <p className="ui-empty">{t('duty.why')}</p>
      <Form.Item name="relatives" label={t('duty.relatives')} extra={t('duty.relativesHelp')} rules={required}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="notifiedOn" label={t('duty.notifiedOn')} rules={required}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="method" label={t('duty.method')} rules={required}>
        <Radio.Group options={METHODS.map((value) => ({ value, label: t(`dutyMethod.${value}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('duty.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </WriteModal>
  );
}

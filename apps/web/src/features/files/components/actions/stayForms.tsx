/** The institution's records of a stay (libs/case/src/stay/stay.dto.ts): arrival, a care note, a leave and its return, departure. */
import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DepartureDto } from '../../../../generated/types.gen';
import { useFileWrites } from '../../api';
import { ActionModal } from './ActionModal';
import type { RecordFormProps } from './recordForms';

export type StayForm = 'arrival' | 'note' | 'leave' | 'return' | 'departure';

/** Every field of the five forms; each form validates its own required ones before submitting. */
interface StayValues {
  arrivedAt: Dayjs;
  room?: string;
  unit?: string;
  text: string;
  leftAt: Dayjs;
  expectedBackAt: Dayjs;
  reason: string;
  returnedAt: Dayjs;
  departedAt: Dayjs;
  departureReason: DepartureDto['reason'];
  note?: string;
}

const DEPARTURE_REASONS: readonly DepartureDto['reason'][] = ['reunified', 'resettled', 'repatriated', 'transferred', 'left_without_notice', 'other'];
const FIELDS: Record<StayForm, readonly string[]> = {
  arrival: ['arrivedAt', 'room', 'unit'],
  note: ['text', 'notedAt'],
  leave: ['leftAt', 'expectedBackAt', 'reason'],
  return: ['returnedAt'],
  departure: ['departedAt', 'note'],
};
const optional = (value: string | undefined) => value?.trim() || undefined;

export function StayRecordForm({ kind, leaveId = '', fileId, version, onClose, onDone }: RecordFormProps & { kind: StayForm; leaveId?: string }) {
  const { t } = useTranslation('files');
  const [form] = Form.useForm<StayValues>();
  const writes = useFileWrites(fileId);
  const required = [{ required: true, message: t('payload.required') }];
  const when = (name: keyof StayValues, label: string) => (
    <Form.Item name={name} label={label} rules={required}>
      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
    </Form.Item>
  );
  const submit = (v: StayValues) => {
    switch (kind) {
      case 'arrival':
        return writes.stayArrival({ arrivedAt: v.arrivedAt.toISOString(), room: optional(v.room), unit: optional(v.unit) });
      case 'note':
        return writes.stayNote({ text: v.text.trim() });
      case 'leave':
        return writes.stayLeave({ leftAt: v.leftAt.toISOString(), expectedBackAt: v.expectedBackAt.toISOString(), reason: v.reason.trim() });
      case 'return':
        return writes.stayReturn(leaveId, { returnedAt: v.returnedAt.toISOString() });
      case 'departure':
        return writes.stayDeparture({ departedAt: v.departedAt.toISOString(), reason: v.departureReason, note: optional(v.note) });
    }
  };
  return (
    <ActionModal<StayValues>
      title={t(`stay.actions.${kind}`)}
      okText={t('actions.submit')}
      form={form}
      fields={FIELDS[kind]}
      version={version}
      onSubmit={submit}
      onDone={onDone}
      onClose={onClose}
    >
      {kind === 'arrival' && (
        <>
          {when('arrivedAt', t('stay.arrivedAt'))}
          <Form.Item name="room" label={t('stay.room')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="unit" label={t('stay.unit')}>
            <Input maxLength={50} />
          </Form.Item>
        </>
      )}
      {kind === 'note' && (
        <Form.Item name="text" label={t('stay.noteText')} rules={required}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      )}
      {kind === 'leave' && (
        <>
          {when('leftAt', t('stay.leftAt'))}
          {when('expectedBackAt', t('stay.expectedBackAt'))}
          <Form.Item name="reason" label={t('stay.leaveReason')} rules={required}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      {kind === 'return' && when('returnedAt', t('stay.returnedAt'))}
      {kind === 'departure' && (
        <>
          {when('departedAt', t('stay.departedAt'))}
          <Form.Item name="departureReason" label={t('stay.departureReason')} rules={required}>
            <Select options={DEPARTURE_REASONS.map((value) => ({ value, label: t(`stay.reason.${value}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('stay.departureNote')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
    </ActionModal>
  );
}

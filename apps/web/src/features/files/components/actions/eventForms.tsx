/**
 * One hand-written form per payload DTO of the state machine's events
 * (libs/case/src/state-machine/payloads.dto.ts, in the OpenAPI document as the
 * oneOf of POST /files/:id/transitions), and the table event → form.
 */
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_KINDS, type FireBody } from '../../api';
import { useOrganisations } from '../../../intake';

type Event = FireBody['event'];
type Values = Record<string, unknown>;

export interface EventForm {
  Fields: ComponentType;
  /** Top-level field names, for 422 problems (`payload.reason`). */
  fields: readonly string[];
  /** The request from the form's `payload` values (the form keeps them under `payload`, so a 422 on `payload.reason` lands on its field). */
  body: (event: Event, expectedVersion: number, payload: Values) => FireBody;
  initialValues?: () => Values;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** NotePayload: an optional note. */
function NoteFields() {
  const { t } = useTranslation('files');
  return (
    <Form.Item name={['payload', 'note']} label={t('payload.note')}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
}

/** ReasonPayload: the reason, required (2–2000). */
function ReasonFields() {
  const { t } = useTranslation('files');
  return (
    <Form.Item name={['payload', 'reason']} label={t('payload.reason')} rules={[{ required: true, message: t('payload.required') }]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
}

const BUREAUS = ['civil_affairs_bureau'] as const;

/** PlaceInInstitutionPayload (R5): the institution, from when, why. */
function PlaceFields() {
  const { t } = useTranslation('files');
  const institutions = useOrganisations(INSTITUTION_KINDS);
  return (
    <>
      <Form.Item name={['payload', 'institutionId']} label={t('payload.institution')} rules={[{ required: true, message: t('payload.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('payload.institutionPlaceholder')}
          loading={institutions.isPending}
          options={(institutions.data ?? []).map((item) => ({ value: item.id, label: item.name }))}
        />
      </Form.Item>
      <Form.Item name={['payload', 'fromDate']} label={t('payload.fromDate')} rules={[{ required: true, message: t('payload.required') }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name={['payload', 'reason']} label={t('payload.placeReason')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** ReunifyPayload (R5, R6, R7): when the family received the person (now when empty), a note. */
function ReunifyFields() {
  const { t } = useTranslation('files');
  return (
    <>
      <Form.Item name={['payload', 'handedOverAt']} label={t('payload.handedOverAt')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <NoteFields />
    </>
  );
}

/** TransferPayload: the bureau that is to take the file over, and why. */
function TransferFields() {
  const { t } = useTranslation('files');
  const bureaus = useOrganisations(BUREAUS);
  return (
    <>
      <Form.Item name={['payload', 'toOrganisationId']} label={t('payload.toOrganisation')} rules={[{ required: true, message: t('payload.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('payload.toOrganisationPlaceholder')}
          loading={bureaus.isPending}
          options={(bureaus.data ?? []).map((item) => ({ value: item.id, label: item.name }))}
        />
      </Form.Item>
      <ReasonFields />
    </>
  );
}

const NOTE: EventForm = {
  Fields: NoteFields,
  fields: ['payload'],
  body: (event, expectedVersion, p) => ({ event, expectedVersion, payload: { note: text(p.note) } }) as FireBody,
};
const REASON: EventForm = {
  Fields: ReasonFields,
  fields: ['payload'],
  body: (event, expectedVersion, p) => ({ event, expectedVersion, payload: { reason: String(p.reason ?? '').trim() } }) as FireBody,
};
const PLACE: EventForm = {
  Fields: PlaceFields,
  fields: ['payload'],
  initialValues: () => ({ payload: { fromDate: dayjs() } }),
  body: (_event, expectedVersion, p) => ({
    event: 'place_in_institution',
    expectedVersion,
    payload: { institutionId: String(p.institutionId), fromDate: (p.fromDate as Dayjs).format('YYYY-MM-DD'), reason: text(p.reason) },
  }),
};
const REUNIFY: EventForm = {
  Fields: ReunifyFields,
  fields: ['payload'],
  body: (_event, expectedVersion, p) => ({
    event: 'reunify',
    expectedVersion,
    payload: { handedOverAt: p.handedOverAt ? (p.handedOverAt as Dayjs).toISOString() : undefined, note: text(p.note) },
  }),
};
const TRANSFER: EventForm = {
  Fields: TransferFields,
  fields: ['payload'],
  body: (_event, expectedVersion, p) => ({
    event: 'transfer',
    expectedVersion,
    payload: { toOrganisationId: String(p.toOrganisationId), reason: String(p.reason ?? '').trim() },
  }),
};

/** Each event's form, by its payload DTO; an event missing here has no button (the build's types list them all). */
export const EVENT_FORMS: Record<Event, EventForm> = {
  place_in_institution: PLACE,
  start_return_home: NOTE,
  abandon_return: REASON,
  reunify: REUNIFY,
  start_tracing: NOTE,
  family_found: NOTE,
  resettle_locally: NOTE,
  start_repatriation: NOTE,
  repatriate: NOTE,
  start_follow_up: NOTE,
  transfer: TRANSFER,
  close: REASON,
};

export const isKnownEvent = (event: string): event is Event => Object.prototype.hasOwnProperty.call(EVENT_FORMS, event);

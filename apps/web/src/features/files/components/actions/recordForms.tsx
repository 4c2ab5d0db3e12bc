/**
 * The records a step waits for, each its own form after its DTO
 * (libs/case/src/records/records.dto.ts): the one-stop interview (R2), the
 * return home (R5, R7; refused for the buying household, R6), a minor's
 * guardian (R23), an addendum to the interview (R2).
 */
import { Button, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AddendumDto, GuardianDto, InterviewDto, ReturnHomeDto } from '../../../../generated/types.gen';
import { useIdNumberRule } from '../../../intake';
import { useFileWrites } from '../../api';
import { ActionModal } from './ActionModal';

export interface RecordFormProps {
  fileId: string;
  version: number;
  onClose: () => void;
  onDone: () => void;
}

const NEEDS = [
  'shelter',
  'medical',
  'psychological',
  'schooling',
  'training',
  'employment',
  'legal_aid',
  'family_tracing',
  'travel_home',
  'social_assistance',
  'interpreter',
  'other',
] as const;
const CONSENTS = ['medical', 'schooling', 'training', 'legal_aid', 'social_work', 'family_tracing', 'trafficking_history', 'identity'] as const;
const LANGUAGES = ['zh', 'yue', 'vi', 'my', 'lo', 'km', 'en'] as const;
const SECTIONS = ['circumstances', 'needs', 'risks', 'wishes', 'consents', 'attendees', 'other'] as const;
const DATE = 'YYYY-MM-DD';
const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

interface InterviewValues {
  conductedAt: Dayjs;
  place?: string;
  language: string;
  interpreterName?: string;
  interpreterLanguage?: string;
  attendees: { name: string; role: string; agency?: string }[];
  circumstances: string;
  needs: InterviewDto['needs'];
  needsNote?: string;
  risks?: string;
  wishes?: string;
  consents: string[];
  consentBy: 'person' | 'guardian';
}

/** R2: the one-stop interview, recorded once. */
export function InterviewForm({ fileId, version, onClose, onDone }: RecordFormProps) {
  const { t } = useTranslation('files');
  const [form] = Form.useForm<InterviewValues>();
  const writes = useFileWrites(fileId);
  const required = [{ required: true, message: t('payload.required') }];
  const submit = (values: InterviewValues) => {
    const body: InterviewDto = {
      conductedAt: values.conductedAt.toISOString(),
      place: text(values.place),
      language: values.language,
      interpreter: values.interpreterName?.trim() ? { name: values.interpreterName.trim(), language: values.interpreterLanguage ?? values.language } : undefined,
      attendees: (values.attendees ?? [])
        .filter((attendee) => attendee?.name?.trim())
        .map((attendee) => ({ name: attendee.name.trim(), role: attendee.role ?? '', agency: text(attendee.agency) })),
      circumstances: values.circumstances,
      needs: values.needs ?? [],
      needsNote: text(values.needsNote),
      risks: text(values.risks),
      wishes: text(values.wishes),
      consents: Object.fromEntries(CONSENTS.map((category) => [category, { given: (values.consents ?? []).includes(category), by: values.consentBy }])),
    };
    return writes.recordInterview(body);
  };
  return (
    <ActionModal<InterviewValues>
      title={t('actions.interview')}
      okText={t('actions.submit')}
      form={form}
      fields={['conductedAt', 'place', 'language', 'attendees', 'circumstances', 'needs', 'needsNote', 'risks', 'wishes', 'consents']}
      version={version}
      onSubmit={submit}
      onDone={onDone}
      onClose={onClose}
      initialValues={{ conductedAt: dayjs(), language: 'zh', attendees: [], needs: [], consents: [], consentBy: 'person' }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="conductedAt" label={t('interview.conductedAt')} rules={required}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="language" label={t('interview.language')} rules={required}>
            <Select options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="place" label={t('interview.place')}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="interpreterName" label={t('interview.interpreter')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="interpreterLanguage" label={t('interview.interpreterLanguage')}>
            <Select allowClear options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('interview.attendees')}>
        <Form.List name="attendees">
          {(items, { add, remove }) => (
            <>
              {items.map((item) => (
                <Space key={item.key} wrap align="baseline">
                  <Form.Item name={[item.name, 'name']} aria-label={t('interview.attendeeName')} noStyle>
                    <Input placeholder={t('interview.attendeeName')} aria-label={t('interview.attendeeName')} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'role']} noStyle>
                    <Input placeholder={t('interview.attendeeRole')} aria-label={t('interview.attendeeRole')} maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'agency']} noStyle>
                    <Input placeholder={t('interview.attendeeAgency')} aria-label={t('interview.attendeeAgency')} maxLength={100} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(item.name)}>
                    {t('interview.removeAttendee')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', role: '' })} block>
                {t('interview.addAttendee')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="circumstances" label={t('interview.circumstances')} rules={required}>
        <Input.TextArea rows={4} maxLength={20000} />
      </Form.Item>
      <Form.Item name="needs" label={t('interview.needs')}>
        <Checkbox.Group options={NEEDS.map((value) => ({ value, label: t(`needs.${value}`) }))} />
      </Form.Item>
      <Form.Item name="needsNote" label={t('interview.needsNote')}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Form.Item name="risks" label={t('interview.risks')}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Form.Item name="wishes" label={t('interview.wishes')}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Form.Item name="consents" label={t('interview.consents')}>
        <Checkbox.Group options={CONSENTS.map((value) => ({ value, label: t(`consent.${value}`) }))} />
      </Form.Item>
      <Form.Item name="consentBy" label={t('interview.consentBy')}>
        <Radio.Group options={(['person', 'guardian'] as const).map((value) => ({ value, label: t(`consent.${value}`) }))} />
      </Form.Item>
    </ActionModal>
  );
}

interface ReturnHomeValues {
  recipientName: string;
  relation: string;
  recipientIdNumber?: string;
  recipientIdNumberVerified?: boolean;
  recipientPhone?: string;
  address: string;
  placeCode: string;
  plannedOn?: Dayjs;
  travelArrangements?: string;
  escortedBy?: string;
}

/** R5, R7: who receives the person at home and where (versioned); the buying household is refused (R6). */
export function ReturnHomeForm({ fileId, version, onClose, onDone, current }: RecordFormProps & { current?: Partial<ReturnHomeValues> | null }) {
  const { t } = useTranslation('files');
  const [form] = Form.useForm<ReturnHomeValues>();
  const writes = useFileWrites(fileId);
  const idNumberRule = useIdNumberRule();
  const required = [{ required: true, message: t('payload.required') }];
  const submit = (values: ReturnHomeValues) => {
    const body: ReturnHomeDto = {
      expectedVersion: version,
      recipientName: values.recipientName.trim(),
      relation: values.relation.trim(),
      recipientIdNumber: text(values.recipientIdNumber),
      recipientIdNumberVerified: values.recipientIdNumber?.trim() ? Boolean(values.recipientIdNumberVerified) : undefined,
      recipientPhone: text(values.recipientPhone),
      address: values.address.trim(),
      placeCode: values.placeCode.trim(),
      plannedOn: values.plannedOn?.format(DATE),
      travelArrangements: text(values.travelArrangements),
      escortedBy: text(values.escortedBy),
    };
    return writes.setReturnHome(body);
  };
  return (
    <ActionModal<ReturnHomeValues>
      title={t('actions.returnHome')}
      okText={t('actions.submit')}
      form={form}
      fields={[
        'recipientName',
        'relation',
        'recipientIdNumber',
        'recipientIdNumberVerified',
        'recipientPhone',
        'address',
        'placeCode',
        'plannedOn',
        'travelArrangements',
        'escortedBy',
      ]}
      version={version}
      onSubmit={submit}
      onDone={onDone}
      onClose={onClose}
      initialValues={current ?? undefined}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="recipientName" label={t('returnHome.recipientName')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="relation" label={t('returnHome.relation')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="recipientIdNumber" label={t('returnHome.recipientIdNumber')} rules={[idNumberRule]} validateDebounce={200}>
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="recipientPhone" label={t('returnHome.recipientPhone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="recipientIdNumberVerified" valuePropName="checked">
        <Checkbox>{t('returnHome.verified')}</Checkbox>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="address" label={t('returnHome.address')} rules={required}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="placeCode" label={t('returnHome.placeCode')} rules={required}>
            <Input inputMode="numeric" maxLength={6} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="plannedOn" label={t('returnHome.plannedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="escortedBy" label={t('returnHome.escortedBy')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="travelArrangements" label={t('returnHome.travelArrangements')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </ActionModal>
  );
}

interface GuardianValues {
  kind: GuardianDto['kind'];
  name: string;
  relation?: string;
  idNumber?: string;
  idNumberVerified?: boolean;
  birthDate?: Dayjs;
  phone?: string;
  address?: string;
  since: Dayjs;
}

/** R23: a minor's guardian — an adult other than the ward, never of the buying household (R6). */
export function GuardianForm({ fileId, version, onClose, onDone }: RecordFormProps) {
  const { t } = useTranslation('files');
  const [form] = Form.useForm<GuardianValues>();
  const writes = useFileWrites(fileId);
  const idNumberRule = useIdNumberRule();
  const required = [{ required: true, message: t('payload.required') }];
  const submit = (values: GuardianValues) =>
    writes.addGuardian({
      kind: values.kind,
      name: values.name.trim(),
      relation: text(values.relation),
      idNumber: text(values.idNumber),
      idNumberVerified: values.idNumber?.trim() ? Boolean(values.idNumberVerified) : undefined,
      birthDate: values.birthDate?.format(DATE),
      phone: text(values.phone),
      address: text(values.address),
      since: values.since.format(DATE),
    });
  return (
    <ActionModal<GuardianValues>
      title={t('actions.guardian')}
      okText={t('actions.submit')}
      form={form}
      fields={['kind', 'name', 'relation', 'idNumber', 'idNumberVerified', 'birthDate', 'phone', 'address', 'since']}
      version={version}
      onSubmit={submit}
      onDone={onDone}
      onClose={onClose}
      initialValues={{ kind: 'parent', since: dayjs() }}
    >
      <Form.Item name="kind" label={t('guardian.kind')}>
        <Select options={(['parent', 'relative', 'institution', 'civil_affairs', 'other'] as const).map((value) => ({ value, label: t(`guardian.kinds.${value}`) }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('guardian.name')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="relation" label={t('guardian.relation')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="idNumber" label={t('guardian.idNumber')} rules={[idNumberRule]} validateDebounce={200}>
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="birthDate" label={t('guardian.birthDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="idNumberVerified" valuePropName="checked">
        <Checkbox>{t('guardian.verified')}</Checkbox>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('guardian.phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="since" label={t('guardian.since')} rules={required}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('guardian.address')}>
        <Input maxLength={300} />
      </Form.Item>
    </ActionModal>
  );
}

/** R2: an addendum corrects or completes the interview; the interview itself never changes. */
export function AddendumForm({ fileId, version, onClose, onDone }: RecordFormProps) {
  const { t } = useTranslation('files');
  const [form] = Form.useForm<AddendumDto>();
  const writes = useFileWrites(fileId);
  const required = [{ required: true, message: t('payload.required') }];
  return (
    <ActionModal<AddendumDto>
      title={t('actions.addendum')}
      okText={t('actions.submit')}
      form={form}
      fields={['section', 'text', 'reason']}
      version={version}
      onSubmit={(values) => writes.addAddendum({ section: values.section, text: values.text.trim(), reason: values.reason.trim() })}
      onDone={onDone}
      onClose={onClose}
      initialValues={{ section: 'other' }}
    >
      <Form.Item name="section" label={t('interview.section')}>
        <Select options={SECTIONS.map((value) => ({ value, label: t(`section.${value}`) }))} />
      </Form.Item>
      <Form.Item name="text" label={t('interview.text')} rules={required}>
        <Input.TextArea rows={4} maxLength={10000} />
      </Form.Item>
      <Form.Item name="reason" label={t('interview.addendumReason')} rules={required}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActionModal>
  );
}

import { Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import i18n from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DuplicateCandidate, DuplicateDecision, PersonInput } from '../../../generated/types.gen';
import { ApiError, namePathOf } from '../../../shared/api/api-error';
import { canCall, useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { duplicateCandidates, recordDiscovery, recordPoliceHandover, useOrganisations } from '../api';
import { DuplicateStep } from '../components/DuplicateStep';
import { useIdNumberRule } from '../components/idNumberRule';
import '../intake.css';

const MATERIALS = ['interview_record', 'identity_proof', 'medical_report', 'rescue_report', 'belongings', 'photos'] as const;
const INSTITUTIONS = ['assistance_institution', 'minor_protection_centre', 'child_welfare_institution'] as const;
const POLICE = ['public_security'] as const;
const DATE = 'YYYY-MM-DD';

interface Values {
  kind: 'police_handover' | 'discovery';
  handover?: { policeOrganisationId: string; policeCaseNumber: string; handoverDate: Dayjs; placeCode: string; materials?: string[]; circumstances: string };
  discovery?: { institutionId: string; discoveredOn: Dayjs; placeCode: string; circumstances: string };
  person: {
    name?: string;
    childhoodName?: string;
    sex: PersonInput['sex'];
    identityStatus: PersonInput['identityStatus'];
    idNumber?: string;
    ageKind: 'exact' | 'range' | 'unknown';
    birthDate?: Dayjs;
    ageFrom?: number;
    ageTo?: number;
    foreign?: boolean;
    nationality?: string;
    travelDocument?: { type?: 'passport' | 'travel_permit' | 'other'; number?: string; country?: string };
    originPlaceCode?: string;
  };
}

/** Where a server field's problem shows on this form (the age range is asked in years, the materials as a checklist). */
function formPath(field: string): (string | number)[] {
  if (field.startsWith('person.birthDateRange')) return ['person', 'ageFrom'];
  if (field.startsWith('person.birthDate')) return ['person', 'birthDate'];
  if (field.startsWith('handover.materials')) return ['handover', 'materials'];
  if (field.startsWith('person.aliases')) return ['person', 'childhoodName'];
  return namePathOf(field);
}

/** 422 problems onto their fields (WEB.md §3); what finds no field stays for the form's Alert. */
function placeErrors(form: FormInstance, error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 422) return error;
  const problems = error.fieldProblems.map((problem) => ({ path: formPath(problem.field), reason: problem.reason }));
  const placed = problems.filter(({ path }) => isFormField(path));
  form.setFields(placed.map(({ path, reason }) => ({ name: path, errors: [reason] })));
  if (placed.length > 0) form.scrollToField(placed[0].path);
  return placed.length === problems.length && placed.length > 0 ? null : error;
}

const FORM_FIELDS = new Set([
  'handover.policeOrganisationId',
  'handover.policeCaseNumber',
  'handover.handoverDate',
  'handover.placeCode',
  'handover.materials',
  'handover.circumstances',
  'discovery.institutionId',
  'discovery.discoveredOn',
  'discovery.placeCode',
  'discovery.circumstances',
  'person.name',
  'person.childhoodName',
  'person.sex',
  'person.identityStatus',
  'person.idNumber',
  'person.birthDate',
  'person.ageFrom',
  'person.nationality',
  'person.travelDocument.type',
  'person.travelDocument.number',
  'person.travelDocument.country',
  'person.originPlaceCode',
]);
const isFormField = (path: (string | number)[]) => FORM_FIELDS.has(path.join('.'));

/** R3: the person as the API takes them; an estimated age becomes a birth date range counted back from today. */
function personOf(values: Values['person']): PersonInput {
  const today = dayjs();
  const person: PersonInput = { sex: values.sex, identityStatus: values.identityStatus };
  if (values.name?.trim()) person.name = values.name.trim();
  if (values.childhoodName?.trim()) person.aliases = [{ name: values.childhoodName.trim(), kind: 'childhood_name' }];
  if (values.idNumber?.trim()) person.idNumber = values.idNumber.trim();
  if (values.ageKind === 'exact' && values.birthDate) person.birthDate = values.birthDate.format(DATE);
  if (values.ageKind === 'range' && values.ageFrom != null && values.ageTo != null) {
    person.birthDateRange = {
      from: today
        .subtract(values.ageTo + 1, 'year')
        .add(1, 'day')
        .format(DATE),
      to: today.subtract(values.ageFrom, 'year').format(DATE),
    };
  }
  if (values.foreign) {
    if (values.nationality) person.nationality = values.nationality.toUpperCase();
    const document = values.travelDocument;
    if (document?.type && document.number && document.country) {
      person.travelDocument = { type: document.type, number: document.number.trim(), country: document.country.toUpperCase() };
    }
  }
  if (values.originPlaceCode?.trim()) person.originPlaceCode = values.originPlaceCode.trim();
  return person;
}

/** 接收登记 (R1, R3, R4): a police handover or an institution's discovery; likely duplicates are decided before the file opens. */
export default function IntakePage() {
  const { t } = useTranslation('intake');
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  // The ways in the role may record (the API's x-roles): institution staff record their own discoveries only.
  const kinds = (['police_handover', 'discovery'] as const).filter((value) => canCall(me.data, value === 'police_handover' ? 'intake_police_handover' : 'intake_discovery'));
  const kind = Form.useWatch('kind', form) ?? kinds[0];
  const ageKind = Form.useWatch(['person', 'ageKind'], form);
  const foreign = Form.useWatch(['person', 'foreign'], form);
  const police = useOrganisations(POLICE);
  const institutions = useOrganisations(INSTITUTIONS, me.data?.organisation.jurisdictionCode);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const placeCode = me.data?.organisation.jurisdictionCode;

  const submit = async (decision?: DuplicateDecision) => {
    const values = form.getFieldsValue(true) as Values;
    setBusy(true);
    setError(null);
    try {
      const person = personOf(values.person);
      const common = { person, ...(decision ? { duplicateDecision: decision } : {}) };
      // The materials are recorded in Chinese, the language of the file, whatever the language of the screen.
      const zh = i18n.getFixedT('zh-CN', 'intake');
      const result =
        values.kind === 'discovery' && values.discovery
          ? await recordDiscovery({
              ...common,
              discovery: {
                institutionId: values.discovery.institutionId,
                discoveredOn: values.discovery.discoveredOn.format(DATE),
                placeCode: values.discovery.placeCode,
                circumstances: values.discovery.circumstances,
              },
            })
          : await recordPoliceHandover({
              ...common,
              handover: {
                policeOrganisationId: values.handover!.policeOrganisationId,
                policeCaseNumber: values.handover!.policeCaseNumber,
                handoverDate: values.handover!.handoverDate.format(DATE),
                placeCode: values.handover!.placeCode,
                materials: (values.handover!.materials ?? []).map((item) => ({ item: zh(`materials.${item}`) })),
                circumstances: values.handover!.circumstances,
              },
            });
      await navigate(`/files/${result.file.id}`);
    } catch (failure) {
      const found = duplicateCandidates(failure);
      if (found) {
        setCandidates(found);
        // The decision comes first: the step shows above the form.
        window.scrollTo({ top: 0 });
        return;
      }
      setCandidates(null);
      setError(placeErrors(form, failure));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('required') }];
  const idNumberRule = useIdNumberRule();
  const organisationOptions = (items: { id: string; name: string }[] | undefined) => (items ?? []).map((item) => ({ value: item.id, label: item.name }));

  return (
    <div className="intake">
      <Panel level={1} title={t('title')}>
        {candidates !== null && (
          <DuplicateStep
            candidates={candidates}
            busy={busy}
            onLink={(personId) => void submit({ action: 'link', personId })}
            onNew={() => void submit({ action: 'new_person' })}
            onBack={() => setCandidates(null)}
          />
        )}
        <ErrorAlert error={error} />
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          scrollToFirstError
          disabled={candidates !== null}
          initialValues={{
            kind: kinds[0],
            handover: { handoverDate: dayjs(), placeCode, materials: [] },
            discovery: { discoveredOn: dayjs(), placeCode },
            person: { sex: 'unknown', identityStatus: 'unknown', ageKind: 'range' },
          }}
          onFinish={() => void submit()}
        >
          <Form.Item name="kind" label={t('kind.label')} hidden={kinds.length < 2}>
            <Radio.Group optionType="button" options={kinds.map((value) => ({ value, label: t(`kind.${value}`) }))} />
          </Form.Item>

          {kind === 'police_handover' ? (
            <fieldset className="intake-section">
              <legend>{t('handover.title')}</legend>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={['handover', 'policeOrganisationId']} label={t('handover.police')} rules={required}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('handover.policePlaceholder')}
                      loading={police.isPending}
                      options={organisationOptions(police.data)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['handover', 'policeCaseNumber']} label={t('handover.caseNumber')} rules={required}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['handover', 'handoverDate']} label={t('handover.date')} rules={required}>
                    <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['handover', 'placeCode']} label={t('handover.place')} rules={required}>
                    <Input inputMode="numeric" maxLength={6} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={['handover', 'materials']} label={t('handover.materials')}>
                <Checkbox.Group options={MATERIALS.map((item) => ({ value: item, label: t(`materials.${item}`) }))} />
              </Form.Item>
              <Form.Item name={['handover', 'circumstances']} label={t('handover.circumstances')} rules={required}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            </fieldset>
          ) : (
            <fieldset className="intake-section">
              <legend>{t('discovery.title')}</legend>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={['discovery', 'institutionId']} label={t('discovery.institution')} rules={required}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('discovery.institutionPlaceholder')}
                      loading={institutions.isPending}
                      options={organisationOptions(institutions.data)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={['discovery', 'discoveredOn']} label={t('discovery.date')} rules={required}>
                    <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={['discovery', 'placeCode']} label={t('discovery.place')} rules={required}>
                    <Input inputMode="numeric" maxLength={6} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={['discovery', 'circumstances']} label={t('discovery.circumstances')} rules={required}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            </fieldset>
          )}

          <fieldset className="intake-section">
            <legend>{t('person.title')}</legend>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['person', 'name']} label={t('person.name')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['person', 'childhoodName']} label={t('person.childhoodName')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['person', 'sex']} label={t('person.sex')}>
                  <Radio.Group options={(['female', 'male', 'unknown'] as const).map((value) => ({ value, label: t(`sex.${value}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['person', 'identityStatus']} label={t('person.identityStatus')}>
                  <Select options={(['confirmed', 'claimed', 'unknown'] as const).map((value) => ({ value, label: t(`identityStatus.${value}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name={['person', 'idNumber']} label={t('person.idNumber')} rules={[idNumberRule]} validateDebounce={200}>
                  <Input maxLength={30} autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['person', 'ageKind']} label={t('person.age')}>
              <Radio.Group optionType="button" options={(['exact', 'range', 'unknown'] as const).map((value) => ({ value, label: t(`ageKind.${value}`) }))} />
            </Form.Item>
            {ageKind === 'exact' && (
              <Form.Item name={['person', 'birthDate']} label={t('person.birthDate')} rules={required}>
                <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
              </Form.Item>
            )}
            {ageKind === 'range' && (
              <Row gutter={16}>
                <Col xs={12} md={6}>
                  <Form.Item name={['person', 'ageFrom']} label={t('person.ageFrom')} rules={required} extra={t('person.ageRangeHelp')}>
                    <InputNumber min={0} max={120} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={['person', 'ageTo']} label={t('person.ageTo')} rules={required}>
                    <InputNumber min={0} max={120} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            )}
            <Form.Item name={['person', 'originPlaceCode']} label={t('person.originPlace')}>
              <Input inputMode="numeric" maxLength={6} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name={['person', 'foreign']} valuePropName="checked">
              <Checkbox>{t('person.foreign')}</Checkbox>
            </Form.Item>
            {foreign && (
              <Row gutter={16}>
                <Col xs={24} md={6}>
                  <Form.Item name={['person', 'nationality']} label={t('person.nationality')} rules={required}>
                    <Input maxLength={2} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={['person', 'travelDocument', 'type']} label={t('person.documentType')}>
                    <Select allowClear options={(['passport', 'travel_permit', 'other'] as const).map((value) => ({ value, label: t(`documentType.${value}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={['person', 'travelDocument', 'number']} label={t('person.documentNumber')}>
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={['person', 'travelDocument', 'country']} label={t('person.documentCountry')}>
                    <Input maxLength={2} />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </fieldset>
          {candidates === null && (
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('submit')}
            </Button>
          )}
        </Form>
      </Panel>
    </div>
  );
}

/**
 * 新建转介 (R12–R16, R18, R19): the partner of the kind chosen, the kind's own
 * fields (CreateReferralDto), the dates, and the categories disclosed — none
 * by default: the trafficking history and the rest go to a partner only when
 * ticked, and only with the person's or guardian's consent (R16, R22).
 */
import { Alert, Checkbox, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import { Dialog } from '../../../shared/ui/Dialog';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateReferralDto } from '../../../generated/types.gen';
import { ApiError } from '../../../shared/api/api-error';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useOrganisations, type OrganisationKind } from '../../intake';
import '../referrals.css';
import { DISCLOSURE_CATEGORIES, REFERRAL_KINDS, useReferralWrites, type ReferralKind } from '../api';

/** Who receives each kind (libs/referral/src/kinds.ts): the picker offers these; the server decides (WRONG_ORGANISATION_KIND, NOT_DESIGNATED). */
const RECEIVERS: Record<ReferralKind, readonly OrganisationKind[]> = {
  medical_care: ['hospital'],
  psychological_counselling: ['hospital'],
  disability_assessment: ['hospital'],
  rehabilitation: ['social_work_organisation'],
  schooling: ['school'],
  technical_school: ['technical_school'],
  job_training: ['hr_social_security', 'technical_school'],
  job_placement: ['hr_social_security'],
  legal_aid: ['legal_aid_centre'],
  repatriation: ['foreign_affairs_office'],
};
const DESIGNATED_ONLY: readonly ReferralKind[] = ['medical_care', 'psychological_counselling', 'disability_assessment'];
const SCHOOL_KINDS: readonly ReferralKind[] = ['schooling', 'technical_school'];
const TRAINING_KINDS: readonly ReferralKind[] = ['job_training', 'job_placement'];
const FIELDS = ['kind', 'organisationId', 'purpose', 'disclose', 'details', 'acceptBy', 'completeBy', 'ageConfirmed'] as const;
const DATE = 'YYYY-MM-DD';
const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

interface Values {
  kind: ReferralKind;
  organisationId: string;
  purpose: string;
  gradeLevel?: string;
  contactMade?: string;
  matter?: string;
  trade?: string;
  disclose?: CreateReferralDto['disclose'];
  acceptBy?: Dayjs;
  completeBy?: Dayjs;
  ageConfirmed?: boolean;
}

/** The server names `disclose[1]` and `details.gradeLevel`: they land on the checkbox group and the field the form shows. */
function onFormFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return error;
  const rename = (field: string) =>
    field.startsWith('disclose[')
      ? 'disclose'
      : field === 'details.elsewhere.contactMade' || field === 'details.elsewhere'
        ? 'contactMade'
        : field.startsWith('details.')
          ? field.slice('details.'.length)
          : field;
  const details = (error.details as unknown[]).map((item) =>
    typeof item === 'object' && item !== null && typeof (item as { field?: unknown }).field === 'string' ? { ...item, field: rename((item as { field: string }).field) } : item,
  );
  return new ApiError(error.status, error.code, error.fullMessage, details, error.requestId);
}

export function ReferralForm({ fileId, onClose, onDone }: { fileId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('referrals');
  const [form] = Form.useForm<Values>();
  const writes = useReferralWrites(fileId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form);
  const organisations = useOrganisations(kind ? RECEIVERS[kind] : []);
  const partners = (organisations.data ?? []).filter((organisation) => !kind || !DESIGNATED_ONLY.includes(kind) || organisation.designated);
  const required = [{ required: true, message: t('form.required') }];

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const details: CreateReferralDto['details'] = {
      gradeLevel: SCHOOL_KINDS.includes(values.kind) ? text(values.gradeLevel) : undefined,
      elsewhere: SCHOOL_KINDS.includes(values.kind) && text(values.contactMade) ? { contactMade: text(values.contactMade)! } : undefined,
      matter: values.kind === 'legal_aid' ? text(values.matter) : undefined,
      trade: values.kind === 'job_training' ? text(values.trade) : undefined,
    };
    const body: CreateReferralDto = {
      kind: values.kind,
      organisationId: values.organisationId,
      purpose: values.purpose ?? '',
      disclose: values.disclose ?? [],
      details,
      acceptBy: values.acceptBy?.format(DATE),
      completeBy: values.completeBy?.format(DATE),
      ageConfirmed: TRAINING_KINDS.includes(values.kind) ? Boolean(values.ageConfirmed) : undefined,
      send: true,
    };
    setBusy(true);
    setError(null);
    try {
      await writes.create(body);
      onDone();
    } catch (failure) {
      setError(applyFieldErrors(form, onFormFields(failure), [...FIELDS, 'gradeLevel', 'contactMade', 'matter', 'trade']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('form.title')}
      okText={t('form.submit')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
      className="referral-modal"
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} scrollToFirstError initialValues={{ disclose: [] }} preserve>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('form.kind')} rules={required}>
              <Select
                aria-label={t('form.kind')}
                options={REFERRAL_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))}
                onChange={() => form.setFieldValue('organisationId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="organisationId" label={t('form.partner')} rules={required} extra={kind && DESIGNATED_ONLY.includes(kind) ? t('form.designatedOnly') : undefined}>
              <Select
                aria-label={t('form.partner')}
                disabled={!kind}
                loading={organisations.isFetching}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={t('form.noPartner')}
                options={partners.map((organisation) => ({ value: organisation.id, label: `${organisation.name}（${organisation.jurisdictionName}）` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="purpose" label={t('form.purpose')} rules={required}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {kind && SCHOOL_KINDS.includes(kind) && (
          <>
            <Form.Item name="gradeLevel" label={t('form.gradeLevel')}>
              <Input />
            </Form.Item>
            <Form.Item name="contactMade" label={t('form.contactMade')} extra={t('form.contactMadeHelp')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {kind === 'legal_aid' && (
          <Form.Item name="matter" label={t('form.matter')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
        {kind === 'job_training' && (
          <Form.Item name="trade" label={t('form.trade')}>
            <Input />
          </Form.Item>
        )}
        {kind && TRAINING_KINDS.includes(kind) && (
          <Form.Item name="ageConfirmed" valuePropName="checked">
            <Checkbox>{t('form.ageConfirmed')}</Checkbox>
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="acceptBy" label={t('form.acceptBy')} extra={kind === 'legal_aid' ? t('form.greenChannel') : undefined}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="completeBy" label={t('form.completeBy')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="disclose" label={t('form.disclose')}>
          <Checkbox.Group options={DISCLOSURE_CATEGORIES.map((value) => ({ value, label: t(`disclosure.${value}`) }))} />
        </Form.Item>
        <Alert type="info" showIcon title={t('form.discloseNote')} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('form.sendNote')}
        </Typography.Paragraph>
      </Form>
    </Dialog>
  );
}

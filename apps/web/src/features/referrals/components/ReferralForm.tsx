/**
 * 新建转介 / 编辑草稿 (R12–R16, R18, R19): the partner of the kind chosen, the
 * kind's own fields (CreateReferralDto), the dates, and the categories
 * disclosed — none by default, and only those a standing consent of the
 * person or guardian covers (R16, R22); the others are shown disabled with
 * the reason. Kept as a draft or sent; the server decides and names the field.
 */
import { Alert, Button, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import { Dialog } from '../../../shared/ui/Dialog';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateReferralDto, FileView } from '../../../generated/types.gen';
import { ApiError } from '../../../shared/api/api-error';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useOrganisations, type OrganisationKind } from '../../intake';
import '../referrals.css';
import { DISCLOSURE_CATEGORIES, REFERRAL_KINDS, useConsentStanding, useReferralWrites, type DisclosureCategory, type Referral, type ReferralKind } from '../api';

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
const FIELDS = ['kind', 'organisationId', 'purpose', 'disclose', 'acceptBy', 'completeBy', 'ageConfirmed', 'gradeLevel', 'contactMade', 'matter', 'trade'] as const;
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
  disclose?: DisclosureCategory[];
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

/** The draft's values in the form; categories whose consent was withdrawn since are left out (they could not be sent). */
function valuesOf(draft: Referral | undefined): Partial<Values> {
  if (!draft) return { disclose: [] };
  return {
    kind: draft.kind,
    organisationId: draft.organisation.id,
    purpose: draft.purpose,
    gradeLevel: draft.details.gradeLevel,
    contactMade: draft.details.elsewhere?.contactMade,
    matter: draft.details.matter,
    trade: draft.details.trade,
    disclose: draft.disclosed.filter((category) => !draft.withheld.includes(category)),
    acceptBy: draft.acceptBy ? dayjs(draft.acceptBy) : undefined,
    completeBy: draft.completeBy ? dayjs(draft.completeBy) : undefined,
  };
}

interface Props {
  file: FileView;
  /** The draft edited; a new referral without it. */
  draft?: Referral;
  onClose: () => void;
  /** The referral as saved; `forcedFrom` when R15 guided it elsewhere. */
  onDone: (saved: Referral & { forcedFrom?: ReferralKind }, sent: boolean) => void;
}

export function ReferralForm({ file, draft, onClose, onDone }: Props) {
  const { t } = useTranslation('referrals');
  const [form] = Form.useForm<Values>();
  const writes = useReferralWrites(file.id);
  const standing = useConsentStanding(file.id);
  const [busy, setBusy] = useState<'draft' | 'send' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form);
  const age = file.person.age;
  // R15: from 16; a 16 or 17 year old's training goes to a technical school.
  const trainingMinor = kind !== undefined && TRAINING_KINDS.includes(kind) && age !== null && age.min < 18 && age.max >= 16;
  const receivers = kind ? (trainingMinor ? (['technical_school'] as const) : RECEIVERS[kind]) : [];
  const organisations = useOrganisations(receivers);
  const partners = (organisations.data ?? []).filter((organisation) => !kind || !DESIGNATED_ONLY.includes(kind) || organisation.designated);
  const required = [{ required: true, message: t('form.required') }];
  const trainingConsent = standing.data?.get('job_training')?.standing ?? false;
  const withdrawnFromDraft = draft?.withheld ?? [];

  const submit = async (send: boolean) => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input: Omit<CreateReferralDto, 'send'> = {
      kind: values.kind,
      organisationId: values.organisationId,
      purpose: values.purpose ?? '',
      disclose: values.disclose ?? [],
      details: {
        gradeLevel: SCHOOL_KINDS.includes(values.kind) ? text(values.gradeLevel) : undefined,
        elsewhere: SCHOOL_KINDS.includes(values.kind) && text(values.contactMade) ? { contactMade: text(values.contactMade)! } : undefined,
        matter: values.kind === 'legal_aid' ? text(values.matter) : undefined,
        trade: values.kind === 'job_training' ? text(values.trade) : undefined,
      },
      // R18: the legal aid centre's accept-by is set by the working calendar when it is sent.
      acceptBy: values.kind === 'legal_aid' ? undefined : values.acceptBy?.format(DATE),
      completeBy: values.completeBy?.format(DATE),
      ageConfirmed: TRAINING_KINDS.includes(values.kind) ? Boolean(values.ageConfirmed) : undefined,
    };
    setBusy(send ? 'send' : 'draft');
    setError(null);
    try {
      if (draft) {
        const saved = await writes.editDraft(draft.id, { ...input, expectedVersion: draft.version });
        onDone(send ? { ...(await writes.send(draft.id)), forcedFrom: saved.forcedFrom } : saved, send);
      } else {
        onDone(await writes.create({ ...input, send }), send);
      }
    } catch (failure) {
      // A stale draft: keep the input, fetch the draft again, let the person resubmit (WEB.md §2).
      if (failure instanceof ApiError && failure.status === 409) void writes.refresh();
      setError(applyFieldErrors(form, onFormFields(failure), FIELDS));
    } finally {
      setBusy(null);
    }
  };

  const disclosureOption = (category: DisclosureCategory) => {
    const consent = standing.data?.get(category);
    const allowed = consent?.standing ?? false;
    return {
      value: category,
      disabled: !allowed,
      label: (
        <span>
          {t(`disclosure.${category}`)}
          {!allowed && (
            <Typography.Text type="secondary" className="referral-unavailable">
              {' '}
              {t(consent?.withdrawn ? 'form.consentWithdrawn' : 'form.noConsent')}
            </Typography.Text>
          )}
        </span>
      ),
    };
  };

  return (
    <Dialog
      title={draft ? t('form.editTitle') : t('form.title')}
      onCancel={onClose}
      mask={{ closable: false }}
      width={680}
      className="referral-modal"
      destroyOnHidden
      footer={
        <Space wrap className="referral-form-footer">
          <Button onClick={onClose}>{t('form.cancel')}</Button>
          <Button onClick={() => void submit(false)} loading={busy === 'draft'} disabled={busy === 'send'}>
            {t('form.saveDraft')}
          </Button>
          <Button type="primary" onClick={() => void submit(true)} loading={busy === 'send'} disabled={busy === 'draft'}>
            {draft ? t('form.saveAndSend') : t('form.submit')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} scrollToFirstError initialValues={valuesOf(draft)} preserve>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="kind"
              label={t('form.kind')}
              rules={required}
              extra={kind === 'repatriation' && (!file.person.nationality || file.person.nationality === 'CN') ? t('form.foreignOnly') : undefined}
            >
              <Select
                aria-label={t('form.kind')}
                options={REFERRAL_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))}
                onChange={() => form.setFieldValue('organisationId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="organisationId"
              label={t('form.partner')}
              rules={required}
              extra={trainingMinor ? t('form.technicalSchool') : kind && DESIGNATED_ONLY.includes(kind) ? t('form.designatedOnly') : undefined}
            >
              <Select
                aria-label={t('form.partner')}
                disabled={!kind}
                loading={organisations.isFetching}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={t('form.noPartner')}
                options={partners.map((organisation) => ({
                  value: organisation.id,
                  label: t('form.partnerOption', { name: organisation.name, jurisdiction: organisation.jurisdictionName }),
                }))}
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
          <>
            {age && age.max < 16 && <Alert type="warning" showIcon className="referral-form-note" title={t('form.tooYoung', { max: age.max })} />}
            {!trainingConsent && <Alert type="warning" showIcon className="referral-form-note" title={t('form.trainingConsent')} />}
            {(!age || (age.min < 16 && age.max >= 16)) && (
              <Form.Item name="ageConfirmed" valuePropName="checked">
                <Checkbox>{t('form.ageConfirmed')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            {kind === 'legal_aid' ? (
              <Form.Item label={t('form.acceptBy')}>
                <Typography.Text type="secondary">{t('form.greenChannel')}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="acceptBy" label={t('form.acceptBy')} extra={t('form.acceptByHelp')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="completeBy" label={t('form.completeBy')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {withdrawnFromDraft.length > 0 && (
          <Alert
            type="warning"
            showIcon
            className="referral-form-note"
            title={t('form.withdrawnFromDraft', { categories: withdrawnFromDraft.map((category) => t(`disclosure.${category}`)).join(t('separator')) })}
          />
        )}
        <Form.Item name="disclose" label={t('form.disclose')} extra={t('form.discloseHelp')}>
          <Checkbox.Group className="referral-disclose" options={DISCLOSURE_CATEGORIES.map(disclosureOption)} />
        </Form.Item>
        <Alert type="info" showIcon title={t('form.discloseNote')} />
        <Typography.Paragraph type="secondary" className="referral-form-send-note">
          {t('form.sendNote')}
        </Typography.Paragraph>
      </Form>
    </Dialog>
  );
}

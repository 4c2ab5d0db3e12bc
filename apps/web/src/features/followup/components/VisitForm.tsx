import { Col, DatePicker, Form, Input, Row } from 'antd';
import { Dialog } from '../../../shared/ui/Dialog';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useRecordVisit, type Visit } from '../api';

interface Values {
  visitedOn: Dayjs;
  livingSituation: string;
  schoolingEmployment?: string;
  problems?: string;
  actionsAgreed?: string;
  nextVisitOn?: Dayjs;
}

const FIELDS = ['visitedOn', 'livingSituation', 'schoolingEmployment', 'problems', 'actionsAgreed', 'nextVisitOn'] as const;
const DATE = 'YYYY-MM-DD';
const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** R17: what a visit found (VisitDto); it stops the reminder and may move the next visit. */
export function VisitForm({ fileId, visit, onClose, onDone }: { fileId: string; visit: Visit; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('followup');
  const [form] = Form.useForm<Values>();
  const record = useRecordVisit(fileId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const required = [{ required: true, message: t('form.required') }];
  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await record(visit.id, {
        visitedOn: values.visitedOn.format(DATE),
        livingSituation: values.livingSituation ?? '',
        schoolingEmployment: text(values.schoolingEmployment),
        problems: text(values.problems),
        actionsAgreed: text(values.actionsAgreed),
        nextVisitOn: values.nextVisitOn?.format(DATE),
      });
      onDone();
    } catch (failure) {
      setError(applyFieldErrors(form, failure, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('form.title', { seq: visit.seq })}
      okText={t('form.submit')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
      className="visit-modal"
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} scrollToFirstError initialValues={{ visitedOn: dayjs().startOf('day') }} preserve>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="visitedOn" label={t('form.visitedOn')} rules={required}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nextVisitOn" label={t('form.nextVisitOn')} extra={t('form.nextVisitOnHelp')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="livingSituation" label={t('form.livingSituation')} rules={required}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="schoolingEmployment" label={t('form.schoolingEmployment')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="problems" label={t('form.problems')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="actionsAgreed" label={t('form.actionsAgreed')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

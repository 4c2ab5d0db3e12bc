import { Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { WriteModal } from '../../../shared/ui/WriteModal';
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
  const record = useRecordVisit(fileId);
  const required = [{ required: true, message: t('form.required') }];
  return (
    <WriteModal<Values>
      title={t('form.title', { seq: visit.seq })}
      okText={t('form.submit')}
      fields={FIELDS}
      onSubmit={(values) =>
        record(visit.id, {
          visitedOn: values.visitedOn.format(DATE),
          livingSituation: values.livingSituation ?? '',
          schoolingEmployment: text(values.schoolingEmployment),
          problems: text(values.problems),
          actionsAgreed: text(values.actionsAgreed),
          nextVisitOn: values.nextVisitOn?.format(DATE),
        })
      }
      onDone={onDone}
      onClose={onClose}
      width={640}
      className="visit-modal"
      initialValues={{ visitedOn: dayjs().startOf('day') }}
    >
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
    </WriteModal>
  );
}

import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DnaOutcomeDto } from '../../../generated/types.gen';
import { ApiError } from '../../../shared/api/api-error';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useReportOutcome } from '../api';

const OUTCOMES: readonly DnaOutcomeDto['outcome'][] = ['match', 'no_match', 'inconclusive'];
const GENETIC_REFUSAL = 'GENETIC_DATA_REFUSED';

/**
 * The unit reports the outcome of its comparison (R9, R10): match, no match or
 * inconclusive, the day and its report's reference — never a profile. Genetic
 * content is refused by the server on the field it names; why (R9) is said above the form.
 */
export function OutcomeForm({ comparisonId, onClose }: { comparisonId: string; onClose: () => void }) {
  const { t } = useTranslation('police');
  const report = useReportOutcome(comparisonId);
  const [refusal, setRefusal] = useState<string | null>(null);
  const required = [{ required: true, message: t('required') }];
  const submit = async (values: { outcome: DnaOutcomeDto['outcome']; reportedOn: Dayjs; reportReference: string }) => {
    setRefusal(null);
    try {
      return await report.mutateAsync({ outcome: values.outcome, reportedOn: values.reportedOn.format('YYYY-MM-DD'), reportReference: values.reportReference.trim() });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === GENETIC_REFUSAL) setRefusal(failure.message);
      throw failure;
    }
  };
  return (
    <WriteModal<{ outcome: DnaOutcomeDto['outcome']; reportedOn: Dayjs; reportReference: string }>
      title={t('dna.report')}
      fields={['outcome', 'reportedOn', 'reportReference']}
      initialValues={{ reportedOn: dayjs().startOf('day') }}
      onSubmit={submit}
      onClose={onClose}
    >
      {refusal && (
        <div role="alert" className="ui-error" data-testid="genetic-refusal">
          {refusal}
        </div>
      )}
      <p className="police-intro">{t('dna.reportHelp')}</p>
      <Form.Item name="outcome" label={t('dna.outcome')} rules={required}>
        <Radio.Group options={OUTCOMES.map((value) => ({ value, label: t(`outcome.${value}`) }))} />
      </Form.Item>
      <Form.Item name="reportedOn" label={t('dna.reportedOn')} rules={required}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="reportReference" label={t('dna.reportReference')} rules={required} extra={t('dna.referenceOnly')}>
        <Input maxLength={100} />
      </Form.Item>
    </WriteModal>
  );
}

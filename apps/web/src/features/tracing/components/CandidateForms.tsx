import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { useOrganisations } from '../../intake';
import { useTracingWrites } from '../api';

interface CandidateFormProps {
  fileId: string;
  candidateId: string;
  onClose: () => void;
}

/** R8: set a candidate aside, with the reason. */
export function DismissForm({ fileId, candidateId, onClose }: CandidateFormProps) {
  const { t } = useTranslation('tracing');
  const writes = useTracingWrites(fileId);
  return (
    <WriteModal<{ reason: string }>
      title={t('actions.dismiss')}
      fields={['reason']}
      onSubmit={(values) => writes.dismiss(candidateId, { reason: values.reason.trim() })}
      onClose={onClose}
    >
      <Form.Item name="reason" label={t('dismiss.reason')} rules={[{ required: true, message: t('required') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </WriteModal>
  );
}

const POLICE = ['public_security'] as const;

/** R9: refer the pair to a police unit for a DNA comparison — the unit, its reference, the date; never genetic data. */
export function DnaReferralForm({ fileId, candidateId, onClose }: CandidateFormProps) {
  const { t } = useTranslation('tracing');
  const writes = useTracingWrites(fileId);
  const units = useOrganisations(POLICE);
  return (
    <WriteModal<{ policeOrganisationId: string; policeReference: string; requestedOn: Dayjs }>
      title={t('actions.refer')}
      fields={['policeOrganisationId', 'policeReference', 'requestedOn']}
      onSubmit={(values) =>
        writes.referToPolice(candidateId, {
          policeOrganisationId: values.policeOrganisationId,
          policeReference: values.policeReference.trim(),
          requestedOn: values.requestedOn.format('YYYY-MM-DD'),
        })
      }
      onClose={onClose}
    >
      <p className="ui-empty">{t('dna.noGeneticData')}</p>
      <Form.Item name="policeOrganisationId" label={t('dna.police')} rules={[{ required: true, message: t('required') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))} />
      </Form.Item>
      <Form.Item name="policeReference" label={t('dna.reference')} rules={[{ required: true, message: t('required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="requestedOn" label={t('dna.requestedOn')} rules={[{ required: true, message: t('required') }]}>
        <DatePicker />
      </Form.Item>
    </WriteModal>
  );
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PoliceComparisonView } from '../../../generated/types.gen';

/** Dark text on a pale shade: every pair at least 4.5:1 (WCAG AA). */
const COLOURS: Record<PoliceComparisonView['outcome'], { background: string; color: string; borderColor: string }> = {
  pending: { background: '#e6f4ff', color: '#003eb3', borderColor: '#91caff' },
  match: { background: '#f6ffed', color: '#237804', borderColor: '#b7eb8f' },
  no_match: { background: '#fafafa', color: '#1f1f1f', borderColor: '#d9d9d9' },
  inconclusive: { background: '#fffbe6', color: '#874d00', borderColor: '#ffe58f' },
};

export function OutcomeTag({ outcome }: { outcome: PoliceComparisonView['outcome'] }) {
  const { t } = useTranslation('police');
  return (
    <Tag style={COLOURS[outcome]} data-outcome={outcome}>
      {t(`outcome.${outcome}`)}
    </Tag>
  );
}

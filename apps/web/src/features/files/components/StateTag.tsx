import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FileState } from '../api';

const COLOURS: Record<FileState, string> = {
  received: 'blue',
  in_care: 'geekblue',
  returning_home: 'geekblue',
  tracing: 'purple',
  repatriation: 'magenta',
  reunified: 'green',
  locally_resettled: 'green',
  repatriated: 'green',
  follow_up: 'gold',
  closed: 'default',
};

export function StateTag({ state }: { state: FileState }) {
  const { t } = useTranslation('files');
  return <Tag color={COLOURS[state]}>{t(`state.${state}`)}</Tag>;
}

/** Under 18 for certain (the whole estimated range): R-rules for minors apply. */
export function isMinor(age: { max: number } | null | undefined): boolean {
  return age != null && age.max < 18;
}

export function MinorTag() {
  const { t } = useTranslation('files');
  return <Tag color="red">{t('minor')}</Tag>;
}

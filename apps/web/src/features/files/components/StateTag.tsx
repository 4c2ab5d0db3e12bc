import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FileState } from '../api';

const COLOURS: Record<FileState, string> = {
  received: 'blue',
  in_care: 'cyan',
  returning_home: 'geekblue',
  tracing: 'purple',
  repatriation: 'magenta',
  reunified: 'success',
  locally_resettled: 'success',
  repatriated: 'success',
  follow_up: 'gold',
  closed: 'default',
};

export function StateTag({ state }: { state: FileState }) {
  const { t } = useTranslation('files');
  const colour = COLOURS[state];
  return colour === 'success' ? <Tag className="file-tag-success">{t(`state.${state}`)}</Tag> : <Tag color={colour}>{t(`state.${state}`)}</Tag>;
}

/** Under 18 for certain (the whole estimated range): R-rules for minors apply. */
export function isMinor(age: { max: number } | null | undefined): boolean {
  return age != null && age.max < 18;
}

export function MinorTag() {
  const { t } = useTranslation('files');
  return <Tag color="red">{t('minor')}</Tag>;
}

import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileState } from '../api';
import './state-tag.css';

/**
 * antd's preset tag colours put a mid shade on a pale one (cyan, green, gold
 * fall under WCAG AA's 4.5:1): each state gets the pale shade with a dark
 * one of the same hue instead — every pair at least 4.5:1 (text ≥ 5.4:1).
 */
const tone = (background: string, color: string, borderColor: string): CSSProperties => ({ background, color, borderColor });
const BLUE = tone('#e6f4ff', '#003eb3', '#91caff'); // 8.0:1
const GREEN = tone('#f6ffed', '#237804', '#b7eb8f'); // 5.4:1
const COLOURS: Record<FileState, CSSProperties> = {
  received: BLUE,
  in_care: tone('#e6fffb', '#006d75', '#87e8de'), // 5.8:1
  returning_home: tone('#f0f5ff', '#10239e', '#adc6ff'), // 10.9:1
  tracing: tone('#f9f0ff', '#391085', '#d3adf7'), // 11.9:1
  repatriation: tone('#fff0f6', '#9e1068', '#ffadd2'), // 7.0:1
  reunified: GREEN,
  locally_resettled: GREEN,
  repatriated: GREEN,
  follow_up: tone('#fffbe6', '#874d00', '#ffe58f'), // 6.5:1
  closed: tone('#fafafa', '#1f1f1f', '#d9d9d9'), // 15.8:1
};

export function StateTag({ state }: { state: FileState }) {
  const { t } = useTranslation('files');
  return (
    <span className="state-tag" style={COLOURS[state]} data-state={state}>
      {t(`state.${state}`)}
    </span>
  );
}

/** Under 18 for certain (the whole estimated range): R-rules for minors apply. */
export function isMinor(age: { max: number } | null | undefined): boolean {
  return age != null && age.max < 18;
}

export function MinorTag() {
  const { t } = useTranslation('files');
  return (
    <span className="state-tag" style={tone('#fff1f0', '#a8071a', '#ffa39e') /* 7.0:1 */}>
      {t('minor')}
    </span>
  );
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../api';

const COLOR: Record<InboxItem['status'], string | undefined> = {
  draft: undefined,
  sent: 'blue',
  accepted: 'cyan',
  in_progress: 'processing',
  completed: undefined,
  declined: undefined,
  withdrawn: undefined,
};

/** The referral's status in words (the referrals feature's labels); closed ones plain grey, enough contrast for axe. */
export function StatusTag({ status }: { status: InboxItem['status'] }) {
  const { t } = useTranslation('partner');
  return <Tag color={COLOR[status]}>{t(`referrals:status.${status}`)}</Tag>;
}

import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../api';

/** The deadline the partner has to meet next, with the working days left as the server counted them (调休, R18); overdue stands out. */
export function Deadline({ deadline }: { deadline: NonNullable<InboxItem['deadline']> }) {
  const { t } = useTranslation('partner');
  const left = deadline.overdue
    ? deadline.workingDaysLeft < 0
      ? t('deadline.overdue', { count: -deadline.workingDaysLeft })
      : t('deadline.overdueToday')
    : deadline.workingDaysLeft === 0
      ? t('deadline.today')
      : t('deadline.left', { count: deadline.workingDaysLeft });
  return (
    <span className={deadline.overdue ? 'partner-deadline partner-deadline-overdue' : 'partner-deadline'} data-testid="deadline">
      <span>
        {t(`deadline.${deadline.kind}`)} <strong>{deadline.day}</strong>
      </span>
      <span className="partner-deadline-left">{left}</span>
    </span>
  );
}

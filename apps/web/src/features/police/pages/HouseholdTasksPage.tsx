import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { messageHalf } from '../../../shared/i18n/message-half';
import { useHouseholdTasks } from '../api';
import { PoliceList, useStatusFilter } from '../components/PoliceList';

/** 落户 (R11): the registration tasks raised to the unit, the oldest due first; each opens the application and the registration. */
export default function HouseholdTasksPage() {
  const { t, i18n } = useTranslation('police');
  const filter = useStatusFilter({ due: t('household.due'), all: t('household.all') });
  return (
    <PoliceList
      title={t('household.title')}
      intro={t('household.intro')}
      filter={filter}
      list={useHouseholdTasks(filter.value)}
      empty={t('household.empty')}
      card={(item) => ({
        key: item.fileId,
        testId: `household-${item.fileReference}`,
        title: <Link to={`/police/household/${item.fileId}`}>{item.fileReference}</Link>,
        tag: <Tag color={item.status === 'raised' ? 'red' : 'blue'}>{messageHalf(item.statusLabel, i18n.language)}</Tag>,
        facts: [
          [t('household.dueOn'), item.dueOn],
          [t('household.application'), item.applicationPreparedOn ?? t('household.noApplication')],
          [t('person.sex'), t(`sex.${item.sex}`)],
          [t('household.institution'), item.institution ?? '—'],
        ],
      })}
    />
  );
}

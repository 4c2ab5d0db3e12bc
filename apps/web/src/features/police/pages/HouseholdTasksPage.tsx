import { Button, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { messageHalf } from '../../../shared/i18n/message-half';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useHouseholdTasks } from '../api';
import '../police.css';

/** 落户 (R11): the registration tasks raised to the unit, the oldest due first; each opens the application and the registration. */
export default function HouseholdTasksPage() {
  const { t, i18n } = useTranslation('police');
  const [status, setStatus] = useState<'due' | 'all'>('due');
  const list = useHouseholdTasks(status);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Panel level={1} title={t('household.title')}>
      <p className="police-intro">{t('household.intro')}</p>
      <Segmented
        className="police-filter"
        value={status}
        onChange={(value) => setStatus(value as 'due' | 'all')}
        options={[
          { value: 'due', label: t('household.due') },
          { value: 'all', label: t('household.all') },
        ]}
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <p className="ui-empty">{t('common:states.loading')}</p>
      ) : items.length ? (
        <ul className="police-cards">
          {items.map((item) => (
            <li key={item.fileId} className="police-card" data-testid={`household-${item.fileReference}`}>
              <div className="police-card-head">
                <h2 className="card-title">
                  <Link to={`/police/household/${item.fileId}`}>{item.fileReference}</Link>
                </h2>
                <Tag color={item.status === 'raised' ? 'red' : 'blue'}>{messageHalf(item.statusLabel, i18n.language)}</Tag>
              </div>
              <dl className="police-facts">
                <dt>{t('household.dueOn')}</dt>
                <dd>{item.dueOn}</dd>
                <dt>{t('household.application')}</dt>
                <dd>{item.applicationPreparedOn ?? t('household.noApplication')}</dd>
                <dt>{t('person.sex')}</dt>
                <dd>{t(`sex.${item.sex}`)}</dd>
                <dt>{t('household.institution')}</dt>
                <dd>{item.institution ?? '—'}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ui-empty">{t('household.empty')}</p>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common:actions.loadMore')}
        </Button>
      )}
    </Panel>
  );
}

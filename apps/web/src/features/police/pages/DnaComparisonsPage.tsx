import { Button, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useComparisons } from '../api';
import { OutcomeTag } from '../components/OutcomeTag';
import '../police.css';

/** DNA 比对 (R9): the comparisons asked of the unit, pending first, the oldest asked first; each opens its page. */
export default function DnaComparisonsPage() {
  const { t } = useTranslation('police');
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const list = useComparisons(status);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Panel level={1} title={t('dna.title')}>
      <p className="police-intro">{t('dna.intro')}</p>
      <Segmented
        className="police-filter"
        value={status}
        onChange={(value) => setStatus(value as 'pending' | 'all')}
        options={[
          { value: 'pending', label: t('dna.pending') },
          { value: 'all', label: t('dna.all') },
        ]}
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <p className="ui-empty">{t('common:states.loading')}</p>
      ) : items.length ? (
        <ul className="police-cards">
          {items.map((item) => (
            <li key={item.id} className="police-card" data-testid={`comparison-${item.policeReference}`}>
              <div className="police-card-head">
                <h2 className="card-title">
                  <Link to={`/police/dna/${item.id}`}>{item.policeReference}</Link>
                </h2>
                <OutcomeTag outcome={item.outcome} />
              </div>
              <dl className="police-facts">
                <dt>{t('dna.requestedOn')}</dt>
                <dd>{item.requestedOn}</dd>
                <dt>{t('dna.file')}</dt>
                <dd>{item.fileReference}</dd>
                <dt>{t('dna.request')}</dt>
                <dd>{item.requestReference}</dd>
                {item.reportReference && (
                  <>
                    <dt>{t('dna.reportReference')}</dt>
                    <dd>{item.reportReference}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ui-empty">{t(status === 'pending' ? 'dna.emptyPending' : 'dna.empty')}</p>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common:actions.loadMore')}
        </Button>
      )}
    </Panel>
  );
}

import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { StateTag } from '../../files';
import { useHandovers } from '../api';
import '../police.css';

/** 移交记录 (R1): the handovers the unit made, the newest first, and how far each file has come — no person data. */
export default function HandoversPage() {
  const { t } = useTranslation('police');
  const list = useHandovers();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Panel level={1} title={t('handovers.title')}>
      <p className="police-intro">{t('handovers.intro')}</p>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <p className="ui-empty">{t('common:states.loading')}</p>
      ) : items.length ? (
        <ul className="police-cards">
          {items.map((item) => (
            <li key={item.fileId} className="police-card" data-testid={`handover-${item.fileReference}`}>
              <div className="police-card-head">
                <h2 className="card-title">{item.policeCaseNumber}</h2>
                <StateTag state={item.fileState} />
              </div>
              <dl className="police-facts">
                <dt>{t('handovers.file')}</dt>
                <dd>{item.fileReference}</dd>
                <dt>{t('handovers.date')}</dt>
                <dd>{item.handoverDate}</dd>
                <dt>{t('handovers.place')}</dt>
                <dd>{item.place}</dd>
                <dt>{t('handovers.bureau')}</dt>
                <dd>{item.receivingBureau}</dd>
                <dt>{t('handovers.materials')}</dt>
                <dd>{t('handovers.materialsCount', { count: item.materialsCount })}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ui-empty">{t('handovers.empty')}</p>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common:actions.loadMore')}
        </Button>
      )}
    </Panel>
  );
}

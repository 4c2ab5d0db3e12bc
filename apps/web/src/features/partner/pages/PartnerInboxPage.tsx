import { Button, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { usePartnerInbox, type InboxFilter, type InboxItem } from '../api';
import { Deadline } from '../components/Deadline';
import { personLine } from '../components/labels';
import { StatusTag } from '../components/StatusTag';
import '../partner.css';

/**
 * 收件箱: the referrals sent to the partner's organisation, green channel
 * first, then the nearest deadline (the server's order, R18); each row the
 * kind, the person's minimal view (R16) and the deadline with the working days
 * left, overdue highlighted; open ones or all, keyset pages (加载更多).
 */
export default function PartnerInboxPage() {
  const { t } = useTranslation('partner');
  const [filter, setFilter] = useState<InboxFilter>('open');
  const inbox = usePartnerInbox(filter);
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];

  const row = (item: InboxItem) => {
    const kind = t(`referrals:kind.${item.kind}`, { defaultValue: item.label });
    return (
      <li key={item.id} className={item.deadline?.overdue ? 'partner-row partner-row-overdue' : 'partner-row'}>
        <div className="partner-row-head">
          <Link to={`/referrals/${item.id}`} className="partner-row-kind" aria-label={t('inbox.openLink', { kind: item.person?.name ? `${kind} · ${item.person.name}` : kind })}>
            {kind}
          </Link>
          {item.greenChannel && (
            <Tag color="gold" className="partner-tag-green">
              {t('referrals:greenChannel')}
            </Tag>
          )}
          <StatusTag status={item.status} />
        </div>
        <div className="partner-row-person">{item.person ? personLine(t, item.person) : <span className="ui-muted">{t('inbox.closedPerson')}</span>}</div>
        <div className="partner-row-meta">
          <span className="ui-muted">{t('inbox.reference', { reference: item.fileReference })}</span>
          {item.deadline && <Deadline deadline={item.deadline} />}
        </div>
      </li>
    );
  };

  return (
    <Panel
      level={1}
      title={t('inbox.title')}
      extra={
        <Segmented<InboxFilter>
          aria-label={t('inbox.filter')}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: t('inbox.open') },
            { value: 'all', label: t('inbox.all') },
          ]}
        />
      }
    >
      <p className="ui-muted partner-intro">{t('inbox.intro')}</p>
      <ErrorAlert error={inbox.error} />
      {inbox.isPending ? (
        <p className="ui-empty">{t('common:states.loading')}</p>
      ) : items.length ? (
        <ul className="partner-rows" data-testid="partner-inbox">
          {items.map(row)}
        </ul>
      ) : (
        <p className="ui-empty">{t('inbox.empty')}</p>
      )}
      {inbox.hasNextPage && (
        <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
          {t('common:actions.loadMore')}
        </Button>
      )}
    </Panel>
  );
}

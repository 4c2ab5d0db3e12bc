import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button, Segmented } from 'antd';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import '../police.css';

/** One card of a police list: its heading, a tag beside it, and its facts (a fact left out where its value is absent). */
export interface PoliceCard {
  key: string;
  testId: string;
  title: ReactNode;
  tag: ReactNode;
  facts: readonly (readonly [label: string, value: ReactNode] | false)[];
}

/** A status filter above a list: the chosen value and the choices, labelled. */
export interface StatusFilter<Status extends string> {
  value: Status;
  onChange: (value: Status) => void;
  options: readonly { value: Status; label: string }[];
}

/** A status filter's state: the first label's value chosen at first (pending, due). */
export function useStatusFilter<Status extends string>(labels: Record<Status, string>): StatusFilter<Status> {
  const options = (Object.keys(labels) as Status[]).map((value) => ({ value, label: labels[value] }));
  const [value, onChange] = useState<Status>(options[0].value);
  return { value, onChange, options };
}

/**
 * The police workspace's list page (R1, R9, R11): title and intro, an optional
 * status filter, the error, the cards or a quiet "none", and 加载更多 while the
 * keyset has a next page.
 */
export function PoliceList<Item, Status extends string = never>({
  title,
  intro,
  filter,
  list,
  empty,
  card,
}: {
  title: string;
  intro: string;
  filter?: StatusFilter<Status>;
  list: UseInfiniteQueryResult<InfiniteData<{ items: Item[] }>>;
  empty: string;
  card: (item: Item) => PoliceCard;
}) {
  const { t } = useTranslation();
  const cards = (list.data?.pages.flatMap((page) => page.items) ?? []).map(card);
  return (
    <Panel level={1} title={title}>
      <p className="police-intro">{intro}</p>
      {filter && <Segmented<Status> className="police-filter" value={filter.value} onChange={filter.onChange} options={filter.options.map((option) => ({ ...option }))} />}
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <p className="ui-empty">{t('states.loading')}</p>
      ) : cards.length ? (
        <ul className="police-cards">
          {cards.map((item) => (
            <li key={item.key} className="police-card" data-testid={item.testId}>
              <div className="police-card-head">
                <h2 className="card-title">{item.title}</h2>
                {item.tag}
              </div>
              <dl className="police-facts">
                {item.facts.map(
                  (fact) =>
                    fact && (
                      <Fragment key={fact[0]}>
                        <dt>{fact[0]}</dt>
                        <dd>{fact[1]}</dd>
                      </Fragment>
                    ),
                )}
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ui-empty">{empty}</p>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('actions.loadMore')}
        </Button>
      )}
    </Panel>
  );
}

import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button, Grid, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';

/** The list's filters kept in the URL (a reload or a shared link keeps them): read one, set or clear one. */
export function useUrlFilters<Name extends string>() {
  const [params, setParams] = useSearchParams();
  const get = (name: Name) => params.get(name) || undefined;
  const set = (name: Name, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return { params, get, set };
}

/** The row's first column: its name, and on a phone under it what the hidden columns say, so the actions fit without scrolling. */
export interface PrimaryColumn<Row> {
  title: string;
  render: (row: Row) => ReactNode;
  summary: (row: Row) => string;
}

/**
 * An administrators' directory page (users, organisations): the title and
 * its create button, a search and a select filter (and any further filter),
 * the error, a table keyset-paged by 加载更多; the dialogs as children.
 */
export function AdminTable<Row extends { id: string }>({
  title,
  create,
  notice,
  search,
  select,
  moreFilters,
  list,
  error,
  primary,
  wide,
  columns,
  children,
}: {
  title: string;
  create: { label: string; onClick: () => void; disabled?: boolean };
  notice?: string | null;
  search: { label: string; value: string | undefined; onSearch: (q: string | undefined) => void };
  select: { label: string; value: string | undefined; onChange: (value: string | undefined) => void; options: { value: string; label: string }[] };
  moreFilters?: ReactNode;
  list: UseInfiniteQueryResult<InfiniteData<{ items: Row[] }>>;
  error?: unknown;
  primary: PrimaryColumn<Row>;
  /** The columns a phone leaves out (the primary column's summary says them). */
  wide: ColumnsType<Row>;
  columns: ColumnsType<Row>;
  children?: ReactNode;
}) {
  const { t } = useTranslation('admin');
  const narrow = !Grid.useBreakpoint().md;
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const all: ColumnsType<Row> = [
    {
      title: primary.title,
      key: 'primary',
      render: (_, row) =>
        narrow ? (
          <>
            <div>{primary.render(row)}</div>
            <div className="ui-muted">{primary.summary(row)}</div>
          </>
        ) : (
          primary.render(row)
        ),
    },
    ...(narrow ? [] : wide),
    ...columns,
  ];
  return (
    <Panel
      level={1}
      title={title}
      extra={
        <Button type="primary" onClick={create.onClick} disabled={create.disabled}>
          {create.label}
        </Button>
      }
    >
      {notice && (
        <p role="status" className="admin-notice">
          {notice}
        </p>
      )}
      <div className="admin-filters">
        <Input.Search
          aria-label={search.label}
          placeholder={search.label}
          allowClear
          defaultValue={search.value}
          onSearch={(value) => search.onSearch(value.trim() || undefined)}
        />
        <Select
          aria-label={select.label}
          placeholder={select.label}
          allowClear
          value={select.value}
          onChange={(value?: string) => select.onChange(value)}
          options={select.options}
        />
        {moreFilters}
      </div>
      <ErrorAlert error={list.error ?? error} />
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={all}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
      />
      {list.hasNextPage && (
        <Button className="admin-result" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('more')}
        </Button>
      )}
      {children}
    </Panel>
  );
}

import { Button, Flex, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { FileListItem, PartnerFileListItem } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { AGE_BANDS, FILE_STATES, useFileList, type AgeBand, type FileFilters, type FileState } from '../api';
import { isMinor, MinorTag, StateTag } from '../components/StateTag';
import '../files.css';

type Row = FileListItem | PartnerFileListItem;

/** 个案档案: one search box, filters in the URL, keyset paging. */
export default function FilesPage() {
  const { t } = useTranslation('files');
  const [params, setParams] = useSearchParams();
  const filters = useMemo<FileFilters>(() => {
    const state = params.get('state') as FileState | null;
    const ageBand = params.get('ageBand') as AgeBand | null;
    return { ...(params.get('q') ? { q: params.get('q')! } : {}), ...(state ? { state } : {}), ...(ageBand ? { ageBand } : {}) };
  }, [params]);
  const list = useFileList(filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<Row> = [
    { title: t('columns.reference'), key: 'reference', render: (_, row) => <Link to={`/files/${row.id}`}>{row.reference}</Link> },
    {
      title: t('columns.name'),
      key: 'name',
      render: (_, row) =>
        row.audience === 'full' ? (
          <Space size={4} wrap>
            {row.name ?? t('unnamed')}
            {isMinor(row.age) && <MinorTag />}
            {/* Narrow screens drop the state column: the state goes beside the name. */}
            <span className="files-state-inline">
              <StateTag state={row.state} />
            </span>
          </Space>
        ) : (
          t('unnamed')
        ),
    },
    { title: t('columns.state'), key: 'state', render: (_, row) => (row.audience === 'full' ? <StateTag state={row.state} /> : null), responsive: ['sm'] },
    { title: t('columns.sex'), key: 'sex', render: (_, row) => (row.audience === 'full' ? t(`sex.${row.sex}`) : null), width: 70, responsive: ['md'] },
    { title: t('columns.age'), key: 'age', render: (_, row) => (row.audience === 'full' ? ageText(row.age, t) : null), width: 90, responsive: ['md'] },
    {
      title: t('columns.jurisdiction'),
      key: 'jurisdiction',
      render: (_, row) => (row.audience === 'full' ? row.responsibleJurisdiction.name : null),
      responsive: ['lg'],
    },
    { title: t('columns.caseworker'), key: 'caseworker', render: (_, row) => (row.audience === 'full' ? (row.caseworker ?? '—') : null), responsive: ['lg'] },
    {
      title: t('columns.openedAt'),
      key: 'openedAt',
      render: (_, row) => (row.audience === 'full' ? dayjs(row.openedAt).format('YYYY-MM-DD') : null),
      width: 110,
      responsive: ['md'],
    },
  ];

  return (
    <Panel level={1} title={t('title')}>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          allowClear
          enterButton={t('search.submit')}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ flex: '1 1 320px' }}
        />
        <Select
          aria-label={t('filters.state')}
          placeholder={t('filters.state')}
          allowClear
          value={filters.state}
          onChange={(value?: string) => setFilter('state', value)}
          options={FILE_STATES.map((state) => ({ value: state, label: t(`state.${state}`) }))}
          style={{ flex: '0 1 160px', minWidth: 140 }}
        />
        <Select
          aria-label={t('filters.ageBand')}
          placeholder={t('filters.ageBand')}
          allowClear
          value={filters.ageBand}
          onChange={(value?: string) => setFilter('ageBand', value)}
          options={AGE_BANDS.map((band) => ({ value: band, label: t(`ageBand.${band}`) }))}
          style={{ flex: '0 1 160px', minWidth: 140 }}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Row> rowKey="id" columns={columns} dataSource={rows} loading={list.isPending} pagination={false} size="middle" scroll={{ x: 'max-content' }} />
      <Flex justify="center" style={{ marginTop: 16 }}>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common:states.noMore')}</Typography.Text>
        )}
      </Flex>
    </Panel>
  );
}

function ageText(age: { min: number; max: number } | null, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (!age) return '—';
  return age.min === age.max ? t('age.exact', { age: age.min }) : t('age.range', { min: age.min, max: age.max });
}

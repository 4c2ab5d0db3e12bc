import { Button, Flex, Input, Select, Table, Typography, type SelectProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { FileListItem, PartnerFileListItem } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useMe } from '../../../shared/auth/me';
import { reaches, useScreenWidth, type Breakpoint } from '../../../shared/lib/useScreenWidth';
import { useOrganisations } from '../../intake';
import { AGE_BANDS, FILE_STATES, FILTER_PARAMS, filtersFromUrl, INSTITUTION_KINDS, useFileList } from '../api';
import { JurisdictionCascader } from '../components/JurisdictionCascader';
import { isMinor, MinorTag, StateTag } from '../components/StateTag';
import '../files.css';

type Row = FileListItem | PartnerFileListItem;

const MINOR_VALUES = ['true', 'false'] as const;

/** 个案档案: one search box, filters in the URL, keyset paging. */
export default function FilesPage() {
  const { t } = useTranslation('files');
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromUrl(params), [params]);
  const list = useFileList(filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const jurisdiction = me?.organisation.jurisdictionCode;
  // Files are placed mostly within the province: its institutions are the choice.
  const institutions = useOrganisations(INSTITUTION_KINDS, jurisdiction ? `${jurisdiction.slice(0, 2)}0000` : undefined);

  const setFilter = (name: (typeof FILTER_PARAMS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const select = (name: 'state' | 'minor' | 'ageBand' | 'institutionId', options: { value: string; label: string }[], extra: SelectProps = {}) => (
    <Select
      aria-label={t(`filters.${name}`)}
      placeholder={t(`filters.${name}`)}
      allowClear
      value={filters[name]}
      onChange={(value?: string) => setFilter(name, value)}
      options={options}
      style={{ flex: '0 1 160px', minWidth: 140 }}
      {...extra}
    />
  );

  const width = useScreenWidth();
  // The same columns from render to render (antd redraws every cell when they change); each column only at the width it fits.
  const columns = useMemo<ColumnsType<Row>>(() => {
    const at = (breakpoint: Breakpoint, column: ColumnsType<Row>[number]) => (reaches(width, breakpoint) ? [column] : []);
    // Narrow screens drop the state column: the state goes beside the name (one tag per row either way).
    const stateInline = !reaches(width, 'sm');
    return [
      { title: t('columns.reference'), key: 'reference', render: (_, row) => <Link to={`/files/${row.id}`}>{row.reference}</Link> },
      {
        title: t('columns.name'),
        key: 'name',
        render: (_, row) =>
          row.audience === 'full' ? (
            <span className="files-name">
              {row.name ?? t('unnamed')}
              {isMinor(row.age) && <MinorTag />}
              {stateInline && <StateTag state={row.state} />}
            </span>
          ) : (
            t('unnamed')
          ),
      },
      ...at('sm', { title: t('columns.state'), key: 'state', render: (_, row) => (row.audience === 'full' ? <StateTag state={row.state} /> : null) }),
      ...at('md', { title: t('columns.sex'), key: 'sex', render: (_, row) => (row.audience === 'full' ? t(`sex.${row.sex}`) : null), width: 70 }),
      ...at('md', { title: t('columns.age'), key: 'age', render: (_, row) => (row.audience === 'full' ? ageText(row.age, t) : null), width: 90 }),
      ...at('lg', { title: t('columns.jurisdiction'), key: 'jurisdiction', render: (_, row) => (row.audience === 'full' ? row.responsibleJurisdiction.name : null) }),
      ...at('lg', { title: t('columns.caseworker'), key: 'caseworker', render: (_, row) => (row.audience === 'full' ? (row.caseworker ?? '—') : null) }),
      ...at('md', {
        title: t('columns.openedAt'),
        key: 'openedAt',
        render: (_, row) => (row.audience === 'full' ? dayjs(row.openedAt).format('YYYY-MM-DD') : null),
        width: 110,
      }),
    ];
  }, [t, width]);

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
        {select(
          'state',
          FILE_STATES.map((state) => ({ value: state, label: t(`state.${state}`) })),
        )}
        {select(
          'minor',
          MINOR_VALUES.map((value) => ({ value, label: t(`minorFilter.${value}`) })),
          { style: { flex: '0 1 180px', minWidth: 170 } },
        )}
        {select(
          'ageBand',
          AGE_BANDS.map((band) => ({ value: band, label: t(`ageBand.${band}`) })),
        )}
        {select(
          'institutionId',
          (institutions.data ?? []).map((institution) => ({ value: institution.id, label: institution.name })),
          { showSearch: { optionFilterProp: 'label' }, loading: institutions.isPending, style: { flex: '0 1 240px', minWidth: 180 } },
        )}
        {/* A county has no division below it to choose. */}
        {jurisdiction?.endsWith('00') && (
          <JurisdictionCascader root={jurisdiction} value={filters.jurisdiction} onChange={(code) => setFilter('jurisdiction', code)} label={t('filters.jurisdiction')} />
        )}
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

import { Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FileListItem, PartnerFileListItem } from '../../../generated/types.gen';
import { reaches, useScreenWidth, type Breakpoint } from '../../../shared/lib/useScreenWidth';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useFileList, type FileFilters } from '../api';
import { isMinor, MinorTag, StateTag } from './StateTag';

type Row = FileListItem | PartnerFileListItem;
const NO_ROWS: Row[] = [];

/**
 * The files found, keyset paged (加载更多). Its own component: the answer
 * redraws the table alone, not the search box and the filters above it.
 */
export const FileListTable = memo(function FileListTable({ filters }: { filters: FileFilters }) {
  const { t } = useTranslation('files');
  const list = useFileList(filters);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? NO_ROWS, [list.data]);
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
    <>
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
    </>
  );
});

function ageText(age: { min: number; max: number } | null, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (!age) return '—';
  return age.min === age.max ? t('age.exact', { age: age.min }) : t('age.range', { min: age.min, max: age.max });
}
